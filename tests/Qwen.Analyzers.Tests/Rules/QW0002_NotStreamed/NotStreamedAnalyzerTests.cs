using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using VerifyCS = Qwen.Analyzers.Tests.Verify<Qwen.Analyzers.Rules.NotStreamedAnalyzer, Qwen.Analyzers.CodeFixes.NotStreamedFixer>;

namespace Qwen.Analyzers.Tests.Rules;

public class NotStreamedAnalyzerTests
{
    private const string Web = "using System;\nusing System.Collections.Generic;\nusing System.ClientModel;\nusing System.Threading;\nusing System.Threading.Tasks;\nusing Microsoft.AspNetCore.Builder;\nusing Microsoft.AspNetCore.Http;\nusing Microsoft.AspNetCore.Mvc;\nusing OpenAI.Chat;\n";
    private const string WebFixed = "using System;\nusing System.Collections.Generic;\nusing System.ClientModel;\nusing System.Threading;\nusing System.Threading.Tasks;\nusing Microsoft.AspNetCore.Builder;\nusing Microsoft.AspNetCore.Http;\nusing Microsoft.AspNetCore.Mvc;\nusing OpenAI.Chat;\nusing Qwen.Latency;\n";

    [Fact]
    public Task MinimalApi_CompleteChatAsync_WarningAndStreamingFix() => VerifyCS.Code(Web + """
        static class Endpoints
        {
            public static void Map(WebApplication app, ChatClient chat) =>
                app.MapPost("/answer", async (string question, CancellationToken ct) =>
                {
                    ChatCompletion completion = await chat.{|#0:CompleteChatAsync|}(new ChatMessage[] { new UserChatMessage(question) }, new ChatCompletionOptions { MaxOutputTokenCount = 800 }, ct);
                    return Results.Ok(new { answer = completion.Content[0].Text, reason = completion.FinishReason.ToString(), tokens = completion.Usage.OutputTokenCount });
                });
        }
        """.Replace("{|#0:CompleteChatAsync|}", "{|QW0002:CompleteChatAsync|}")).FixedTo(WebFixed + """
        static class Endpoints
        {
            public static void Map(WebApplication app, ChatClient chat) =>
                app.MapPost("/answer", async (string question, CancellationToken ct) =>
                {
                    var completion = await OpenAIStreaming.CollectAsync(
                        () => chat.CompleteChatStreamingAsync(new ChatMessage[] { new UserChatMessage(question) }, new ChatCompletionOptions { MaxOutputTokenCount = 800 }, ct),
                        cancellationToken: ct);
                    return Results.Ok(new { answer = completion.Text, reason = completion.FinishReason.ToString(), tokens = completion.Usage.OutputTokenCount });
                });
        }
        """).OneAtATimeOnly().RunAsync();

    // ---------- Where the client's retries are in view, Fix All and dotnet format apply the fix too ----------

    [Fact]
    public Task OpenAI_ClientBuiltInView_FixedInBulk_RetriesKept() => VerifyCS.Code(Web + "using OpenAI;\nusing System.ClientModel.Primitives;\n" + """
        [ApiController]
        public class AnswersController : ControllerBase
        {
            private static readonly ChatClient Chat = new("qwen-plus", new ApiKeyCredential("sk-key"),
                new OpenAIClientOptions { Endpoint = new Uri("https://dashscope-intl.aliyuncs.com/compatible-mode/v1") });
            private static readonly ChatClient Strict = new("qwen-plus", new ApiKeyCredential("sk-key"),
                new OpenAIClientOptions { Endpoint = new Uri("https://dashscope-intl.aliyuncs.com/compatible-mode/v1"), RetryPolicy = new ClientRetryPolicy(0) });

            [HttpGet]
            public async Task<string> Get(string q, CancellationToken ct)
            {
                ChatCompletion answer = await Chat.{|QW0002:CompleteChatAsync|}(new ChatMessage[] { new UserChatMessage(q) }, new ChatCompletionOptions { MaxOutputTokenCount = 400 }, ct);
                ChatCompletion again = await Strict.{|QW0002:CompleteChatAsync|}(new ChatMessage[] { new UserChatMessage(q) }, new ChatCompletionOptions { MaxOutputTokenCount = 400 }, ct);
                return answer.Content[0].Text + again.Content[0].Text;
            }
        }
        """).FixedTo(Web + "using OpenAI;\nusing System.ClientModel.Primitives;\nusing Qwen.Latency;\n" + """
        [ApiController]
        public class AnswersController : ControllerBase
        {
            private static readonly ChatClient Chat = new("qwen-plus", new ApiKeyCredential("sk-key"),
                new OpenAIClientOptions { Endpoint = new Uri("https://dashscope-intl.aliyuncs.com/compatible-mode/v1") });
            private static readonly ChatClient Strict = new("qwen-plus", new ApiKeyCredential("sk-key"),
                new OpenAIClientOptions { Endpoint = new Uri("https://dashscope-intl.aliyuncs.com/compatible-mode/v1"), RetryPolicy = new ClientRetryPolicy(0) });

            [HttpGet]
            public async Task<string> Get(string q, CancellationToken ct)
            {
                var answer = await OpenAIStreaming.CollectAsync(
                    () => Chat.CompleteChatStreamingAsync(new ChatMessage[] { new UserChatMessage(q) }, new ChatCompletionOptions { MaxOutputTokenCount = 400 }, ct),
                    cancellationToken: ct);
                var again = await OpenAIStreaming.CollectAsync(
                    () => Strict.CompleteChatStreamingAsync(new ChatMessage[] { new UserChatMessage(q) }, new ChatCompletionOptions { MaxOutputTokenCount = 400 }, ct),
                    maxRetries: 0,
                    cancellationToken: ct);
                return answer.Text + again.Text;
            }
        }
        """).RunAsync();

    [Fact]
    public Task ExtensionsAI_RegisteredWithAddChatClient_FixedInBulk() => VerifyCS.Code("using System;\nusing System.ClientModel;\nusing System.Threading.Tasks;\nusing Microsoft.AspNetCore.Builder;\nusing Microsoft.Extensions.AI;\nusing Microsoft.Extensions.DependencyInjection;\nusing OpenAI;\n" + """
        static class Program
        {
            static void Main()
            {
                var builder = WebApplication.CreateBuilder();
                var openAI = new OpenAIClient(new ApiKeyCredential("sk-key"), new OpenAIClientOptions { Endpoint = new Uri("https://dashscope-intl.aliyuncs.com/compatible-mode/v1") });
                builder.Services.AddChatClient(openAI.GetChatClient("qwen-plus").AsIChatClient());
                var app = builder.Build();
                app.MapPost("/ask", async (string question, IChatClient chat) =>
                {
                    var response = await chat.{|QW0002:GetResponseAsync|}(question, new ChatOptions { MaxOutputTokens = 400 });
                    return response.Text;
                });
                app.Run();
            }
        }
        """).FixedTo("using System;\nusing System.ClientModel;\nusing System.Threading.Tasks;\nusing Microsoft.AspNetCore.Builder;\nusing Microsoft.Extensions.AI;\nusing Microsoft.Extensions.DependencyInjection;\nusing OpenAI;\nusing Qwen.Latency;\n" + """
        static class Program
        {
            static void Main()
            {
                var builder = WebApplication.CreateBuilder();
                var openAI = new OpenAIClient(new ApiKeyCredential("sk-key"), new OpenAIClientOptions { Endpoint = new Uri("https://dashscope-intl.aliyuncs.com/compatible-mode/v1") });
                builder.Services.AddChatClient(openAI.GetChatClient("qwen-plus").AsIChatClient());
                var app = builder.Build();
                app.MapPost("/ask", async (string question, IChatClient chat) =>
                {
                    var response = await ChatClientStreaming.CollectAsync(() => chat.GetStreamingResponseAsync(question, new ChatOptions { MaxOutputTokens = 400 }));
                    return response.Text;
                });
                app.Run();
            }
        }
        """).RunAsync();

    /// <summary>AddOpenAIChatCompletion hands the connector an HttpClient, and the connector then turns the SDK's retries off: none to keep.</summary>
    [Fact]
    public Task SemanticKernel_AddKernelConnector_FixedInBulk_WithoutRetries() => VerifyCS.Code("using System.Threading.Tasks;\nusing Microsoft.AspNetCore.Builder;\nusing Microsoft.Extensions.DependencyInjection;\nusing Microsoft.SemanticKernel;\nusing Microsoft.SemanticKernel.ChatCompletion;\n" + """
        static class Program
        {
            static void Main()
            {
                var builder = WebApplication.CreateBuilder();
                builder.Services.AddKernel().AddOpenAIChatCompletion("qwen-plus", new System.Uri("https://dashscope-intl.aliyuncs.com/compatible-mode/v1"), "sk-key");
                var app = builder.Build();
                app.MapPost("/ask", async (string question, IChatCompletionService chat) =>
                {
                    var history = new ChatHistory();
                    history.AddUserMessage(question);
                    var reply = await chat.{|QW0002:GetChatMessageContentAsync|}(history);
                    return reply.Content;
                });
                app.Run();
            }
        }
        """).FixedTo("using System.Threading.Tasks;\nusing Microsoft.AspNetCore.Builder;\nusing Microsoft.Extensions.DependencyInjection;\nusing Microsoft.SemanticKernel;\nusing Microsoft.SemanticKernel.ChatCompletion;\nusing Qwen.Latency;\n" + """
        static class Program
        {
            static void Main()
            {
                var builder = WebApplication.CreateBuilder();
                builder.Services.AddKernel().AddOpenAIChatCompletion("qwen-plus", new System.Uri("https://dashscope-intl.aliyuncs.com/compatible-mode/v1"), "sk-key");
                var app = builder.Build();
                app.MapPost("/ask", async (string question, IChatCompletionService chat) =>
                {
                    var history = new ChatHistory();
                    history.AddUserMessage(question);
                    var reply = await SemanticKernelStreaming.CollectAsync(() => chat.GetStreamingChatMessageContentsAsync(history), maxRetries: 0);
                    return reply.Text;
                });
                app.Run();
            }
        }
        """).RunAsync();

    [Fact]
    public Task MinimalApi_ReturnTheStream_ExtensionsAI() => VerifyCS.Code("using Microsoft.AspNetCore.Builder;\nusing Microsoft.Extensions.AI;\n" + """
        static class Endpoints
        {
            public static void Map(WebApplication app) =>
                app.MapGet("/answer", async (string q, IChatClient chat) => (await chat.{|QW0002:GetResponseAsync|}(q)).Text);
        }
        """).FixedTo("using Microsoft.AspNetCore.Builder;\nusing Microsoft.AspNetCore.Http;\nusing Microsoft.Extensions.AI;\nusing Qwen.Latency;\n" + """
        static class Endpoints
        {
            public static void Map(WebApplication app) =>
                app.MapGet("/answer", (string q, IChatClient chat) => TypedResults.ServerSentEvents(QwenStreaming.DeltasAsync(chat.GetStreamingResponseAsync(q), u => u.Text)));
        }
        """, action: "QW0002.ReturnStream").RunAsync();

    [Fact]
    public Task MinimalApi_ReturnTheStream_OpenAI() => VerifyCS.Code(Web + """
        static class Endpoints
        {
            public static void Map(WebApplication app, ChatClient chat) =>
                app.MapPost("/answer", async (string question) =>
                {
                    var prompt = "Answer briefly: " + question;
                    ChatCompletion completion = await chat.{|QW0002:CompleteChatAsync|}(new UserChatMessage(prompt));
                    return completion.Content[0].Text;
                });
        }
        """).FixedTo(WebFixed + """
        static class Endpoints
        {
            public static void Map(WebApplication app, ChatClient chat) =>
                app.MapPost("/answer", (string question) =>
                {
                    var prompt = "Answer briefly: " + question;
                    return TypedResults.ServerSentEvents(
                        OpenAIStreaming.TextDeltasAsync(chat.CompleteChatStreamingAsync(new UserChatMessage(prompt))));
                });
        }
        """, action: "QW0002.ReturnStream").RunAsync();

    [Fact]
    public Task Controller_ClientResultValue_Rewritten() => VerifyCS.Code(Web + """
        [ApiController]
        public class AnswersController(ChatClient chat) : ControllerBase
        {
            [HttpGet]
            public async Task<string> Get(string q)
            {
                var result = await chat.{|QW0002:CompleteChatAsync|}(new UserChatMessage(q)).ConfigureAwait(false);
                return result.Value.Content[0].Text;
            }
        }
        """).FixedTo(WebFixed + """
        [ApiController]
        public class AnswersController(ChatClient chat) : ControllerBase
        {
            [HttpGet]
            public async Task<string> Get(string q)
            {
                var result = await OpenAIStreaming.CollectAsync(
                    () => chat.CompleteChatStreamingAsync(new UserChatMessage(q))).ConfigureAwait(false);
                return result.Text;
            }
        }
        """).OneAtATimeOnly().RunAsync();

    [Fact]
    public Task ExtensionsAI_SignalRHub_CollectedThroughTheHelper_OneAtATime() => VerifyCS.Code("using System.Threading.Tasks;\nusing Microsoft.AspNetCore.SignalR;\nusing Microsoft.Extensions.AI;\n" + """
        public class SupportHub(IChatClient chat) : Hub
        {
            public async Task<string> Ask(string question)
            {
                var response = await chat.{|QW0002:GetResponseAsync|}(question);
                return response.Text;
            }
        }
        """).FixedTo("using System.Threading.Tasks;\nusing Microsoft.AspNetCore.SignalR;\nusing Microsoft.Extensions.AI;\nusing Qwen.Latency;\n" + """
        public class SupportHub(IChatClient chat) : Hub
        {
            public async Task<string> Ask(string question)
            {
                var response = await ChatClientStreaming.CollectAsync(() => chat.GetStreamingResponseAsync(question));
                return response.Text;
            }
        }
        """).OneAtATimeOnly().RunAsync();

    [Fact]
    public Task SemanticKernel_RazorPage_CollectedThroughTheHelper() => VerifyCS.Code("using System.Threading.Tasks;\nusing Microsoft.AspNetCore.Mvc.RazorPages;\nusing Microsoft.SemanticKernel;\nusing Microsoft.SemanticKernel.ChatCompletion;\n" + """
        public class AskModel(IChatCompletionService chat) : PageModel
        {
            public string? Answer { get; set; }

            public async Task OnPostAsync(string question)
            {
                var history = new ChatHistory();
                history.AddUserMessage(question);
                ChatMessageContent reply = await chat.{|QW0002:GetChatMessageContentAsync|}(history);
                Answer = reply.Content;
            }
        }
        """).FixedTo("using System.Threading.Tasks;\nusing Microsoft.AspNetCore.Mvc.RazorPages;\nusing Microsoft.SemanticKernel;\nusing Microsoft.SemanticKernel.ChatCompletion;\nusing Qwen.Latency;\n" + """
        public class AskModel(IChatCompletionService chat) : PageModel
        {
            public string? Answer { get; set; }

            public async Task OnPostAsync(string question)
            {
                var history = new ChatHistory();
                history.AddUserMessage(question);
                var reply = await SemanticKernelStreaming.CollectAsync(
                    () => chat.GetStreamingChatMessageContentsAsync(history));
                Answer = reply.Text;
            }
        }
        """).OneAtATimeOnly().RunAsync();

    [Fact]
    public Task SemanticKernel_InvokePromptAsync_MinimalApi_CollectsTheStreamingTwin() => VerifyCS.Code("using Microsoft.AspNetCore.Builder;\nusing Microsoft.AspNetCore.Http;\nusing Microsoft.SemanticKernel;\n" + """
        static class Endpoints
        {
            public static void Map(WebApplication app)
            {
                app.MapPost("/triage", async (string ticket, Kernel kernel) =>
                {
                    var result = await kernel.{|QW0002:InvokePromptAsync|}("Classify: {{$ticket}}", new KernelArguments { ["ticket"] = ticket });
                    return Results.Ok(new { category = result.GetValue<string>() });
                });
                app.MapPost("/tone", async (string ticket, Kernel kernel) =>
                {
                    FunctionResult tone = await kernel.{|QW0002:InvokePromptAsync|}("Tone of: " + ticket);
                    return tone.ToString();
                });
            }
        }
        """).FixedTo("using Microsoft.AspNetCore.Builder;\nusing Microsoft.AspNetCore.Http;\nusing Microsoft.SemanticKernel;\nusing Qwen.Latency;\n" + """
        static class Endpoints
        {
            public static void Map(WebApplication app)
            {
                app.MapPost("/triage", async (string ticket, Kernel kernel) =>
                {
                    var result = await SemanticKernelStreaming.CollectAsync(
                        () => kernel.InvokePromptStreamingAsync(
                            "Classify: {{$ticket}}",
                            new KernelArguments { ["ticket"] = ticket }));
                    return Results.Ok(new { category = result.Text });
                });
                app.MapPost("/tone", async (string ticket, Kernel kernel) =>
                {
                    var tone = await SemanticKernelStreaming.CollectAsync(
                        () => kernel.InvokePromptStreamingAsync("Tone of: " + ticket));
                    return tone.Text;
                });
            }
        }
        """).OneAtATimeOnly().RunAsync();

    [Theory]
    [InlineData("return result.Metadata?.Count ?? 0;")]
    [InlineData("return result.GetValue<object>()?.GetHashCode() ?? 0;")]
    [InlineData("return $\"{result}\".Length;")]
    public Task SemanticKernel_InvokePromptAsync_OtherUsesOfTheResult_NoFix(string use) => VerifyCS.Code("using System.Threading.Tasks;\nusing Microsoft.AspNetCore.Mvc;\nusing Microsoft.SemanticKernel;\n" + $$"""
        [ApiController]
        public class C(Kernel kernel) : ControllerBase
        {
            public async Task<int> Get(string q)
            {
                var result = await kernel.{|QW0002:InvokePromptAsync|}(q);
                {{use}}
            }
        }
        """).NoFix().RunAsync();

    [Fact]
    public Task NightlyJob_IsASuggestionNotAWarning() => VerifyCS.Code(Sources.OpenAI + """
        static class NightlyJob
        {
            public static async Task Run(ChatClient chat, List<ChatMessage> messages)
            {
                ChatCompletion completion = await chat.{|#0:CompleteChatAsync|}(messages);
                Console.WriteLine(completion.Content[0].Text);
            }
        }
        """).Expect(VerifyCS.Diagnostic("QW0002").WithLocation(0).WithSeverity(DiagnosticSeverity.Info).WithArguments("ChatClient.CompleteChatAsync", "", "").WithOptions(Microsoft.CodeAnalysis.Testing.DiagnosticOptions.IgnoreAdditionalLocations)).RunAsync();

    [Fact]
    public Task BlazorAndGrpc_AreInteractive() => VerifyCS.Code("using System.Threading.Tasks;\nusing Microsoft.Extensions.AI;\n" + """
        public class ChatBox : Microsoft.AspNetCore.Components.ComponentBase
        {
            IChatClient Chat { get; set; } = null!;
            string Text = "";
            async Task Send() => Text = (await Chat.{|#0:GetResponseAsync|}("hi")).Text;
        }

        [Grpc.Core.BindServiceMethod(typeof(GreeterBase), "Bind")]
        public abstract class GreeterBase
        {
            public virtual Task<string> SayHello(string name) => Task.FromResult(name);
        }

        public class Greeter(IChatClient chat) : GreeterBase
        {
            public override async Task<string> SayHello(string name) => (await chat.{|#1:GetResponseAsync|}("Greet " + name)).Text;
        }
        """).Expect(VerifyCS.Diagnostic("QW0002").WithLocation(0).WithArguments("IChatClient.GetResponseAsync", " in the Blazor component ChatBox", ""), VerifyCS.Diagnostic("QW0002").WithLocation(1).WithArguments("IChatClient.GetResponseAsync", " in the gRPC service method Greeter.SayHello", "")).RunAsync();

    [Theory]
    [InlineData("await chat.CompleteChatStreamingAsync(messages).GetAsyncEnumerator().MoveNextAsync();")]
    [InlineData("await chat.CompleteChatAsync(messages, new ChatCompletionOptions { MaxOutputTokenCount = 5 });")]
    public Task StreamedOrTinyAnswers_NoDiagnostic(string call) => VerifyCS.Code(Web + $$"""
        [ApiController]
        public class C(ChatClient chat) : ControllerBase
        {
            public async Task Get(List<ChatMessage> messages) { {{call}} }
        }
        """).RunAsync();

    [Fact]
    public Task StructuredOutput_NoDiagnostic() => VerifyCS.Code("using System.Threading.Tasks;\nusing Microsoft.AspNetCore.SignalR;\nusing Microsoft.Extensions.AI;\n" + """
        public record Verdict(string Label);
        public class H(IChatClient chat) : Hub
        {
            public async Task<string> Classify(string q) => (await chat.GetResponseAsync<Verdict>(q)).Result.Label;
        }
        """).RunAsync();

    [Fact]
    public Task UnrewritableUse_WarningWithoutFix() => VerifyCS.Code(Web + """
        [ApiController]
        public class C(ChatClient chat) : ControllerBase
        {
            public async Task<object> Get(string q)
            {
                ChatCompletion completion = await chat.{|QW0002:CompleteChatAsync|}(new UserChatMessage(q));
                return completion;
            }
        }
        """).NoFix().RunAsync();

    // A connection lost mid-answer is an IOException from the stream but HttpRequestException/ClientResultException
    // unstreamed (measured against the simulator in Qwen.Latency.Tests): a catch that picks by type would miss it.
    [Theory]
    [InlineData("catch (HttpRequestException) { return \"busy\"; }")]
    [InlineData("catch (Exception e) when (e is not OperationCanceledException) { return \"busy\"; }")]
    public Task ExtensionsAI_InsideATypedCatch_WarningWithoutFix(string handler) => VerifyCS.Code("using System;\nusing System.Net.Http;\nusing System.Threading.Tasks;\nusing Microsoft.AspNetCore.Mvc;\nusing Microsoft.Extensions.AI;\n" + $$"""
        [ApiController]
        public class AskController(IChatClient chat) : ControllerBase
        {
            [HttpPost]
            public async Task<string> Ask(string question)
            {
                try
                {
                    var response = await chat.{|QW0002:GetResponseAsync|}(question);
                    return response.Text;
                }
                {{handler}}
            }
        }
        """).NoFix().RunAsync();

    [Fact]
    public Task ExtensionsAI_InsideACatchAll_Fixed() => VerifyCS.Code("using System;\nusing System.Threading.Tasks;\nusing Microsoft.AspNetCore.Mvc;\nusing Microsoft.Extensions.AI;\n" + """
        [ApiController]
        public class AskController(IChatClient chat) : ControllerBase
        {
            [HttpPost]
            public async Task<string> Ask(string question)
            {
                try
                {
                    var response = await chat.{|QW0002:GetResponseAsync|}(question);
                    return response.Text;
                }
                catch (Exception) { return "busy"; }
            }
        }
        """).FixedTo("using System;\nusing System.Threading.Tasks;\nusing Microsoft.AspNetCore.Mvc;\nusing Microsoft.Extensions.AI;\nusing Qwen.Latency;\n" + """
        [ApiController]
        public class AskController(IChatClient chat) : ControllerBase
        {
            [HttpPost]
            public async Task<string> Ask(string question)
            {
                try
                {
                    var response = await ChatClientStreaming.CollectAsync(() => chat.GetStreamingResponseAsync(question));
                    return response.Text;
                }
                catch (Exception) { return "busy"; }
            }
        }
        """).OneAtATimeOnly().RunAsync();

    // ---------- Answers used as data, and callers that chose ----------

    private const string AI = "using System;\nusing System.Collections.Generic;\nusing System.Linq;\nusing System.Text.Json;\nusing System.Threading.Tasks;\nusing Microsoft.AspNetCore.Mvc;\nusing Microsoft.Extensions.AI;\n";

    /// <summary>The field report's false positive: one-word labels tidied, collected in a loop and only counted.</summary>
    [Fact]
    public Task LabelsTidiedAndCollectedInALoop_AreData_NoDiagnostic() => VerifyCS.Code(AI + """
        [ApiController]
        public class ReviewsController(IChatClient chat) : ControllerBase
        {
            [HttpPost("sentiment")]
            public async Task<int> CountPositive(List<string> reviews)
            {
                var sentiments = new List<string>();
                foreach (var review in reviews)
                {
                    var response = await chat.GetResponseAsync("Sentiment of this review: " + review);
                    sentiments.Add(response.Text.Trim().ToLowerInvariant());
                }

                return sentiments.Count(s => s == "positive");
            }
        }
        """).RunAsync();

    [Theory]
    [InlineData("return response.Text.Trim() == \"yes\" ? 1 : 0;")]
    [InlineData("return response.Text.Trim().ToLowerInvariant() switch { \"billing\" => 1, \"outage\" => 2, _ => 0 };")]
    [InlineData("return response.Text.StartsWith(\"neg\", StringComparison.OrdinalIgnoreCase) ? -1 : 1;")]
    [InlineData("counts[response.Text.Trim()]++; return counts.Count;")]
    public Task AnswersComparedSwitchedOnOrUsedAsKeys_AreData_NoDiagnostic(string use) => VerifyCS.Code(AI + $$"""
        [ApiController]
        public class TriageController(IChatClient chat) : ControllerBase
        {
            private readonly Dictionary<string, int> counts = new();

            [HttpPost]
            public async Task<int> Route(string ticket)
            {
                var response = await chat.GetResponseAsync("Which team should take this ticket? " + ticket);
                {{use}}
            }
        }
        """).RunAsync();

    /// <summary>A prompt that asks for a single word needs no cap written to be as short as a small cap makes it.</summary>
    [Fact]
    public Task APromptThatAsksForOneWord_NoDiagnostic() => VerifyCS.Code(AI + """
        [ApiController]
        public class SpamController(IChatClient chat) : ControllerBase
        {
            [HttpPost]
            public async Task<string> Check(string message)
                => (await chat.GetResponseAsync("Is this message spam? Answer yes or no.\n" + message)).Text;
        }
        """).RunAsync();

    /// <summary>The handler deserializes what the service returns: the service's answer is data, whoever waits for it.</summary>
    [Fact]
    public Task AServiceWhoseCallersParseItsAnswer_NoDiagnostic_ButOneCallerShowingItIsEnough() => VerifyCS.Code(AI + """
        public record Order(string Sku, int Quantity);

        public class OrderExtractor(IChatClient chat)
        {
            public async Task<string> ExtractJsonAsync(string email)
            {
                var response = await chat.GetResponseAsync("Extract the order from this email as JSON with sku and quantity: " + email);
                return response.Text;
            }

            public async Task<string> DraftReplyAsync(string email)
            {
                var response = await chat.{|QW0002:GetResponseAsync|}("Draft a reply to this email: " + email);
                return response.Text;
            }
        }

        [ApiController]
        public class OrdersController(OrderExtractor extractor) : ControllerBase
        {
            [HttpPost("extract")]
            public async Task<Order?> Extract(string email) => JsonSerializer.Deserialize<Order>(await extractor.ExtractJsonAsync(email));

            [HttpPost("reply")]
            public async Task<string> Reply(string email) => await extractor.DraftReplyAsync(email);

            [HttpPost("check")]
            public async Task<bool> Check(string email) => (await extractor.DraftReplyAsync(email)).Length > 0;
        }
        """).RunAsync();

    /// <summary>An OpenAI-compatible proxy honouring its client's stream flag: the non-streamed branch is what the client asked for.</summary>
    [Fact]
    public Task TheNonStreamedBranchOfAStreamFlag_NoDiagnostic() => VerifyCS.Code(AI + """
        public record ProxyRequest(string Prompt, bool Stream);

        [ApiController]
        public class ProxyController(IChatClient chat) : ControllerBase
        {
            [HttpPost("v1/complete")]
            public async Task<string> Complete(ProxyRequest request)
            {
                if (request.Stream)
                {
                    var text = new System.Text.StringBuilder();
                    await foreach (var update in chat.GetStreamingResponseAsync(request.Prompt))
                        text.Append(update.Text);
                    return text.ToString();
                }

                var response = await chat.GetResponseAsync(request.Prompt);
                return response.Text;
            }

            [HttpPost("v2/complete")]
            public async Task<string> CompleteV2(ProxyRequest request)
                => request.Stream ? string.Concat(await chat.GetStreamingResponseAsync(request.Prompt).Select(u => u.Text).ToListAsync()) : (await chat.GetResponseAsync(request.Prompt)).Text;
        }
        """).RunAsync();
}
