using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Qwen.Analyzers.ApiModel;

namespace Qwen.Analyzers.Rules;

/// <summary>QW0005: a DashScope image or video generation request that leaves <c>prompt_extend</c> on.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PromptExtendAnalyzer : QwenDiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.QW0005_PromptExtend);

    private protected override void Register(QwenRegistration registration)
    {
        // Media generation is reachable only through hand-built requests (the OpenAI SDK's ImageClient has no prompt_extend).
        var api = registration.Api;
        if (api.ReadsRequestBodies)
            registration.OnCall((c, call, _) => Analyze(c, call), kind: null);
    }

    private static void Analyze(OperationAnalysisContext context, CallSite call)
    {
        if (call.Kind is not (CallKind.ImageGeneration or CallKind.VideoGeneration)
            || call.Http is not { Body: { } body } http
            || !http.TryGetParameters(out var parameters))
        {
            return;
        }

        // A known model outside the media families (a chat model on the multimodal endpoint) is not ours to judge;
        // on the image and video endpoints every model is a media model, whether or not the code shows which.
        var model = body.Get("model");
        if (http.Endpoint == DashScopeEndpoint.NativeMultimodal && (model is null || !model.HasConstant))
            return;
        // Legacy and single-purpose image models have no prompt_extend to turn off.
        if (model is { HasConstant: true, Constant: string name } && !Models.HasPromptExtend(name))
            return;

        // Multi-shot video requires prompt_extend (and an unreadable shot_type may be multi).
        var shotType = parameters?.Get("shot_type");
        if (shotType is not null && (!shotType.HasConstant || shotType.Constant as string == "multi"))
            return;

        RequestParameter.RequireBoolean(context, call, Descriptors.QW0005_PromptExtend, "prompt_extend", desired: false,
            missing: "omits prompt_extend, which defaults to on", wrong: "sets prompt_extend to true",
            call.Kind == CallKind.VideoGeneration ? "video" : "image");
    }
}
