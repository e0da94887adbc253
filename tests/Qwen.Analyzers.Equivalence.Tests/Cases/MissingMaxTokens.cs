using System.Collections.Generic;

namespace Qwen.Analyzers.Equivalence.Tests;

public static partial class Cases
{
    /// <summary>QW0001: an output cap written in bulk only where the prompt states the whole answer's length.</summary>
    public static class MissingMaxTokens
    {
        public static IEnumerable<EquivalenceCase> All => new[]
        {
            new EquivalenceCase("QW0001 OpenAI SDK, a one-word label in a background job", """
                using System;
                using System.ClientModel;
                using System.Collections.Generic;
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.Extensions.DependencyInjection;
                using OpenAI;
                using OpenAI.Chat;

                public sealed class ReviewLabeler(ChatClient chat)
                {
                    public async Task<string> LabelAsync(string review, CancellationToken cancellationToken)
                    {
                        ChatCompletion completion = await chat.CompleteChatAsync(new ChatMessage[]
                        {
                            new SystemChatMessage("Classify the review. Reply with exactly one word: positive, negative or neutral."),
                            new UserChatMessage(review),
                        }, cancellationToken: cancellationToken);
                        return completion.Content[0].Text.Trim();
                    }
                }

                public static class Startup
                {
                    public static void AddQwen(IServiceCollection services, Uri dashScope, string apiKey)
                        => services.AddSingleton(new ChatClient("qwen-plus", new ApiKeyCredential(apiKey), new OpenAIClientOptions { Endpoint = new Uri(dashScope, "compatible-mode/v1") }))
                            .AddSingleton<ReviewLabeler>();
                }

                public static class Case
                {
                    public static async Task<object?> RunAsync(Uri baseAddress, string apiKey, CancellationToken cancellationToken)
                    {
                        var services = new ServiceCollection();
                        Startup.AddQwen(services, baseAddress, apiKey);
                        using var provider = services.BuildServiceProvider();
                        return await provider.GetRequiredService<ReviewLabeler>().LabelAsync("Arrived broken and support never answered.", cancellationToken);
                    }
                }
                """, new[] { "QW0001" }),

            new EquivalenceCase("QW0001 Microsoft.Extensions.AI, a summary in under 40 words", """
                using System;
                using System.ClientModel;
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;
                using OpenAI;

                public sealed class TicketSummaries
                {
                    private readonly IChatClient _chat;

                    public TicketSummaries(Uri dashScope, string apiKey)
                        => _chat = new OpenAIClient(new ApiKeyCredential(apiKey), new OpenAIClientOptions { Endpoint = new Uri(dashScope, "compatible-mode/v1") })
                            .GetChatClient("qwen-flash").AsIChatClient();

                    public async Task<string> SummarizeAsync(string ticket, CancellationToken ct)
                    {
                        var response = await _chat.GetResponseAsync("Summarize the ticket for the on-call engineer in under 40 words.\n" + ticket, cancellationToken: ct);
                        return response.Text;
                    }
                }

                public static class Case
                {
                    public static async Task<object?> RunAsync(Uri baseAddress, string apiKey, CancellationToken cancellationToken)
                        => await new TicketSummaries(baseAddress, apiKey).SummarizeAsync("Checkout fails with error 502 since the 14:00 deploy.", cancellationToken);
                }
                """, new[] { "QW0001" }),

            // The field report's shopping assistant: a persona whose only length is for lists; open-ended answers stored in a history.
            new EquivalenceCase("QW0001 a persona with a conditional list clause gets no bulk cap", """
                using System;
                using System.ClientModel;
                using System.Collections.Generic;
                using System.Threading;
                using System.Threading.Tasks;
                using OpenAI;
                using OpenAI.Chat;

                public sealed class ShopAssistant(ChatClient chat)
                {
                    private const string Persona = "You are the assistant of an outdoor-gear shop. Be friendly and concrete. For lists of products, at most five bullet points.";
                    private readonly List<ChatMessage> _history = new() { new SystemChatMessage(Persona) };

                    public async Task<List<string>> ChatAsync(string question, CancellationToken ct)
                    {
                        _history.Add(new UserChatMessage(question));
                        ChatCompletion completion = await chat.CompleteChatAsync(_history, cancellationToken: ct);
                        var answer = completion.Content[0].Text;
                        _history.Add(new AssistantChatMessage(answer));
                        return new List<string> { answer, _history.Count.ToString() };
                    }
                }

                public static class Case
                {
                    public static async Task<object?> RunAsync(Uri baseAddress, string apiKey, CancellationToken cancellationToken)
                    {
                        var chat = new ChatClient("qwen-plus", new ApiKeyCredential(apiKey), new OpenAIClientOptions { Endpoint = new Uri(baseAddress, "compatible-mode/v1") });
                        return await new ShopAssistant(chat).ChatAsync("Which tent would you take for a windy coast in autumn, and why?", cancellationToken);
                    }
                }
                """, System.Array.Empty<string>(), NotFixed: new[] { "QW0001" }),

            // Semantic Kernel's standard DI route on a thinking-by-default model: thinking is reported, and no bulk cap is written.
            new EquivalenceCase("QW0001 an AddKernel() thinking model gets no bulk cap", """
                using System;
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.Extensions.DependencyInjection;
                using Microsoft.SemanticKernel;

                public sealed class ReleaseNotes(Kernel kernel)
                {
                    public async Task<string> DraftAsync(string changes, CancellationToken ct)
                    {
                        var result = await kernel.InvokePromptAsync("Write the release notes for these changes:\n{{$changes}}", new KernelArguments { ["changes"] = changes }, cancellationToken: ct);
                        return result.GetValue<string>() ?? "";
                    }
                }

                public static class Startup
                {
                    public static void AddQwen(IServiceCollection services, Uri dashScope, string apiKey)
                    {
                        services.AddKernel().AddOpenAIChatCompletion("qwen3.5-flash", new Uri(dashScope, "compatible-mode/v1"), apiKey);
                        services.AddTransient<ReleaseNotes>();
                    }
                }

                public static class Case
                {
                    public static async Task<object?> RunAsync(Uri baseAddress, string apiKey, CancellationToken cancellationToken)
                    {
                        var services = new ServiceCollection();
                        Startup.AddQwen(services, baseAddress, apiKey);
                        using var provider = services.BuildServiceProvider();
                        return await provider.GetRequiredService<ReleaseNotes>().DraftAsync("Faster checkout; dark mode; fixed the CSV export.", cancellationToken);
                    }
                }
                """, System.Array.Empty<string>(), NotFixed: new[] { "QW0001" }),
        };
    }
}
