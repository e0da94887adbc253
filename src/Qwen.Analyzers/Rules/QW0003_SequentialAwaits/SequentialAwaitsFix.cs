using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Qwen.Analyzers.Rules;

/// <summary>
/// QW0003's analyzer-to-fixer data: whether a fix is safe, and the group's statements in source order (the additional
/// locations: <see cref="Locations"/> writes them, <see cref="Read"/> gives them back as <see cref="Statements"/>).
/// </summary>
internal sealed class SequentialAwaitsFix
{
    private const string NoFixKey = "NoFix";

    public SequentialAwaitsFix(string? noFixReason, IReadOnlyList<Location> statements)
    {
        NoFixReason = noFixReason;
        Statements = statements;
    }

    /// <summary>The group's statements, first to last.</summary>
    public IReadOnlyList<Location> Statements { get; }

    /// <summary>Why no fix is offered (shared options with OpenAI before 2.9); null when the fix is safe.</summary>
    public string? NoFixReason { get; }

    public ImmutableDictionary<string, string?> ToProperties() => FixData.Empty.With(NoFixKey, NoFixReason);

    public IEnumerable<Location> Locations() => Statements;

    public static SequentialAwaitsFix Read(Diagnostic diagnostic) => new(diagnostic.Properties.Text(NoFixKey), diagnostic.AdditionalLocations.ToList());
}
