using System.Security.Cryptography;
using System.Text;

namespace Qwen.Simulator;

/// <summary>
/// Token arithmetic and deterministic output text. Token counts use the usual rule of thumb for English with BPE
/// tokenizers such as Qwen's: one token per four characters (CJK characters count one each).
/// </summary>
public static class Tokens
{
    private static readonly string[] Words =
    {
        "the", "ticket", "customer", "service", "latency", "answer", "model", "cache", "stream", "request", "reply",
        "support", "account", "billing", "outage", "summary", "translate", "quickly", "token", "prompt", "result",
        "status", "region", "check", "update", "please", "thanks", "because", "context", "prefix",
    };

    public static int Count(string text)
    {
        if (string.IsNullOrEmpty(text))
            return 0;
        var cjk = 0;
        foreach (var c in text)
        {
            if (c >= 0x2E80)
                cjk++;
        }

        return cjk + (int)Math.Ceiling((text.Length - cjk) / 4.0);
    }

    /// <summary>A stable 64-bit hash of a string.</summary>
    public static ulong Hash(string text)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), digest);
        return BitConverter.ToUInt64(digest);
    }

    /// <summary>Deterministic text of exactly <paramref name="tokens"/> tokens, seeded by <paramref name="seed"/>: each word plus its space is four characters or so.</summary>
    public static IEnumerable<string> Generate(ulong seed, int tokens)
    {
        var state = seed == 0 ? 0x9E3779B97F4A7C15UL : seed;
        for (var i = 0; i < tokens; i++)
        {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            var word = Words[(int)(state % (ulong)Words.Length)];
            // One token per emitted piece, so counts stay exact whatever the word length.
            yield return (i == 0 ? "" : " ") + word;
        }
    }
}
