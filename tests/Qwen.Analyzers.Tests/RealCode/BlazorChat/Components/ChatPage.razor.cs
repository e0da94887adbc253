using BlazorChat.Services;
using Microsoft.AspNetCore.Components;

namespace BlazorChat.Components;

/// <summary>Code-behind of ChatPage.razor: the person types, the page shows the answer.</summary>
public partial class ChatPage : ComponentBase
{
    [Inject]
    public ConversationService Conversation { get; set; } = null!;

    protected string Draft { get; set; } = "";

    protected List<(string Who, string Text)> Lines { get; } = new();

    protected bool Busy { get; set; }

    protected async Task SendAsync()
    {
        if (string.IsNullOrWhiteSpace(Draft))
            return;
        var question = Draft;
        Draft = "";
        Lines.Add(("you", question));
        Busy = true;
        var answer = await Conversation.AskAsync(question);
        Lines.Add(("assistant", answer));
        Busy = false;
    }

    protected async Task SummarizeAsync()
    {
        Busy = true;
        var summary = await Conversation.SummarizeAsync();
        Lines.Add(("summary", summary));
        Busy = false;
    }
}
