using System.ClientModel;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;
using Shop.Application;
using Shop.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
var openAI = new OpenAIClient(new ApiKeyCredential(builder.Configuration["DashScope:ApiKey"]!),
    new OpenAIClientOptions { Endpoint = new Uri("https://dashscope-intl.aliyuncs.com/compatible-mode/v1") });
builder.Services.AddSingleton(openAI.GetChatClient("qwen-plus"));
builder.Services.AddSingleton<IChatClient>(openAI.GetChatClient("qwen-flash").AsIChatClient());
builder.Services.AddHttpClient<IDashScopeChat, DashScopeChat>(c => c.DefaultRequestHeaders.Add("Authorization", "Bearer " + builder.Configuration["DashScope:ApiKey"]));
builder.Services.AddHttpClient<ProductImages>();
builder.Services.AddShopApplication();
builder.Services.AddControllers();

var app = builder.Build();

app.MapGet("/orders/{id}/notes", async (string id, OrderNotes notes, CancellationToken ct) =>
{
    var (summary, giftNote) = await notes.ForOrderAsync(id, ct);
    return Results.Ok(new { summary, giftNote });
});

app.MapPost("/products/{sku}/pitch", async (string sku, IDashScopeChat qwen, CancellationToken ct) =>
{
    var pitch = await qwen.CompleteAsync(Prompts.Merchandiser, $"A two-line pitch for {sku}", ct);
    var alt = await qwen.CompleteAsync(Prompts.Merchandiser, $"An image alt text for {sku}", ct); // expect-ide: QW0003
    return Results.Ok(new { pitch, alt });
});

app.MapControllers();
app.Run();
