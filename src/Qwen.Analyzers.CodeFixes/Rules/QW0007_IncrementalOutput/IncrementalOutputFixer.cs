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

    private protected override string Title(Diagnostic diagnostic) => "Set incremental_output to true (each event then carries only the new text)";

    /// <summary>
    /// Each event changes from the whole text so far to the new text only: code that keeps the latest event's text
    /// (<c>text.Clear().Append(…)</c>, returning the raw stream) would keep a fragment. Whether the reader appends is not
    /// something this fix can see, so a person applies it with the reading code in view; Fix All and
    /// <c>dotnet format</c> leave it.
    /// </summary>
    private protected override bool InFixAll(Diagnostic diagnostic, string? equivalenceKey) => false;
}
