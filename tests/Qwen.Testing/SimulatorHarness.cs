using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using OpenAI;
using OpenAI.Chat;
using Qwen.Simulator;

namespace Qwen.Testing;

/// <summary>
/// A Qwen Cloud simulator on a free loopback port, with an authorised <see cref="HttpClient"/> and real clients
/// pointed at it: the one simulator harness of the tests and benchmarks.
/// </summary>
public sealed class SimulatorHarness : IAsyncDisposable
{
    public const string ApiKey = "sk-test";
    public const string ImagePath = "/api/v1/services/aigc/text2image/image-synthesis";
    public const string VideoPath = "/api/v1/services/aigc/video-generation/video-synthesis";

    private SimulatorHarness(SimulatorServer server, HttpClient http)
    {
        Server = server;
        Http = http;
    }

    public SimulatorServer Server { get; }

    /// <summary>A client on the simulator's base address, sending <see cref="ApiKey"/>.</summary>
    public HttpClient Http { get; }

    public static async Task<SimulatorHarness> StartAsync(SimulatorOptions options)
    {
        var server = await SimulatorServer.StartAsync(options);
        var http = new HttpClient { BaseAddress = server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        return new SimulatorHarness(server, http);
    }

    public static Task<SimulatorHarness> StartAsync(double timeScale, int taskQueriesPerSecond = 20)
        => StartAsync(new SimulatorOptions { TimeScale = timeScale, TaskQueriesPerSecond = taskQueriesPerSecond });

    /// <summary>The real OpenAI SDK on the simulator's compatible endpoint, retries off so injected faults surface.</summary>
    public ChatClient Chat(string model = "qwen-plus", string key = ApiKey, PipelinePolicy? policy = null)
    {
        var options = new OpenAIClientOptions { Endpoint = Server.CompatibleEndpoint, RetryPolicy = new ClientRetryPolicy(0) };
        if (policy is not null)
            options.AddPolicy(policy, PipelinePosition.PerCall);
        return new ChatClient(model, new ApiKeyCredential(key), options);
    }

    /// <summary>Posts <paramref name="body"/> with extra headers, reading the response headers first (streams stay open).</summary>
    public Task<HttpResponseMessage> PostAsync(string path, JsonNode body, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
            request.Headers.TryAddWithoutValidation(name, value);
        return Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    /// <summary>Submits an async image or video task the way a hand-built request does.</summary>
    public Task<HttpResponseMessage> SubmitAsync(string path, JsonObject body) => PostAsync(path, body, ("X-DashScope-Async", "enable"));

    public static JsonObject Image(string prompt, bool? promptExtend = false)
    {
        var parameters = new JsonObject { ["size"] = "1024*1024", ["n"] = 1 };
        if (promptExtend is { } extend)
            parameters["prompt_extend"] = extend;
        return new JsonObject { ["model"] = "wan2.2-t2i-flash", ["input"] = new JsonObject { ["prompt"] = prompt }, ["parameters"] = parameters };
    }

    public static JsonObject Video(string prompt, int duration, string resolution) => new()
    {
        ["model"] = "wan2.6-t2v",
        ["input"] = new JsonObject { ["prompt"] = prompt },
        ["parameters"] = new JsonObject { ["duration"] = duration, ["resolution"] = resolution, ["prompt_extend"] = false },
    };

    /// <summary>One of the simulator's counters.</summary>
    public long Stat(string name) => (long)Server.State.Stats.ToJson()[name]!;

    /// <summary>The simulator's counters as the <c>/_sim/stats</c> endpoint reports them.</summary>
    public async Task<JsonObject> StatsAsync() => (JsonObject)JsonNode.Parse(await Http.GetStringAsync("/_sim/stats"))!;

    /// <summary>A system prompt of about <paramref name="tokens"/> tokens (four characters each).</summary>
    public static string LongText(int tokens, string seed = "manual")
    {
        var builder = new StringBuilder();
        var i = 0;
        while (builder.Length < tokens * 4)
            builder.Append(seed).Append(" section ").Append(i++).Append(". ");
        return builder.ToString(0, tokens * 4);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
