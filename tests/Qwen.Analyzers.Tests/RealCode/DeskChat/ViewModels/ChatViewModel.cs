using System.Collections.ObjectModel;
using DeskChat.Services;

namespace DeskChat.ViewModels;

/// <summary>The chat window's view model: the reply grows as deltas come (when they come as they are written).</summary>
public sealed class ChatViewModel(IChatStream chat)
{
    private readonly List<ChatTurn> _turns = new() { new ChatTurn("system", "You are the help desk of a desktop app.") };

    public ObservableCollection<string> Messages { get; } = new();

    public string Reply { get; private set; } = "";

    public async Task SendAsync(string text, CancellationToken cancellationToken)
    {
        _turns.Add(new ChatTurn("user", text));
        Messages.Add(text);
        Reply = "";
        var answer = await chat.StreamAsync(_turns, delta => Reply += delta, cancellationToken);
        _turns.Add(new ChatTurn("assistant", answer));
        Messages.Add(answer);
    }
}
