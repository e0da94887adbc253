using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Qwen.Analyzers.ApiModel;
using Qwen.Analyzers.Flow;

namespace Qwen.Analyzers.Rules;

/// <summary>
/// QW0015 (a suggestion): an image, audio or video sent inside the request as base64 — the OpenAI SDK's
/// <c>ChatMessageContentPart.CreateImagePart(BinaryData, …)</c> / <c>CreateInputAudioPart</c>, Microsoft.Extensions.AI's
/// <c>new DataContent(bytes, mediaType)</c>, Semantic Kernel's <c>new ImageContent(bytes, mimeType)</c> /
/// <c>AudioContent</c>, or a <c>data:image|audio|video/…;base64,</c> URI built with <c>Convert.ToBase64String</c> and put
/// where a request takes a URL — in a method that calls Qwen. The size is not known at compile time, hence a suggestion.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MediaInlineAnalyzer : QwenDiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.QW0015_MediaInline);

    private static readonly string[] MediaPrefixes = { "data:image/", "data:audio/", "data:video/" };

    private protected override void Register(QwenRegistration registration)
    {
        var api = registration.Api;
        registration.OnOperation(c => Analyze(c, api), OperationKind.Invocation, OperationKind.ObjectCreation, OperationKind.InterpolatedString, OperationKind.Binary);
    }

    private static void Analyze(OperationAnalysisContext context, QwenApi api)
    {
        if (Describe(context.Operation) is not { } what || !CallsQwen(ValueFlow.GetRoot(context.Operation), api))
            return;
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.QW0015_MediaInline, context.Operation.Syntax.GetLocation(), what));
    }

    /// <summary>What the operation puts inline, for the message; null when it is not an inline medium.</summary>
    private static string? Describe(IOperation operation)
    {
        switch (operation)
        {
            case IInvocationOperation { TargetMethod: { Name: "CreateImagePart" or "CreateInputAudioPart", ContainingType.Name: "ChatMessageContentPart" } method }
                when method.ContainingType.ContainingNamespace?.ToDisplayString() == "OpenAI.Chat" && FirstParameterIsBytes(method):
                return $"ChatMessageContentPart.{method.Name}(BinaryData, …)";
            case IObjectCreationOperation { Constructor: { ContainingType.Name: "DataContent" } constructor }
                when constructor.ContainingType.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.AI" && FirstParameterIsBytes(constructor) && IsMedia(operation, "mediaType"):
                return "new DataContent(bytes, …)";
            case IObjectCreationOperation { Constructor: { ContainingType.Name: "ImageContent" or "AudioContent" } constructor }
                when constructor.ContainingType.ContainingNamespace?.ToDisplayString() == "Microsoft.SemanticKernel" && FirstParameterIsBytes(constructor):
                return $"new {constructor.ContainingType.Name}(bytes, …)";
            // Strings are checked at their first piece before anything is walked: most additions and interpolations in a
            // project are something else.
            case IInterpolatedStringOperation { Parts.Length: > 1 } interpolated
                when interpolated.Parts[0] is IInterpolatedStringTextOperation { Text.ConstantValue.Value: string first } && StartsAsDataUri(first)
                     && IsBase64DataUri(interpolated) && GoesWhereAUrlGoes(interpolated):
                return "a base64 data URI";
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String } concatenation
                when concatenation.Parent is not IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } && LeftmostText(concatenation) is { } first && StartsAsDataUri(first)
                     && IsBase64DataUri(concatenation) && GoesWhereAUrlGoes(concatenation):
                return "a base64 data URI";
            default:
                return null;
        }
    }

    private static bool StartsAsDataUri(string text) => text.StartsWith("data:", StringComparison.OrdinalIgnoreCase);

    private static string? LeftmostText(IBinaryOperation concatenation)
    {
        IOperation left = concatenation;
        while (left is IBinaryOperation binary)
            left = binary.LeftOperand;
        return ValueFlow.Unwrap(left).ConstantValue.Value as string;
    }

    private static bool FirstParameterIsBytes(IMethodSymbol method)
        => method.Parameters.Length > 0 && method.Parameters[0].Type is { Name: "BinaryData" } or INamedTypeSymbol { Name: "ReadOnlyMemory" or "Memory" } or IArrayTypeSymbol;

    /// <summary>A <c>DataContent</c> whose media type is an image, audio or video (or not a constant: taken as one).</summary>
    private static bool IsMedia(IOperation creation, string parameter)
    {
        foreach (var argument in ((IObjectCreationOperation)creation).Arguments)
        {
            if (argument.Parameter?.Name == parameter)
                return ValueFlow.Unwrap(argument.Value).ConstantValue.Value is not string type || type.StartsWith("image/", StringComparison.OrdinalIgnoreCase)
                       || type.StartsWith("audio/", StringComparison.OrdinalIgnoreCase) || type.StartsWith("video/", StringComparison.OrdinalIgnoreCase);
        }

        return true;
    }

    /// <summary><c>$"data:image/png;base64,{Convert.ToBase64String(bytes)}"</c>, or the same concatenated.</summary>
    private static bool IsBase64DataUri(IOperation text)
    {
        var constant = "";
        var encoded = false;
        foreach (var part in text.DescendantsAndSelf())
        {
            switch (part)
            {
                case IInterpolatedStringTextOperation { Text: ILiteralOperation { ConstantValue.Value: string literal } }:
                    constant += literal;
                    break;
                case ILiteralOperation { ConstantValue.Value: string literal } when part.Parent is IBinaryOperation:
                    constant += literal;
                    break;
                case IInvocationOperation { TargetMethod: { Name: "ToBase64String" } method } when method.ContainingType.ToDisplayString() == "System.Convert":
                    encoded = true;
                    break;
            }
        }

        if (!encoded || constant.IndexOf(";base64,", StringComparison.OrdinalIgnoreCase) < 0)
            return false;
        foreach (var prefix in MediaPrefixes)
        {
            if (constant.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                return true;
        }

        return false;
    }

    /// <summary>
    /// The URI (directly or through a local) set as a request member named for a medium or a URL (<c>url</c>,
    /// <c>image</c>, <c>audio</c>, <c>video</c>, <c>data</c>, <c>image_url</c>), or passed to <c>new Uri(…)</c> or a
    /// content type: where a request carries the medium. A data URI built for a page or a log is left alone.
    /// </summary>
    private static bool GoesWhereAUrlGoes(IOperation text)
    {
        var value = text;
        while (value.Parent is IConversionOperation or IParenthesizedOperation)
            value = value.Parent;
        if (value.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
        {
            foreach (var reference in ValueFlow.References(declarator.Symbol, ValueFlow.GetRoot(text)))
            {
                if (IsUrlSlot(reference))
                    return true;
            }

            return false;
        }

        return IsUrlSlot(value);
    }

    private static bool IsUrlSlot(IOperation value)
    {
        var current = value;
        while (current.Parent is IConversionOperation)
            current = current.Parent;
        switch (current.Parent)
        {
            // new { url = uri }, new ImageUrl { Url = uri }
            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: false, Property.Name: var name } } when IsMediaMember(name):
                return true;
            // new JsonObject { ["url"] = uri }
            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true } indexer }
                when indexer.Arguments.Length == 1 && indexer.Arguments[0].Value.ConstantValue.Value is string key:
                return IsMediaMember(key);
            case IArgumentOperation { Parent: IObjectCreationOperation { Type.Name: "Uri" or "DataContent" or "ImageContent" or "AudioContent" or "UriContent" } }:
                return true;
            default:
                return false;
        }
    }

    private static bool IsMediaMember(string name)
        => name.Equals("url", StringComparison.OrdinalIgnoreCase) || name.Equals("image", StringComparison.OrdinalIgnoreCase) || name.Equals("audio", StringComparison.OrdinalIgnoreCase)
           || name.Equals("video", StringComparison.OrdinalIgnoreCase) || name.Equals("data", StringComparison.OrdinalIgnoreCase) || name.Equals("image_url", StringComparison.OrdinalIgnoreCase);

    /// <summary>The method (or handler) that builds the medium also makes a Qwen call: the request it builds goes to Qwen.</summary>
    private static bool CallsQwen(IOperation root, QwenApi api)
    {
        foreach (var operation in root.Descendants())
        {
            if (operation is IInvocationOperation invocation && api.MayBeCall(invocation.TargetMethod) && api.TryGetCall(invocation, out _))
                return true;
        }

        return false;
    }
}
