using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace Qwen.Simulator.Tests;

/// <summary>The native DashScope API: text generation with and without incremental output, and async image/video tasks.</summary>
public class NativeAndMediaTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    private const string TextPath = "/api/v1/services/aigc/text-generation/generation";

    private static JsonObject TextBody(bool incremental, int maxTokens = 40) => new()
    {
        ["model"] = "qwen-plus",
        ["input"] = new JsonObject { ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Write the status update." }) },
        ["parameters"] = new JsonObject { ["result_format"] = "message", ["incremental_output"] = incremental, ["max_tokens"] = maxTokens },
    };

    private static async Task<List<JsonNode>> ReadEventsAsync(HttpResponseMessage response)
    {
        var events = new List<JsonNode>();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("data:", StringComparison.Ordinal))
                events.Add(JsonNode.Parse(line["data:".Length..])!);
        }

        return events;
    }

    [Fact]
    public async Task NonStreamed_MessageFormat()
    {
        using var response = await sim.PostAsync(TextPath, TextBody(incremental: false));
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("length", (string)json["output"]!["choices"]![0]!["finish_reason"]!);
        Assert.Equal(40, (int)json["usage"]!["output_tokens"]!);
        Assert.NotNull(json["usage"]!["prompt_tokens_details"]!["cached_tokens"]);
    }

    [Fact]
    public async Task Sse_WithoutIncrementalOutput_RepeatsTheWholeText_AndCostsMoreBytes()
    {
        await using var own = await SimulatorServer.StartAsync(new SimulatorOptions { TimeScale = SimulatorFixture.TimeScale });
        using var http = new HttpClient { BaseAddress = own.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "sk-test");

        async Task<(List<JsonNode> Events, long Bytes)> StreamAsync(bool incremental)
        {
            await http.PostAsync("/_sim/reset", null);
            var request = new HttpRequestMessage(HttpMethod.Post, TextPath) { Content = new StringContent(TextBody(incremental, 100).ToJsonString()) };
            request.Headers.Add("X-DashScope-SSE", "enable");
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            var events = await ReadEventsAsync(response);
            var stats = JsonNode.Parse(await http.GetStringAsync("/_sim/stats"))!;
            return (events, (long)stats["stream_bytes"]!);
        }

        var (full, fullBytes) = await StreamAsync(incremental: false);
        var (incremental, incrementalBytes) = await StreamAsync(incremental: true);
        static string Content(JsonNode e) => (string)e["output"]!["choices"]![0]!["message"]!["content"]!;

        Assert.Equal(100, full.Count);
        Assert.Equal(100, incremental.Count);
        for (var i = 1; i < full.Count; i++)
            Assert.StartsWith(Content(full[i - 1]), Content(full[i]));
        Assert.Equal(Content(full[^1]), string.Concat(incremental.Select(Content)));
        Assert.Equal("length", (string)incremental[^1]["output"]!["choices"]![0]!["finish_reason"]!);
        // Repeating the text so far grows with the square of the length.
        Assert.True(fullBytes > incrementalBytes * 1.5, $"{fullBytes} vs {incrementalBytes}");
    }

    [Fact]
    public async Task Sse_ThinkingRequiresIncrementalOutput()
    {
        var body = TextBody(incremental: false);
        body["model"] = "qwen3.5-plus";
        var request = new HttpRequestMessage(HttpMethod.Post, TextPath) { Content = new StringContent(body.ToJsonString()) };
        request.Headers.Add("X-DashScope-SSE", "enable");
        using var response = await sim.Http.SendAsync(request);
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("InvalidParameter", (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["code"]!);
    }

    [Fact]
    public async Task NativeErrors()
    {
        using var noKey = new HttpClient { BaseAddress = sim.Server.BaseAddress };
        using var unauthorized = await noKey.PostAsync(TextPath, new StringContent(TextBody(true).ToJsonString()));
        Assert.Equal(401, (int)unauthorized.StatusCode);
        Assert.Equal("InvalidApiKey", (string)JsonNode.Parse(await unauthorized.Content.ReadAsStringAsync())!["code"]!);

        var body = TextBody(true);
        body["model"] = "llama-9";
        using var unknown = await sim.PostAsync(TextPath, body);
        Assert.Equal(400, (int)unknown.StatusCode);
    }

    private static JsonObject ImageBody(bool? promptExtend, string prompt = "a red bicycle")
    {
        var parameters = new JsonObject { ["size"] = "1024*1024", ["n"] = 1 };
        if (promptExtend is { } extend)
            parameters["prompt_extend"] = extend;
        return new JsonObject { ["model"] = "wan2.2-t2i-flash", ["input"] = new JsonObject { ["prompt"] = prompt }, ["parameters"] = parameters };
    }

    [Fact]
    public async Task ImageTask_RequiresAsyncHeader()
    {
        using var response = await sim.PostAsync("/api/v1/services/aigc/text2image/image-synthesis", ImageBody(null));
        Assert.Equal(403, (int)response.StatusCode);
        Assert.Contains("synchronous", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ImageTask_GoesPendingRunningSucceeded_AndPromptExtendCostsTime()
    {
        using var extended = await sim.PostAsync("/api/v1/services/aigc/text2image/image-synthesis", ImageBody(null), ("X-DashScope-Async", "enable"));
        using var plain = await sim.PostAsync("/api/v1/services/aigc/text2image/image-synthesis", ImageBody(false), ("X-DashScope-Async", "enable"));
        Assert.Equal(3500, SimulatorFixture.Header(extended, "X-Sim-Render-Ms") - SimulatorFixture.Header(plain, "X-Sim-Render-Ms"));

        // Its own simulator at a scale where the 1 s queue lasts 50 ms of real time, polled every 5 ms (10 per simulated second).
        await using var slow = await SimulatorServer.StartAsync(new SimulatorOptions { TimeScale = 0.05 });
        using var http = new HttpClient { BaseAddress = slow.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "sk-test");
        var submit = new HttpRequestMessage(HttpMethod.Post, "/api/v1/services/aigc/text2image/image-synthesis") { Content = new StringContent(ImageBody(false).ToJsonString()) };
        submit.Headers.Add("X-DashScope-Async", "enable");
        using var submitted = await http.SendAsync(submit);
        var taskId = (string)JsonNode.Parse(await submitted.Content.ReadAsStringAsync())!["output"]!["task_id"]!;
        var seen = new List<string>();
        for (var i = 0; i < 2000 && (seen.Count == 0 || seen[^1] is "PENDING" or "RUNNING"); i++)
        {
            var json = JsonNode.Parse(await http.GetStringAsync("/api/v1/tasks/" + taskId))!;
            var status = (string)json["output"]!["task_status"]!;
            if (seen.Count == 0 || seen[^1] != status)
                seen.Add(status);
            if (status == "SUCCEEDED")
                Assert.EndsWith(".png", (string)json["output"]!["results"]![0]!["url"]!);
            await Task.Delay(5);
        }

        Assert.Equal(new[] { "PENDING", "RUNNING", "SUCCEEDED" }, seen);
    }

    [Fact]
    public async Task VideoTask_FailsWhenAsked_AndMultiShotNeedsPromptExtend()
    {
        var body = new JsonObject
        {
            ["model"] = "wan2.6-t2v",
            ["input"] = new JsonObject { ["prompt"] = "a storm [fail]" },
            ["parameters"] = new JsonObject { ["resolution"] = "480P", ["duration"] = 2 },
        };
        using var submitted = await sim.PostAsync("/api/v1/services/aigc/video-generation/video-synthesis", body, ("X-DashScope-Async", "enable"));
        var taskId = (string)JsonNode.Parse(await submitted.Content.ReadAsStringAsync())!["output"]!["task_id"]!;
        string status;
        do
        {
            await Task.Delay(5);
            status = (string)JsonNode.Parse(await sim.Http.GetStringAsync("/api/v1/tasks/" + taskId))!["output"]!["task_status"]!;
        }
        while (status is "PENDING" or "RUNNING");
        Assert.Equal("FAILED", status);

        body["parameters"]!["shot_type"] = "multi";
        body["parameters"]!["prompt_extend"] = false;
        using var multi = await sim.PostAsync("/api/v1/services/aigc/video-generation/video-synthesis", body, ("X-DashScope-Async", "enable"));
        Assert.Equal(400, (int)multi.StatusCode);

        using var unknown = await sim.Http.GetAsync("/api/v1/tasks/no-such-task");
        Assert.Equal("UNKNOWN", (string)JsonNode.Parse(await unknown.Content.ReadAsStringAsync())!["output"]!["task_status"]!);
    }

    [Fact]
    public async Task TaskQueries_AreThrottledAboveTwentyASecond()
    {
        // Scale 10: one simulated second lasts ten real ones, so 30 quick queries surely fall in one window.
        await using var realTime = await SimulatorServer.StartAsync(new SimulatorOptions { TimeScale = 10 });
        using var http = new HttpClient { BaseAddress = realTime.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "sk-poller");
        var statuses = new List<int>();
        for (var i = 0; i < 30; i++)
        {
            using var response = await http.GetAsync("/api/v1/tasks/some-task");
            statuses.Add((int)response.StatusCode);
        }

        Assert.Equal(20, statuses.Count(s => s == 200));
        Assert.Equal(10, statuses.Count(s => s == 429));
        var stats = JsonNode.Parse(await http.GetStringAsync("/_sim/stats"))!;
        Assert.Equal(10, (long)stats["throttled"]!);
    }
}
