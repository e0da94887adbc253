using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OpenAI;
using OpenAI.Chat;
using ChatMessage = OpenAI.Chat.ChatMessage;
using ChatFinishReason = OpenAI.Chat.ChatFinishReason;

using Qwen.Testing;

namespace Qwen.Latency.Tests;

/// <summary>Stream collection over real HTTP against the simulator, faults included.</summary>
public class StreamingTests
{
    private static ChatClient Client(SimulatorHarness sim, string? fault = null)
        => new("qwen-plus", new ApiKeyCredential("sk-test"), Options(sim, fault));

    private static OpenAIClientOptions Options(SimulatorHarness sim, string? fault)
    {
        var options = new OpenAIClientOptions { Endpoint = sim.Server.CompatibleEndpoint, RetryPolicy = new ClientRetryPolicy(0) };
        if (fault is not null)
            options.AddPolicy(new FaultHeader(fault), PipelinePosition.PerCall);
        return options;
    }

    private static readonly ChatMessage[] Question = { new SystemChatMessage("You are the support desk."), new UserChatMessage("Why was my card declined?") };

    [Fact]
    public async Task OpenAI_CollectsWhatTheNonStreamedCallReturns_ForwardingEachDelta()
    {
        await using var sim = await SimulatorHarness.StartAsync(0.01);
        var client = Client(sim);
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 60 };
        ChatCompletion whole = await client.CompleteChatAsync(Question, options);

        var deltas = new List<string>();
        var streamed = await OpenAIStreaming.CollectAsync(client.CompleteChatStreamingAsync(Question, options), deltas.Add);

        Assert.Equal(whole.Content[0].Text, streamed.Text);
        Assert.Equal(whole.FinishReason, streamed.FinishReason);
        Assert.Equal(60, streamed.Usage.OutputTokenCount);
        Assert.Equal(60, deltas.Count);
        Assert.Equal(string.Concat(deltas), streamed.Text);
        Assert.NotNull(streamed.TimeToFirstToken);
        Assert.True(streamed.TimeToFirstToken < streamed.Elapsed);
        Assert.Equal("qwen-plus", streamed.Model);
    }

    /// <summary>An async sink (a response body, a hub) is awaited for each delta, in order, with the caller's token.</summary>
    [Fact]
    public async Task AsyncDeltaSink_AwaitedInOrder()
    {
        await using var sim = await SimulatorHarness.StartAsync(0.01);
        var client = Client(sim);
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 30 };
        using var cancel = new CancellationTokenSource();
        var written = new List<string>();
        var inFlight = 0;
        var streamed = await OpenAIStreaming.CollectAsync(client.CompleteChatStreamingAsync(Question, options), async (delta, ct) =>
        {
            Assert.Equal(cancel.Token, ct);
            Assert.Equal(1, Interlocked.Increment(ref inFlight));   // never two deltas at once: each is awaited before the next
            await Task.Delay(1, ct);
            written.Add(delta);
            Interlocked.Decrement(ref inFlight);
        }, cancellationToken: cancel.Token);
        Assert.Equal(streamed.Text, string.Concat(written));
        Assert.Equal(30, written.Count);

        var chat = client.AsIChatClient();
        var pieces = new List<string>();
        var text = await QwenStreaming.CollectTextAsync(chat.GetStreamingResponseAsync("Hello", new ChatOptions { MaxOutputTokens = 20 }), u => u.Text,
            async (delta, ct) =>
            {
                await Task.Yield();
                pieces.Add(delta);
            });
        Assert.Equal(text.Text, string.Concat(pieces));
        Assert.Equal(20, pieces.Count);
    }

    [Fact]
    public async Task TextDeltas_ForHandlersThatReturnTheStream()
    {
        await using var sim = await SimulatorHarness.StartAsync(0.01);
        var client = Client(sim);
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 25 };
        ChatCompletion whole = await client.CompleteChatAsync(Question, options);

        var pieces = new List<string>();
        await foreach (var piece in OpenAIStreaming.TextDeltasAsync(client.CompleteChatStreamingAsync(Question, options)))
            pieces.Add(piece);
        Assert.Equal(25, pieces.Count);
        Assert.Equal(whole.Content[0].Text, string.Concat(pieces));

        IChatClient chat = client.AsIChatClient();
        var meai = new List<string>();
        await foreach (var piece in QwenStreaming.DeltasAsync(chat.GetStreamingResponseAsync("Hello", new ChatOptions { MaxOutputTokens = 10 }), u => u.Text))
            meai.Add(piece);
        Assert.Equal(10, meai.Count);
    }

    [Fact]
    public async Task OpenAI_ReportsCachedTokens()
    {
        await using var sim = await SimulatorHarness.StartAsync(0.05);
        var client = Client(sim);
        var manual = new string('x', 4000) + " refund policy manual";
        var messages = new ChatMessage[] { new SystemChatMessage(manual), new UserChatMessage("q") };
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 5 };
        var first = await OpenAIStreaming.CollectAsync(client.CompleteChatStreamingAsync(messages, options));
        var second = await OpenAIStreaming.CollectAsync(client.CompleteChatStreamingAsync(messages, options));
        Assert.Equal(0, first.CachedTokens);
        Assert.True(second.CachedTokens >= 900, second.CachedTokens.ToString());
    }

    [Fact]
    public async Task OpenAI_BrokenStream_ThrowsWithWhatArrived()
    {
        await using var sim = await SimulatorHarness.StartAsync(0.01);
        var error = await Assert.ThrowsAsync<StreamInterruptedException>(() => OpenAIStreaming.CollectAsync(Client(sim, "drop").CompleteChatStreamingAsync(Question)));
        Assert.IsAssignableFrom<System.IO.IOException>(error);
        Assert.InRange(error.PartialText.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length, 1, 3);
        Assert.Contains("broke", error.Message);
    }

    /// <summary>
    /// The non-streamed call reads its whole answer inside the client's pipeline, so a connection lost mid-answer is
    /// retried there (three times by default); the collectors given the request as a factory retry a broken stream as
    /// often, so the same number of requests is made and the caller gets the same answer — or, every try broken, the
    /// same AggregateException.
    /// </summary>
    [Theory]
    [InlineData(1, true)]
    [InlineData(int.MaxValue, false)]
    public async Task FactoryCollectors_RetryABrokenStream_AsTheClientRetriesTheNonStreamedCall(int brokenTries, bool answers)
    {
        await using var sim = await SimulatorHarness.StartAsync(0.01);
        var plan = brokenTries == 1 ? new string?[] { "drop-mid" } : Array.Empty<string?>();
        var thereafter = brokenTries == 1 ? null : "drop-mid";
        (string Key, ChatClient Client) Fresh()
        {
            var key = "sk-" + Guid.NewGuid().ToString("N");
            sim.Server.State.Faults.Set(key, plan, thereafter);
            return (key, new ChatClient("qwen-plus", new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = sim.Server.CompatibleEndpoint }));
        }

        var (wholeKey, whole) = Fresh();
        var (streamedKey, streamed) = Fresh();
        var (chatKey, chat) = Fresh();
        var (kernelKey, kernelClient) = Fresh();
        var service = new OpenAIChatCompletionService("qwen-plus", new OpenAIClient(new ApiKeyCredential(kernelKey), new OpenAIClientOptions { Endpoint = sim.Server.CompatibleEndpoint }));
        var history = new ChatHistory();
        history.AddUserMessage("Why was my card declined?");
        if (answers)
        {
            ChatCompletion expected = await whole.CompleteChatAsync(Question);
            Assert.Equal(expected.Content[0].Text, (await OpenAIStreaming.CollectAsync(() => streamed.CompleteChatStreamingAsync(Question))).Text);
            Assert.Equal(expected.Content[0].Text, (await ChatClientStreaming.CollectAsync(() => chat.AsIChatClient().GetStreamingResponseAsync(
                new[] { new Microsoft.Extensions.AI.ChatMessage(Microsoft.Extensions.AI.ChatRole.System, "You are the support desk."), new Microsoft.Extensions.AI.ChatMessage(Microsoft.Extensions.AI.ChatRole.User, "Why was my card declined?") }))).Text);
            Assert.False(string.IsNullOrEmpty((await SemanticKernelStreaming.CollectAsync(() => service.GetStreamingChatMessageContentsAsync(history))).Text));
        }
        else
        {
            var expected = await Assert.ThrowsAsync<AggregateException>(() => whole.CompleteChatAsync(Question));
            var actual = await Assert.ThrowsAsync<AggregateException>(() => OpenAIStreaming.CollectAsync(() => streamed.CompleteChatStreamingAsync(Question)));
            Assert.StartsWith("Retry failed after 4 tries.", expected.Message, StringComparison.Ordinal);
            Assert.StartsWith("Retry failed after 4 tries.", actual.Message, StringComparison.Ordinal);
            Assert.All(actual.InnerExceptions, e => Assert.IsAssignableFrom<System.IO.IOException>(e));
            await Assert.ThrowsAsync<AggregateException>(() => ChatClientStreaming.CollectAsync(() => chat.AsIChatClient().GetStreamingResponseAsync("Why was my card declined?")));
            await Assert.ThrowsAsync<AggregateException>(() => SemanticKernelStreaming.CollectAsync(() => service.GetStreamingChatMessageContentsAsync(history)));
        }

        var requests = sim.Server.State.Faults.Requests(wholeKey);
        Assert.Equal(answers ? 2 : 4, requests);
        Assert.Equal(requests, sim.Server.State.Faults.Requests(streamedKey));
        Assert.Equal(requests, sim.Server.State.Faults.Requests(chatKey));
        Assert.Equal(requests, sim.Server.State.Faults.Requests(kernelKey));
    }

    /// <summary>With the client's retries off, one broken stream ends the call, as one lost answer ends the non-streamed call: an IOException, with what arrived.</summary>
    [Fact]
    public async Task FactoryCollector_NoRetries_OneBrokenStreamIsAnIOException()
    {
        await using var sim = await SimulatorHarness.StartAsync(0.01);
        var key = "sk-" + Guid.NewGuid().ToString("N");
        sim.Server.State.Faults.Set(key, Array.Empty<string?>(), "drop-mid");
        var client = new ChatClient("qwen-plus", new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = sim.Server.CompatibleEndpoint, RetryPolicy = new ClientRetryPolicy(0) });
        var whole = await Assert.ThrowsAnyAsync<System.IO.IOException>(() => client.CompleteChatAsync(Question));
        var streamed = await Assert.ThrowsAsync<StreamInterruptedException>(() => OpenAIStreaming.CollectAsync(() => client.CompleteChatStreamingAsync(Question), maxRetries: 0));
        Assert.NotEmpty(streamed.PartialText);
        Assert.Equal(2, sim.Server.State.Faults.Requests(key));
        Assert.NotNull(whole);
    }

    /// <summary>Cancellation surfaces as the TaskCanceledException HttpClient raises for the non-streamed call.</summary>
    [Fact]
    public async Task FactoryCollector_Canceled_IsATaskCanceledException()
    {
        await using var sim = await SimulatorHarness.StartAsync(0.01);
        var key = "sk-" + Guid.NewGuid().ToString("N");
        sim.Server.State.Faults.Set(key, Array.Empty<string?>(), "stall");
        var client = new ChatClient("qwen-plus", new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = sim.Server.CompatibleEndpoint });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var error = await Assert.ThrowsAsync<StreamCanceledException>(() => OpenAIStreaming.CollectAsync(() => client.CompleteChatStreamingAsync(Question, cancellationToken: cancel.Token), cancellationToken: cancel.Token));
        Assert.IsAssignableFrom<TaskCanceledException>(error);
        Assert.NotEmpty(error.PartialText);
    }

    [Fact]
    public async Task OpenAI_HttpError_SurfacesAsItIs()
    {
        await using var sim = await SimulatorHarness.StartAsync(0.01);
        var error = await Assert.ThrowsAsync<ClientResultException>(() => OpenAIStreaming.CollectAsync(Client(sim, "429").CompleteChatStreamingAsync(Question)));
        Assert.Equal(429, error.Status);
    }

    [Fact]
    public async Task OpenAI_Cancellation_KeepsWhatArrived()
    {
        await using var sim = await SimulatorHarness.StartAsync(0.05);
        using var cancel = new CancellationTokenSource();
        var seen = 0;
        var error = await Assert.ThrowsAsync<StreamCanceledException>(() => OpenAIStreaming.CollectAsync(
            Client(sim).CompleteChatStreamingAsync(Question),
            delta =>
            {
                if (++seen == 5)
                    cancel.Cancel();
            },
            cancellationToken: cancel.Token));
        Assert.Equal(5, error.PartialText.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(cancel.Token, error.CancellationToken);
    }

    [Fact]
    public async Task Generic_ExtensionsAIAndSemanticKernelStreams()
    {
        await using var sim = await SimulatorHarness.StartAsync(0.01);
        IChatClient chat = Client(sim).AsIChatClient();
        var options = new ChatOptions { MaxOutputTokens = 30 };
        var whole = await chat.GetResponseAsync("Summarize the incident.", options);
        var streamed = await QwenStreaming.CollectTextAsync(chat.GetStreamingResponseAsync("Summarize the incident.", options), u => u.Text);
        Assert.Equal(whole.Text, streamed.Text);
        Assert.NotNull(streamed.TimeToFirstToken);

        var builder = Kernel.CreateBuilder();
        builder.AddOpenAIChatCompletion("qwen-plus", sim.Server.CompatibleEndpoint, "sk-test");
        var service = builder.Build().GetRequiredService<IChatCompletionService>();
        var history = new ChatHistory("You are terse.");
        history.AddUserMessage("Status?");
        var settings = new OpenAIPromptExecutionSettings { MaxTokens = 20 };
        var reply = await service.GetChatMessageContentAsync(history, settings);
        var collected = await QwenStreaming.CollectTextAsync(service.GetStreamingChatMessageContentsAsync(history, settings), u => u.Content);
        Assert.Equal(reply.Content, collected.Text);
        Assert.Equal(reply.Content, (await SemanticKernelStreaming.CollectAsync(service.GetStreamingChatMessageContentsAsync(history, settings))).Text);

        var kernel = builder.Build();
        var prompt = await kernel.InvokePromptAsync("Say hello to {{$name}}", new KernelArguments(settings) { ["name"] = "Ana" });
        var streamedPrompt = await SemanticKernelStreaming.CollectAsync(kernel.InvokePromptStreamingAsync("Say hello to {{$name}}", new KernelArguments(settings) { ["name"] = "Ana" }));
        Assert.Equal(prompt.GetValue<string>(), streamedPrompt.Text);
    }

    private sealed class FaultHeader(string fault) : PipelinePolicy
    {
        public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            message.Request.Headers.Set("X-Sim-Fault", fault);
            ProcessNext(message, pipeline, currentIndex);
        }

        public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            message.Request.Headers.Set("X-Sim-Fault", fault);
            return ProcessNextAsync(message, pipeline, currentIndex);
        }
    }
}
