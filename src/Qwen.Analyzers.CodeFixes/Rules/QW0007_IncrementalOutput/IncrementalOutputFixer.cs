using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Qwen.Analyzers.CodeFixes;

/// <summary>QW0007: sets <c>incremental_output</c> to true, creating <c>parameters</c> if absent.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(IncrementalOutputFixer)), Shared]
public sealed class IncrementalOutputFixer : JsonParameterFixer
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.IncrementalOutput);

    private protected override string EquivalenceKey(Diagnostic diagnostic) => RuleIds.IncrementalOutput;
}
