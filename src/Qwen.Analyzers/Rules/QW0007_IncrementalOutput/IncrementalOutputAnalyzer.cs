using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Qwen.Analyzers.ApiModel;
using Qwen.Analyzers.Flow;

namespace Qwen.Analyzers.Rules;

/// <summary>QW0007: a native DashScope text request streamed with <c>X-DashScope-SSE: enable</c> but without <c>incremental_output: true</c>.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class IncrementalOutputAnalyzer : QwenDiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.QW0007_IncrementalOutput);

    private protected override void Register(CompilationStartAnalysisContext context, QwenApi api)
    {
        if (api.Http is not null)
            context.RegisterOperationAction(c => Analyze(c, api), OperationKind.Invocation);
    }

    private static void Analyze(OperationAnalysisContext context, QwenApi api)
    {
        if (!api.TryGetCall((IInvocationOperation)context.Operation, out var call)
            || call.Kind != CallKind.Chat
            || call.Http is not { IsNative: true, IsStreaming: true, Body: { } body } http
            || !JsonBodyEdit.TryGetParameters(http, out var parameters))
        {
            return;
        }

        if (JsonBodyEdit.RequireBoolean(body, parameters, "incremental_output", desired: true) is not { } required)
            return;   // already true, or a value not known here
        var (missing, fix) = required;
        var reason = missing ? "without parameters.incremental_output" : "with incremental_output set to false";

        var additional = fix is { } f ? new[] { f.Node.GetLocation() } : null;
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.QW0007_IncrementalOutput, call.NameLocation, additional,
            fix?.Properties ?? ImmutableDictionary<string, string?>.Empty, reason));
    }
}
