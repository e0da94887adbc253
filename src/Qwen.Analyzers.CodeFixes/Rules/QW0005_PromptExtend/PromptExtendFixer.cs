using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Qwen.Analyzers.CodeFixes;

/// <summary>QW0005: sets <c>prompt_extend</c> to false, creating <c>parameters</c> if absent.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PromptExtendFixer)), Shared]
public sealed class PromptExtendFixer : JsonParameterFixer
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.PromptExtend);

    private protected override string EquivalenceKey(Diagnostic diagnostic) => RuleIds.PromptExtend;
}
