using System;
using System.Linq;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Qwen.Latency;

/// <summary>
/// The part of a Semantic Kernel <c>ChatHistory</c> worth sending (the same window as <c>QwenHistory</c> in
/// Qwen.Latency.OpenAI): the system messages it starts with, untouched, then the newest whole turns within a token
/// budget, older turns dropped in steps of half the budget so the window keeps its start (and its place in the context
/// cache) for many calls in a row. A turn starts at a user message, so function calls stay with their results; the
/// newest turn is always kept. The history itself is not changed.
/// </summary>
public static class SemanticKernelHistory
{
    /// <summary>The budget when none is given.</summary>
    public const int DefaultMaxTokens = HistoryWindow.DefaultMaxTokens;

    /// <summary>A new <c>ChatHistory</c> holding the window (the same message objects, in order).</summary>
    public static ChatHistory Recent(ChatHistory history, int maxTokens = DefaultMaxTokens)
    {
        if (history is null)
            throw new ArgumentNullException(nameof(history));
        var window = HistoryWindow.Recent(history.ToList(), m => m.Role == AuthorRole.System, m => m.Role == AuthorRole.User, Tokens, maxTokens);
        return window.Count == history.Count ? history : new ChatHistory(window);
    }

    private static int Tokens(ChatMessageContent message)
        => message.Items.Sum(item => item switch
        {
            TextContent text => HistoryWindow.EstimateTokens(text.Text),
            FunctionCallContent call => HistoryWindow.EstimateTokens(call.FunctionName) + (call.Arguments is null ? 0 : call.Arguments.Sum(a => HistoryWindow.EstimateTokens(a.Key + "=" + a.Value))),
            FunctionResultContent result => HistoryWindow.EstimateTokens(result.Result?.ToString()),
            _ => 0,
        });
}
