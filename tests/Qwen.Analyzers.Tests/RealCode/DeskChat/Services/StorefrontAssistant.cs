using Microsoft.Extensions.AI;

namespace DeskChat.Services;

/// <summary>
/// The storefront's "ask about a product" pane: one conversation for the app's lifetime (a singleton), appended to and
/// sent whole on every question — the shape a new user's storefront chat had.
/// </summary>
public sealed class StorefrontAssistant(IChatClient chat)
{
    private readonly List<ChatMessage> _conversation =
    [
        new(ChatRole.System, "You answer questions about the products of an electronics store. Be brief and concrete."),
    ];

    private readonly ChatOptions _options = new() { MaxOutputTokens = 300 };

    public IReadOnlyList<ChatMessage> Transcript => _conversation;

    public async Task<string> AskAsync(string question, Action<string> onDelta, CancellationToken cancellationToken)
    {
        _conversation.Add(new ChatMessage(ChatRole.User, question));
        var answer = "";
        await foreach (var update in chat.GetStreamingResponseAsync(_conversation, _options, cancellationToken)) // expect: QW0013
        {
            answer += update.Text;
            onDelta(update.Text);
        }

        _conversation.Add(new ChatMessage(ChatRole.Assistant, answer));
        return answer;
    }
}

/// <summary>The compare pane: its own conversation, trimmed to the last ten messages after the system prompt.</summary>
public sealed class CompareAssistant(IChatClient chat)
{
    private readonly List<ChatMessage> _conversation = [new(ChatRole.System, "You compare two products in a short table.")];

    public async Task<string> CompareAsync(string first, string second)
    {
        _conversation.Add(new ChatMessage(ChatRole.User, $"Compare {first} and {second}."));
        if (_conversation.Count > 11)
            _conversation.RemoveRange(1, _conversation.Count - 11);
        var response = await chat.GetStreamingResponseAsync(_conversation, new ChatOptions { MaxOutputTokens = 400 }).ToChatResponseAsync();
        _conversation.AddMessages(response);
        return response.Text;
    }
}
