using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Qwen.Testing;

namespace Qwen.Analyzers.Equivalence.Tests;

/// <summary>Runs a case as written and as bulk-fixed under every row of the fault matrix, and tells what differs.</summary>
internal static class EquivalenceRunner
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    public sealed record Row(FaultScenario Scenario, Observation Before, Observation After)
    {
        public bool Same(IReadOnlyList<string> intended)
            => (intended.Contains("result") || Before.Result == After.Result)
               && Before.Exception == After.Exception
               && (intended.Contains("requests") || Before.Requests == After.Requests);
    }

    public static async Task<(string FixedSource, IReadOnlyList<string> FixedRules, IReadOnlyList<Row> Rows)> RunAsync(EquivalenceCase test, SimulatorHarness sim)
    {
        var (fixedSource, fixedRules) = await BulkFix.ApplyAsync(test.Source);
        var before = CaseCompiler.Load(test.Source, test.Name + "_before");
        var after = CaseCompiler.Load(fixedSource, test.Name + "_after");
        var scenarios = FaultScenario.Matrix.Where(s => test.Cancellable || !s.Cancel).ToList();
        var rows = await Task.WhenAll(scenarios.Select(async scenario =>
        {
            var runs = await Task.WhenAll(RunOnceAsync(before, scenario, sim), RunOnceAsync(after, scenario, sim));
            return new Row(scenario, runs[0], runs[1]);
        }));
        return (fixedSource, fixedRules, rows);
    }

    public static string Describe(IEnumerable<Row> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.AppendLine($"  {row.Scenario.Name}:");
            text.AppendLine($"    before: {Show(row.Before)}");
            text.AppendLine($"    after:  {Show(row.After)}");
        }

        return text.ToString();

        static string Show(Observation o) => o.Exception is null
            ? $"returned {Shorten(o.Result)}, {o.Requests} model requests"
            : $"threw [{o.Exception}] ({o.Detail}), {o.Requests} model requests";

        static string? Shorten(string? s) => s is null || s.Length < 160 ? s : s[..157] + "...";
    }

    private static async Task<Observation> RunOnceAsync(Func<Uri, string, CancellationToken, Task<object?>> run, FaultScenario scenario, SimulatorHarness sim)
    {
        var key = "sk-" + Guid.NewGuid().ToString("N");
        sim.Server.State.Faults.Set(key, scenario.First, scenario.Thereafter);
        var address = scenario.Refused ? ClosedPort() : sim.Server.BaseAddress;
        using var cancel = new CancellationTokenSource();
        var task = Task.Run(() => run(address, key, cancel.Token));
        if (scenario.Cancel)
            _ = CancelOnceAnsweringAsync(sim, key, cancel, task);
        try
        {
            var result = await task.WaitAsync(RunTimeout);
            return Observation.Of(result, sim.Server.State.Faults.Requests(key));
        }
        catch (TimeoutException)
        {
            cancel.Cancel();
            return new Observation(null, "no answer within " + RunTimeout.TotalSeconds + " s", sim.Server.State.Faults.Requests(key));
        }
        catch (Exception exception)
        {
            return Observation.Of(exception, sim.Server.State.Faults.Requests(key)) with { Detail = $"{exception.GetType().Name}: {First(exception.Message)}" };
        }
    }

    /// <summary>Cancels the caller's token once a model request of this run is being answered (and stalls).</summary>
    private static async Task CancelOnceAnsweringAsync(SimulatorHarness sim, string key, CancellationTokenSource cancel, Task run)
    {
        while (sim.Server.State.Faults.Requests(key) == 0 && !run.IsCompleted)
            await Task.Delay(10);
        await Task.Delay(200);
        cancel.Cancel();
    }

    /// <summary>A loopback port nothing listens on: connecting is refused.</summary>
    private static Uri ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }

    private static string First(string message) => message.Split('\n')[0];
}
