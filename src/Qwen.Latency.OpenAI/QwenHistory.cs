using System;
using System.Collections.Generic;
using System.Linq;

namespace Qwen.Latency;

/// <summary>
/// The part of a conversation worth sending: the system messages it starts with, untouched (the prefix Qwen's context
/// cache reuses), then the most recent turns that fit a token budget. A turn starts at a user message and runs to the
/// next one, so an assistant's tool calls and their results always stay together with the question they answer; the
/// newest turn is always kept, even over the budget. The list itself is not changed: the caller keeps the whole
/// transcript (to show it, to store it) and sends the window.
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
        while (prefix < messages.Count && isSystem(messages[prefix]))
            prefix++;
        var used = 0;
        for (var i = 0; i < prefix; i++)
            used += tokens(messages[i]) + FramingTokens;

        // Turns from the newest back: each starts at a user message (or at the first message after the prefix).
        var start = messages.Count;
        var end = messages.Count;
        while (end > prefix)
        {
            var turnStart = end - 1;
            while (turnStart > prefix && !isUser(messages[turnStart]))
                turnStart--;
            var turnTokens = 0;
            for (var i = turnStart; i < end; i++)
                turnTokens += tokens(messages[i]) + FramingTokens;
            // The newest turn always goes; an older one only while the whole still fits.
            if (end != messages.Count && used + turnTokens > maxTokens)
                break;
            used += turnTokens;
            start = turnStart;
            end = turnStart;
        }

        if (start == prefix)
            return messages;
        var window = new List<T>(prefix + messages.Count - start);
        for (var i = 0; i < prefix; i++)
            window.Add(messages[i]);
        for (var i = start; i < messages.Count; i++)
            window.Add(messages[i]);
        return window;
    }
}
