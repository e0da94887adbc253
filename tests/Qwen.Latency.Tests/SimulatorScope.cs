using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Qwen.Simulator;

namespace Qwen.Latency.Tests;

/// <summary>A simulator on loopback plus an authorised HttpClient, for one test.</summary>
internal sealed class SimulatorScope : IAsyncDisposable
{
    private SimulatorScope(SimulatorServer server, HttpClient http)
    {
        Server = server;
        Http = http;
    }

    public SimulatorServer Server { get; }
    public HttpClient Http { get; }

    public static async Task<SimulatorScope> StartAsync(double timeScale, int taskQueriesPerSecond = 20)
    {
        var server = await SimulatorServer.StartAsync(new SimulatorOptions { TimeScale = timeScale, TaskQueriesPerSecond = taskQueriesPerSecond });
        var http = new HttpClient { BaseAddress = server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sk-test");
        return new SimulatorScope(server, http);
    }

    /// <summary>Submits an async image or video task the way a hand-built request does.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string path, JsonObject body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Add("X-DashScope-Async", "enable");
        return await Http.SendAsync(request);
    }

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

    public const string ImagePath = "/api/v1/services/aigc/text2image/image-synthesis";
    public const string VideoPath = "/api/v1/services/aigc/video-generation/video-synthesis";

    public long Stat(string name) => (long)Server.State.Stats.ToJson()[name]!;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
