using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Qwen.Analyzers.ApiModel;
using Qwen.Analyzers.Flow;

namespace Qwen.Analyzers.Rules;

/// <summary>
/// QW0008: a <c>cache_control</c> marker that cannot take effect — on the only text part of an OpenAI SDK message
/// (sent as a plain string, the marker dropped), on a constant block under 1024 tokens, after varying content, the
/// fifth or later marker of one method, or set through Microsoft.Extensions.AI <c>AdditionalProperties</c> or Semantic
/// Kernel <c>ExtensionData</c>, which those clients drop.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CacheMarkerAnalyzer : QwenDiagnosticAnalyzer
{
    private const string Marker = "cache_control";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.QW0008_CacheMarker);

    private protected override void Register(QwenRegistration registration)
    {
        var api = registration.Api;
        if (api.HasClientLibrary)
        {
            registration.OnOperation(c => AnalyzePatch(c, api), OperationKind.Invocation);
            registration.OnOperation(AnalyzeDictionary, OperationKind.SimpleAssignment);
        }

        if (api.ReadsRequestBodies)
            registration.OnCall((c, call, _) => AnalyzeBody(c, call), kind: null);
    }

    /// <summary>Markers written into a hand-built request body (anonymous objects, DTOs, JObject, JSON text).</summary>
    private static void AnalyzeBody(OperationAnalysisContext context, CallSite call)
    {
        if (call.Surface != ClientSurface.DashScopeHttp)
            return;
        foreach (var (location, reason) in BodyMarkers.Lost(call))
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.QW0008_CacheMarker, location, reason));
    }

    /// <summary><c>part.Patch.Set("$.cache_control"u8, …)</c> on an OpenAI content part.</summary>
    private static void AnalyzePatch(OperationAnalysisContext context, QwenApi api)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.TargetMethod.Name != "Set" || invocation.TargetMethod.ContainingType?.Name != "JsonPatch"
            || invocation.Arguments.Length < 1 || PatchPath(invocation.Arguments[0].Value) != "$." + Marker
            || invocation.Instance is not IPropertyReferenceOperation { Property.Name: "Patch", Instance: ILocalReferenceOperation partLocal })
        {
            if (IsDictionaryAdd(invocation))
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.QW0008_CacheMarker, invocation.Syntax.GetLocation(), DroppedReason(DictionaryOwner(invocation.Instance, invocation))));
            return;
        }

        var root = ValueFlow.GetRoot(invocation);
        if (ValueFlow.GetSingleValue(partLocal.Local, root) is not IInvocationOperation { TargetMethod.Name: "CreateTextPart", Arguments.Length: 1 } creation)
            return;

        // Where the part goes: the messages built from it in this method.
        var text = creation.Arguments[0].Value;
        foreach (var reference in ValueFlow.References(partLocal.Local, root))
        {
            // Up through conversions, the params array and the argument to the message creation.
            IOperation? message = reference.Parent;
            while (message is IConversionOperation or IArrayInitializerOperation or IArrayCreationOperation or IArgumentOperation)
                message = message.Parent;
            if (message is IObjectCreationOperation messageCreation && api.OpenAI.ChatMessage is not null && QwenApi.InheritsFrom(messageCreation.Type, api.OpenAI.ChatMessage))
            {
                var parts = PartsOf(messageCreation);
                if (parts.Length == 1)
                {
                    var fixable = QwenApi.Is(messageCreation.Type, api.Prompts.SystemChatMessage) && api.Bcl.QwenCache is not null;
                    var fix = new CacheMarkerFix(fixable, messageCreation.Syntax.GetLocation(), creation.Syntax.GetLocation());
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.QW0008_CacheMarker, invocation.Syntax.GetLocation(), fix.Locations(), fix.ToProperties(),
                        "it is on the message's only text part, which the OpenAI SDK sends as a plain string, dropping the marker"
                        + (QwenApi.Is(messageCreation.Type, api.Prompts.SystemChatMessage) ? HelperPackage.NoteUnless(api.Bcl.QwenCache, HelperPackage.Cache) : "")));
                    return;
                }

                var index = parts.IndexOf(ValueFlow.Unwrap(reference));
                if (index > 0 && parts.Take(index).Any(p => !IsConstantTextPart(p)))
                {
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.QW0008_CacheMarker, invocation.Syntax.GetLocation(),
                        "it follows a part whose content varies, so the cached prefix differs on every request"));
                    return;
                }
            }
        }

        if (ValueFlow.Unwrap(text).ConstantValue.Value is string constant && QwenLimits.EstimateTokens(constant) < QwenLimits.ExplicitCacheMinimumTokens)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.QW0008_CacheMarker, invocation.Syntax.GetLocation(),
                $"the marked text is about {QwenLimits.EstimateTokens(constant)} tokens, under the {QwenLimits.ExplicitCacheMinimumTokens}-token minimum of an explicit cache block"));
            return;
        }

        var markers = root.Descendants().OfType<IInvocationOperation>()
            .Where(i => i.TargetMethod.Name == "Set" && i.Arguments.Length > 0 && PatchPath(i.Arguments[0].Value) == "$." + Marker)
            .OrderBy(i => i.Syntax.SpanStart).ToList();
        if (markers.IndexOf(invocation) >= QwenLimits.MaximumCacheMarkers)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.QW0008_CacheMarker, invocation.Syntax.GetLocation(),
                $"a request takes at most {QwenLimits.MaximumCacheMarkers} markers; this is marker {markers.IndexOf(invocation) + 1} in this method"));
        }
    }

    /// <summary>
    /// <c>x.AdditionalProperties["cache_control"] = …</c> (M.E.AI) and <c>settings.ExtensionData["cache_control"] = …</c> (SK),
    /// later or in an initializer (<c>AdditionalProperties = new() { ["cache_control"] = … }</c>).
    /// </summary>
    private static void AnalyzeDictionary(OperationAnalysisContext context)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer
            && ValueFlow.Unwrap(indexer.Arguments[0].Value).ConstantValue.Value as string == Marker
            && DictionaryOwner(indexer.Instance, assignment) is { } dictionary)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.QW0008_CacheMarker, assignment.Syntax.GetLocation(), DroppedReason(dictionary)));
        }
    }

    private static bool IsDictionaryAdd(IInvocationOperation invocation)
        => invocation.TargetMethod.Name is "Add" or "TryAdd" && invocation.Arguments.Length == 2
           && ValueFlow.Unwrap(invocation.Arguments[0].Value).ConstantValue.Value as string == Marker
           && DictionaryOwner(invocation.Instance, invocation) is not null;

    /// <summary>
    /// The client property a dictionary write goes to: <c>options.AdditionalProperties</c> written directly, or the
    /// dictionary an initializer fills (<c>AdditionalProperties = new() { … }</c>, <c>AdditionalProperties = { … }</c>).
    /// </summary>
    private static IPropertyReferenceOperation? DictionaryOwner(IOperation? instance, IOperation write)
    {
        if (instance is IPropertyReferenceOperation { Property.Name: "AdditionalProperties" or "ExtensionData" } direct)
            return IsClientType(direct.Property.ContainingType) ? direct : null;
        if (instance is not IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } || write.Parent is not IObjectOrCollectionInitializerOperation initializer)
            return null;
        var owner = initializer.Parent switch
        {
            IMemberInitializerOperation { InitializedMember: IPropertyReferenceOperation member } => member,
            IObjectCreationOperation creation => (creation.Parent is IConversionOperation conversion ? conversion.Parent : creation.Parent) is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation assigned } ? assigned : null,
            _ => null,
        };
        return owner is { Property.Name: "AdditionalProperties" or "ExtensionData" } && IsClientType(owner.Property.ContainingType) ? owner : null;
    }

    private static string DroppedReason(IOperation? dictionary)
        => dictionary is IPropertyReferenceOperation { Property.Name: "ExtensionData" }
            ? "Semantic Kernel does not send ExtensionData keys it does not know; add Qwen.Latency's QwenCachePolicy to the OpenAIClient you give Semantic Kernel, which marks the system prompt on the wire"
            : "Microsoft.Extensions.AI's OpenAI adapter never sends AdditionalProperties; use QwenCache.ExtensionsAISystemMessage(staticPrefix), which sends the marker through RawRepresentation";

    private static bool IsClientType(INamedTypeSymbol type)
    {
        var ns = type.ContainingNamespace?.ToDisplayString() ?? "";
        return ns.StartsWith("Microsoft.Extensions.AI", System.StringComparison.Ordinal) || ns.StartsWith("Microsoft.SemanticKernel", System.StringComparison.Ordinal);
    }

    private static string? PatchPath(IOperation value)
        => value is IUtf8StringOperation utf8 ? utf8.Value : ValueFlow.Unwrap(value).ConstantValue.Value as string;

    /// <summary>The content parts a message creation receives (params array or a single part).</summary>
    private static ImmutableArray<IOperation> PartsOf(IObjectCreationOperation creation)
    {
        var values = creation.Arguments.Where(a => a.ArgumentKind != ArgumentKind.DefaultValue).Select(a => ValueFlow.Unwrap(a.Value)).ToList();
        if (values.Count == 1 && values[0] is IArrayCreationOperation { Initializer: { } initializer })
            return initializer.ElementValues.Select(ValueFlow.Unwrap).ToImmutableArray();
        return values.ToImmutableArray();
    }

    private static bool IsConstantTextPart(IOperation part)
        => ValueFlow.Resolve(part) is IInvocationOperation { TargetMethod.Name: "CreateTextPart", Arguments.Length: 1 } create
           && ValueFlow.Unwrap(create.Arguments[0].Value).ConstantValue.HasValue;
}
