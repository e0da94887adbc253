using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Qwen.Analyzers.Rules;

/// <summary>
/// QW0004's analyzer-to-fixer data: which reordering applies, and where. Every QW0004 diagnostic carries one additional
/// location, the node a fix edits (the message list, the template literal, the prompt text): <see cref="Locations"/>
/// writes it, <see cref="Read"/> gives it back as <see cref="Target"/>.
/// </summary>
internal sealed class PromptPrefixFix
{
    private const string MoveSystemFirstKey = "MoveSystemFirst";
    private const string MovesKey = "Moves";
    private const string TemplateLeadKey = "TemplateLead";
    private const string MoveCountKey = "MoveCount";

    private PromptPrefixFix(bool moveSystemFirst, string? moves, int? templateLead, int? moveCount, Location? target = null)
    {
        Target = target;
        MoveSystemFirst = moveSystemFirst;
        Moves = moves;
        TemplateLead = templateLead;
        MoveCount = moveCount;
    }

    /// <summary>The node the fix edits; set on the data <see cref="Read"/> returns.</summary>
    public Location? Target { get; }

    /// <summary>Move a static system message to the front of a message list.</summary>
    public bool MoveSystemFirst { get; }

    /// <summary>What moves behind the static text, shortened for a code action's title.</summary>
    public string? Moves { get; }

    /// <summary>For a prompt template: how many leading characters (the variables and their whitespace) move to the end.</summary>
    public int? TemplateLead { get; }

    /// <summary>For a prompt string: how many leading parts (interpolation contents or concatenation operands) move behind the rest.</summary>
    public int? MoveCount { get; }

    public static PromptPrefixFix SystemFirst() => new(true, null, null, null);

    public static PromptPrefixFix Template(string moves, int lead) => new(false, moves, lead, null);

    public static PromptPrefixFix Parts(string moves, int count) => new(false, moves, null, count);

    public ImmutableDictionary<string, string?> ToProperties()
        => FixData.Empty.With(MoveSystemFirstKey, MoveSystemFirst).With(MovesKey, Moves).With(TemplateLeadKey, TemplateLead).With(MoveCountKey, MoveCount);

    /// <summary>The additional locations of a QW0004 diagnostic: the node a fix would edit.</summary>
    public static Location[] Locations(Location target) => new[] { target };

    /// <summary>The data of a diagnostic the fixer may rewrite; null for one it leaves alone.</summary>
    public static PromptPrefixFix? Read(Diagnostic diagnostic)
    {
        var properties = diagnostic.Properties;
        if (diagnostic.AdditionalLocations.Count == 0)
            return null;
        var fix = new PromptPrefixFix(properties.Flag(MoveSystemFirstKey), properties.Text(MovesKey), properties.Int(TemplateLeadKey), properties.Int(MoveCountKey),
            diagnostic.AdditionalLocations[0]);
        return fix.MoveSystemFirst || fix.TemplateLead is not null || fix.MoveCount is not null ? fix : null;
    }
}
