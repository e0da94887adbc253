using System;
using System.Collections.Generic;
using System.Linq;

namespace Qwen.Latency;

/// <summary>
/// The part of a conversation worth sending: the system messages it starts with, untouched (the prefix Qwen's context
/// cache reuses), then the most recent turns within a token budget. A turn starts at a user message and runs to the
/// next one, so an assistant's tool calls and their results always stay together with the question they answer; the
/// newest turn is always kept, even over the budget. Older turns are dropped in steps of half the budget, so the window
/// starts with the same messages for many calls in a row and stays in the context cache. The list itself is not
/// changed: the caller keeps the whole transcript (to show it, to store it) and sends the window.
/// </summary>
public static class QwenHistory
{
    /// <summary>The budget when none is given: about three pages of English text, a few turns of a support chat.</summary>
    public const int DefaultMaxTokens = 4000;

    /// <summary>A window of a Microsoft.Extensions.AI conversation (what <c>IChatClient.GetResponseAsync</c> takes).</summary>
    public static IReadOnlyList<Microsoft.Extensions.AI.ChatMessage> Recent(IReadOnlyList<Microsoft.Extensions.AI.ChatMessage> messages, int maxTokens = DefaultMaxTokens)
    {
        if (messages is null)
            throw new ArgumentNullException(nameof(messages));
        return Window(messages, m => m.Role == Microsoft.Extensions.AI.ChatRole.System, m => m.Role == Microsoft.Extensions.AI.ChatRole.User,
            m => EstimateTokens(string.Concat(m.Contents.Select(Text))), maxTokens);
    }

    /// <summary>A window of an OpenAI SDK conversation (what <c>ChatClient.CompleteChatAsync</c> takes).</summary>
    public static IReadOnlyList<OpenAI.Chat.ChatMessage> Recent(IReadOnlyList<OpenAI.Chat.ChatMessage> messages, int maxTokens = DefaultMaxTokens)
    {
        if (messages is null)
            throw new ArgumentNullException(nameof(messages));
        return Window(messages, m => m is OpenAI.Chat.SystemChatMessage, m => m is OpenAI.Chat.UserChatMessage, EstimateTokens, maxTokens);
    }

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

    private const int FramingTokens = 4;

    private static int EstimateTokens(OpenAI.Chat.ChatMessage message)
    {
        var tokens = EstimateTokens(string.Concat(message.Content.Select(part => part.Text)));
        if (message is OpenAI.Chat.AssistantChatMessage assistant)
        {
            foreach (var call in assistant.ToolCalls)
                tokens += EstimateTokens(call.FunctionName) + EstimateTokens(call.FunctionArguments?.ToString());
        }

        return tokens;
    }

    private static string Text(Microsoft.Extensions.AI.AIContent content) => content switch
    {
        Microsoft.Extensions.AI.TextContent text => text.Text,
        Microsoft.Extensions.AI.FunctionCallContent call => call.Name + (call.Arguments is null ? "" : string.Join(",", call.Arguments.Select(a => a.Key + "=" + a.Value))),
        Microsoft.Extensions.AI.FunctionResultContent result => result.Result?.ToString() ?? "",
        _ => "",
    };

    private static IReadOnlyList<T> Window<T>(IReadOnlyList<T> messages, Func<T, bool> isSystem, Func<T, bool> isUser, Func<T, int> tokens, int maxTokens)
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
