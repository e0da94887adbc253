using System;
using System.ClientModel;
using System.Threading.Tasks;
using OpenAI.Chat;

namespace Qwen.Simulator.Tests;

/// <summary>Injected faults reach the real SDK the way the service's would.</summary>
public class FaultTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    [Theory]
    [InlineData("429", 429)]
    [InlineData("500", 500)]
    public async Task StatusFaults_SurfaceAsClientResultException(string fault, int status)
    {
        var client = new ChatClient("qwen-plus", new ApiKeyCredential("sk-test"), new OpenAI.OpenAIClientOptions { Endpoint = sim.Server.CompatibleEndpoint, RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(0) }.WithHeader("X-Sim-Fault", fault));
        var error = await Assert.ThrowsAsync<ClientResultException>(() => client.CompleteChatAsync(new UserChatMessage("x")));
        Assert.Equal(status, error.Status);
        Assert.Equal("1", error.GetRawResponse()!.Headers.TryGetValue("Retry-After", out var retry) ? retry : null);
    }

    [Fact]
    public async Task DroppedConnection_MidStream_Throws()
    {
        var client = new ChatClient("qwen-plus", new ApiKeyCredential("sk-test"), new OpenAI.OpenAIClientOptions { Endpoint = sim.Server.CompatibleEndpoint, RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(0) }.WithHeader("X-Sim-Fault", "drop"));
        var received = 0;
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await foreach (var update in client.CompleteChatStreamingAsync(new UserChatMessage("x")))
                received += update.ContentUpdate.Count;
        });
        Assert.InRange(received, 1, 3);
    }

    [Fact]
    public async Task MalformedChunk_MidStream_Throws()
    {
        var client = new ChatClient("qwen-plus", new ApiKeyCredential("sk-test"), new OpenAI.OpenAIClientOptions { Endpoint = sim.Server.CompatibleEndpoint, RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(0) }.WithHeader("X-Sim-Fault", "malformed"));
        var received = 0;
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await foreach (var update in client.CompleteChatStreamingAsync(new UserChatMessage("x")))
                received += update.ContentUpdate.Count;
        });
        Assert.Equal(3, received);
    }

    [Fact]
    public async Task StartOption_FaultsEveryNthRequest()
    {
        await using var faulty = await SimulatorServer.StartAsync(new SimulatorOptions { TimeScale = SimulatorFixture.TimeScale, Fault = "500", FaultEvery = 2 });
        var client = new ChatClient("qwen-plus", new ApiKeyCredential("sk-test"), new OpenAI.OpenAIClientOptions { Endpoint = faulty.CompatibleEndpoint, RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(0) });
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 5 };
        await client.CompleteChatAsync(new ChatMessage[] { new UserChatMessage("1") }, options);
        var error = await Assert.ThrowsAsync<ClientResultException>(() => client.CompleteChatAsync(new ChatMessage[] { new UserChatMessage("2") }, options));
        Assert.Equal(500, error.Status);
        await client.CompleteChatAsync(new ChatMessage[] { new UserChatMessage("3") }, options);
    }
}

internal sealed class HeaderPolicy(string name, string value) : System.ClientModel.Primitives.PipelinePolicy
{
    public override void Process(System.ClientModel.Primitives.PipelineMessage message, System.Collections.Generic.IReadOnlyList<System.ClientModel.Primitives.PipelinePolicy> pipeline, int currentIndex)
    {
        message.Request.Headers.Set(name, value);
        ProcessNext(message, pipeline, currentIndex);
    }

    public override System.Threading.Tasks.ValueTask ProcessAsync(System.ClientModel.Primitives.PipelineMessage message, System.Collections.Generic.IReadOnlyList<System.ClientModel.Primitives.PipelinePolicy> pipeline, int currentIndex)
    {
        message.Request.Headers.Set(name, value);
        return ProcessNextAsync(message, pipeline, currentIndex);
    }
}

internal static class OptionsExtensions
{
    public static OpenAI.OpenAIClientOptions WithHeader(this OpenAI.OpenAIClientOptions options, string name, string value)
    {
        options.AddPolicy(new HeaderPolicy(name, value), System.ClientModel.Primitives.PipelinePosition.PerCall);
        return options;
    }
}
