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

namespace Qwen.Simulator.Tests;

/// <summary>Starts a simulator per test class (on a free loopback port) and hands out real clients pointed at it.</summary>
public class SimulatorFixture : IAsyncLifetime
{
    /// <summary>Fast enough for tests, slow enough that a request stays in flight for a few milliseconds.</summary>
    public const double TimeScale = 0.002;

    /// <summary>This fixture's scale: subclasses slow it down where simulated lifetimes (the 5-minute cache) must outlast a loaded CI machine.</summary>
    protected virtual double Scale => TimeScale;

    public SimulatorServer Server { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await SimulatorServer.StartAsync(new SimulatorOptions { TimeScale = Scale });
        Http = new HttpClient { BaseAddress = Server.BaseAddress };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sk-test");
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }

    /// <summary>The real OpenAI SDK, retries off so injected faults surface.</summary>
    public ChatClient Chat(string model = "qwen-plus", string key = "sk-test")
        => new(model, new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = Server.CompatibleEndpoint, RetryPolicy = new ClientRetryPolicy(0) });

    public Task<HttpResponseMessage> PostAsync(string path, JsonNode body, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
            request.Headers.TryAddWithoutValidation(name, value);
        return Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

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

    public static double Header(HttpResponseMessage response, string name)
        => double.Parse(string.Join("", response.Headers.GetValues(name)), System.Globalization.CultureInfo.InvariantCulture);

    public static double Header(ClientResult result, string name)
        => result.GetRawResponse().Headers.TryGetValue(name, out var value)
            ? double.Parse(value!, System.Globalization.CultureInfo.InvariantCulture)
            : throw new InvalidOperationException("missing header " + name);
}

/// <summary>Scale 0.05: the 5-minute cache lifetime lasts 15 s of real time.</summary>
public sealed class CacheSimulatorFixture : SimulatorFixture
{
    protected override double Scale => 0.05;
}
