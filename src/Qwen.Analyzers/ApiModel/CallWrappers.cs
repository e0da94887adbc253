using System.Collections.Concurrent;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Qwen.Analyzers.Flow;

namespace Qwen.Analyzers.ApiModel;

/// <summary>An awaited model call: the invocation awaited (a client call, a stream collector, a wrapper of the project) and the Qwen call behind it.</summary>
internal readonly struct AwaitedModelCall
{
    public AwaitedModelCall(IInvocationOperation invocation, CallSite call, string displayName, string? otherProject = null)
    {
        OtherProject = otherProject;
        Invocation = invocation;
        Call = call;
        DisplayName = displayName;
    }

    /// <summary>What the <c>await</c> waits for, as written.</summary>
    public IInvocationOperation Invocation { get; }

    /// <summary>The Qwen call behind it.</summary>
    public CallSite Call { get; }

    /// <summary>For messages: <c>ChatClient.CompleteChatAsync</c>, or <c>DashScopeRest.GenerateAsync (HttpClient.SendAsync)</c> for a wrapper.</summary>
    public string DisplayName { get; }

    /// <summary>The project whose source showed the call when it is another project's (<see cref="CallWrapper.OtherProject"/>); null otherwise.</summary>
    public string? OtherProject { get; }

    /// <summary>Where diagnostics go: the client call's name when it is written here (inside a stream collector too), else the awaited method's.</summary>
    public Location NameLocation => Invocation.Syntax.Span.Contains(Call.Invocation.Syntax.Span) && Invocation.Syntax.SyntaxTree == Call.Invocation.Syntax.SyntaxTree
        ? Call.NameLocation
        : SyntaxHelpers.GetNameLocation(Invocation.Syntax);
}

/// <summary>A method of the project that makes a Qwen call for its caller (a service layer, a thin REST client).</summary>
internal sealed class CallWrapper
{
    public CallWrapper(CallSite call, bool isIsolated, string? otherProject = null)
    {
        Call = call;
        IsIsolated = isIsolated;
        OtherProject = otherProject;
    }

    /// <summary>The Qwen call the wrapper makes (through further wrappers, the innermost).</summary>
    public CallSite Call { get; }

    /// <summary>
    /// True when the wrapper changes nothing its caller could see (no field, property or static written, no shared
    /// object changed; logging aside): two calls of it may run at the same time.
    /// </summary>
    public bool IsIsolated { get; }

    /// <summary>
    /// The project whose source shows the call, when the wrapper (or one it goes through) is another project's, read
    /// through <see cref="ReferencedProjects"/>; null when this project's source shows it. A command-line build sees
    /// that project as an assembly and cannot find the call: a finding that needs it is reported as a suggestion.
    /// </summary>
    public string? OtherProject { get; }
}

/// <summary>
/// Real code reaches Qwen through the project's own methods: <c>await _qwen.GenerateAsync(…)</c> in a loop, two
/// service calls awaited one after another, <c>PollOnceAsync(taskId)</c> in a polling loop. A call to such a method —
/// two levels deep at most, through an interface the project implements once — stands for the call it makes. A method
/// of another project of the solution is read through that project's own model, where the IDE or <c>dotnet format</c>
/// hands the project over as a compilation (<see cref="ReferencedProjects"/>).
/// </summary>
internal sealed class CallWrappers
{
    // As deep as QW0002 follows a handler into the project (four calls): apps nest a service over a client over a helper.
    private const int MaximumDepth = 4;

    private readonly QwenApi _api;
    private readonly ConcurrentDictionary<IMethodSymbol, CallWrapper?> _wrappers = new(SymbolEqualityComparer.Default);

    public CallWrappers(QwenApi api) => _api = api;

    /// <summary>The wrapper an invocation calls, when it is one.</summary>
    public CallWrapper? Of(IInvocationOperation invocation) => Of(invocation.TargetMethod, depth: 1);

    private CallWrapper? Of(IMethodSymbol method, int depth)
    {
        if (depth > MaximumDepth)
            return null;
        if (!_api.Sources.IsOwn(method))
        {
            return _api.Projects.Find(method) is { } other && other.Api.Wrappers.Of(other.Method, depth) is { } wrapper
                ? new CallWrapper(wrapper.Call, wrapper.IsIsolated, wrapper.OtherProject ?? other.Name)
                : null;
        }

        var target = _api.Sources.SingleImplementation(method) ?? method;
        return _wrappers.GetOrAdd(target.OriginalDefinition, m => Read(m, depth));
    }

    private CallWrapper? Read(IMethodSymbol method, int depth)
    {
        if (_api.Sources.Body(method) is not { } body)
            return null;
        CallSite? call = null;
        string? otherProject = null;
        var isolated = true;
        foreach (var operation in body.Descendants())
        {
            switch (operation)
            {
                case IInvocationOperation invocation when _api.TryGetCall(invocation, out var direct):
                    call ??= direct;
                    break;
                case IInvocationOperation invocation when Of(invocation.TargetMethod, depth + 1) is { } inner:
                    if (call is null)
                    {
                        call = inner.Call;
                        otherProject = inner.OtherProject;
                    }

                    isolated &= inner.IsIsolated;
                    break;
                case IInvocationOperation invocation when !LeavesStateAlone(invocation):
                    isolated = false;
                    break;
                case IAssignmentOperation assignment when !IsLocalTarget(assignment.Target):
                    isolated = false;
                    break;
                case IIncrementOrDecrementOperation increment when !IsLocalTarget(increment.Target):
                    isolated = false;
                    break;
            }
        }

        return call is null ? null : new CallWrapper(call, isolated, otherProject);
    }

    /// <summary>A write to a local (or a member of an object created in the method): nobody else sees it.</summary>
    private static bool IsLocalTarget(IOperation target)
    {
        var current = ValueFlow.Unwrap(target);
        while (current is IMemberReferenceOperation { Instance: { } instance } and not IFieldReferenceOperation { Field.IsStatic: true })
            current = ValueFlow.Unwrap(instance);
        while (current is IArrayElementReferenceOperation element)
            current = ValueFlow.Unwrap(element.ArrayReference);
        return current is ILocalReferenceOperation or IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver };
    }

    /// <summary>
    /// Calls that change nothing a caller shares: on locals and values made in the method, pure statics, reads of a
    /// response, logging, cancellation checks. A call on a field or a parameter may change shared state.
    /// </summary>
    private bool LeavesStateAlone(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (method.Name is "EnsureSuccessStatusCode" or "ThrowIfCancellationRequested" or "ConfigureAwait" or "Dispose" or "DisposeAsync"
            || method.ContainingType?.Name is "LoggerExtensions" or "ILogger" || method.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.Logging")
        {
            return true;
        }

        if (invocation.Instance is null)
            return method.IsStatic && (!_api.Sources.IsOwn(method) || IsPureHelper(method));
        var receiver = ValueFlow.Unwrap(invocation.Instance);
        while (receiver is IMemberReferenceOperation { Instance: { } inner })
            receiver = ValueFlow.Unwrap(inner);
        // Reading the response, its content and the JSON inside it.
        if (method.Name.StartsWith("Read", System.StringComparison.Ordinal) || method.Name.StartsWith("Get", System.StringComparison.Ordinal) || method.Name is "ToString" or "Trim")
            return true;
        // An implicit receiver is the object an initializer is building (Messages = { … } adds to the new request's list).
        return receiver is ILocalReferenceOperation or IObjectCreationOperation or ILiteralOperation or IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver }
               || receiver.Type?.SpecialType == SpecialType.System_String;
    }

    /// <summary>A static helper of the project that returns something built from its arguments (a request builder, a URL).</summary>
    private bool IsPureHelper(IMethodSymbol method)
        => _api.Sources.Body(method) is { } body && !body.Descendants().Any(o => o is IAssignmentOperation assignment && !IsLocalTarget(assignment.Target));
}
