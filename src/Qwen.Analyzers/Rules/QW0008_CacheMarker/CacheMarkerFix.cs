using System.Collections.Immutable;

namespace Qwen.Analyzers.Rules;

/// <summary>QW0008's analyzer-to-fixer data (additional locations: the message creation, the part's creation).</summary>
internal sealed class CacheMarkerFix
{
    private const string LonePartKey = "LonePart";

    public CacheMarkerFix(bool lonePart) => LonePart = lonePart;

    /// <summary>The marker is on a system message's only text part: the fix builds it with <c>QwenCache.SystemMessage(text)</c>.</summary>
    public bool LonePart { get; }

    public ImmutableDictionary<string, string?> ToProperties() => FixData.Empty.With(LonePartKey, LonePart);

    public static CacheMarkerFix Read(ImmutableDictionary<string, string?> properties) => new(properties.Flag(LonePartKey));
}
