using System.Collections.Concurrent;
using System.Text;

namespace Qwen.Simulator;

/// <summary>One piece of a prompt in request order; <see cref="CacheMarker"/> is an explicit <c>cache_control</c> on it.</summary>
public sealed record PromptSegment(string Text, bool CacheMarker);

/// <summary>What the cache did for one request.</summary>
public sealed record CacheResult(int CachedTokens, int CreationTokens, string? Mode, IReadOnlyList<string> KeysToStore);

/// <summary>
/// Qwen's context cache, as the context-cache page describes it:
/// <list type="bullet">
/// <item>implicit: automatic; a repeated prefix of at least 256 tokens is served from cache (matched at 64-token steps here);</item>
/// <item>explicit: <c>cache_control: {"type":"ephemeral"}</c> on content parts; the prefix up to a marker must be at least
///       1024 tokens; at most 4 markers; a hit refreshes the 5-minute lifetime; explicit and implicit are exclusive;</item>
/// <item>entries are created after the response, so a request never hits its own prefix.</item>
/// </list>
/// Entries belong to one API key and model.
/// </summary>
public sealed class ContextCache
{
    public const int ImplicitMinTokens = 256;
    public const int ExplicitMinTokens = 1024;
    public const int MaxMarkers = 4;
    public const double LifetimeMs = 5 * 60 * 1000;
    private const int ImplicitStepChars = 256;   // 64 tokens at four characters a token

    private readonly ConcurrentDictionary<string, (double ExpiresMs, int Tokens)> _entries = new(StringComparer.Ordinal);

    public static string Canonical(IReadOnlyList<PromptSegment> segments)
    {
        var text = new StringBuilder();
        foreach (var segment in segments)
            text.Append(segment.Text).Append('\u001e');
        return text.ToString();
    }

    public static int MarkerCount(IReadOnlyList<PromptSegment> segments) => segments.Count(s => s.CacheMarker);

    public CacheResult Lookup(string scope, IReadOnlyList<PromptSegment> segments, double nowMs)
    {
        var canonical = Canonical(segments);
        return MarkerCount(segments) > 0 ? LookupExplicit(scope, segments, nowMs) : LookupImplicit(scope, canonical, nowMs);
    }

    /// <summary>Stores what <see cref="Lookup"/> said to store: called once the response is complete.</summary>
    public void Store(CacheResult result, double nowMs)
    {
        foreach (var key in result.KeysToStore)
        {
            var tokens = int.Parse(key[(key.LastIndexOf('#') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            _entries[key] = (nowMs + LifetimeMs, tokens);
        }
    }

    private CacheResult LookupImplicit(string scope, string canonical, double nowMs)
    {
        var cached = 0;
        var keys = new List<string>();
        if (Tokens.Count(canonical) < ImplicitMinTokens)
            return new CacheResult(0, 0, null, keys);
        var stillMatching = true;
        for (var end = ImplicitStepChars; end <= canonical.Length; end += ImplicitStepChars)
        {
            var prefix = canonical[..end];
            var tokens = Tokens.Count(prefix);
            var key = $"implicit|{scope}|{Tokens.Hash(prefix):x}#{tokens}";
            keys.Add(key);
            if (stillMatching && _entries.TryGetValue(key, out var entry) && entry.ExpiresMs > nowMs)
                cached = tokens;
            else
                stillMatching = false;
        }

        return new CacheResult(cached >= ImplicitMinTokens ? cached : 0, 0, cached >= ImplicitMinTokens ? "implicit" : null, keys);
    }

    private CacheResult LookupExplicit(string scope, IReadOnlyList<PromptSegment> segments, double nowMs)
    {
        var cached = 0;
        var created = 0;
        var keys = new List<string>();
        var prefix = new StringBuilder();
        foreach (var segment in segments)
        {
            prefix.Append(segment.Text).Append('\u001e');
            if (!segment.CacheMarker)
                continue;
            var text = prefix.ToString();
            var tokens = Tokens.Count(text);
            if (tokens < ExplicitMinTokens)
                continue;   // too short to be cached: the marker has no effect
            var key = $"explicit|{scope}|{Tokens.Hash(text):x}#{tokens}";
            if (_entries.TryGetValue(key, out var entry) && entry.ExpiresMs > nowMs)
            {
                cached = Math.Max(cached, tokens);
                _entries[key] = (nowMs + LifetimeMs, tokens);   // a hit resets the lifetime
            }
            else
            {
                created = Math.Max(created, tokens - cached);
                keys.Add(key);
            }
        }

        return new CacheResult(cached, created, cached > 0 ? "ephemeral" : null, keys);
    }
}
