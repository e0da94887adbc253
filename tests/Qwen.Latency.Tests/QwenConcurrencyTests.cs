using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OpenAI;
using OpenAI.Chat;

using Qwen.Testing;

namespace Qwen.Latency.Tests;

/// <summary>Ordered, bounded concurrency, proven on the simulator's peak-concurrency counter.</summary>
public class QwenConcurrencyTests
{
    private static ChatClient Client(SimulatorHarness sim, PipelinePolicy? policy = null)
    {
        var options = new OpenAIClientOptions { Endpoint = sim.Server.CompatibleEndpoint, RetryPolicy = new ClientRetryPolicy(0) };
        if (policy is not null)
            options.AddPolicy(policy, PipelinePosition.PerCall);
        return new ChatClient("qwen-plus", new ApiKeyCredential("sk-test"), options);
    }

    private static readonly ChatCompletionOptions Brief = new() { MaxOutputTokenCount = 40 };

    [Fact]
    public async Task ResultsInInputOrder_ConcurrencyAtTheBound()
    {
        await using var sim = await SimulatorHarness.StartAsync(0.02);
        var client = Client(sim);
        var tickets = Enumerable.Range(1, 12).Select(i => $"Classify ticket {i}").ToArray();

        var concurrent = await QwenConcurrency.SelectConcurrentlyAsync(tickets, async ticket =>
        {
            ChatCompletion completion = await client.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(ticket) }, Brief);
            return completion.Content[0].Text;
        }, maxConcurrency: 3);

        Assert.InRange(sim.Stat("peak_concurrent_requests"), 2, 3);   // overlapping, never above the bound
        Assert.Equal(12, sim.Stat("chat_requests"));

        // The simulator's answers are deterministic per prompt: the concurrent results are the sequential ones, in order.
        for (var i = 0; i < tickets.Length; i++)
        {
            ChatCompletion one = await client.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(tickets[i]) }, Brief);
            Assert.Equal(one.Content[0].Text, concurrent[i]);
        }
    }

    [Fact]
    public async Task FirstFailure_CancelsTheRest_AndSurfacesAsItWas()
    {
        await using var sim = await SimulatorHarness.StartAsync(0.02);
        var client = Client(sim, new FailOnPrompt("ticket 2"));
        var started = 0;
        var error = await Assert.ThrowsAsync<ClientResultException>(() => QwenConcurrency.SelectConcurrentlyAsync(
            Enumerable.Range(0, 20).Select(i => $"ticket {i}"),
            async (ticket, ct) =>
            {
                Interlocked.Increment(ref started);
                ChatCompletion completion = await client.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(ticket) }, Brief, ct);
                return completion.Content[0].Text;
            },
            maxConcurrency: 2));
        Assert.Equal(500, error.Status);
        Assert.InRange(started, 3, 6);   // items after the failure are never started
    }

    [Fact]
    public async Task Cancellation_Surfaces()
    {
        await using var sim = await SimulatorHarness.StartAsync(0.05);
        var client = Client(sim);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => QwenConcurrency.SelectConcurrentlyAsync(
            Enumerable.Range(0, 10),
            async (i, ct) => (await client.CompleteChatAsync(new ChatMessage[] { new UserChatMessage("q" + i) }, new ChatCompletionOptions { MaxOutputTokenCount = 200 }, ct)).Value.Id,
            maxConcurrency: 2,
            cancel.Token));
    }

    [Fact]
    public async Task ForEach_And_Arguments()
    {
        var seen = new System.Collections.Concurrent.ConcurrentBag<int>();
        await QwenConcurrency.ForEachConcurrentlyAsync(Enumerable.Range(0, 50), async i =>
        {
            await Task.Yield();
            seen.Add(i);
        }, maxConcurrency: 4);
        Assert.Equal(Enumerable.Range(0, 50), seen.OrderBy(i => i));
        Assert.Empty(await QwenConcurrency.SelectConcurrentlyAsync(Array.Empty<int>(), i => Task.FromResult(i), 3));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => QwenConcurrency.SelectConcurrentlyAsync(new[] { 1 }, i => Task.FromResult(i), 0));
    }

    [Fact]
    public async Task ForEach_WithToken_CancelsTheOthersOnTheFirstFailure()
    {
        var canceled = 0;
        // The first item fails only once the second is running (otherwise the second may never start, which is also right).
        var secondRunning = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => QwenConcurrency.ForEachConcurrentlyAsync(Enumerable.Range(0, 2), async (i, ct) =>
        {
            if (i == 0)
            {
                await secondRunning.Task;
                throw new InvalidOperationException("first");
            }

            // The second item waits on the token it was given: only the first item's failure can end the wait.
            try
            {
                secondRunning.SetResult();
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref canceled);
                throw;
            }
        }, maxConcurrency: 2));
        Assert.Equal("first", failure.Message);
        Assert.Equal(1, canceled);
    }

    /// <summary>Asks the simulator to fail (HTTP 500) the request whose body mentions <paramref name="marker"/>.</summary>
    private sealed class FailOnPrompt(string marker) : PipelinePolicy
    {
        public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            Mark(message);
            ProcessNext(message, pipeline, currentIndex);
        }

        public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            Mark(message);
            return ProcessNextAsync(message, pipeline, currentIndex);
        }

        private void Mark(PipelineMessage message)
        {
            using var buffer = new System.IO.MemoryStream();
            message.Request.Content?.WriteTo(buffer);
            if (System.Text.Encoding.UTF8.GetString(buffer.ToArray()).Contains("\"" + marker + "\"", StringComparison.Ordinal))
                message.Request.Headers.Set("X-Sim-Fault", "500");
        }
    }
}
