using FaqBot;
using Microsoft.SemanticKernel;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddControllers();
builder.Services.AddSingleton(_ => Kernel.CreateBuilder()
    .AddOpenAIChatCompletion("qwen-plus", new Uri("https://dashscope-intl.aliyuncs.com/compatible-mode/v1"), builder.Configuration["DashScope:ApiKey"]!)
    .Build());
builder.Services.AddSingleton<FaqFunctions>();

var app = builder.Build();
app.MapControllers();
app.Run();
