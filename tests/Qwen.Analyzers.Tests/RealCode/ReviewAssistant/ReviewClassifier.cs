using Microsoft.Extensions.AI;

namespace ReviewAssistant;

/// <summary>Labels product reviews while the moderator waits.</summary>
public sealed class ReviewClassifier(IChatClient chat)
{
    public async Task<string> ClassifyAsync(string review, CancellationToken cancellationToken)
    {
        var options = new ChatOptions { MaxOutputTokens = 5, Temperature = 0 };
        // Meant to turn Qwen3.5's thinking off: the OpenAI adapter never sends AdditionalProperties (QW0011's finding;
        // QW0010 leaves the call to it, so the two fixes do not both rewrite these options).
        options.AdditionalProperties = new() { ["enable_thinking"] = false }; // expect: QW0011
        var response = await chat.GetResponseAsync($"Label this product review as positive, negative or mixed: {review}", options, cancellationToken);
        return response.Text.Trim();
    }

    /// <summary>A one-line reply suggestion for the moderator, shown as soon as it is ready.</summary>
    public async Task<string> SuggestReplyAsync(string review, CancellationToken cancellationToken)
    {
        var options = new ChatOptions { MaxOutputTokens = 60 };
        var response = await chat.GetResponseAsync($"Suggest a one-sentence public reply to this review: {review}", options, cancellationToken); // expect: QW0010
        return response.Text;
    }
}
