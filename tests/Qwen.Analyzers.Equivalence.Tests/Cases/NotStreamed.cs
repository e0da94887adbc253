using System.Collections.Generic;

namespace Qwen.Analyzers.Equivalence.Tests;

public static partial class Cases
{
    /// <summary>QW0002: a chat answer a person waits for, streamed and collected by the fix.</summary>
    public static class NotStreamed
    {
        public static IEnumerable<EquivalenceCase> All => new[]
        {
            new EquivalenceCase("QW0002 OpenAI SDK, controller action, client registered in DI", """
                using System;
                using System.ClientModel;
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Mvc;
                using Microsoft.Extensions.DependencyInjection;
                using OpenAI;
                using OpenAI.Chat;

                [ApiController]
                [Route("api/support")]
                public sealed class SupportController(ChatClient chat) : ControllerBase
                {
                    [HttpPost("answer")]
                    public async Task<string> Answer([FromBody] string question, CancellationToken cancellationToken)
                    {
                        var options = new ChatCompletionOptions { MaxOutputTokenCount = 400 };
                        var completion = await chat.CompleteChatAsync(new ChatMessage[] { new SystemChatMessage("You are the support desk."), new UserChatMessage(question) }, options, cancellationToken);
                        return completion.Value.Content[0].Text;
                    }
                }

                public static class Startup
                {
                    public static void AddQwen(IServiceCollection services, Uri dashScope, string apiKey)
                    {
                        services.AddSingleton(new ChatClient("qwen-plus", new ApiKeyCredential(apiKey), new OpenAIClientOptions { Endpoint = new Uri(dashScope, "compatible-mode/v1") }));
                        services.AddTransient<SupportController>();
                    }
                }

                public static class Case
                {
                    public static async Task<object?> RunAsync(Uri baseAddress, string apiKey, CancellationToken cancellationToken)
                    {
                        var services = new ServiceCollection();
                        Startup.AddQwen(services, baseAddress, apiKey);
                        using var provider = services.BuildServiceProvider();
                        return await provider.GetRequiredService<SupportController>().Answer("Why was my card declined?", cancellationToken);
                    }
                }
                """, new[] { "QW0002" }),

            new EquivalenceCase("QW0002 OpenAI SDK, retries turned off in the client options", """
                using System;
                using System.ClientModel;
                using System.ClientModel.Primitives;
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Mvc;
                using OpenAI;
                using OpenAI.Chat;

                [ApiController]
                [Route("api/support")]
                public sealed class SupportController : ControllerBase
                {
                    private readonly ChatClient _chat;

                    public SupportController(Uri dashScope, string apiKey)
                        => _chat = new ChatClient("qwen-plus", new ApiKeyCredential(apiKey),
                            new OpenAIClientOptions { Endpoint = new Uri(dashScope, "compatible-mode/v1"), RetryPolicy = new ClientRetryPolicy(0) });

                    [HttpPost("answer")]
                    public async Task<string> Answer([FromBody] string question, CancellationToken cancellationToken)
                    {
                        ChatCompletion completion = await _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(question) }, new ChatCompletionOptions { MaxOutputTokenCount = 400 }, cancellationToken);
                        return completion.Content[0].Text;
                    }
                }

                public static class Case
                {
                    public static async Task<object?> RunAsync(Uri baseAddress, string apiKey, CancellationToken cancellationToken)
                        => await new SupportController(baseAddress, apiKey).Answer("Why was my card declined?", cancellationToken);
                }
                """, new[] { "QW0002" }),

            new EquivalenceCase("QW0002 Microsoft.Extensions.AI, a service behind a controller, AddChatClient", """
                using System;
                using System.ClientModel;
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Mvc;
                using Microsoft.Extensions.AI;
                using Microsoft.Extensions.DependencyInjection;
                using OpenAI;

                public sealed class SupportAssistant(IChatClient chat)
                {
                    public async Task<string> AskAsync(string question, CancellationToken ct)
                    {
                        var response = await chat.GetResponseAsync(question, new ChatOptions { MaxOutputTokens = 400 }, ct);
                        return response.Text;
                    }
                }

                [ApiController]
                [Route("api/assistant")]
                public sealed class AssistantController(SupportAssistant assistant) : ControllerBase
                {
                    [HttpPost]
                    public Task<string> Ask([FromBody] string question, CancellationToken ct) => assistant.AskAsync(question, ct);
                }

                public static class Startup
                {
                    public static void AddQwen(IServiceCollection services, Uri dashScope, string apiKey)
                    {
                        var openAI = new OpenAIClient(new ApiKeyCredential(apiKey), new OpenAIClientOptions { Endpoint = new Uri(dashScope, "compatible-mode/v1") });
                        services.AddChatClient(openAI.GetChatClient("qwen-plus").AsIChatClient());
                        services.AddScoped<SupportAssistant>();
                        services.AddTransient<AssistantController>();
                    }
                }

                public static class Case
                {
                    public static async Task<object?> RunAsync(Uri baseAddress, string apiKey, CancellationToken cancellationToken)
                    {
                        var services = new ServiceCollection();
                        Startup.AddQwen(services, baseAddress, apiKey);
                        using var provider = services.BuildServiceProvider();
                        using var scope = provider.CreateScope();
                        return await scope.ServiceProvider.GetRequiredService<AssistantController>().Ask("Why was my card declined?", cancellationToken);
                    }
                }
                """, new[] { "QW0002" }),

            new EquivalenceCase("QW0002 Semantic Kernel, AddKernel with the OpenAI connector, a controller", """
                using System;
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Mvc;
                using Microsoft.Extensions.DependencyInjection;
                using Microsoft.SemanticKernel;
                using Microsoft.SemanticKernel.ChatCompletion;
                using Microsoft.SemanticKernel.Connectors.OpenAI;

                [ApiController]
                [Route("api/assistant")]
                public sealed class AssistantController(IChatCompletionService chat) : ControllerBase
                {
                    [HttpPost]
                    public async Task<string> Ask([FromBody] string question, CancellationToken cancellationToken)
                    {
                        var history = new ChatHistory("You are the support desk.");
                        history.AddUserMessage(question);
                        var settings = new OpenAIPromptExecutionSettings { MaxTokens = 400 };
                        var reply = await chat.GetChatMessageContentAsync(history, settings, cancellationToken: cancellationToken);
                        return reply.Content ?? "";
                    }
                }

                public static class Startup
                {
                    public static void AddQwen(IServiceCollection services, Uri dashScope, string apiKey)
                    {
                        services.AddKernel().AddOpenAIChatCompletion("qwen-plus", new Uri(dashScope, "compatible-mode/v1"), apiKey);
                        services.AddTransient<AssistantController>();
                    }
                }

                public static class Case
                {
                    public static async Task<object?> RunAsync(Uri baseAddress, string apiKey, CancellationToken cancellationToken)
                    {
                        var services = new ServiceCollection();
                        Startup.AddQwen(services, baseAddress, apiKey);
                        using var provider = services.BuildServiceProvider();
                        return await provider.GetRequiredService<AssistantController>().Ask("Why was my card declined?", cancellationToken);
                    }
                }
                """, new[] { "QW0002" }),

            new EquivalenceCase("QW0002 Semantic Kernel, InvokePromptAsync on a kernel built in code", """
                using System;
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Mvc;
                using Microsoft.SemanticKernel;
                using Microsoft.SemanticKernel.Connectors.OpenAI;

                [ApiController]
                [Route("api/faq")]
                public sealed class FaqController : ControllerBase
                {
                    private readonly Kernel _kernel;

                    public FaqController(Uri dashScope, string apiKey)
                        => _kernel = Kernel.CreateBuilder().AddOpenAIChatCompletion("qwen-plus", new Uri(dashScope, "compatible-mode/v1"), apiKey).Build();

                    [HttpGet]
                    public async Task<string> Answer(string question, CancellationToken cancellationToken)
                    {
                        var settings = new OpenAIPromptExecutionSettings { MaxTokens = 300 };
                        var result = await _kernel.InvokePromptAsync("Answer the customer's question: {{$question}}", new KernelArguments(settings) { ["question"] = question }, cancellationToken: cancellationToken);
                        return result.GetValue<string>() ?? "";
                    }
                }

                public static class Case
                {
                    public static async Task<object?> RunAsync(Uri baseAddress, string apiKey, CancellationToken cancellationToken)
                        => await new FaqController(baseAddress, apiKey).Answer("Where is my parcel?", cancellationToken);
                }
                """, new[] { "QW0002" }),

            new EquivalenceCase("QW0002 a hand-built native DashScope request behind a minimal API handler", """
                using System;
                using System.Net.Http;
                using System.Net.Http.Headers;
                using System.Net.Http.Json;
                using System.Text.Json.Nodes;
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Builder;

                public sealed class Drafts(HttpClient http)
                {
                    public static void Map(WebApplication app) => app.MapPost("/drafts", (string ticket, Drafts drafts, CancellationToken ct) => drafts.DraftAsync(ticket, ct));

                    public async Task<string> DraftAsync(string ticket, CancellationToken ct)
                    {
                        using var response = await http.PostAsJsonAsync("api/v1/services/aigc/text-generation/generation", new
                        {
                            model = "qwen-plus",
                            input = new { messages = new[] { new { role = "user", content = "Draft a reply to: " + ticket } } },
                            parameters = new { result_format = "message", max_tokens = 300 },
                        }, ct);
                        response.EnsureSuccessStatusCode();
                        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!;
                        return json["output"]!["choices"]![0]!["message"]!["content"]!.GetValue<string>();
                    }
                }

                public static class Case
                {
                    public static async Task<object?> RunAsync(Uri baseAddress, string apiKey, CancellationToken cancellationToken)
                    {
                        using var http = new HttpClient { BaseAddress = baseAddress };
                        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
                        return await new Drafts(http).DraftAsync("The parcel arrived damaged.", cancellationToken);
                    }
                }
                """, new[] { "QW0002" }),

            // The field report's false positive: one-word labels tidied and only counted. Nothing to stream, no fix.
            new EquivalenceCase("QW0002 labels tidied and counted in a loop are left alone", """
                using System;
                using System.ClientModel;
                using System.Collections.Generic;
                using System.Linq;
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Mvc;
                using Microsoft.Extensions.AI;
                using OpenAI;

                [ApiController]
                [Route("api/reviews")]
                public sealed class ReviewsController : ControllerBase
                {
                    private readonly IChatClient _chat;

                    public ReviewsController(Uri dashScope, string apiKey)
                        => _chat = new OpenAIClient(new ApiKeyCredential(apiKey), new OpenAIClientOptions { Endpoint = new Uri(dashScope, "compatible-mode/v1") })
                            .GetChatClient("qwen-flash").AsIChatClient();

                    [HttpPost("positive")]
                    public async Task<int> CountPositive(List<string> reviews, CancellationToken ct)
                    {
                        var sentiments = new List<string>();
                        foreach (var review in reviews)
                        {
                            var response = await _chat.GetResponseAsync("Sentiment of this review: " + review, new ChatOptions { MaxOutputTokens = 200 }, ct);
                            sentiments.Add(response.Text.Trim().ToLowerInvariant());
                        }

                        return sentiments.Count(s => s.StartsWith("positive", StringComparison.Ordinal));
                    }
                }

                public static class Case
                {
                    public static async Task<object?> RunAsync(Uri baseAddress, string apiKey, CancellationToken cancellationToken)
                        => await new ReviewsController(baseAddress, apiKey).CountPositive(new List<string> { "Great tent.", "Zip broke." }, cancellationToken);
                }
                """, new[] { "QW0006" }, IntendedChanges: new[] { "requests" }, NotFixed: new[] { "QW0002" }),
        };
    }
}
