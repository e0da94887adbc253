using System.Linq;
using System.Threading.Tasks;
using VerifyCS = Qwen.Analyzers.Tests.Verify<Qwen.Analyzers.Rules.ClientPerCallAnalyzer, Qwen.Analyzers.CodeFixes.ClientPerCallFixer>;

namespace Qwen.Analyzers.Tests.Rules;

/// <summary>
/// QW0012 in the shapes apps build clients: per action in a controller, per call in a service, as a field of a
/// controller or a scoped service, per item of a batch loop — and the shapes that already share connections (a client
/// built once before the loop, in Main, in a singleton, through IHttpClientFactory, over a shared handler, and the
/// OpenAI SDK's own clients, which share System.ClientModel's transport).
/// </summary>
public class ClientPerCallAnalyzerTests
{
    private const string Usings = "using System;\nusing System.Collections.Generic;\nusing System.Net.Http;\nusing System.Net.Http.Headers;\nusing System.Net.Http.Json;\nusing System.Threading;\nusing System.Threading.Tasks;\nusing Microsoft.AspNetCore.Mvc;\nusing Microsoft.Extensions.DependencyInjection;\nusing Microsoft.Extensions.Hosting;\n";

    private const string Compatible = "https://dashscope-intl.aliyuncs.com/compatible-mode/v1/chat/completions";

    private const string Body = "new { model = \"qwen-plus\", messages = new[] { new { role = \"user\", content = question } }, max_tokens = 300 }";

    [Fact]
    public Task ControllerAction_UsingLocal_SharedInAStaticField() => VerifyCS.Code(Usings + $$"""
        [ApiController]
        [Route("answers")]
        public class AnswersController : ControllerBase
        {
            [HttpPost]
            public async Task<string> Post(string question)
            {
                using var http = {|QW0012:new HttpClient { Timeout = TimeSpan.FromSeconds(30) }|};
                using var response = await http.PostAsJsonAsync("{{Compatible}}", {{Body}});
                return await response.Content.ReadAsStringAsync();
            }
        }
        """).FixedTo(Usings + $$"""
        [ApiController]
        [Route("answers")]
        public class AnswersController : ControllerBase
        {
            private static readonly HttpClient SharedHttpClient = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

            [HttpPost]
            public async Task<string> Post(string question)
            {
                var http = SharedHttpClient;
                using var response = await http.PostAsJsonAsync("{{Compatible}}", {{Body}});
                return await response.Content.ReadAsStringAsync();
            }
        }
        """).RunAsync();

    [Fact]
    public Task Message_NamesWhereAndTheCall() => VerifyCS.Code(Usings + $$"""
        public sealed class AnswerService
        {
            public async Task<string> AskAsync(string question)
            {
                using var http = {|#0:new HttpClient()|};
                using var response = await http.PostAsJsonAsync("{{Compatible}}", {{Body}});
                return await response.Content.ReadAsStringAsync();
            }
        }
        """).Expect(VerifyCS.Diagnostic("QW0012").WithLocation(0).WithArguments("each time this method runs", "HttpClient.PostAsJsonAsync", "")).RunAsync();

    [Fact]
    public Task KeyOnTheClientPerCall_ReportedWithGuidance_NoFix() => VerifyCS.Code(Usings + $$"""
        public sealed class AnswerService(string apiKey)
        {
            public async Task<string> AskAsync(string question, CancellationToken cancellationToken)
            {
                using var http = {|QW0012:new HttpClient()|};
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
                using var response = await http.PostAsJsonAsync("{{Compatible}}", {{Body}}, cancellationToken);
                return await response.Content.ReadAsStringAsync(cancellationToken);
            }
        }
        """).WithoutHelpers().NoFix().RunAsync();

    [Fact]
    public Task GuidanceMessage_WhenTheClientIsChangedAfterItIsBuilt() => VerifyCS.Code(Usings + $$"""
        public sealed class AnswerService(string apiKey)
        {
            public async Task<string> AskAsync(string question)
            {
                var http = {|#0:new HttpClient { BaseAddress = new Uri("https://dashscope-intl.aliyuncs.com/") }|};
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
                return await http.GetStringAsync("api/v1/tasks/" + question);
            }
        }
        """).Expect(VerifyCS.Diagnostic("QW0012").WithLocation(0).WithArguments("each time this method runs", "HttpClient.GetStringAsync",
            "; share one client (a static readonly field, or a typed client from AddHttpClient) and put per-call values such as the API key on each HttpRequestMessage")).RunAsync();

    [Fact]
    public Task ControllerField_BecomesStatic() => VerifyCS.Code(Usings + $$"""
        public class TranslateController : ControllerBase
        {
            private readonly HttpClient _http = {|QW0012:new HttpClient { BaseAddress = new Uri("https://dashscope-intl.aliyuncs.com/") }|};

            [HttpPost("translate")]
            public async Task<string> Translate(string question)
            {
                using var response = await _http.PostAsJsonAsync("compatible-mode/v1/chat/completions", {{Body}});
                return await response.Content.ReadAsStringAsync();
            }
        }
        """).FixedTo(Usings + $$"""
        public class TranslateController : ControllerBase
        {
            private static readonly HttpClient _http = new HttpClient { BaseAddress = new Uri("https://dashscope-intl.aliyuncs.com/") };

            [HttpPost("translate")]
            public async Task<string> Translate(string question)
            {
                using var response = await _http.PostAsJsonAsync("compatible-mode/v1/chat/completions", {{Body}});
                return await response.Content.ReadAsStringAsync();
            }
        }
        """).RunAsync();

    [Fact]
    public Task ScopedServiceField_Reported_SingletonNot() => VerifyCS.Code(Usings + $$"""
        public static class Registrations
        {
            public static void Add(IServiceCollection services)
            {
                services.AddScoped<ScopedAnswers>();
                services.AddSingleton<SingletonAnswers>();
            }
        }

        public sealed class ScopedAnswers
        {
            private readonly HttpClient _http;
            public ScopedAnswers() => _http = {|#0:new HttpClient()|};
            public Task<HttpResponseMessage> AskAsync(string question) => _http.PostAsJsonAsync("{{Compatible}}", {{Body}});
        }

        public sealed class SingletonAnswers
        {
            private readonly HttpClient _http = new HttpClient();
            public Task<HttpResponseMessage> AskAsync(string question) => _http.PostAsJsonAsync("{{Compatible}}", {{Body}});
        }
        """).Expect(VerifyCS.Diagnostic("QW0012").WithLocation(0).WithArguments("for each ScopedAnswers, which is built per request", "HttpClient.PostAsJsonAsync",
            "; share one client (a static readonly field, or a typed client from AddHttpClient) and put per-call values such as the API key on each HttpRequestMessage")).RunAsync();

    [Fact]
    public Task BatchLoop_ClientPerItem_HoistedOutOfTheLoop() => VerifyCS.Code(Usings + $$"""
        public static class Program
        {
            public static async Task Main(string[] args)
            {
                foreach (var question in args)
                {
                    using (var http = {|QW0012:new HttpClient()|})
                    {
                        var response = await http.PostAsJsonAsync("{{Compatible}}", {{Body}});
                        Console.WriteLine(await response.Content.ReadAsStringAsync());
                    }
                }
            }
        }
        """).FixedTo(Usings + $$"""
        public static class Program
        {
            private static readonly HttpClient SharedHttpClient = new HttpClient();

            public static async Task Main(string[] args)
            {
                foreach (var question in args)
                {
                    var http = SharedHttpClient;
                    var response = await http.PostAsJsonAsync("{{Compatible}}", {{Body}});
                    Console.WriteLine(await response.Content.ReadAsStringAsync());
                }
            }
        }
        """).RunAsync();

    [Fact]
    public Task FixAll_TwoMethodsShareOneField() => VerifyCS.Code(Usings + $$"""
        public sealed class DeskService
        {
            public async Task<string> AnswerAsync(string question)
            {
                using var http = {|QW0012:new HttpClient()|};
                return await (await http.PostAsJsonAsync("{{Compatible}}", {{Body}})).Content.ReadAsStringAsync();
            }

            public async Task<string> SummarizeAsync(string question)
            {
                var response = await {|QW0012:new HttpClient()|}.PostAsJsonAsync("{{Compatible}}", {{Body}});
                return await response.Content.ReadAsStringAsync();
            }
        }
        """).FixedTo(Usings + $$"""
        public sealed class DeskService
        {
            private static readonly HttpClient SharedHttpClient = new HttpClient();

            public async Task<string> AnswerAsync(string question)
            {
                var http = SharedHttpClient;
                return await (await http.PostAsJsonAsync("{{Compatible}}", {{Body}})).Content.ReadAsStringAsync();
            }

            public async Task<string> SummarizeAsync(string question)
            {
                var response = await SharedHttpClient.PostAsJsonAsync("{{Compatible}}", {{Body}});
                return await response.Content.ReadAsStringAsync();
            }
        }
        """).RunAsync();

    [Fact]
    public Task OpenAIClientHandedANewHttpClient_Reported() => VerifyCS.Code(Usings + "using System.ClientModel;\nusing System.ClientModel.Primitives;\nusing OpenAI;\nusing OpenAI.Chat;\n" + """
        public sealed class ChatService(string apiKey)
        {
            public async Task<string> AskAsync(string question)
            {
                var options = new OpenAIClientOptions { Endpoint = new Uri("https://dashscope-intl.aliyuncs.com/compatible-mode/v1"), Transport = new HttpClientPipelineTransport({|QW0012:new HttpClient()|}) };
                var chat = new ChatClient("qwen-plus", new ApiKeyCredential(apiKey), options);
                ChatCompletion completion = await chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(question) }, new ChatCompletionOptions { MaxOutputTokenCount = 300 });
                return completion.Content[0].Text;
            }
        }
        """).FixedTo(Usings + "using System.ClientModel;\nusing System.ClientModel.Primitives;\nusing OpenAI;\nusing OpenAI.Chat;\n" + """
        public sealed class ChatService(string apiKey)
        {
            private static readonly HttpClient SharedHttpClient = new HttpClient();

            public async Task<string> AskAsync(string question)
            {
                var options = new OpenAIClientOptions { Endpoint = new Uri("https://dashscope-intl.aliyuncs.com/compatible-mode/v1"), Transport = new HttpClientPipelineTransport(SharedHttpClient) };
                var chat = new ChatClient("qwen-plus", new ApiKeyCredential(apiKey), options);
                ChatCompletion completion = await chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(question) }, new ChatCompletionOptions { MaxOutputTokenCount = 300 });
                return completion.Content[0].Text;
            }
        }
        """).RunAsync();

    /// <summary>Clients that already share their connections, or are built once for many calls: nothing to report.</summary>
    [Fact]
    public Task SharedConnections_NotReported() => VerifyCS.Code(Usings + "using System.ClientModel;\nusing OpenAI.Chat;\n" + $$"""
        public static class Program
        {
            public static async Task Main(string[] args)
            {
                // Built once in Main, reused by every call of the batch.
                using var http = new HttpClient();
                foreach (var question in args)
                    await http.PostAsJsonAsync("{{Compatible}}", {{Body}});
            }
        }

        public sealed class NightlyLabels : BackgroundService
        {
            protected override async Task ExecuteAsync(CancellationToken stoppingToken)
            {
                using var http = new HttpClient();
                var question = "label";
                await http.PostAsJsonAsync("{{Compatible}}", {{Body}}, stoppingToken);
            }
        }

        public sealed class Batch
        {
            public async Task RunAsync(IReadOnlyList<string> questions)
            {
                using var http = new HttpClient();
                foreach (var question in questions)
                    await http.PostAsJsonAsync("{{Compatible}}", {{Body}});
            }
        }

        public sealed class Services(IHttpClientFactory factory, HttpClient typedClient)
        {
            private static readonly SocketsHttpHandler Handler = new() { PooledConnectionLifetime = TimeSpan.FromMinutes(2) };

            public Task<HttpResponseMessage> FromFactoryAsync(string question) => factory.CreateClient("qwen").PostAsJsonAsync("{{Compatible}}", {{Body}});

            public Task<HttpResponseMessage> TypedAsync(string question) => typedClient.PostAsJsonAsync("{{Compatible}}", {{Body}});

            public async Task<HttpResponseMessage> OverASharedHandlerAsync(string question)
            {
                using var http = new HttpClient(Handler, disposeHandler: false);
                return await http.PostAsJsonAsync("{{Compatible}}", {{Body}});
            }

            // System.ClientModel's shared transport keeps the connections of every OpenAI client built without one.
            public async Task<string> OpenAIPerCallAsync(string question, string apiKey)
            {
                var chat = new ChatClient("qwen-plus", new ApiKeyCredential(apiKey), new OpenAI.OpenAIClientOptions { Endpoint = new Uri("https://dashscope-intl.aliyuncs.com/compatible-mode/v1") });
                ChatCompletion completion = await chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(question) }, new ChatCompletionOptions { MaxOutputTokenCount = 300 });
                return completion.Content[0].Text;
            }

            // Not a Qwen call: an HttpClient built per call for something else is another analyzer's business.
            public async Task<string> WeatherAsync()
            {
                using var http = new HttpClient();
                return await http.GetStringAsync("https://weather.example.com/today");
            }
        }

        public static class Registrations
        {
            public static void Add(IServiceCollection services)
                => services.AddSingleton(sp => new HttpClient { BaseAddress = new Uri("https://dashscope-intl.aliyuncs.com/") });
        }
        """).RunAsync();

    [Fact]
    public async Task MinimalApiHandler_InProgramCs_ReportedWithoutFix()
    {
        var source = Usings + "using Microsoft.AspNetCore.Builder;\nusing Microsoft.AspNetCore.Http;\n" + $$"""
            var app = WebApplication.CreateBuilder(args).Build();
            app.MapPost("/ask", async (string question) =>
            {
                using var http = new HttpClient();
                using var response = await http.PostAsJsonAsync("{{Compatible}}", {{Body}});
                return Results.Text(await response.Content.ReadAsStringAsync());
            });
            app.Run();
            """;
        var found = (await Analysis.RunAsync(source, References.FrameworkClientsAndHelpers, outputKind: Microsoft.CodeAnalysis.OutputKind.ConsoleApplication)).Where(d => d.Id == "QW0012").ToList();
        var finding = Assert.Single(found);
        Assert.Contains("each time this method runs", finding.GetMessage());
        Assert.Contains("share one client", finding.GetMessage());
        Assert.False(finding.Properties.ContainsKey("Share"));
    }

    [Fact]
    public Task SemanticKernelBuiltPerCall_WithANewHttpClient_Reported() => VerifyCS.Code(Usings + "using Microsoft.SemanticKernel;\n" + """
        public sealed class Triage(string apiKey)
        {
            public async Task<string?> ClassifyAsync(string ticket)
            {
                var builder = Kernel.CreateBuilder();
                builder.AddOpenAIChatCompletion("qwen-flash", new Uri("https://dashscope-intl.aliyuncs.com/compatible-mode/v1"), apiKey, httpClient: {|QW0012:new HttpClient()|});
                var kernel = builder.Build();
                var result = await kernel.InvokePromptAsync("Label: {{$ticket}}", new KernelArguments { ["ticket"] = ticket });
                return result.GetValue<string>();
            }
        }
        """).FixedTo(Usings + "using Microsoft.SemanticKernel;\n" + """
        public sealed class Triage(string apiKey)
        {
            private static readonly HttpClient SharedHttpClient = new HttpClient();

            public async Task<string?> ClassifyAsync(string ticket)
            {
                var builder = Kernel.CreateBuilder();
                builder.AddOpenAIChatCompletion("qwen-flash", new Uri("https://dashscope-intl.aliyuncs.com/compatible-mode/v1"), apiKey, httpClient: SharedHttpClient);
                var kernel = builder.Build();
                var result = await kernel.InvokePromptAsync("Label: {{$ticket}}", new KernelArguments { ["ticket"] = ticket });
                return result.GetValue<string>();
            }
        }
        """).RunAsync();
}
