using BlazorChat.Components;
using BlazorChat.Services;
using Microsoft.SemanticKernel;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddRazorComponents().AddInteractiveServerComponents();

// Semantic Kernel pointed at DashScope's compatible mode; the endpoint and key come from configuration.
builder.Services.AddKernel().AddOpenAIChatCompletion(
    modelId: "qwen-plus",
    endpoint: new Uri("https://dashscope.aliyuncs.com/compatible-mode/v1"),
    apiKey: builder.Configuration["DashScope:ApiKey"]!);
builder.Services.AddScoped<ConversationService>();

var app = builder.Build();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.Run();
