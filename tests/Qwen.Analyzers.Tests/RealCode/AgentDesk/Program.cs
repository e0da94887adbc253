using System.ClientModel;
using AgentDesk.Agents;
using Microsoft.Extensions.AI;
using OpenAI;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSingleton<IChatClient>(_ =>
    new OpenAIClient(
            new ApiKeyCredential(builder.Configuration["DashScope:ApiKey"]!),
            new OpenAIClientOptions { Endpoint = new Uri("https://dashscope-intl.aliyuncs.com/compatible-mode/v1") })
        .GetChatClient("qwen-plus")
        .AsIChatClient());
builder.Services.AddSingleton<SupportAgents>();

var app = builder.Build();

app.MapPost("/tickets/label", async (TicketRequest request, SupportAgents agents, CancellationToken ct)
    => Results.Ok(new { label = await agents.LabelAsync(request.Text, ct) }));

app.MapPost("/tickets/reply", async (TicketRequest request, SupportAgents agents, CancellationToken ct)
    => Results.Ok(new { reply = await agents.DraftReplyAsync(request.Text, ct) }));

app.MapPost("/tickets/reply/stream", (TicketRequest request, SupportAgents agents, CancellationToken ct)
    => agents.StreamReplyAsync(request.Text, ct));

app.MapPost("/tickets/digest", async (List<string> tickets, SupportAgents agents, CancellationToken ct)
    => Results.Ok(await agents.LabelAllAsync(tickets, ct)));

app.Run();

public sealed record TicketRequest(string Text);
