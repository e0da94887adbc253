using System.ClientModel;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using OpenAI.Chat;

namespace Qwen.Simulator.Tests;

/// <summary>Implicit and explicit context cache, as the vendor's context-cache page describes them.</summary>
public class CacheTests(CacheSimulatorFixture sim) : IClassFixture<CacheSimulatorFixture>
{
    [Fact]
    public async Task Implicit_RepeatedLongPrefix_IsServedFromCache_AndLowersTtft()
    {
        var client = sim.Chat("qwen-plus", "sk-implicit");
        var manual = SimulatorFixture.LongText(3000, "implicit-manual");
        var brief = new ChatCompletionOptions { MaxOutputTokenCount = 5 };
        ClientResult<ChatCompletion> first = await client.CompleteChatAsync(new ChatMessage[] { new SystemChatMessage(manual), new UserChatMessage("How do I reset my password?") }, brief);
        ClientResult<ChatCompletion> second = await client.CompleteChatAsync(new ChatMessage[] { new SystemChatMessage(manual), new UserChatMessage("How do I change my email?") }, brief);

        Assert.Equal(0, first.Value.Usage.InputTokenDetails?.CachedTokenCount ?? 0);
        var cached = second.Value.Usage.InputTokenDetails.CachedTokenCount;
        Assert.InRange(cached, 2900, second.Value.Usage.InputTokenCount);
        Assert.True(SimulatorFixture.Header(second, "X-Sim-Ttft-Ms") < SimulatorFixture.Header(first, "X-Sim-Ttft-Ms") * 0.8);

        var stats = await sim.StatsAsync();
        Assert.True((long)stats["cached_tokens"]! >= cached);
    }

    [Fact]
    public async Task Implicit_DynamicContentFirst_DefeatsTheCache()
    {
        var client = sim.Chat("qwen-plus", "sk-dynamic-first");
        var manual = SimulatorFixture.LongText(3000, "dynamic-manual");
        var brief = new ChatCompletionOptions { MaxOutputTokenCount = 5 };
        await client.CompleteChatAsync(new ChatMessage[] { new SystemChatMessage("Today is 2026-11-24T10:00:01Z. " + manual), new UserChatMessage("q1") }, brief);
        ChatCompletion second = await client.CompleteChatAsync(new ChatMessage[] { new SystemChatMessage("Today is 2026-11-24T10:00:02Z. " + manual), new UserChatMessage("q2") }, brief);
        Assert.Equal(0, second.Usage.InputTokenDetails?.CachedTokenCount ?? 0);
    }

    [Fact]
    public async Task Implicit_ShortPrompts_AreNotCached()
    {
        var client = sim.Chat("qwen-plus", "sk-short");
        var brief = new ChatCompletionOptions { MaxOutputTokenCount = 5 };
        await client.CompleteChatAsync(new ChatMessage[] { new SystemChatMessage(SimulatorFixture.LongText(200, "short")), new UserChatMessage("q") }, brief);
        ChatCompletion second = await client.CompleteChatAsync(new ChatMessage[] { new SystemChatMessage(SimulatorFixture.LongText(200, "short")), new UserChatMessage("q") }, brief);
        Assert.Equal(0, second.Usage.InputTokenDetails?.CachedTokenCount ?? 0);
    }

    [Fact]
    public async Task Explicit_CacheControlOnAContentPart_CreatesThenHits()
    {
        static JsonObject Body(string manual, string question) => new()
        {
            ["model"] = "qwen3-coder-plus",
            ["messages"] = new JsonArray(
                new JsonObject
                {
                    ["role"] = "system",
                    ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = manual, ["cache_control"] = new JsonObject { ["type"] = "ephemeral" } }),
                },
                new JsonObject { ["role"] = "user", ["content"] = question }),
            ["max_tokens"] = 5,
        };

        var manual = SimulatorFixture.LongText(1500, "explicit");
        using var first = await sim.PostAsync("/compatible-mode/v1/chat/completions", Body(manual, "a"));
        var firstUsage = JsonNode.Parse(await first.Content.ReadAsStringAsync())!["usage"]!["prompt_tokens_details"]!;
        Assert.Equal(0, (int)firstUsage["cached_tokens"]!);
        Assert.True((int)firstUsage["cache_creation_input_tokens"]! >= 1500);

        using var second = await sim.PostAsync("/compatible-mode/v1/chat/completions", Body(manual, "b"));
        var secondUsage = JsonNode.Parse(await second.Content.ReadAsStringAsync())!["usage"]!["prompt_tokens_details"]!;
        Assert.True((int)secondUsage["cached_tokens"]! >= 1500);
        Assert.Equal("ephemeral", (string)secondUsage["cache_type"]!);
        Assert.True(SimulatorFixture.Header(second, "X-Sim-Ttft-Ms") < SimulatorFixture.Header(first, "X-Sim-Ttft-Ms"));

        // Below 1024 tokens a marker has no effect.
        var small = SimulatorFixture.LongText(500, "explicit-small");
        using var _ = await sim.PostAsync("/compatible-mode/v1/chat/completions", Body(small, "a"));
        using var smallSecond = await sim.PostAsync("/compatible-mode/v1/chat/completions", Body(small, "b"));
        Assert.Equal(0, (int)JsonNode.Parse(await smallSecond.Content.ReadAsStringAsync())!["usage"]!["prompt_tokens_details"]!["cached_tokens"]!);
    }

    [Fact]
    public async Task Explicit_MoreThanFourMarkers_IsRejected()
    {
        var parts = new JsonArray();
        for (var i = 0; i < 5; i++)
            parts.Add(new JsonObject { ["type"] = "text", ["text"] = "part " + i, ["cache_control"] = new JsonObject { ["type"] = "ephemeral" } });
        var body = new JsonObject
        {
            ["model"] = "qwen-plus",
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "system", ["content"] = parts }, new JsonObject { ["role"] = "user", ["content"] = "q" }),
        };
        using var response = await sim.PostAsync("/compatible-mode/v1/chat/completions", body);
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("cache_control", await response.Content.ReadAsStringAsync());
    }
}
