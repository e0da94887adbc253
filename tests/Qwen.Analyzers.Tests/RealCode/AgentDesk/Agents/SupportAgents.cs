using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;

namespace AgentDesk.Agents;

/// <summary>The agents behind the support endpoints, built once from the registered chat client.</summary>
public sealed class SupportAgents
{
    private readonly AIAgent _labeler;
    private readonly AIAgent _writer;
    private readonly AIAgent _streamingWriter;

    public SupportAgents(IChatClient chat)
    {
        _labeler = new ChatClientAgent(chat, new ChatClientAgentOptions
        {
            Name = "labeler",
            ChatOptions = new ChatOptions { Instructions = "Label the ticket: billing, shipping or other. Answer with the label only.", MaxOutputTokens = 8 },
        });
        // The clock first: every request starts with different text, so the handbook after it is never cached.
        _writer = chat.AsAIAgent(instructions: $"Current time: {DateTime.Now:g}. {Handbook.Text}"); // expect: QW0004
        _streamingWriter = new ChatClientAgent(chat, instructions: Handbook.Text);
    }

    public async Task<string> LabelAsync(string ticket, CancellationToken ct)
    {
        var response = await _labeler.RunAsync(ticket, cancellationToken: ct);
        return response.Text.Trim();
    }

    public async Task<string> DraftReplyAsync(string ticket, CancellationToken ct)
    {
        var response = await _writer.RunAsync(ticket, cancellationToken: ct); // expect: QW0001, QW0002
        return response.Text;
    }

    public async IAsyncEnumerable<string> StreamReplyAsync(string ticket, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var options = new ChatClientAgentRunOptions(new ChatOptions { MaxOutputTokens = 800 });
        await foreach (var update in _streamingWriter.RunStreamingAsync(ticket, options: options, cancellationToken: ct))
            yield return update.Text;
    }

    public async Task<List<string>> LabelAllAsync(List<string> tickets, CancellationToken ct)
    {
        var labels = new List<string>();
        foreach (var ticket in tickets) // expect: QW0006
            labels.Add((await _labeler.RunAsync(ticket, cancellationToken: ct)).Text.Trim());
        return labels;
    }
}
