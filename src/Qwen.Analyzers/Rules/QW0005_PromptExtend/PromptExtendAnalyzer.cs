using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Qwen.Analyzers.ApiModel;
using Qwen.Analyzers.Flow;

namespace Qwen.Analyzers.Rules;

/// <summary>QW0005: a DashScope image or video generation request that leaves <c>prompt_extend</c> on.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PromptExtendAnalyzer : QwenDiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.QW0005_PromptExtend);

    private protected override void Register(CompilationStartAnalysisContext context, QwenApi api)
    {
        // Media generation is reachable only through hand-built requests (the OpenAI SDK's ImageClient has no prompt_extend).
        if (api.Http is not null)
            context.RegisterOperationAction(c => Analyze(c, api), OperationKind.Invocation);
    }

    private static void Analyze(OperationAnalysisContext context, QwenApi api)
    {
        if (!api.TryGetCall((IInvocationOperation)context.Operation, out var call)
            || call.Kind is not (CallKind.ImageGeneration or CallKind.VideoGeneration)
            || call.Http is not { Body: { } body } http
            || !JsonBodyEdit.TryGetParameters(http, out var parameters))
        {
            return;
        }

        // A known model outside the media families (a chat model on the multimodal endpoint) is not ours to judge.
        var model = body.Get("model");
        if (model is not null && (!model.HasConstant || !IsMediaModel(model.Constant as string)))
            return;

        // Multi-shot video requires prompt_extend (and an unreadable shot_type may be multi).
        var shotType = parameters?.Get("shot_type");
        if (shotType is not null && (!shotType.HasConstant || shotType.Constant as string == "multi"))
            return;

        var media = call.Kind == CallKind.VideoGeneration ? "video" : "image";
        if (JsonBodyEdit.RequireBoolean(body, parameters, "prompt_extend", desired: false) is not { } required)
            return;   // already false, or a value not known here
        var (missing, fix) = required;
        var reason = missing ? "omits prompt_extend, which defaults to on" : "sets prompt_extend to true";

        var additional = fix is { } f ? new[] { f.Node.GetLocation() } : null;
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.QW0005_PromptExtend, call.NameLocation, additional,
            fix?.Properties ?? ImmutableDictionary<string, string?>.Empty, media, reason));
    }

    /// <summary>Image and video model families: wan*, wanx*, qwen-image* (matched by prefix, as the API facts advise).</summary>
    private static bool IsMediaModel(string? model)
        => model is not null
           && (model.StartsWith("wan", System.StringComparison.OrdinalIgnoreCase) || model.StartsWith("qwen-image", System.StringComparison.OrdinalIgnoreCase));
}
