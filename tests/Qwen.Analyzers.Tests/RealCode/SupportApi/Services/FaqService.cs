using Microsoft.Extensions.AI;

namespace SupportApi.Services;

/// <summary>Answers help-centre questions through Microsoft.Extensions.AI.</summary>
public sealed class FaqService(IChatClient chat)
{
    private const string Instructions = "You answer questions about our shipping and returns policy. Keep answers short.";

    public async Task<string> AnswerAsync(string question)
    {
        var response = await chat.GetResponseAsync( // expect: QW0001, QW0002
            [new ChatMessage(ChatRole.System, Instructions), new ChatMessage(ChatRole.User, question)]);
        return response.Text;
    }

    public async Task<bool> IsAboutShippingAsync(string question, CancellationToken cancellationToken)
    {
        var response = await chat.GetResponseAsync(
            [new ChatMessage(ChatRole.System, "Answer yes or no: is the question about shipping?"), new ChatMessage(ChatRole.User, question)],
            new ChatOptions { MaxOutputTokens = 3, Temperature = 0 },
            cancellationToken);
        return response.Text.Trim().StartsWith("yes", StringComparison.OrdinalIgnoreCase);
    }
}
