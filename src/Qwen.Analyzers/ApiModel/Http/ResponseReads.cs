using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Qwen.Analyzers.Flow;

namespace Qwen.Analyzers.ApiModel;

/// <summary>How the code reads the body of a response a send returns.</summary>
internal enum BodyRead
{
    /// <summary>Not read in the method, or in a way not read here (handed on, returned, stored).</summary>
    Unknown,
    /// <summary>As a stream: <c>ReadAsStreamAsync</c>, <c>ReadAsStream</c>, <c>CopyToAsync</c>, <c>ReadFromJsonAsAsyncEnumerable</c>.</summary>
    Stream,
    /// <summary>Whole: <c>ReadAsStringAsync</c>, <c>ReadAsByteArrayAsync</c>, <c>ReadFromJsonAsync</c>, <c>LoadIntoBufferAsync</c>.</summary>
    Whole,
    /// <summary>Whole as text, then split into lines or events (<c>text.Split('\n')</c>, <c>new StringReader(text)</c>).</summary>
    WholeIntoEvents,
}

/// <summary>
/// What a method does with the response of one send: <c>var response = await http.SendAsync(…);</c> (with or without
/// <c>using</c>, <c>ConfigureAwait</c>) and each read of <c>response.Content</c>, or a read of <c>(await send).Content</c>.
/// Status checks and disposal read no body; any other use leaves the reading unknown.
/// </summary>
internal readonly struct ResponseReads
{
    private ResponseReads(BodyRead kind, string? method)
    {
        Kind = kind;
        Method = method;
    }

    public BodyRead Kind { get; }

    /// <summary>The read method that decided <see cref="Kind"/> (for messages).</summary>
    public string? Method { get; }

    private static readonly ResponseReads Unknown = new(BodyRead.Unknown, null);

    public static ResponseReads Of(IInvocationOperation send)
    {
        IOperation value = Awaits.WithConfigureAwait(send);
        if (value.Parent is IAwaitOperation awaited)
            value = awaited;
        else if (!send.TargetMethod.ReturnsVoid && send.TargetMethod.Name != "Send")
            return Unknown;   // a task handed on: read elsewhere
        while (value.Parent is IConversionOperation conversion)
            value = conversion;

        if (value.Parent is IPropertyReferenceOperation { Property.Name: "Content" } inline && inline.Instance == value)
            return OfContent(inline);
        if (value.Parent is not IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
            return Unknown;

        var result = new ResponseReads(BodyRead.Unknown, null);
        var any = false;
        foreach (var reference in ValueFlow.References(declarator.Symbol, ValueFlow.GetRoot(send)))
        {
            if (ValueFlow.IsWrite(reference))
                return Unknown;
            switch (reference.Parent)
            {
                case IPropertyReferenceOperation { Property.Name: "Content" } content when content.Instance == reference:
                    var read = OfContent(content);
                    if (read.Kind == BodyRead.Unknown)
                        return Unknown;
                    // A stream read anywhere decides: the code reads as it arrives there.
                    if (!any || read.Kind == BodyRead.Stream || result.Kind == BodyRead.Whole && read.Kind == BodyRead.WholeIntoEvents)
                        result = read;
                    any = true;
                    break;
                case IPropertyReferenceOperation { Property.Name: "StatusCode" or "IsSuccessStatusCode" or "ReasonPhrase" or "Headers" }:
                case IInvocationOperation { TargetMethod.Name: "EnsureSuccessStatusCode" or "Dispose" }:
                    break;
                default:
                    return Unknown;
            }
        }

        return any ? result : Unknown;
    }

    /// <summary><c>response.Content.Read…()</c> (an instance call, or an extension such as <c>ReadFromJsonAsync</c>).</summary>
    private static ResponseReads OfContent(IPropertyReferenceOperation content)
    {
        var call = content.Parent switch
        {
            IInvocationOperation instance when instance.Instance == content => instance,
            IArgumentOperation { Parent: IInvocationOperation extension } when extension.TargetMethod.IsExtensionMethod => extension,
            _ => null,
        };
        var name = call?.TargetMethod.Name;
        switch (name)
        {
            case "ReadAsStreamAsync" or "ReadAsStream" or "CopyToAsync" or "CopyTo" or "ReadFromJsonAsAsyncEnumerable":
                return new ResponseReads(BodyRead.Stream, name);
            case "ReadAsStringAsync":
                return new ResponseReads(SplitIntoEvents(call!) ? BodyRead.WholeIntoEvents : BodyRead.Whole, name);
            case "ReadAsByteArrayAsync" or "ReadFromJsonAsync" or "LoadIntoBufferAsync":
                return new ResponseReads(BodyRead.Whole, name);
            default:
                return Unknown;
        }
    }

    /// <summary>The text read is split into lines: <c>text.Split(…)</c>, <c>new StringReader(text)</c>, directly or through a local.</summary>
    private static bool SplitIntoEvents(IInvocationOperation read)
    {
        IOperation value = Awaits.WithConfigureAwait(read);
        if (value.Parent is not IAwaitOperation awaited)
            return false;
        if (IsSplit(awaited))
            return true;
        if (awaited.Parent is not IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
            return false;
        foreach (var reference in ValueFlow.References(declarator.Symbol, ValueFlow.GetRoot(read)))
        {
            if (IsSplit(reference))
                return true;
        }

        return false;
    }

    private static bool IsSplit(IOperation text)
    {
        var parent = text.Parent;
        while (parent is IConversionOperation or IParenthesizedOperation)
            parent = parent.Parent;
        return parent is IInvocationOperation { TargetMethod.Name: "Split" } split && split.Instance is not null && Unwrapped(split.Instance) == Unwrapped(text)
               || parent is IArgumentOperation { Parent: IObjectCreationOperation { Type.Name: "StringReader" } };
    }

    private static IOperation Unwrapped(IOperation operation) => ValueFlow.Unwrap(operation);
}
