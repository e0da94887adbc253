using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Qwen.Testing;

namespace Qwen.Latency.Tests;

/// <summary>
/// <see cref="DashScopeHttpStreaming"/> against the simulator (time scale 0.01): a hand-built request goes out
/// streamed, the deltas arrive as the model writes them, and the caller reads the same JSON the unstreamed request
/// returns; faults keep the partial text.
/// </summary>
public class HttpStreamingTests
{
    private const double Scale = 0.01;
    private const string NativePath = "/api/v1/services/aigc/text-generation/generation";
    private const string CompatiblePath = "/compatible-mode/v1/chat/completions";

    private static object NativeBody(string question, string? resultFormat = "message") => new
    {
        model = "qwen-plus",
        input = new { messages = new[] { new { role = "user", content = question } } },
        parameters = resultFormat is null ? (object)new { max_completion_tokens = 300 } : new { result_format = resultFormat, max_completion_tokens = 300 },
    };

    private static object CompatibleBody(string question, string model = "qwen-plus") => new
    {
        model,
        max_tokens = 300,
        messages = new[] { new { role = "user", content = question } },
    };

    [Theory]
    [InlineData("message")]
    [InlineData(null)]   // result_format text, the native default
    public async Task Native_SameJsonAsUnstreamed_DeltasAsTheyCome(string? resultFormat)
    {
        await using var sim = await SimulatorHarness.StartAsync(Scale);
        using var plain = await sim.Http.PostAsJsonAsync(NativePath, NativeBody("Where is my parcel?", resultFormat));
        var expected = JsonNode.Parse(await plain.Content.ReadAsStringAsync())!;

        var deltas = new List<string>();
        using var streamed = await sim.Http.PostAsJsonStreamingAsync(NativePath, NativeBody("Where is my parcel?", resultFormat), deltas.Add);
        Assert.Equal(HttpStatusCode.OK, streamed.StatusCode);
        var actual = JsonNode.Parse(await streamed.Content.ReadAsStringAsync())!;

        var path = resultFormat == "message" ? new Func<JsonNode, JsonNode?>(j => j["output"]!["choices"]![0]!["message"]!["content"]) : j => j["output"]!["text"];
        Assert.Equal(path(expected)!.GetValue<string>(), path(actual)!.GetValue<string>());
        Assert.Equal(expected["usage"]!["output_tokens"]!.GetValue<int>(), actual["usage"]!["output_tokens"]!.GetValue<int>());
        Assert.True(deltas.Count > 10, $"{deltas.Count} deltas");
        Assert.Equal(path(actual)!.GetValue<string>(), string.Concat(deltas));

        // On the wire: streamed with incremental output (no repeated text), first token long before the end.
        var call = sim.Server.State.Calls.Snapshot().Last();
        Assert.True(call.Streamed);
        Assert.True(call.FirstTokenMs < call.EndMs - 100, $"first token {call.FirstTokenMs}, end {call.EndMs}");
        Assert.True(call.StreamBytes < 40 * deltas.Sum(d => d.Length) + 20_000, $"{call.StreamBytes} bytes for {deltas.Sum(d => d.Length)} characters");
    }

    [Fact]
    public async Task AsyncDeltaCallback_AwaitedOneAtATime_BeforeTheNextIsRead()
    {
        await using var sim = await SimulatorHarness.StartAsync(Scale);
        var deltas = new List<string>();
        var inCallback = 0;
        var overlapped = false;

        using var streamed = await sim.Http.PostAsJsonStreamingAsync(NativePath, NativeBody("Where is my parcel?"), async (delta, ct) =>
        {
            overlapped |= Interlocked.Increment(ref inCallback) > 1;
            await Task.Delay(1, ct);   // a write to a response or a hub: the next delta waits for it
            deltas.Add(delta);
            Interlocked.Decrement(ref inCallback);
        });

        Assert.Equal(HttpStatusCode.OK, streamed.StatusCode);
        var text = JsonNode.Parse(await streamed.Content.ReadAsStringAsync())!["output"]!["choices"]![0]!["message"]!["content"]!.GetValue<string>();
        Assert.False(overlapped);
        Assert.True(deltas.Count > 10, $"{deltas.Count} deltas");
        Assert.Equal(text, string.Concat(deltas));
    }

    [Fact]
    public async Task Compatible_SameChoicesAndUsage_ThroughSendAsyncShape()
    {
        await using var sim = await SimulatorHarness.StartAsync(Scale);
        using var plain = await sim.Http.PostAsJsonAsync(CompatiblePath, CompatibleBody("Can I return a coffee machine?"));
        var expected = JsonNode.Parse(await plain.Content.ReadAsStringAsync())!;

        var request = new HttpRequestMessage(HttpMethod.Post, CompatiblePath) { Content = JsonContent.Create(CompatibleBody("Can I return a coffee machine?")) };
        var first = new TaskCompletionSource<double>();
        using var streamed = await sim.Http.SendStreamingAsync(request, _ => first.TrySetResult(sim.Server.State.Clock.NowMs));
        var actual = JsonNode.Parse(await streamed.Content.ReadAsStringAsync())!;

        Assert.Equal("chat.completion", actual["object"]!.GetValue<string>());
        Assert.Equal(expected["choices"]![0]!["message"]!["content"]!.GetValue<string>(), actual["choices"]![0]!["message"]!["content"]!.GetValue<string>());
        Assert.Equal(expected["choices"]![0]!["finish_reason"]!.GetValue<string>(), actual["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.Equal(expected["usage"]!["completion_tokens"]!.GetValue<int>(), actual["usage"]!["completion_tokens"]!.GetValue<int>());
        var call = sim.Server.State.Calls.Snapshot().Last();
        Assert.True(call.Streamed);
        Assert.True(await first.Task < call.EndMs, "the first delta reached the caller before the model finished");
    }

    [Fact]
    public async Task Thinking_ReasoningKeptApart_DeltasAreTheAnswer()
    {
        await using var sim = await SimulatorHarness.StartAsync(Scale);
        var deltas = new List<string>();
        using var streamed = await sim.Http.PostAsJsonStreamingAsync(CompatiblePath, CompatibleBody("Is this about billing?", "qwen3.5-flash"), deltas.Add);
        var actual = JsonNode.Parse(await streamed.Content.ReadAsStringAsync())!;
        var message = actual["choices"]![0]!["message"]!;
        Assert.False(string.IsNullOrEmpty(message["reasoning_content"]?.GetValue<string>()));
        Assert.Equal(message["content"]!.GetValue<string>(), string.Concat(deltas));
    }

    [Theory]
    [InlineData("500")]
    [InlineData("429")]
    public async Task ErrorBeforeTheStream_SameStatusAsUnstreamed(string fault)
    {
        await using var sim = await SimulatorHarness.StartAsync(Scale);
        var request = new HttpRequestMessage(HttpMethod.Post, NativePath) { Content = JsonContent.Create(NativeBody("Hello")) };
        request.Headers.Add("X-Sim-Fault", fault);
        using var streamed = await sim.Http.SendStreamingAsync(request);
        Assert.Equal(fault == "500" ? HttpStatusCode.InternalServerError : HttpStatusCode.TooManyRequests, streamed.StatusCode);
        Assert.Throws<HttpRequestException>(() => streamed.EnsureSuccessStatusCode());
    }

    [Theory]
    [InlineData("drop", NativePath)]
    [InlineData("malformed", NativePath)]
    [InlineData("drop", CompatiblePath)]
    public async Task StreamBreaks_HttpRequestExceptionWithThePartialText(string fault, string path)
    {
        await using var sim = await SimulatorHarness.StartAsync(Scale);
        var deltas = new List<string>();
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(path == NativePath ? NativeBody("Hello") : CompatibleBody("Hello")) };
        request.Headers.Add("X-Sim-Fault", fault);
        var failure = await Assert.ThrowsAsync<DashScopeStreamInterruptedException>(() => sim.Http.SendStreamingAsync(request, deltas.Add));
        Assert.IsAssignableFrom<HttpRequestException>(failure);
        Assert.NotEmpty(deltas);
        Assert.Equal(string.Concat(deltas), failure.PartialText);
    }

    [Fact]
    public async Task Canceled_PartialTextKept()
    {
        await using var sim = await SimulatorHarness.StartAsync(0.1);
        using var cancel = new CancellationTokenSource();
        var deltas = new List<string>();
        var failure = await Assert.ThrowsAsync<StreamCanceledException>(() => sim.Http.PostAsJsonStreamingAsync(NativePath, NativeBody("Tell me everything"),
            d => { deltas.Add(d); if (deltas.Count == 3) cancel.Cancel(); }, cancel.Token));
        Assert.Equal(string.Concat(deltas), failure.PartialText);
        Assert.Equal(3, deltas.Count);
    }

    [Fact]
    public async Task OtherEndpoints_AndStreamingRequests_SentUnchanged()
    {
        await using var sim = await SimulatorHarness.StartAsync(Scale);
        // An image task: not a chat endpoint.
        var submit = new HttpRequestMessage(HttpMethod.Post, SimulatorHarness.ImagePath) { Content = JsonContent.Create(SimulatorHarness.Image("a lighthouse")) };
        submit.Headers.Add("X-DashScope-Async", "enable");
        using var task = await sim.Http.SendStreamingAsync(submit);
        Assert.NotNull(JsonNode.Parse(await task.Content.ReadAsStringAsync())!["output"]!["task_id"]);

        // Already streamed by its author: the caller reads the event stream itself.
        var body = new { model = "qwen-plus", stream = true, messages = new[] { new { role = "user", content = "Hi" } } };
        using var events = await sim.Http.PostAsJsonStreamingAsync(CompatiblePath, body);
        Assert.StartsWith("data:", (await events.Content.ReadAsStringAsync()).TrimStart());
    }
}
