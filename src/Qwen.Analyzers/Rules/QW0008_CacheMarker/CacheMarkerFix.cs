using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Qwen.Analyzers.Rules;

/// <summary>
/// QW0008's analyzer-to-fixer data for a marker on a message's only text part. The additional locations are, in this
/// order, the message creation and the part's creation (<see cref="Locations"/> writes them, <see cref="Read"/> names them).
/// </summary>
internal sealed class CacheMarkerFix
{
    private const string LonePartKey = "LonePart";

    public CacheMarkerFix(bool lonePart, Location message, Location part)
    {
        LonePart = lonePart;
        Message = message;
        Part = part;
    }

    /// <summary>The marker is on a system message's only text part: the fix builds it with <c>QwenCache.SystemMessage(text)</c>.</summary>
    public bool LonePart { get; }

    /// <summary>The <c>new SystemChatMessage(…)</c> the part goes into.</summary>
    public Location Message { get; }

    /// <summary>The <c>ChatMessageContentPart.CreateTextPart(text)</c> that makes the part.</summary>
    public Location Part { get; }

    public ImmutableDictionary<string, string?> ToProperties() => FixData.Empty.With(LonePartKey, LonePart);

    public IEnumerable<Location> Locations() => new[] { Message, Part };

    /// <summary>The data of a diagnostic the fixer may rewrite; null for one it leaves alone.</summary>
    public static CacheMarkerFix? Read(Diagnostic diagnostic)
        => diagnostic.Properties.Flag(LonePartKey) && diagnostic.AdditionalLocations.Count == 2
            ? new CacheMarkerFix(lonePart: true, diagnostic.AdditionalLocations[0], diagnostic.AdditionalLocations[1])
            : null;
}
