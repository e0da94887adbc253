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
    public const int DefaultMaxTokens = HistoryWindow.DefaultMaxTokens;

    /// <summary>A window of a Microsoft.Extensions.AI conversation (what <c>IChatClient.GetResponseAsync</c> takes).</summary>
    public static IReadOnlyList<Microsoft.Extensions.AI.ChatMessage> Recent(IReadOnlyList<Microsoft.Extensions.AI.ChatMessage> messages, int maxTokens = DefaultMaxTokens)
    {
        if (messages is null)
            throw new ArgumentNullException(nameof(messages));
        return HistoryWindow.Recent(messages, m => m.Role == Microsoft.Extensions.AI.ChatRole.System, m => m.Role == Microsoft.Extensions.AI.ChatRole.User,
            m => EstimateTokens(string.Concat(m.Contents.Select(Text))), maxTokens);
    }

    /// <summary>A window of an OpenAI SDK conversation (what <c>ChatClient.CompleteChatAsync</c> takes).</summary>
    public static IReadOnlyList<OpenAI.Chat.ChatMessage> Recent(IReadOnlyList<OpenAI.Chat.ChatMessage> messages, int maxTokens = DefaultMaxTokens)
    {
        if (messages is null)
            throw new ArgumentNullException(nameof(messages));
        return HistoryWindow.Recent(messages, m => m is OpenAI.Chat.SystemChatMessage, m => m is OpenAI.Chat.UserChatMessage, EstimateTokens, maxTokens);
    }

    /// <summary>
    /// A rough count for budgeting, not billing: four characters of ASCII text per token, one per other character (CJK
    /// text runs about a token per character or less).
    /// </summary>
    public static int EstimateTokens(string? text) => HistoryWindow.EstimateTokens(text);

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
}
