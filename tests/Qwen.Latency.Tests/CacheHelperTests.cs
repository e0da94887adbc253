using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using OpenAI;
using OpenAI.Chat;
using ChatMessage = OpenAI.Chat.ChatMessage;

using Qwen.Testing;

namespace Qwen.Latency.Tests;

/// <summary>The cache-marker helpers, checked on what the simulator receives and on the cached tokens it reports.</summary>
public class CacheHelperTests
{
    private static readonly string Manual = string.Join(" ", Enumerable.Range(0, 500).Select(i => $"Policy clause {i}."));

    private static ChatClient Client(SimulatorHarness sim)
        => new("qwen3-coder-plus", new ApiKeyCredential("sk-test"), new OpenAIClientOptions { Endpoint = sim.Server.CompatibleEndpoint, RetryPolicy = new ClientRetryPolicy(0) });

    [Fact]
    public async Task OpenAI_SystemMessage_SendsTheMarker_AndTheSecondRequestHitsTheCache()
    {
        await using var sim = await SimulatorHarness.StartAsync(0.05);
        var client = Client(sim);
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 5 };

        ClientResult<ChatCompletion> first = await client.CompleteChatAsync(new ChatMessage[] { QwenCache.SystemMessage(Manual, "\nCustomer: Ada"), new UserChatMessage("Refund?") }, options);
        var sent = await sim.Http.GetStringAsync("/_sim/requests/last");
        Assert.Contains("\"cache_control\":{\"type\":\"ephemeral\"}", sent);
        Assert.Contains("Customer: Ada", sent);

        ClientResult<ChatCompletion> second = await client.CompleteChatAsync(new ChatMessage[] { QwenCache.SystemMessage(Manual, "\nCustomer: Bob"), new UserChatMessage("Refund?") }, options);
        Assert.Equal(0, QwenCache.CachedTokens(first.Value.Usage));
        Assert.True(QwenCache.CachedTokens(second.Value.Usage) >= QwenCache.MinimumTokens, QwenCache.CachedTokens(second.Value.Usage).ToString());
        Assert.True(Header(second, "X-Sim-Ttft-Ms") < Header(first, "X-Sim-Ttft-Ms"));
    }

    [Fact]
    public async Task LoneTextPartMarker_IsLostOnTheWire()
    {
        // What QW0008 reports: the marker on a message's only text part never leaves the client.
        await using var sim = await SimulatorHarness.StartAsync(0.05);
        var part = ChatMessageContentPart.CreateTextPart(Manual);
#pragma warning disable SCME0001
        part.Patch.Set("$.cache_control"u8, BinaryData.FromString("{\"type\":\"ephemeral\"}"));
#pragma warning restore SCME0001
        await Client(sim).CompleteChatAsync(new ChatMessage[] { new SystemChatMessage(part), new UserChatMessage("q") }, new ChatCompletionOptions { MaxOutputTokenCount = 5 });
        Assert.DoesNotContain("cache_control", await sim.Http.GetStringAsync("/_sim/requests/last"));
    }

    [Fact]
    public async Task ExtensionsAI_SystemMessage_SendsTheMarker()
    {
        await using var sim = await SimulatorHarness.StartAsync(0.05);
        IChatClient chat = Client(sim).AsIChatClient();
        var options = new ChatOptions { MaxOutputTokens = 5 };
        var first = await chat.GetResponseAsync(new[] { QwenCache.ExtensionsAISystemMessage(Manual), new Microsoft.Extensions.AI.ChatMessage(ChatRole.User, "q1") }, options);
        Assert.Contains("cache_control", await sim.Http.GetStringAsync("/_sim/requests/last"));
        var second = await chat.GetResponseAsync(new[] { QwenCache.ExtensionsAISystemMessage(Manual), new Microsoft.Extensions.AI.ChatMessage(ChatRole.User, "q2") }, options);
        Assert.Equal(0, QwenCache.CachedTokens(first.Usage));
        Assert.True(QwenCache.CachedTokens(second.Usage) >= QwenCache.MinimumTokens);
    }

    [Fact]
    public async Task SemanticKernel_ThroughThePolicy_MarksTheSystemPrompt_AndHitsTheCache()
    {
        await using var sim = await SimulatorHarness.StartAsync(0.05);
        var options = new OpenAIClientOptions { Endpoint = sim.Server.CompatibleEndpoint, RetryPolicy = new ClientRetryPolicy(0) };
        options.AddPolicy(new QwenCachePolicy(), PipelinePosition.PerCall);
        var builder = Microsoft.SemanticKernel.Kernel.CreateBuilder();
        Microsoft.SemanticKernel.OpenAIKernelBuilderExtensions.AddOpenAIChatCompletion(builder, "qwen3-coder-plus", new OpenAIClient(new ApiKeyCredential("sk-test"), options));
        var chat = builder.Build().GetRequiredService<Microsoft.SemanticKernel.ChatCompletion.IChatCompletionService>();
        var settings = new Microsoft.SemanticKernel.Connectors.OpenAI.OpenAIPromptExecutionSettings { MaxTokens = 5 };

        async Task<OpenAI.Chat.ChatTokenUsage> AskAsync(string question)
        {
            var history = new Microsoft.SemanticKernel.ChatCompletion.ChatHistory(Manual);
            history.AddUserMessage(question);
            var reply = await Microsoft.SemanticKernel.ChatCompletion.ChatCompletionServiceExtensions.GetChatMessageContentAsync(chat, history, settings);
            return (OpenAI.Chat.ChatTokenUsage)reply.Metadata!["Usage"]!;
        }

        var first = await AskAsync("q1");
        Assert.Contains("\"cache_control\":{\"type\":\"ephemeral\"}", await sim.Http.GetStringAsync("/_sim/requests/last"));
        var second = await AskAsync("q2");
        Assert.Equal(0, QwenCache.CachedTokens(first));
        Assert.True(QwenCache.CachedTokens(second) >= QwenCache.MinimumTokens);
    }

    [Fact]
    public async Task Policy_LeavesShortPromptsAlone()
    {
        await using var sim = await SimulatorHarness.StartAsync(0.05);
        var options = new OpenAIClientOptions { Endpoint = sim.Server.CompatibleEndpoint, RetryPolicy = new ClientRetryPolicy(0) };
        options.AddPolicy(new QwenCachePolicy(), PipelinePosition.PerCall);
        var client = new OpenAIClient(new ApiKeyCredential("sk-test"), options).GetChatClient("qwen-plus");
        await client.CompleteChatAsync(new ChatMessage[] { new SystemChatMessage("Be brief."), new UserChatMessage("q") }, new ChatCompletionOptions { MaxOutputTokenCount = 3 });
        var sent = await sim.Http.GetStringAsync("/_sim/requests/last");
        Assert.DoesNotContain("cache_control", sent);
        Assert.Contains("\"content\":\"Be brief.\"", sent);
    }

    private static double Header(ClientResult result, string name)
        => double.Parse(result.GetRawResponse().Headers.TryGetValue(name, out var value) ? value! : "NaN", System.Globalization.CultureInfo.InvariantCulture);
}
