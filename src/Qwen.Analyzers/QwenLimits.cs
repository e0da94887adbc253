namespace Qwen.Analyzers;

/// <summary>
/// Qwen Cloud service limits the rules rest on, in one place (sources: the vendor's latency guide and the context-cache
/// page, quoted in docs/rules/QW0004.md and QW0008.md).
/// </summary>
internal static class QwenLimits
{
    /// <summary>The implicit context cache's minimum: a shorter static prefix is never cached.</summary>
    public const int ImplicitCacheMinimumTokens = 256;

    /// <summary>An explicit cache block (a <c>cache_control</c> marker) needs at least this many tokens.</summary>
    public const int ExplicitCacheMinimumTokens = 1024;

    /// <summary>A request takes at most this many <c>cache_control</c> markers.</summary>
    public const int MaximumCacheMarkers = 4;

    /// <summary>The task endpoint's rate limit, per account.</summary>
    public const int TaskQueriesPerSecond = 20;

    /// <summary>
    /// Tokens in a piece of text, by the rule of thumb the simulator and the docs use: four characters a token for
    /// Latin text, one token a character for CJK ideographs, kana and hangul (Qwen's tokenizer gives them about one each).
    /// </summary>
    public static int EstimateTokens(string text)
    {
        var wide = WideCharacters(text);
        return wide + (text.Length - wide) / 4;
    }

    /// <summary>How many characters of <paramref name="text"/> count a token each (CJK).</summary>
    public static int WideCharacters(string text)
    {
        var wide = 0;
        foreach (var c in text)
        {
            if (IsWide(c))
                wide++;
        }

        return wide;
    }

    /// <summary>Tokens for a run of <paramref name="characters"/> whose text is not visible (Latin assumed).</summary>
    public static int EstimateTokens(int characters) => characters / 4;

    private static bool IsWide(char c)
        => c is >= '\u3040' and <= '\u30FF'      // hiragana, katakana
            or >= '\u3400' and <= '\u4DBF'       // CJK extension A
            or >= '\u4E00' and <= '\u9FFF'       // CJK unified ideographs
            or >= '\uAC00' and <= '\uD7AF'       // hangul syllables
            or >= '\uF900' and <= '\uFAFF';      // CJK compatibility ideographs
}
