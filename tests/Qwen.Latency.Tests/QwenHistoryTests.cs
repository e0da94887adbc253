using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using Qwen.Latency;
using AIChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace Qwen.Latency.Tests;

/// <summary>QwenHistory.Recent: the system prefix untouched, the newest turns within the budget, turns never split.</summary>
public class QwenHistoryTests
{
    private static string Words(int tokens) => string.Concat(Enumerable.Repeat("word", tokens));   // 4 ASCII characters ≈ 1 token

    private static List<AIChatMessage> Conversation(int turns, int tokensPerMessage)
    {
        var messages = new List<AIChatMessage> { new(ChatRole.System, "You are the help desk. " + Words(50)) };
        for (var i = 0; i < turns; i++)
        {
            messages.Add(new AIChatMessage(ChatRole.User, $"q{i} " + Words(tokensPerMessage)));
            messages.Add(new AIChatMessage(ChatRole.Assistant, $"a{i} " + Words(tokensPerMessage)));
        }

        return messages;
    }

    [Fact]
    public void WithinTheBudget_TheWholeListIsSent()
    {
        var messages = Conversation(turns: 3, tokensPerMessage: 10);
        Assert.Same(messages, QwenHistory.Recent(messages, maxTokens: 4000));
    }

    private static int Tokens(IEnumerable<AIChatMessage> messages) => messages.Sum(m => QwenHistory.EstimateTokens(m.Text) + 4);

    [Fact]
    public void OverTheBudget_TheSystemPrefixAndTheNewestWholeTurnsAreKept_BetweenHalfTheBudgetAndTheBudget()
    {
        var messages = Conversation(turns: 40, tokensPerMessage: 20);
        var window = QwenHistory.Recent(messages, maxTokens: 1000);

        Assert.Same(messages[0], window[0]);
        // Whole turns only: a user message and its answer, the newest last, in order.
        Assert.Equal(ChatRole.User, window[1].Role);
        Assert.Equal(messages.Skip(messages.Count - (window.Count - 1)), window.Skip(1));
        Assert.True(Tokens(window) <= 1000, $"the window is over its budget: {Tokens(window)}");
        // Dropped in steps of half the budget: never less than half of it, less one turn.
        Assert.True(Tokens(window) >= 1000 / 2 - 2 * (5 + 4), $"the window is under half its budget: {Tokens(window)}");
    }

    [Fact]
    public void AsTheConversationGrows_TheWindowKeepsItsStartUntilAStepIsDropped()
    {
        var messages = Conversation(turns: 40, tokensPerMessage: 20);
        var first = QwenHistory.Recent(messages, maxTokens: 1000)[1];
        var starts = new List<AIChatMessage>();
        for (var turn = 0; turn < 6; turn++)
        {
            messages.Add(new AIChatMessage(ChatRole.User, $"more {turn} " + Words(20)));
            messages.Add(new AIChatMessage(ChatRole.Assistant, $"answer {turn} " + Words(20)));
            starts.Add(QwenHistory.Recent(messages, maxTokens: 1000)[1]);
        }

        // The same first message for several turns in a row (what the context cache needs), then a jump, not a slide.
        Assert.True(starts.Distinct().Count() <= 2, $"the window's start moved {starts.Distinct().Count() - 1} times in six turns");
        Assert.Contains(first, starts);
    }

    [Fact]
    public void ToolCallsAndTheirResults_StayWithTheirTurn()
    {
        var messages = Conversation(turns: 5, tokensPerMessage: 100);
        messages.Add(new AIChatMessage(ChatRole.User, "Where is parcel 42?"));
        messages.Add(new AIChatMessage(ChatRole.Assistant, [new FunctionCallContent("c1", "track", new Dictionary<string, object?> { ["id"] = "42" })]));
        messages.Add(new AIChatMessage(ChatRole.Tool, [new FunctionResultContent("c1", "In the depot. " + Words(300))]));
        messages.Add(new AIChatMessage(ChatRole.Assistant, "It is in the depot."));

        var window = QwenHistory.Recent(messages, maxTokens: 500);

        // The newest turn is over the budget on its own: it is kept whole, the older turns go.
        Assert.Equal(new[] { ChatRole.System, ChatRole.User, ChatRole.Assistant, ChatRole.Tool, ChatRole.Assistant }, window.Select(m => m.Role));
        Assert.Same(messages[^4], window[1]);
    }

    [Fact]
    public void OpenAIMessages_TheSameWindow()
    {
        var messages = new List<OpenAI.Chat.ChatMessage> { new SystemChatMessage("Answer briefly. " + Words(20)) };
        for (var i = 0; i < 10; i++)
        {
            messages.Add(new UserChatMessage($"q{i} " + Words(200)));
            messages.Add(new AssistantChatMessage($"a{i} " + Words(200)));
        }

        var window = QwenHistory.Recent(messages, maxTokens: 1000);

        Assert.IsType<SystemChatMessage>(window[0]);
        Assert.IsType<UserChatMessage>(window[1]);
        Assert.True(window.Count < messages.Count && window.Count % 2 == 1, $"{window.Count} messages: not the prefix and whole turns");
        Assert.Same(messages[^1], window[^1]);
    }

    [Fact]
    public void CjkText_CountsAboutATokenPerCharacter()
    {
        Assert.Equal(4, QwenHistory.EstimateTokens("包裹在哪"));
        Assert.Equal(2, QwenHistory.EstimateTokens("parcel"));
    }

    [Fact]
    public void SemanticKernelHistory_TheSameWindow_AsANewChatHistory()
    {
        var history = new Microsoft.SemanticKernel.ChatCompletion.ChatHistory("Answer briefly. " + Words(20));
        for (var i = 0; i < 10; i++)
        {
            history.AddUserMessage($"q{i} " + Words(200));
            history.AddAssistantMessage($"a{i} " + Words(200));
        }

        var window = SemanticKernelHistory.Recent(history, maxTokens: 1000);

        Assert.NotSame(history, window);
        Assert.Equal(21, history.Count);   // the history itself is left whole
        Assert.Equal(Microsoft.SemanticKernel.ChatCompletion.AuthorRole.System, window[0].Role);
        Assert.Equal(Microsoft.SemanticKernel.ChatCompletion.AuthorRole.User, window[1].Role);
        Assert.Same(history[^1], window[^1]);
        Assert.True(window.Count < history.Count && window.Count % 2 == 1);
        Assert.Same(history, SemanticKernelHistory.Recent(history, maxTokens: 100_000));
    }
}
