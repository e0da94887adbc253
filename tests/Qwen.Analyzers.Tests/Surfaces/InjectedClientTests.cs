using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;

namespace Qwen.Analyzers.Tests.Surfaces;

/// <summary>
/// A client the app registers with the container and receives as a parameter: the model is read from the one
/// registration of its type (minimal-API handlers, registered services, controllers, <c>GetRequiredService</c>), and stays
/// unknown, so QW0010 stays silent, when the type is registered twice, keyed, or the parameter is not the container's.
/// </summary>
public class InjectedClientTests
{
    private const string Usings = "using System;\nusing System.ClientModel;\nusing System.Threading;\nusing System.Threading.Tasks;\nusing Microsoft.AspNetCore.Builder;\nusing Microsoft.AspNetCore.Http;\nusing Microsoft.AspNetCore.Mvc;\nusing Microsoft.Extensions.AI;\nusing Microsoft.Extensions.DependencyInjection;\nusing Microsoft.Extensions.Hosting;\nusing Microsoft.SemanticKernel;\nusing OpenAI.Chat;\nusing ChatMessage = OpenAI.Chat.ChatMessage;\n";

    private static string Startup(string registrations, string endpoints, string types = "") => Usings + $$"""
        public sealed record Question(string Text);

        public static class Startup
        {
            public static void Run(WebApplicationBuilder builder)
            {
                var key = new ApiKeyCredential(builder.Configuration["Qwen:ApiKey"] ?? "");
                {{registrations}}
                var app = builder.Build();
                {{endpoints}}
                app.Run();
            }
        }

        {{types}}
        """;

    private const string AnswerEndpoint = """app.MapPost("/answer", async (Question q, ChatClient chat) => (await chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(q.Text) }, new ChatCompletionOptions { MaxOutputTokenCount = 300 })).Value.Content[0].Text);""";

    [Theory]
    [InlineData("""builder.Services.AddSingleton(new ChatClient("qwen3.5-plus", key));""", "QW0010:Warning")]
    [InlineData("""var chat = new ChatClient("qwen3.5-plus", key); builder.Services.AddSingleton(chat);""", "QW0010:Warning")]
    [InlineData("""builder.Services.AddSingleton(_ => new ChatClient("qwen3.5-plus", key));""", "QW0010:Warning")]
    [InlineData("""builder.Services.AddSingleton(new ChatClient("qwen-plus", key));""", "")]
    // Registered twice: which one the handler gets is the container's business.
    [InlineData("""builder.Services.AddSingleton(new ChatClient("qwen3.5-plus", key)); builder.Services.AddSingleton(new ChatClient("qwen-plus", key));""", "")]
    // From configuration: unknown.
    [InlineData("""builder.Services.AddSingleton(new ChatClient(builder.Configuration["Qwen:Model"]!, key));""", "")]
    public async Task MinimalApiHandler_GetsTheRegisteredClientsModel(string registrations, string expected)
        => Assert.Equal(expected, Found(await Analysis.RunAsync(Startup(registrations, AnswerEndpoint))));

    [Fact]
    public async Task KeyedParameter_IsUnknown()
    {
        var source = Startup("""builder.Services.AddSingleton(new ChatClient("qwen3.5-plus", key));""",
            """app.MapPost("/answer", async (Question q, [FromKeyedServices("fast")] ChatClient chat) => (await chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(q.Text) }, new ChatCompletionOptions { MaxOutputTokenCount = 300 })).Value.Content[0].Text);""");
        Assert.Equal("", Found(await Analysis.RunAsync(source)));
    }

    private const string AnswerService = """
        public sealed class AnswerService(IChatClient chat)
        {
            public async Task<string> AnswerAsync(string question, CancellationToken ct)
                => (await chat.GetResponseAsync(question, new ChatOptions { MaxOutputTokens = 300 }, ct)).Text;
        }
        """;

    [Theory]
    // A service the container builds: its constructor's IChatClient is the registered one.
    [InlineData("""builder.Services.AddChatClient(new ChatClient("qwen3.5-flash", key).AsIChatClient()); builder.Services.AddScoped<AnswerService>();""", "QW0010:Warning")]
    [InlineData("""builder.Services.AddSingleton<IChatClient>(sp => new ChatClient("qwen3.5-flash", key).AsIChatClient()); builder.Services.AddScoped<AnswerService>();""", "QW0010:Warning")]
    // Not built by the container (nothing registers it): whoever calls its constructor picks the client.
    [InlineData("""builder.Services.AddChatClient(new ChatClient("qwen3.5-flash", key).AsIChatClient());""", "")]
    public async Task RegisteredService_GetsTheRegisteredClientsModel(string registrations, string expected)
    {
        var source = Startup(registrations,
            """app.MapPost("/answer", async (Question q, AnswerService answers, CancellationToken ct) => await answers.AnswerAsync(q.Text, ct));""",
            AnswerService);
        Assert.Equal(expected, Found(await Analysis.RunAsync(source)).Split(' ').Distinct().Single());
    }

    [Fact]
    public async Task SemanticKernelFactory_AndGetRequiredService()
    {
        var source = Startup(
            """builder.Services.AddSingleton(_ => Kernel.CreateBuilder().AddOpenAIChatCompletion("qwen3.5-flash", "k").Build());""",
            """
            app.MapPost("/triage", async (Question q, Kernel kernel) => (await kernel.InvokePromptAsync("Classify: " + q.Text)).GetValue<string>());
            var nightly = app.Services.GetRequiredService<Kernel>();
            _ = nightly.InvokePromptAsync("Label yesterday's tickets");
            """);
        var found = await Analysis.RunAsync(source);
        Assert.Equal(2, found.Count(d => d.Id == "QW0010"));
    }

    [Fact]
    public async Task Controller_ConstructorParameter()
    {
        var source = Startup("""builder.Services.AddSingleton<IChatClient>(new ChatClient("qwen3.6-plus", key).AsIChatClient()); builder.Services.AddControllers();""", "app.MapControllers();", """
            [ApiController]
            public class AskController(IChatClient chat) : ControllerBase
            {
                [HttpPost("ask")]
                public async Task<string> Ask(Question q) => (await chat.GetResponseAsync(q.Text, new ChatOptions { MaxOutputTokens = 300 })).Text;
            }
            """);
        Assert.Equal("QW0010:Warning", Found(await Analysis.RunAsync(source)));
    }

    /// <summary>Semantic Kernel's DI route: the kernel the container builds talks through the chat service registered beside it.</summary>
    [Theory]
    [InlineData("""builder.Services.AddKernel().AddOpenAIChatCompletion("qwen3.5-flash", "k");""", "QW0010:Warning")]
    [InlineData("""var kernelBuilder = builder.Services.AddKernel(); kernelBuilder.AddOpenAIChatCompletion("qwen3.5-flash", "k");""", "QW0010:Warning")]
    [InlineData("""builder.Services.AddOpenAIChatCompletion("qwen3.5-flash", "k"); builder.Services.AddKernel();""", "QW0010:Warning")]
    [InlineData("""builder.Services.AddKernel().AddOpenAIChatCompletion("qwen-plus", "k");""", "")]
    // Two chat services: which one the kernel picks is not read here.
    [InlineData("""builder.Services.AddKernel().AddOpenAIChatCompletion("qwen3.5-flash", "k").AddOpenAIChatCompletion("qwen-plus", "k");""", "")]
    // A kernel of its own (Kernel.CreateBuilder()) registers nothing with the app's container.
    [InlineData("""var own = Kernel.CreateBuilder().AddOpenAIChatCompletion("qwen3.5-flash", "k").Build(); builder.Services.AddKernel();""", "")]
    public async Task AddKernel_TheKernelAndTheChatServiceKnowTheirModel(string registrations, string expected)
    {
        var source = "using Microsoft.SemanticKernel.ChatCompletion;\n" + Startup(registrations, """
            app.MapPost("/triage", async (Question q, Kernel kernel) => (await kernel.InvokePromptAsync("Classify: " + q.Text, new KernelArguments(new Microsoft.SemanticKernel.Connectors.OpenAI.OpenAIPromptExecutionSettings { MaxTokens = 300 }))).GetValue<string>());
            app.MapPost("/answer", async (Question q, Microsoft.SemanticKernel.ChatCompletion.IChatCompletionService chat) => (await chat.GetChatMessageContentAsync(q.Text, new Microsoft.SemanticKernel.Connectors.OpenAI.OpenAIPromptExecutionSettings { MaxTokens = 300 })).Content);
            """);
        var found = Found(await Analysis.RunAsync(source));
        Assert.Equal(expected.Length == 0 ? "" : expected + " " + expected, found);
    }

    [Theory]
    [InlineData("""builder.Services.AddKeyedSingleton("fast", new ChatClient("qwen3.5-flash", key)); builder.Services.AddSingleton(new ChatClient("qwen-plus", key));""", "fast", "QW0010:Warning")]
    [InlineData("""builder.Services.AddKeyedSingleton("fast", new ChatClient("qwen3.5-flash", key)); builder.Services.AddSingleton(new ChatClient("qwen-plus", key));""", "slow", "")]
    [InlineData("""builder.Services.AddKeyedSingleton("fast", new ChatClient("qwen-plus", key)); builder.Services.AddSingleton(new ChatClient("qwen3.5-flash", key));""", "fast", "")]
    public async Task KeyedRegistration_WithAConstantKey_GivesItsModel(string registrations, string key, string expected)
    {
        var source = Startup(registrations,
            $$"""app.MapPost("/answer", async (Question q, [FromKeyedServices("{{key}}")] ChatClient chat) => (await chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(q.Text) }, new ChatCompletionOptions { MaxOutputTokenCount = 300 })).Value.Content[0].Text);""");
        Assert.Equal(expected, Found(await Analysis.RunAsync(source)));
    }

    /// <summary>Microsoft.Extensions.AI pipelines carry the model of the client they are built over.</summary>
    [Theory]
    [InlineData("""builder.Services.AddChatClient(new ChatClient("qwen3.5-flash", key).AsIChatClient()).UseFunctionInvocation();""")]
    [InlineData("""builder.Services.AddChatClient(new ChatClientBuilder(new ChatClient("qwen3.5-flash", key).AsIChatClient()).UseFunctionInvocation().Build());""")]
    [InlineData("""builder.Services.AddSingleton(new ChatClient("qwen3.5-flash", key).AsIChatClient().AsBuilder().UseFunctionInvocation().Build());""")]
    public async Task ChatClientBuilderPipelines_KnowTheirModel(string registrations)
    {
        var source = Startup(registrations.Replace("AddSingleton(", "AddSingleton<IChatClient>("),
            """app.MapPost("/answer", async (Question q, IChatClient chat) => (await chat.GetResponseAsync(q.Text, new ChatOptions { MaxOutputTokens = 300 })).Text);""");
        Assert.Equal("QW0010:Warning", Found(await Analysis.RunAsync(source)));
    }

    private static string Found(ImmutableArray<Diagnostic> diagnostics)
        => string.Join(" ", diagnostics.Where(d => d.Id == "QW0010").Select(d => d.Id + ":" + d.Severity));
}
