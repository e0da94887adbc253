using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Qwen.Analyzers.ApiModel;
using Qwen.Analyzers.Flow;

namespace Qwen.Analyzers.Rules;

/// <summary>QW0001: a chat call whose output tokens are not capped.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MissingMaxTokensAnalyzer : QwenDiagnosticAnalyzer
{
    /// <summary>The <c>.editorconfig</c> key for the cap the fix inserts.</summary>
    public const string MaxTokensOption = "qwen_analyzers.default_max_output_tokens";

    /// <summary>
    /// <c>.editorconfig</c>: <c>true</c> when Microsoft.Extensions.AI clients get a default cap where they are built
    /// (<c>ChatClientBuilder.ConfigureOptions</c>, a <c>DelegatingChatClient</c>), which a call site cannot see: calls
    /// that pass no <c>ChatOptions</c> are then not reported.
    /// </summary>
    public const string ClientDefaultsOption = "qwen_analyzers.meai_client_defaults_cap_output";

    /// <summary>
    /// 1024 tokens is roughly 750 English words: above a typical chat answer, so the cap bounds the worst case
    /// (a runaway or repetitive generation) without truncating ordinary replies.
    /// </summary>
    public const int DefaultMaxTokens = 1024;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.QW0001_MissingMaxTokens);

    private protected override void Register(CompilationStartAnalysisContext context, QwenApi api)
        => context.RegisterOperationAction(c => Analyze(c, api), OperationKind.Invocation);

    private static void Analyze(OperationAnalysisContext context, QwenApi api)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (!api.TryGetCall(invocation, out var call) || call.Kind != CallKind.Chat)
            return;

        if (call.Surface == ClientSurface.ExtensionsAI && call.OptionsArgument is null && ClientDefaultsCap(context, invocation.Syntax.SyntaxTree))
            return;

        var verdict = OutputCap.Evaluate(call, api);
        if (verdict.State != CapState.Missing)
            return;

        var properties = verdict.Fix;
        if (!properties.IsEmpty)
        {
            var tokens = ReadMaxTokens(context, invocation.Syntax.SyntaxTree).ToString(CultureInfo.InvariantCulture);
            properties = properties.SetItem(CapFix.MaxTokensKey, tokens);
            if (properties.ContainsKey(JsonBodyEdit.ValueKey))
                properties = properties.SetItem(JsonBodyEdit.ValueKey, tokens);
        }
        var additional = verdict.EditNode is null ? null : new[] { verdict.EditNode.GetLocation() };
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.QW0001_MissingMaxTokens, call.NameLocation, additional, properties, call.DisplayName));
    }

    private static bool ClientDefaultsCap(OperationAnalysisContext context, SyntaxTree tree)
        => context.Options.AnalyzerConfigOptionsProvider.GetOptions(tree).TryGetValue(ClientDefaultsOption, out var text)
           && string.Equals(text.Trim(), "true", System.StringComparison.OrdinalIgnoreCase);

    private static int ReadMaxTokens(OperationAnalysisContext context, SyntaxTree tree)
    {
        var options = context.Options.AnalyzerConfigOptionsProvider.GetOptions(tree);
        return options.TryGetValue(MaxTokensOption, out var text)
               && int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : DefaultMaxTokens;
    }
}
