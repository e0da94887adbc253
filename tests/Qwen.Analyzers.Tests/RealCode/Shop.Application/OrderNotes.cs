using OpenAI.Chat;
using Shop.Infrastructure;

namespace Shop.Application;

/// <summary>Notes printed with each order: asks Qwen through the OpenAI SDK, with the prompts the infrastructure keeps.</summary>
public sealed class OrderNotes(ChatClient chat)
{
    private static readonly ChatCompletionOptions Short = new() { MaxOutputTokenCount = 120 };

    private async Task<string> AskAsync(string prompt, CancellationToken cancellationToken)
    {
        ChatCompletion completion = await chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(prompt) }, Short, cancellationToken);
        return completion.Content[0].Text;
    }

    public async Task<(string Summary, string GiftNote)> ForOrderAsync(string order, CancellationToken cancellationToken)
    {
        var summary = await AskAsync(Prompts.Summary(order), cancellationToken);
        var giftNote = await AskAsync(Prompts.GiftNote(order), cancellationToken); // expect: QW0003
        return (summary, giftNote);
    }
}
