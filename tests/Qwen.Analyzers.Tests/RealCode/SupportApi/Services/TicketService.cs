using SupportApi.Models;

namespace SupportApi.Services;

public sealed record Ticket(int Id, string Subject, string Body, string[] Thread);

/// <summary>Ticket logic behind the controller: it asks the chat service, the controller returns what it gets.</summary>
public sealed class TicketService(IQwenChatService chat)
{
    private static readonly Dictionary<int, Ticket> Store = new()
    {
        [1] = new Ticket(1, "Refund", "I want my money back", ["Hello", "We are looking into it"]),
    };

    public Ticket? Find(int id) => Store.TryGetValue(id, out var ticket) ? ticket : null;

    public Task<string> SummarizeAsync(Ticket ticket, CancellationToken cancellationToken)
        => chat.CompleteAsync("Summarize the support ticket for an agent in three bullet points.", ticket.Subject + "\n" + ticket.Body, cancellationToken);

    public async Task<(string Summary, TicketLabel Label)> TriageAsync(Ticket ticket, CancellationToken cancellationToken)
    {
        var summary = await SummarizeAsync(ticket, cancellationToken);
        var label = await chat.ClassifyAsync(ticket.Body, cancellationToken); // expect: QW0003
        return (summary, label);
    }
}
