using System;
using System.ClientModel;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using OpenAI.Chat;
using Qwen.Testing;

namespace Qwen.Simulator.Tests;

/// <summary>Starts a simulator per test class (the shared <see cref="SimulatorHarness"/>) and hands out real clients pointed at it.</summary>
public class SimulatorFixture : IAsyncLifetime
{
    /// <summary>Fast enough for tests, slow enough that a request stays in flight for a few milliseconds.</summary>
    public const double TimeScale = 0.002;

    /// <summary>This fixture's scale: subclasses slow it down where simulated lifetimes (the 5-minute cache) must outlast a loaded CI machine.</summary>
    protected virtual double Scale => TimeScale;

    public SimulatorHarness Harness { get; private set; } = null!;
    public SimulatorServer Server => Harness.Server;
    public HttpClient Http => Harness.Http;

    public async Task InitializeAsync() => Harness = await SimulatorHarness.StartAsync(new SimulatorOptions { TimeScale = Scale });

    public async Task DisposeAsync() => await Harness.DisposeAsync();

    /// <summary>The real OpenAI SDK, retries off so injected faults surface.</summary>
    public ChatClient Chat(string model = "qwen-plus", string key = SimulatorHarness.ApiKey) => Harness.Chat(model, key);

    public Task<HttpResponseMessage> PostAsync(string path, JsonNode body, params (string Name, string Value)[] headers) => Harness.PostAsync(path, body, headers);

    public Task<JsonObject> StatsAsync() => Harness.StatsAsync();

    /// <summary>A system prompt of about <paramref name="tokens"/> tokens (four characters each).</summary>
    public static string LongText(int tokens, string seed = "manual") => SimulatorHarness.LongText(tokens, seed);

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
