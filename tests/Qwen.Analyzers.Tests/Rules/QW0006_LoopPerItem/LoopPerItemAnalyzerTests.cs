using System.Threading.Tasks;
using VerifyCS = Qwen.Analyzers.Tests.Verify<Qwen.Analyzers.Rules.LoopPerItemAnalyzer, Qwen.Analyzers.CodeFixes.LoopPerItemFixer>;

namespace Qwen.Analyzers.Tests.Rules;

public class LoopPerItemAnalyzerTests
{
    // One directive a line, as in real files: the fix adds `using Qwen.Latency;` among them.
    private const string Usings = "using System;\nusing System.Collections.Generic;\nusing System.Threading;\nusing System.Threading.Tasks;\nusing Microsoft.Extensions.AI;\n";
    private const string WithHelper = "using System;\nusing System.Collections.Generic;\nusing System.Threading;\nusing System.Threading.Tasks;\nusing Microsoft.Extensions.AI;\nusing Qwen.Latency;\n";

    [Fact]
    public Task Classify_CollectsInOrder_WithBoundedConcurrency() => VerifyCS.Code(Usings + """
        class C
        {
            async Task<List<string>> Classify(IChatClient chat, IReadOnlyList<string> tickets, ChatOptions options)
            {
                var labels = new List<string>();
                {|QW0006:foreach|} (var ticket in tickets)
                {
                    var prompt = $"Classify as billing, outage or other: {ticket.Trim()}";
                    var response = await chat.GetResponseAsync(prompt, options);
                    labels.Add(response.Text);
                }

                return labels;
            }
        }
        """).FixedTo(WithHelper + """
        class C
        {
            async Task<List<string>> Classify(IChatClient chat, IReadOnlyList<string> tickets, ChatOptions options)
            {
                var labels = new List<string>(await QwenConcurrency.SelectConcurrentlyAsync(tickets, async ticket =>
                {
                    var prompt = $"Classify as billing, outage or other: {ticket.Trim()}";
                    var response = await chat.GetResponseAsync(prompt, options);
                    return response.Text;
                }, maxConcurrency: 8));

                return labels;
            }
        }
        """).RunAsync();

    [Fact]
    public Task IndexedFor_CollectsInOrder() => VerifyCS.Code(Usings + """
        class C
        {
            async Task<List<string>> Classify(IChatClient chat, List<string> tickets, ChatOptions options)
            {
                var labels = new List<string>();
                {|QW0006:for|} (var i = 0; i < tickets.Count; i++)
                {
                    var response = await chat.GetResponseAsync($"Classify: {tickets[i].Trim()}", options);
                    labels.Add(response.Text);
                }

                return labels;
            }
        }
        """).FixedTo(WithHelper + """
        class C
        {
            async Task<List<string>> Classify(IChatClient chat, List<string> tickets, ChatOptions options)
            {
                var labels = new List<string>(await QwenConcurrency.SelectConcurrentlyAsync(tickets, async item =>
                {
                    var response = await chat.GetResponseAsync($"Classify: {item.Trim()}", options);
                    return response.Text;
                }, maxConcurrency: 8));

                return labels;
            }
        }
        """).RunAsync();

    [Theory]
    [InlineData("for (var i = 0; i < prompts.Count; i += 2) await chat.GetResponseAsync(prompts[i]);")]
    [InlineData("for (var i = 1; i < prompts.Count; i++) await chat.GetResponseAsync(prompts[i] + prompts[i - 1]);")]
    [InlineData("for (var i = 0; i < 5; i++) await chat.GetResponseAsync(\"again\");")]
    [InlineData("for (var i = 0; i < prompts.Count; i++) { await chat.GetResponseAsync(prompts[i]); i++; }")]
    public Task IndexedForUsingTheIndexOtherwise_NoDiagnostic(string loop) => VerifyCS.Code(Usings + $$"""
        class C
        {
            async Task M(IChatClient chat, List<string> prompts) { {{loop}} }
        }
        """).RunAsync();

    [Fact]
    public Task ResultsUnused_ForEachConcurrently_BoundFromEditorConfig() => VerifyCS.Code(Usings + """
        class C
        {
            async Task Warm(IChatClient chat, string[] prompts, CancellationToken ct)
            {
                {|QW0006:foreach|} (var prompt in prompts)
                    await chat.GetResponseAsync(prompt, new ChatOptions { MaxOutputTokens = 1 }, ct).ConfigureAwait(false);
            }
        }
        """).WithEditorConfig("qwen_analyzers.max_concurrency = 3").FixedTo(WithHelper + """
        class C
        {
            async Task Warm(IChatClient chat, string[] prompts, CancellationToken ct)
            {
                await QwenConcurrency.ForEachConcurrentlyAsync(prompts, async (prompt, itemToken) =>
                {
                    await chat.GetResponseAsync(
                        prompt,
                        new ChatOptions { MaxOutputTokens = 1 },
                        itemToken).ConfigureAwait(false);
                }, maxConcurrency: 3, cancellationToken: ct).ConfigureAwait(false);
            }
        }
        """).RunAsync();

    /// <summary>
    /// The batch-job shape: a part number from the index in the prompt, each answer written to its own slot of a
    /// pre-sized array, a cancellation check per item. The fix keeps the body and the index; the helper's token (also
    /// canceled when another item fails) reaches every call it starts.
    /// </summary>
    [Fact]
    public Task IndexedFor_IndexInPrompt_WritesBySlot_RunsOverTheRange() => VerifyCS.Code(Usings + """
        class C
        {
            async Task<string[]> Label(IChatClient chat, string[] reviews, CancellationToken cancellationToken)
            {
                var labels = new string[reviews.Length];
                {|QW0006:for|} (var i = 0; i < reviews.Length; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var response = await chat.GetResponseAsync($"Review {i + 1}: {reviews[i]}", new ChatOptions { MaxOutputTokens = 5 }, cancellationToken);
                    labels[i] = response.Text;
                }

                return labels;
            }
        }
        """).FixedTo("using System;\nusing System.Collections.Generic;\nusing System.Linq;\nusing System.Threading;\nusing System.Threading.Tasks;\nusing Microsoft.Extensions.AI;\nusing Qwen.Latency;\n" + """
        class C
        {
            async Task<string[]> Label(IChatClient chat, string[] reviews, CancellationToken cancellationToken)
            {
                var labels = new string[reviews.Length];
                await QwenConcurrency.ForEachConcurrentlyAsync(Enumerable.Range(0, reviews.Length), async (i, ct) =>
                {
                    ct.ThrowIfCancellationRequested();
                    var response = await chat.GetResponseAsync($"Review {i + 1}: {reviews[i]}", new ChatOptions { MaxOutputTokens = 5 }, ct);
                    labels[i] = response.Text;
                }, maxConcurrency: 8, cancellationToken: cancellationToken);

                return labels;
            }
        }
        """).RunAsync();

    [Theory]
    [InlineData("labels[0] = response.Text;")]
    [InlineData("labels[i / 2] = response.Text;")]
    [InlineData("reviews[i] = response.Text;")]
    public Task IndexedFor_WritesOtherThanItsOwnSlot_NoDiagnostic(string write) => VerifyCS.Code(Usings + $$"""
        class C
        {
            async Task M(IChatClient chat, string[] reviews, string[] labels)
            {
                for (var i = 0; i < reviews.Length; i++)
                {
                    var response = await chat.GetResponseAsync(reviews[i]);
                    {{write}}
                }
            }
        }
        """).RunAsync();

    [Fact]
    public Task OpenAIAndSemanticKernel_Reported() => VerifyCS.Code(Sources.OpenAI + """
        class C
        {
            async Task M(ChatClient chat, List<string> docs, Microsoft.SemanticKernel.Kernel kernel)
            {
                var answers = new List<ChatCompletion>();
                {|QW0006:foreach|} (var doc in docs)
                {
                    ChatCompletion c = await chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage("Summarize " + doc) });
                    answers.Add(c);
                }

                {|QW0006:foreach|} (var doc in docs)
                    await Microsoft.SemanticKernel.KernelExtensions.InvokePromptAsync(kernel, "Keywords: " + doc);
            }
        }
        """).RunAsync();

    [Theory]
    [InlineData("var r = await chat.GetResponseAsync(prompt + last); last = r.Text;")]
    [InlineData("var r = await chat.GetResponseAsync(prompt); if (r.Text.Contains(\"stop\")) break;")]
    [InlineData("var r = await chat.GetResponseAsync(prompt); Console.WriteLine(r.Text);")]
    [InlineData("var r = await chat.GetResponseAsync(prompt); Save(r);")]
    [InlineData("var r = await chat.GetResponseAsync(prompt); results.Add(r.Text); history.Add(new ChatMessage(ChatRole.Assistant, r.Text));")]
    [InlineData("history.Add(new ChatMessage(ChatRole.User, prompt)); var r = await chat.GetResponseAsync(history);")]
    [InlineData("var r = await chat.GetResponseAsync(prompt); var s = await chat.GetResponseAsync(r.Text);")]
    [InlineData("var r = await chat.GetResponseAsync(prompt + results.Count); results.Add(r.Text);")]
    [InlineData("_count++; await chat.GetResponseAsync(prompt);")]
    [InlineData("await Task.Delay(10); await chat.GetResponseAsync(prompt);")]
    [InlineData("var r = chat.GetResponseAsync(prompt).Result;")]
    public Task DependentOrOrdered_NoDiagnostic(string body) => VerifyCS.Code(Usings + $$"""
        class C
        {
            int _count;
            void Save(ChatResponse r) { }
            async Task M(IChatClient chat, List<string> prompts, List<ChatMessage> history)
            {
                var last = "";
                var results = new List<string>();
                foreach (var prompt in prompts)
                {
                    {{body}}
                }
            }
        }
        """).RunAsync();

    [Fact]
    public Task WithoutQwenLatency_ReportedWithoutFix() => VerifyCS.Code(Usings + """
        class C
        {
            async Task M(IChatClient chat, string[] prompts)
            {
                {|QW0006:foreach|} (var prompt in prompts)
                    await chat.GetResponseAsync(prompt);
            }
        }
        """).WithReferences(References.FrameworkAndClients).NoFix().RunAsync();

    [Fact]
    public Task AwaitForeachAndStreaming_NoDiagnostic() => VerifyCS.Code(Usings + """
        class C
        {
            async Task M(IChatClient chat, IAsyncEnumerable<string> prompts, string[] more)
            {
                await foreach (var prompt in prompts)
                    await chat.GetResponseAsync(prompt);
                foreach (var prompt in more)
                    await foreach (var u in chat.GetStreamingResponseAsync(prompt)) { }
            }
        }
        """).RunAsync();

    /// <summary>
    /// What QW0002's fixes write is still one awaited call per item: streaming it must not hide the loop (a streamed
    /// prompt inside a loop is as sequential as before).
    /// </summary>
    [Fact]
    public Task StreamedAndCollected_StillReported() => VerifyCS.Code(Sources.OpenAI + """
        using Microsoft.Extensions.AI;
        using Microsoft.SemanticKernel;
        using Qwen.Latency;
        class C
        {
            async Task M(ChatClient chat, IChatClient client, Kernel kernel, List<string> docs)
            {
                var summaries = new List<string>();
                {|QW0006:foreach|} (var doc in docs)
                {
                    var summary = await SemanticKernelStreaming.CollectAsync(kernel.InvokePromptStreamingAsync("Summarize: " + doc));
                    summaries.Add(summary.Text);
                }

                {|QW0006:foreach|} (var doc in docs)
                {
                    var completion = await OpenAIStreaming.CollectAsync(chat.CompleteChatStreamingAsync(new OpenAI.Chat.ChatMessage[] { new UserChatMessage("Keywords: " + doc) }));
                    summaries.Add(completion.Text);
                }

                {|QW0006:foreach|} (var doc in docs)
                {
                    var response = await client.GetStreamingResponseAsync("Title: " + doc).ToChatResponseAsync();
                    summaries.Add(response.Text);
                }
            }
        }
        """).RunAsync();
}
