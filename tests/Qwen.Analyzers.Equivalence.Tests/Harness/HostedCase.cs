using System;
using System.Threading;
using System.Threading.Tasks;
using Qwen.Testing;

namespace Qwen.Analyzers.Equivalence.Tests;

/// <summary>
/// Application code run inside a host the test writes (a web app and its caller, a renderer): the host's source is its
/// usings, a <c>---</c> line, then its code, so the code under test (with its own usings) goes between the two. One
/// entry of the host's <c>Case</c> runs against the simulator under a fault plan for a fresh key; what it returns comes
/// back serialized, as <see cref="Observation.Result"/> does.
/// </summary>
internal static class HostedCase
{
    public static async Task<string?> RunAsync(SimulatorHarness sim, string host, string code, string name, string entry, string? fault)
    {
        var parts = host.Split("---\n");
        var run = CaseCompiler.Load(parts[0] + code + "\n" + parts[1], name, entry);
        var key = "sk-" + Guid.NewGuid().ToString("N");
        sim.Server.State.Faults.Set(key, Array.Empty<string?>(), fault);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return Observation.Of(await run(sim.Server.BaseAddress, key, deadline.Token), 0).Result;
    }
}
