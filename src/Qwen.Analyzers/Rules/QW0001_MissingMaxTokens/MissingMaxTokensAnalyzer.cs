using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Qwen.Analyzers.ApiModel;
using Qwen.Analyzers.Options;

namespace Qwen.Analyzers.Rules;

/// <summary>QW0001: a chat call whose output tokens are not capped.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MissingMaxTokensAnalyzer : QwenDiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.QW0001_MissingMaxTokens);

    private protected override void Register(QwenRegistration registration)
    {
        registration.OnCall(Analyze);
    }

    private static void Analyze(OperationAnalysisContext context, CallSite call, QwenOptions options)
    {
        if (call.Cap.State != CapState.Missing)
            return;
        if (call.Surface == ClientSurface.ExtensionsAI && call.OptionsArgument is null && options.ExtensionsAIClientDefaultsCap)
            return;
        // A deep-research report is long by design: a cap would cut it, not bound a runaway answer.
        if (Models.IsLongByDesign(call.ModelOr(options)))
            return;

        var plan = OutputCap.Plan(call, CapPolicy.Choose(call, options));
        var additional = plan?.EditNode is { } node ? FixData.EditTarget(node) : null;
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.QW0001_MissingMaxTokens, call.NameLocation, additional,
            plan?.Fix.ToProperties() ?? FixData.Empty, call.DisplayName));
    }
}
