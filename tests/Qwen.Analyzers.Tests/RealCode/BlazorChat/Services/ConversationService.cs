using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace BlazorChat.Services;

/// <summary>One conversation per circuit: the history grows with every turn.</summary>
public sealed class ConversationService(IChatCompletionService chat, Kernel kernel)
{
    private readonly ChatHistory _history = new("You are a friendly assistant for a bicycle shop. Answer in the customer's language.");

    public async Task<string> AskAsync(string question)
    {
        _history.AddUserMessage(question);
        var settings = new OpenAIPromptExecutionSettings { Temperature = 0.4 };
        var reply = await chat.GetChatMessageContentAsync(_history, settings, kernel); // expect: QW0001, QW0002
        _history.AddAssistantMessage(reply.Content ?? "");
        return reply.Content ?? "";
    }

    public async Task<string> SummarizeAsync()
    {
        var transcript = string.Join("\n", _history.Select(m => $"{m.Role}: {m.Content}"));
        var result = await kernel.InvokePromptAsync( // expect: QW0001, QW0002
            "Summarize this conversation for the shop owner:\n{{$transcript}}",
            new KernelArguments { ["transcript"] = transcript });
        return result.GetValue<string>() ?? "";
    }

    public async IAsyncEnumerable<string> StreamAsync(string question)
    {
        _history.AddUserMessage(question);
        var settings = new OpenAIPromptExecutionSettings { MaxTokens = 600 };
        var answer = new System.Text.StringBuilder();
        await foreach (var chunk in chat.GetStreamingChatMessageContentsAsync(_history, settings, kernel))
        {
            answer.Append(chunk.Content);
            yield return chunk.Content ?? "";
        }

        _history.AddAssistantMessage(answer.ToString());
    }
}
