using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;

namespace Qwen.Analyzers.CodeFixes;

/// <summary>QW0005: sets <c>prompt_extend</c> to false, creating <c>parameters</c> if absent.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PromptExtendFixer)), Shared]
public sealed class PromptExtendFixer : DocumentEditFixer
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.PromptExtend);

    private protected override string Title(Diagnostic diagnostic) => "Set prompt_extend to false";

    private protected override string EquivalenceKey(Diagnostic diagnostic) => RuleIds.PromptExtend;

    private protected override SyntaxEdit? Plan(SyntaxNode root, SemanticModel model, SyntaxGenerator generator, Diagnostic diagnostic, CancellationToken cancellationToken)
        => JsonBodyEdits.Plan(root, model, diagnostic);
}
