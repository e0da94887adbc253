using System.Net.Http.Json;
using Qwen.Simulator;
using Qwen.Testing;

namespace Qwen.Benchmarks;

/// <summary>
/// What the fixes buy: the support-desk sample's workload against the simulator, as written and after
/// <c>dotnet format analyzers</c> has applied every fix to a copy. Both copies run at once, each with its own API key
/// (so their context caches stay apart); every pattern runs once to warm up (JIT, connections, the context cache, as
/// in a service that has been up a while), then <c>--runs</c> times measured. Times are simulated seconds: wall-clock
/// time divided by the time scale (1 by default, so simulated seconds are real seconds).
/// </summary>
internal static class LatencyBenchmark
{
    private static readonly string[] Questions =
    [
        "My parcel says delivered but I have nothing. Order 1042, postcode 1011 AB.",
        "Can I return a coffee machine I used once? It makes a strange noise.",
        "I was charged twice for order 2291, what happens now?",
        "The TV I ordered arrived with a cracked screen, what are my options?",
    ];

    private static readonly Pattern[] Patterns =
    [
        new("Answer a customer", "QW0001 QW0002 QW0004", PersonWaits: true,
            (app, _, run) => PostAsync(app, $"/tickets/{100 + run}/answer", Questions[run % Questions.Length])),
        new("Summarize a ticket", "QW0001 QW0002", PersonWaits: true, (app, _, run) => GetAsync(app, $"/tickets/{200 + run}/summary")),
        new("Ticket digest (two calls)", "QW0002 QW0003", PersonWaits: true, (app, _, run) => GetAsync(app, $"/tickets/{300 + run}/digest")),
        new("Escalation note", "QW0002 QW0008", PersonWaits: true, (app, _, run) => GetAsync(app, $"/tickets/{400 + run}/escalation")),
        new("Triage (Semantic Kernel)", "QW0001 QW0002", PersonWaits: true,
            (app, _, run) => PostAsync(app, "/tickets/triage", Questions[run % Questions.Length])),
        new("Draft reply (native API)", "QW0001 (QW0002¹)", PersonWaits: true,
            (app, _, run) => PostAsync(app, "/tickets/draft", Questions[run % Questions.Length])),
        new("Streamed draft (native SSE)", "QW0007", PersonWaits: true,
            (app, _, run) => PostAsync(app, "/tickets/draft/stream", Questions[run % Questions.Length])),
        new("Help-center illustration", "QW0005 QW0009", PersonWaits: false,
            (app, _, run) => PostAsync(app, "/kb/illustration", $"How to find the serial number, variant {run}")),
        // The batch job is a process of its own: its time is the span of its model calls, not the process's start-up.
        new("Nightly triage batch (12 tickets)", "QW0006", PersonWaits: false, (app, simulator, _) => app.RunNightlyAsync(simulator), TimeFromCalls: true),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = Tools.Option(args, "--runs", 2);
        var timeScale = Tools.Option(args, "--time-scale", 1.0);
        var root = Tools.Metadata("RepositoryRoot");
        var work = Path.Combine(Path.GetTempPath(), "qwen-latency");
        if (Directory.Exists(work))
            Directory.Delete(work, recursive: true);

        await Tools.Dotnet(root, "build", "src/Qwen.Analyzers.CodeFixes", "-c", "Release", "-nologo", "-v:q");
        var analyzers = Path.Combine(root, "src", "Qwen.Analyzers.CodeFixes", "bin", "Release", "netstandard2.0");
        await using var before = SampleApp.Copy(root, work, "before", analyzers);
        await using var after = SampleApp.Copy(root, work, "after", analyzers);

        var passes = await after.FixAsync();
        Console.WriteLine($"dotnet format analyzers: {passes} pass(es); the fixed sample is {Path.Combine(after.ProjectDirectory, "Program.cs")}");
        var findingsBefore = await before.BuildAsync();
        var findingsAfter = await after.BuildAsync();
        Console.WriteLine($"findings as written: {Describe(findingsBefore)}");
        Console.WriteLine($"findings after the fixes: {Describe(findingsAfter)}");

        await using var harness = await SimulatorHarness.StartAsync(new SimulatorOptions { TimeScale = timeScale });
        var simulator = harness.Server;
        Console.WriteLine(FormattableString.Invariant($"workload: {Patterns.Length} patterns, 1 warm-up + {runs} measured runs each, both copies at once; time scale {timeScale}"));
        var results = await Task.WhenAll(RunWorkloadAsync(before, simulator, runs), RunWorkloadAsync(after, simulator, runs));

        Console.WriteLine();
        Print(results[0], results[1]);
        var endToEnd = results[0].Sum(r => r.EndToEndMs) / results[1].Sum(r => r.EndToEndMs);
        var waited = Patterns.Select((p, i) => (p, i)).Where(x => x.p.PersonWaits && results[0][x.i].TtftMs is not null && results[1][x.i].TtftMs is not null).Select(x => x.i).ToList();
        var ttft = waited.Sum(i => results[0][i].TtftMs!.Value) / waited.Sum(i => results[1][i].TtftMs!.Value);
        Console.WriteLine(FormattableString.Invariant($"end-to-end speedup: {endToEnd:F2}x, time-to-first-token speedup: {ttft:F2}x"));
        return 0;
    }

    private static async Task<Measurement[]> RunWorkloadAsync(SampleApp app, SimulatorServer simulator, int runs)
    {
        await app.StartAsync(simulator.BaseAddress);
        var results = new Measurement[Patterns.Length];
        for (var p = 0; p < Patterns.Length; p++)
        {
            await MeasureAsync(Patterns[p], app, simulator, run: 0);   // warm-up
            var measured = new List<Measurement>();
            for (var run = 1; run <= runs; run++)
                measured.Add(await MeasureAsync(Patterns[p], app, simulator, run));
            results[p] = Measurement.Mean(measured);
        }

        return results;
    }

    private static async Task<Measurement> MeasureAsync(Pattern pattern, SampleApp app, SimulatorServer simulator, int run)
    {
        var clock = simulator.State.Clock;
        var queries = simulator.State.Calls.TaskQueries(app.ApiKey);
        var start = clock.NowMs;
        await pattern.RunAsync(app, simulator.BaseAddress, run);
        var end = clock.NowMs;
        await simulator.State.Calls.WaitIdleAsync(app.ApiKey, TimeSpan.FromSeconds(30));   // every call logged
        queries = simulator.State.Calls.TaskQueries(app.ApiKey) - queries;
        var calls = simulator.State.Calls.Snapshot().Where(c => c.ApiKey == app.ApiKey && c.StartMs >= start && c.StartMs <= end).ToList();
        var endToEnd = pattern.TimeFromCalls && calls.Count > 0 ? calls.Max(c => c.EndMs) - calls.Min(c => c.StartMs) : end - start;
        double? ttft = pattern.PersonWaits && calls.Count > 0 ? calls.Min(c => c.FirstTokenMs) - start : null;
        return new Measurement(endToEnd, ttft, calls.Sum(c => c.PromptTokens), calls.Sum(c => c.CachedTokens), calls.Sum(c => c.CompletionTokens), calls.Sum(c => c.StreamBytes), queries);
    }

    private static void Print(Measurement[] before, Measurement[] after)
    {
        Console.WriteLine("Simulated seconds, mean per run; before → after (speedup).");
        Console.WriteLine();
        Console.WriteLine("| Pattern | Rules | End to end (s) | Time to first token (s) | Output tokens | Input tokens (cached) | Streamed KB |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        for (var i = 0; i < Patterns.Length; i++)
        {
            var (b, a) = (before[i], after[i]);
            var tokens = b.CompletionTokens + a.CompletionTokens + b.PromptTokens + a.PromptTokens > 0;
            Console.WriteLine(($"| {Patterns[i].Name} | {Patterns[i].Rules} | {Seconds(b.EndToEndMs, a.EndToEndMs)} | " +
                $"{(b.TtftMs is { } bt && a.TtftMs is { } at ? Seconds(bt, at) : "—")} | " +
                $"{(tokens ? $"{b.CompletionTokens:F0} → {a.CompletionTokens:F0}" : "—")} | " +
                $"{(tokens ? $"{b.PromptTokens:F0} ({b.CachedTokens:F0}) → {a.PromptTokens:F0} ({a.CachedTokens:F0})" : "—")} | " +
                $"{(b.StreamBytes + a.StreamBytes > 0 ? $"{b.StreamBytes / 1024:F1} → {a.StreamBytes / 1024:F1}" : "—")} |"));
        }

        var waited = Enumerable.Range(0, Patterns.Length).Where(i => Patterns[i].PersonWaits && before[i].TtftMs is not null && after[i].TtftMs is not null).ToList();
        Console.WriteLine(($"| **Whole workload** | | {Seconds(before.Sum(m => m.EndToEndMs), after.Sum(m => m.EndToEndMs))} | " +
            $"{Seconds(waited.Sum(i => before[i].TtftMs!.Value), waited.Sum(i => after[i].TtftMs!.Value))} | " +
            $"{before.Sum(m => m.CompletionTokens):F0} → {after.Sum(m => m.CompletionTokens):F0} | " +
            $"{before.Sum(m => m.PromptTokens):F0} ({before.Sum(m => m.CachedTokens):F0}) → {after.Sum(m => m.PromptTokens):F0} ({after.Sum(m => m.CachedTokens):F0}) | " +
            $"{before.Sum(m => m.StreamBytes) / 1024:F1} → {after.Sum(m => m.StreamBytes) / 1024:F1} |"));
        Console.WriteLine();
        foreach (var i in Enumerable.Range(0, Patterns.Length).Where(i => before[i].TaskQueries + after[i].TaskQueries > 0))
            Console.WriteLine($"{Patterns[i].Name}: {before[i].TaskQueries:F1} → {after[i].TaskQueries:F1} task queries per run.");
        Console.WriteLine("¹ a QW0002 suggestion (Info: the request is built in a helper the handler calls) without a fix: streaming a hand-built request means parsing SSE by hand.");
        Console.WriteLine("Time to first token: when the first answer token reaches the application (for a call that is not streamed, the whole reply).");
        Console.WriteLine("Whole workload: the sum over patterns (time to first token over the patterns a person waits on).");
    }

    private static string Seconds(double beforeMs, double afterMs)
        => ($"{beforeMs / 1000:F2} → {afterMs / 1000:F2} ({beforeMs / afterMs:F2}×)");

    private static string Describe(IReadOnlyDictionary<string, int> findings)
        => findings.Count == 0 ? "none" : string.Join(", ", findings.Select(f => $"{f.Key} ×{f.Value}"));

    private static async Task PostAsync(SampleApp app, string path, string question)
    {
        using var response = await app.Http.PostAsJsonAsync(path, new { text = question });
        await EnsureAsync(app, path, response);
    }

    private static async Task GetAsync(SampleApp app, string path)
    {
        using var response = await app.Http.GetAsync(path);
        await EnsureAsync(app, path, response);
    }

    private static async Task EnsureAsync(SampleApp app, string path, HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{app.Name}: {path} answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 500)]}");
    }

    private sealed record Pattern(string Name, string Rules, bool PersonWaits, Func<SampleApp, Uri, int, Task> RunAsync, bool TimeFromCalls = false);

    private sealed record Measurement(double EndToEndMs, double? TtftMs, double PromptTokens, double CachedTokens, double CompletionTokens, double StreamBytes, double TaskQueries)
    {
        public static Measurement Mean(IReadOnlyList<Measurement> runs) => new(
            runs.Average(r => r.EndToEndMs),
            runs.All(r => r.TtftMs is not null) ? runs.Average(r => r.TtftMs!.Value) : null,
            runs.Average(r => r.PromptTokens), runs.Average(r => r.CachedTokens), runs.Average(r => r.CompletionTokens), runs.Average(r => r.StreamBytes), runs.Average(r => r.TaskQueries));
    }
}
