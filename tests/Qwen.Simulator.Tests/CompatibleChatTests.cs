using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using OpenAI.Chat;

namespace Qwen.Simulator.Tests;

/// <summary>The OpenAI-compatible endpoint, driven by the real OpenAI .NET SDK over HTTP.</summary>
public class CompatibleChatTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task NonStreamed_HonoursMaxOutputTokenCount()
    {
        var client = sim.Chat();
        ChatCompletion capped = await client.CompleteChatAsync(new ChatMessage[] { new UserChatMessage("Describe the outage.") }, new ChatCompletionOptions { MaxOutputTokenCount = 12 });
        Assert.Equal(12, capped.Usage.OutputTokenCount);
        Assert.Equal(ChatFinishReason.Length, capped.FinishReason);
        Assert.False(string.IsNullOrWhiteSpace(capped.Content[0].Text));

        ChatCompletion natural = await client.CompleteChatAsync(new UserChatMessage("Describe the outage."));
        Assert.Equal(ChatFinishReason.Stop, natural.FinishReason);
        Assert.InRange(natural.Usage.OutputTokenCount, 120, 499);
        Assert.StartsWith(capped.Content[0].Text, natural.Content[0].Text);   // deterministic text
        Assert.Equal(0, natural.Usage.OutputTokenDetails?.ReasoningTokenCount ?? 0);
    }

    /// <summary>A model follows a length the prompt states for the whole answer (system or user message), not one stated for some answers only.</summary>
    [Theory]
    [InlineData("Classify the review. Reply with exactly one word: positive, negative or neutral.", 1, 3)]
    [InlineData("Summarize the ticket in one sentence.", 20, 29)]
    [InlineData("Summarize the ticket for the engineer in under 40 words.", 44, 52)]
    [InlineData("Give three bullet points.", 75, 102)]
    [InlineData("You are the shop's assistant. For lists of products, at most five bullet points.", 120, 499)]
    [InlineData("Help the customer. If they ask for a status, reply in one sentence.", 120, 499)]
    public async Task AStatedLength_IsFollowed_UnlessItIsForSomeAnswersOnly(string system, int shortest, int longest)
    {
        ChatCompletion completion = await sim.Chat().CompleteChatAsync(new SystemChatMessage(system), new UserChatMessage("The parcel arrived late and damaged."));
        Assert.InRange(completion.Usage.OutputTokenCount, shortest, longest);
    }

    [Fact]
    public async Task Streamed_SameTextAsNonStreamed_WithUsageChunk()
    {
        var client = sim.Chat();
        var messages = new ChatMessage[] { new SystemChatMessage("Be helpful."), new UserChatMessage("Summarize ticket 42.") };
        ChatCompletion whole = await client.CompleteChatAsync(messages);

        var text = new StringBuilder();
        ChatTokenUsage? usage = null;
        ChatFinishReason? finish = null;
        await foreach (var update in client.CompleteChatStreamingAsync(messages))
        {
            foreach (var part in update.ContentUpdate)
                text.Append(part.Text);
            usage ??= update.Usage;
            finish ??= update.FinishReason;
        }

        Assert.Equal(whole.Content[0].Text, text.ToString());
        Assert.NotNull(usage);
        Assert.Equal(whole.Usage.OutputTokenCount, usage!.OutputTokenCount);
        Assert.Equal(ChatFinishReason.Stop, finish);
    }

    [Fact]
    public async Task CallLog_StreamDeliversItsFirstTokenEarly_NonStreamedOnlyAtTheEnd()
    {
        var client = sim.Chat(key: "sk-call-log");
        var messages = new ChatMessage[] { new UserChatMessage("Explain the refund policy for ticket 7.") };
        ChatCompletion whole = await client.CompleteChatAsync(messages);
        await foreach (var _ in client.CompleteChatStreamingAsync(messages))
        {
        }

        await sim.Server.State.Calls.WaitIdleAsync("sk-call-log", TimeSpan.FromSeconds(10));
        var calls = sim.Server.State.Calls.Snapshot().Where(c => c.ApiKey == "sk-call-log").ToList();
        Assert.Equal(2, calls.Count);
        var (buffered, streamed) = (calls.Single(c => !c.Streamed), calls.Single(c => c.Streamed));
        Assert.Equal(buffered.EndMs, buffered.FirstTokenMs);
        Assert.True(streamed.FirstTokenMs < streamed.EndMs);
        Assert.True(streamed.StartMs >= buffered.EndMs);
        Assert.Equal(whole.Usage.OutputTokenCount, buffered.CompletionTokens);
        Assert.Equal(buffered.CompletionTokens, streamed.CompletionTokens);
        Assert.Equal(whole.Usage.InputTokenCount, buffered.PromptTokens);
        Assert.Equal(0, buffered.StreamBytes);
        Assert.True(streamed.StreamBytes > whole.Content[0].Text.Length);
    }

    /// <summary>A thinking stream's first answer token, the one a reader sees, comes after the whole reasoning trace.</summary>
    [Fact]
    public async Task CallLog_ThinkingStream_FirstAnswerTokenAfterTheTrace()
    {
        var client = sim.Chat("qwen3.5-flash", key: "sk-call-log-thinking");
        string? firstDelta = null;
        await foreach (var update in client.CompleteChatStreamingAsync(new ChatMessage[] { new UserChatMessage("Is this about billing?") }, new ChatCompletionOptions { MaxOutputTokenCount = 600 }))
            firstDelta ??= update.ContentUpdate.Count > 0 && update.ContentUpdate[0].Text.Length > 0 ? update.ContentUpdate[0].Text : null;

        await sim.Server.State.Calls.WaitIdleAsync("sk-call-log-thinking", TimeSpan.FromSeconds(10));
        var call = sim.Server.State.Calls.Snapshot().Single(c => c.ApiKey == "sk-call-log-thinking");
        Assert.NotNull(firstDelta);
        Assert.Equal(400, call.ReasoningTokens);
        // 400 reasoning tokens at qwen3.5-flash's 8 ms each come before the first answer token.
        Assert.True(call.FirstTokenMs - call.StartMs >= 400 * 8, $"first answer token after {call.FirstTokenMs - call.StartMs} ms");
        Assert.True(call.FirstTokenMs < call.EndMs);
    }

    [Fact]
    public async Task Thinking_DefaultsPerModel_AndCountsAgainstTheCap()
    {
        // qwen3.5-plus thinks by default; qwen-plus does not.
        ChatCompletion hybrid = await sim.Chat("qwen3.5-plus").CompleteChatAsync(new ChatMessage[] { new UserChatMessage("Plan a migration.") }, new ChatCompletionOptions { MaxOutputTokenCount = 2000 });
        Assert.Equal(400, hybrid.Usage.OutputTokenDetails.ReasoningTokenCount);
        Assert.NotNull(hybrid.Patch.GetString("$.choices[0].message.reasoning_content"u8));

        var off = new ChatCompletionOptions { MaxOutputTokenCount = 2000 };
        off.Patch.Set("$.enable_thinking"u8, false);
        ChatCompletion noThinking = await sim.Chat("qwen3.5-plus").CompleteChatAsync(new ChatMessage[] { new UserChatMessage("Plan a migration.") }, off);
        Assert.Equal(0, noThinking.Usage.OutputTokenDetails?.ReasoningTokenCount ?? 0);

        ChatCompletion capped = await sim.Chat("qwen3.5-plus").CompleteChatAsync(new ChatMessage[] { new UserChatMessage("Plan a migration.") }, new ChatCompletionOptions { MaxOutputTokenCount = 50 });
        Assert.Equal(50, capped.Usage.OutputTokenCount);
        Assert.Equal(50, capped.Usage.OutputTokenDetails.ReasoningTokenCount);
        Assert.Equal(ChatFinishReason.Length, capped.FinishReason);

        ChatCompletion plain = await sim.Chat("qwen-plus").CompleteChatAsync(new UserChatMessage("Plan a migration."));
        Assert.Equal(0, plain.Usage.OutputTokenDetails?.ReasoningTokenCount ?? 0);
    }

    [Fact]
    public async Task StreamingOnlyAndOpenSourceModels_RejectNonStreamedThinking()
    {
        var error = await Assert.ThrowsAsync<ClientResultException>(() => sim.Chat("qwq-plus").CompleteChatAsync(new UserChatMessage("x")));
        Assert.Equal(400, error.Status);
        error = await Assert.ThrowsAsync<ClientResultException>(() => sim.Chat("qwen3-32b").CompleteChatAsync(new UserChatMessage("x")));
        Assert.Equal(400, error.Status);

        var off = new ChatCompletionOptions();
        off.Patch.Set("$.enable_thinking"u8, false);
        ChatCompletion ok = await sim.Chat("qwen3-32b").CompleteChatAsync(new ChatMessage[] { new UserChatMessage("x") }, off);
        Assert.Equal(0, ok.Usage.OutputTokenDetails?.ReasoningTokenCount ?? 0);
    }

    [Fact]
    public async Task StopSequences_AndN_OverRawHttp()
    {
        var body = new JsonObject
        {
            ["model"] = "qwen-plus",
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "List the steps." }),
            ["n"] = 2,
        };
        using var response = await sim.PostAsync("/compatible-mode/v1/chat/completions", body);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var choices = json["choices"]!.AsArray();
        Assert.Equal(2, choices.Count);
        Assert.NotEqual(choices[0]!["message"]!["content"]!.ToString(), choices[1]!["message"]!["content"]!.ToString());

        // Stop at the first occurrence of the third word of the first answer.
        var first = choices[0]!["message"]!["content"]!.ToString();
        var stop = " " + first.Split(' ')[2];
        body["n"] = 1;
        body["stop"] = stop;
        using var stopped = await sim.PostAsync("/compatible-mode/v1/chat/completions", body);
        var stoppedText = JsonNode.Parse(await stopped.Content.ReadAsStringAsync())!["choices"]![0]!["message"]!["content"]!.ToString();
        Assert.DoesNotContain(stop, stoppedText);
        Assert.StartsWith(stoppedText, first);
        Assert.True(stoppedText.Length < first.Length);
    }

    [Fact]
    public async Task Errors_LikeTheService()
    {
        var unauthorized = await Assert.ThrowsAsync<ClientResultException>(() => sim.Chat(key: "wrong").CompleteChatAsync(new UserChatMessage("x")));
        Assert.Equal(401, unauthorized.Status);
        Assert.Contains("invalid_api_key", unauthorized.GetRawResponse()!.Content.ToString());

        var unknown = await Assert.ThrowsAsync<ClientResultException>(() => sim.Chat("gpt-9").CompleteChatAsync(new UserChatMessage("x")));
        Assert.Equal(400, unknown.Status);
        Assert.Contains("model_not_found", unknown.GetRawResponse()!.Content.ToString());

        var request = new System.Net.Http.HttpRequestMessage(System.Net.Http.HttpMethod.Post, "/compatible-mode/v1/chat/completions")
        {
            Content = new System.Net.Http.StringContent("{\"model\": \"qwen-plus\", \"messages\": [", Encoding.UTF8, "application/json"),
        };
        using var malformed = await sim.Http.SendAsync(request);
        Assert.Equal(400, (int)malformed.StatusCode);
        Assert.Contains("not valid JSON", await malformed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task LatencyModel_MovesTheWayTheGuideSays()
    {
        var question = new ChatMessage[] { new UserChatMessage("Explain the refund policy.") };

        // Output length: a cap shortens the whole response.
        var uncapped = await sim.Chat().CompleteChatAsync(question);
        var capped = await sim.Chat().CompleteChatAsync(question, new ChatCompletionOptions { MaxOutputTokenCount = 20 });
        Assert.True(SimulatorFixture.Header(capped, "X-Sim-Total-Ms") * 3 < SimulatorFixture.Header(uncapped, "X-Sim-Total-Ms"));

        // Model size: flash answers faster than max, both in first token and in total.
        var flash = await sim.Chat("qwen-flash").CompleteChatAsync(question);
        var max = await sim.Chat("qwen3-max").CompleteChatAsync(question);
        Assert.True(SimulatorFixture.Header(flash, "X-Sim-Ttft-Ms") < SimulatorFixture.Header(max, "X-Sim-Ttft-Ms"));
        Assert.True(SimulatorFixture.Header(flash, "X-Sim-Total-Ms") * 2 < SimulatorFixture.Header(max, "X-Sim-Total-Ms"));

        // Streaming: the first token comes long before the whole answer.
        Assert.True(SimulatorFixture.Header(uncapped, "X-Sim-Ttft-Ms") * 5 < SimulatorFixture.Header(uncapped, "X-Sim-Total-Ms"));

        // Input length matters far less than output length.
        var longInput = await sim.Chat().CompleteChatAsync(new SystemChatMessage(SimulatorFixture.LongText(2000, "policy")), new UserChatMessage("Explain the refund policy."));
        var extraTtft = SimulatorFixture.Header(longInput, "X-Sim-Ttft-Ms") - SimulatorFixture.Header(uncapped, "X-Sim-Ttft-Ms");
        Assert.InRange(extraTtft, 1, SimulatorFixture.Header(uncapped, "X-Sim-Total-Ms"));
    }

    [Fact]
    public async Task TimeScale_StretchesRealTime()
    {
        // 20 tokens of qwen-max at scale 0.002: about 1.1 simulated seconds, at least 2 ms of real time.
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = await sim.Chat("qwen3-max").CompleteChatAsync(new ChatMessage[] { new UserChatMessage("x") }, new ChatCompletionOptions { MaxOutputTokenCount = 20 });
        var simulated = SimulatorFixture.Header(result, "X-Sim-Total-Ms");
        Assert.True(watch.Elapsed.TotalMilliseconds >= simulated * SimulatorFixture.TimeScale * 0.9, $"{watch.Elapsed.TotalMilliseconds} ms for {simulated} simulated ms");
    }
}
