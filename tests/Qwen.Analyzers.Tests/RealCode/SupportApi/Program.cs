using System.ClientModel;
using System.Net.Http.Headers;
using Microsoft.Extensions.AI;
using OpenAI;
using SupportApi.Models;
using SupportApi.Services;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddControllers();

// The typed client: every request it sends is relative to the DashScope compatible-mode base address.
builder.Services.AddHttpClient<IQwenChatService, QwenChatService>(client =>
{
    client.BaseAddress = new Uri("https://dashscope-intl.aliyuncs.com/compatible-mode/v1/");
    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", builder.Configuration["DashScope:ApiKey"]);
    client.Timeout = TimeSpan.FromSeconds(90);
});

// Microsoft.Extensions.AI over the OpenAI SDK, registered once.
builder.Services.AddSingleton<IChatClient>(_ =>
    new OpenAIClient(new ApiKeyCredential(builder.Configuration["DashScope:ApiKey"]!),
            new OpenAIClientOptions { Endpoint = new Uri("https://dashscope-intl.aliyuncs.com/compatible-mode/v1") })
        .GetChatClient("qwen-plus")
        .AsIChatClient());

builder.Services.AddScoped<TicketService>();
builder.Services.AddScoped<FaqService>();
builder.Services.AddScoped<TranslationService>();

var app = builder.Build();
app.MapControllers();

app.MapPost("/tickets/{id:int}/suggest", async (int id, SuggestReplyRequest request, IQwenChatService chat, CancellationToken ct) =>
{
    var reply = await chat.CompleteAsync("You draft replies for the support team. Be concise and polite.", request.CustomerMessage, ct);
    return Results.Ok(new SuggestReplyResponse(id, reply));
});

app.MapGet("/faq", async (string question, FaqService faq) => Results.Ok(await faq.AnswerAsync(question)));

app.MapPost("/messages/translate", async (string text, string language, TranslationService translation, CancellationToken ct) =>
    Results.Ok(await translation.TranslateAsync(text, language, ct)));

app.MapGet("/health", () => Results.Ok("healthy"));

app.Run();
