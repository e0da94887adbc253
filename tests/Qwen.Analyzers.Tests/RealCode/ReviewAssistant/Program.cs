using System.ClientModel;
using Microsoft.Extensions.AI;
using OpenAI;
using ReviewAssistant;

var builder = WebApplication.CreateBuilder(args);

// qwen3.5-flash for labels, as the latency guide suggests for classification.
builder.Services.AddSingleton<IChatClient>(_ =>
    new OpenAIClient(new ApiKeyCredential(builder.Configuration["DashScope:ApiKey"]!),
            new OpenAIClientOptions { Endpoint = new Uri("https://dashscope-intl.aliyuncs.com/compatible-mode/v1") })
        .GetChatClient("qwen3.5-flash")
        .AsIChatClient());
builder.Services.AddSingleton<ReviewClassifier>();
builder.Services.AddHttpClient<PolicyChecker>(client =>
{
    client.BaseAddress = new Uri("https://dashscope-intl.aliyuncs.com/compatible-mode/v1/");
    client.DefaultRequestHeaders.Authorization = new("Bearer", builder.Configuration["DashScope:ApiKey"]);
});

var app = builder.Build();

app.MapPost("/reviews/classify", async (Review review, ReviewClassifier classifier, CancellationToken ct) =>
    Results.Ok(new { label = await classifier.ClassifyAsync(review.Text, ct) }));

app.MapPost("/reviews/reply", async (Review review, ReviewClassifier classifier, CancellationToken ct) =>
    Results.Ok(new { reply = await classifier.SuggestReplyAsync(review.Text, ct) }));

app.MapPost("/reviews/policy", async (Review review, PolicyChecker checker, CancellationToken ct) =>
    Results.Ok(new { verdict = await checker.CheckAsync(review.Text, ct) }));

app.Run();

namespace ReviewAssistant
{
    public sealed record Review(string Text);
}
