using System.Collections.Generic;

namespace Qwen.Analyzers.Equivalence.Tests;

public static partial class Cases
{
    /// <summary>QW0001: an output cap written where the prompt states the answer's whole length.</summary>
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

                public static class Case
                {
                    public static async Task<object?> RunAsync(Uri baseAddress, string apiKey, CancellationToken cancellationToken)
                    {
                        var chat = new ChatClient("qwen-plus", new ApiKeyCredential(apiKey), new OpenAIClientOptions { Endpoint = new Uri(baseAddress, "compatible-mode/v1") });
                        return await new ReviewLabeler(chat).LabelAsync("Arrived broken and support never answered.", cancellationToken);
                    }
                }
                """, new[] { "QW0001" }),
        };
    }
}
