using System;
using System.Collections.Generic;

namespace Qwen.Latency;

/// <summary>
/// The window of a conversation the history helpers send (<c>QwenHistory</c>, <c>SemanticKernelHistory</c>): compiled
/// into each package that has one, so no package grants another its internals.
/// </summary>
internal static class HistoryWindow
{
    /// <summary>The budget when none is given: about three pages of English text, a few turns of a support chat.</summary>
    public const int DefaultMaxTokens = 4000;

    /// <summary>Tokens of framing counted per message (role, separators).</summary>
    public const int FramingTokens = 4;

    /// <summary>
    /// A rough count for budgeting, not billing: four characters of ASCII text per token, one per other character (CJK
    /// text runs about a token per character or less), and a few tokens of framing per message.
    /// </summary>
    public static int EstimateTokens(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return 0;
        int ascii = 0, other = 0;
        foreach (var c in text!)
        {
            if (c < 128)
                ascii++;
            else
                other++;
        }

        return (ascii + 3) / 4 + other;
    }

    public static IReadOnlyList<T> Recent<T>(IReadOnlyList<T> messages, Func<T, bool> isSystem, Func<T, bool> isUser, Func<T, int> tokens, int maxTokens)
    {
        if (maxTokens <= 0)
            throw new ArgumentOutOfRangeException(nameof(maxTokens), maxTokens, "The budget must be positive.");

        var prefix = 0;
        var prefixTokens = 0;
        while (prefix < messages.Count && isSystem(messages[prefix]))
            prefixTokens += tokens(messages[prefix++]) + FramingTokens;

        // Turn boundaries after the prefix: each turn starts at a user message (or at the first message after the prefix).
        var starts = new List<int>();
        var before = new List<int>();   // tokens of the conversation ahead of each turn's start
        var total = 0;
        for (var i = prefix; i < messages.Count; i++)
        {
            if (i == prefix || isUser(messages[i]))
            {
                starts.Add(i);
                before.Add(total);
            }

            total += tokens(messages[i]) + FramingTokens;
        }

        var available = maxTokens - prefixTokens;
        if (starts.Count == 0 || total <= available)
            return messages;

        // Drop whole turns from the front in steps of half the budget, not one turn at a time: the cut stays where it is
        // while the conversation grows by less than a step, so the window starts with the same messages call after call
        // and the context cache keeps serving them (a window that slid every turn would miss it every turn). The window
        // is then between half the budget and the budget.
        var step = Math.Max(1, available / 2);
        var excess = total - Math.Max(0, available);
        var threshold = (excess + step - 1) / step * step;
        var cut = starts.Count - 1;   // the newest turn always goes
        for (var t = 0; t < starts.Count; t++)
        {
            if (before[t] >= threshold)
            {
                cut = Math.Min(t, cut);
                break;
            }
        }

        var window = new List<T>(prefix + messages.Count - starts[cut]);
        for (var i = 0; i < prefix; i++)
            window.Add(messages[i]);
        for (var i = starts[cut]; i < messages.Count; i++)
            window.Add(messages[i]);
        return window;
    }
}
