using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Qwen.Analyzers.ApiModel;

namespace Qwen.Analyzers.Rules;

/// <summary>QW0007: a native DashScope text request streamed with <c>X-DashScope-SSE: enable</c> but without <c>incremental_output: true</c>.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class IncrementalOutputAnalyzer : QwenDiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.QW0007_IncrementalOutput);

    private protected override void Register(QwenRegistration registration)
    {
        var api = registration.Api;
        if (api.ReadsRequestBodies)
            registration.OnCall((c, call, _) => Analyze(c, call));
    }

    private static void Analyze(OperationAnalysisContext context, CallSite call)
    {
        if (call.Http is { IsNative: true, IsStreaming: true, StreamedByHelper: false })
        {
            RequestParameter.RequireBoolean(context, call, Descriptors.QW0007_IncrementalOutput, "incremental_output", desired: true,
                missing: "without parameters.incremental_output", wrong: "with incremental_output set to false");
        }
    }
}
