using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;

namespace Qwen.Analyzers.CodeFixes;

/// <summary>QW0007: sets <c>incremental_output</c> to true, creating <c>parameters</c> if absent.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(IncrementalOutputFixer)), Shared]
public sealed class IncrementalOutputFixer : DocumentEditFixer
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.IncrementalOutput);

    private protected override string Title(Diagnostic diagnostic) => "Set incremental_output to true";

    private protected override string EquivalenceKey(Diagnostic diagnostic) => RuleIds.IncrementalOutput;

    private protected override SyntaxEdit? Plan(SyntaxNode root, SemanticModel model, SyntaxGenerator generator, Diagnostic diagnostic, CancellationToken cancellationToken)
        => JsonBodyEdits.Plan(root, model, diagnostic);
}
