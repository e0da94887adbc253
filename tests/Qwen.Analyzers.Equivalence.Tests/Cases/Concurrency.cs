using System.Collections.Generic;

namespace Qwen.Analyzers.Equivalence.Tests;

public static partial class Cases
{
    /// <summary>QW0003 (independent calls started together) and QW0006 (one call per item, run with bounded concurrency).</summary>
    public static class Concurrency
    {
        public static IEnumerable<EquivalenceCase> All => new[]
        {
            new EquivalenceCase("QW0003 Microsoft.Extensions.AI, a digest of two independent answers", """
                using System;
                using System.ClientModel;
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;
                using OpenAI;

                public sealed class Digest
                {
                    private readonly IChatClient _chat;

                    public Digest(Uri dashScope, string apiKey)
                        => _chat = new OpenAIClient(new ApiKeyCredential(apiKey), new OpenAIClientOptions { Endpoint = new Uri(dashScope, "compatible-mode/v1") })
                            .GetChatClient("qwen-plus").AsIChatClient();

                    public async Task<string> ForTicketAsync(string ticket, CancellationToken ct)
                    {
                        var options = new ChatOptions { MaxOutputTokens = 200 };
                        var summary = await _chat.GetResponseAsync("Summarize for the on-call engineer: " + ticket, options, ct);
                        var tags = await _chat.GetResponseAsync("Give three tags for: " + ticket, options, ct);
                        return summary.Text + "\n---\n" + tags.Text;
                    }
                }

                public static class Case
                {
                    public static async Task<object?> RunAsync(Uri baseAddress, string apiKey, CancellationToken cancellationToken)
                        => await new Digest(baseAddress, apiKey).ForTicketAsync("Checkout fails with error 502 since the 14:00 deploy.", cancellationToken);
                }
                """, new[] { "QW0003" }, IntendedChanges: new[] { "requests" }),

            new EquivalenceCase("QW0006 OpenAI SDK, a label per review in a nightly job", """
                using System;
                using System.ClientModel;
                using System.Collections.Generic;
                using System.Threading;
                using System.Threading.Tasks;
                using OpenAI;
                using OpenAI.Chat;

                public sealed class NightlyLabels
                {
                    private readonly ChatClient _chat;

                    public NightlyLabels(Uri dashScope, string apiKey)
                        => _chat = new ChatClient("qwen-flash", new ApiKeyCredential(apiKey), new OpenAIClientOptions { Endpoint = new Uri(dashScope, "compatible-mode/v1") });

                    public async Task<List<string>> LabelAsync(IReadOnlyList<string> reviews, CancellationToken ct)
                    {
                        var labels = new List<string>();
                        foreach (var review in reviews)
                        {
                            ChatCompletion completion = await _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage("Sentiment of this review in a few words: " + review) }, new ChatCompletionOptions { MaxOutputTokenCount = 60 }, ct);
                            labels.Add(completion.Content[0].Text);
                        }

                        return labels;
                    }
                }

                public static class Case
                {
                    public static async Task<object?> RunAsync(Uri baseAddress, string apiKey, CancellationToken cancellationToken)
                        => await new NightlyLabels(baseAddress, apiKey).LabelAsync(new[] { "Great tent.", "Zip broke on day two.", "Arrived late.", "Fine for the price." }, cancellationToken);
                }
                """, new[] { "QW0006" }, IntendedChanges: new[] { "requests" }),
        };
    }
}
