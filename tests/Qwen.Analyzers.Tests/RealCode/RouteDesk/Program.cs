using RouteDesk.Services;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddHttpClient<AssistantClient>();

var app = builder.Build();

app.MapPost("/ask", async (AskRequest request, AssistantClient assistant) =>
    Results.Ok(new { answer = await assistant.AskAsync(request.Question) }));

app.MapPost("/route", async (AskRequest request, AssistantClient assistant) =>
    Results.Ok(new { queue = await assistant.RouteAsync(request.Question) }));

app.Run();

public sealed record AskRequest(string Question);
