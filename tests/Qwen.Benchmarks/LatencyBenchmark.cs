using System.Net.Http.Json;
using Qwen.Simulator;
using Qwen.Testing;

namespace Qwen.Benchmarks;

/// <summary>
/// What the fixes buy: the support-desk sample's workload against the simulator, as written and after
/// <c>dotnet format analyzers</c> has applied every fix to a copy — twice: with <c>qwen_analyzers.streaming_fix = forward</c>
/// (the "after" of the headline: endpoints that can stream on to their caller do) and with the default <c>collect</c>.
/// The three copies run at once, each with its own API key (so their context caches stay apart); every pattern runs
/// once to warm up (JIT, connections, the context cache, as in a service that has been up a while), then
/// <c>--runs</c> times measured. The customer reads each response as a browser's fetch reader does
/// (<c>ResponseHeadersRead</c>, the body as it comes) and notes when the first byte of the body reaches it: the time
/// to first token at the person. Times are simulated seconds: wall-clock time divided by the time scale (1 by default,
/// so simulated seconds are real seconds).
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
        new("Answer a customer", "QW0001 QW0002 QW0004 QW0010", PersonWaits: true,
            (app, _, run) => PostAsync(app, $"/tickets/{100 + run}/answer", Questions[run % Questions.Length])),
        new("Summarize a ticket", "QW0001 QW0002 QW0010", PersonWaits: true, (app, _, run) => GetAsync(app, $"/tickets/{200 + run}/summary")),
        new("Ticket digest (two calls)", "QW0002 QW0003 QW0010", PersonWaits: true, (app, _, run) => GetAsync(app, $"/tickets/{300 + run}/digest")),
        new("Escalation note", "QW0002 QW0008 QW0010", PersonWaits: true, (app, _, run) => GetAsync(app, $"/tickets/{400 + run}/escalation")),
        new("Triage (Semantic Kernel)", "QW0001 QW0002 QW0010", PersonWaits: true,
            (app, _, run) => PostAsync(app, "/tickets/triage", Questions[run % Questions.Length])),
        new("Draft reply (native API)", "QW0001 QW0002", PersonWaits: true,
            (app, _, run) => PostAsync(app, "/tickets/draft", Questions[run % Questions.Length])),
        new("Streamed draft (native SSE)", "QW0007", PersonWaits: true,
            (app, _, run) => PostAsync(app, "/tickets/draft/stream", Questions[run % Questions.Length])),
        new("Help-center illustration", "QW0005 QW0009", PersonWaits: false,
            (app, _, run) => PostAsync(app, "/kb/illustration", $"How to find the serial number, variant {run}")),
        // The batch job is a process of its own: its time is the span of its model calls, not the process's start-up.
        new("Nightly triage batch (12 tickets)", "QW0006", PersonWaits: false, async (app, simulator, _) => { await app.RunNightlyAsync(simulator); return null; }, TimeFromCalls: true),
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
        await using var after = SampleApp.Copy(root, work, "after", analyzers, "qwen_analyzers.streaming_fix = forward\n");
        await using var collected = SampleApp.Copy(root, work, "collect", analyzers);

        var passes = await after.FixAsync();
        Console.WriteLine($"dotnet format analyzers (streaming_fix = forward): {passes} pass(es); the fixed sample is {Path.Combine(after.ProjectDirectory, "Program.cs")}");
        passes = await collected.FixAsync();
        Console.WriteLine($"dotnet format analyzers (streaming_fix = collect): {passes} pass(es); the fixed sample is {Path.Combine(collected.ProjectDirectory, "Program.cs")}");
        var findingsBefore = await before.BuildAsync();
        var findingsAfter = await after.BuildAsync();
        var findingsCollected = await collected.BuildAsync();
        Console.WriteLine($"findings as written: {Describe(findingsBefore)}");
        Console.WriteLine($"findings after the fixes (forward): {Describe(findingsAfter)}");
        Console.WriteLine($"findings after the fixes (collect): {Describe(findingsCollected)}");

        await using var harness = await SimulatorHarness.StartAsync(new SimulatorOptions { TimeScale = timeScale });
        var simulator = harness.Server;
        Console.WriteLine(FormattableString.Invariant($"workload: {Patterns.Length} patterns, 1 warm-up + {runs} measured runs each, the three copies at once; time scale {timeScale}"));
        var results = await Task.WhenAll(RunWorkloadAsync(before, simulator, runs), RunWorkloadAsync(after, simulator, runs), RunWorkloadAsync(collected, simulator, runs));

        Console.WriteLine();
        Print(results[0], results[1], results[2]);
        var (endToEnd, ttft, person) = Speedups(results[0], results[1], _ => true);
        var (plainEndToEnd, plainTtft, plainPerson) = Speedups(results[0], results[1], p => !p.Thinks);
        var (thinkingEndToEnd, thinkingTtft, thinkingPerson) = Speedups(results[0], results[1], p => p.Thinks);
        var (collectEndToEnd, collectTtft, collectPerson) = Speedups(results[0], results[2], _ => true);
        Console.WriteLine(FormattableString.Invariant($"thinking rows only ({Patterns.Count(p => p.Thinks)}): end to end {thinkingEndToEnd:F2}x, first token in the application {thinkingTtft:F2}x, at the person {thinkingPerson:F2}x"));
        Console.WriteLine(FormattableString.Invariant($"without the thinking rows ({Patterns.Count(p => !p.Thinks)}): end to end {plainEndToEnd:F2}x, first token in the application {plainTtft:F2}x, at the person {plainPerson:F2}x"));
        Console.WriteLine(FormattableString.Invariant($"fixed with streaming_fix = collect: end-to-end speedup: {collectEndToEnd:F2}x, time-to-first-token speedup in the application: {collectTtft:F2}x, at the person: {collectPerson:F2}x"));
        Console.WriteLine(FormattableString.Invariant($"fixed with streaming_fix = forward: time-to-first-token speedup in the application: {ttft:F2}x"));
        Console.WriteLine(FormattableString.Invariant($"end-to-end speedup: {endToEnd:F2}x, time-to-first-token speedup at the person: {person:F2}x"));
        return 0;
    }

    /// <summary>
    /// Ratios of sums over the selected rows: end to end over all of them; time to first token, in the application and
    /// at the person, over those a person waits on.
    /// </summary>
    private static (double EndToEnd, double Ttft, double AtPerson) Speedups(Measurement[] before, Measurement[] after, Func<Pattern, bool> selected)
    {
        var rows = Enumerable.Range(0, Patterns.Length).Where(i => selected(Patterns[i])).ToList();
        var waited = rows.Where(i => Patterns[i].PersonWaits && before[i].TtftMs is not null && after[i].TtftMs is not null).ToList();
        var reached = rows.Where(i => Patterns[i].PersonWaits && before[i].PersonMs is not null && after[i].PersonMs is not null).ToList();
        return (rows.Sum(i => before[i].EndToEndMs) / rows.Sum(i => after[i].EndToEndMs),
            waited.Count == 0 ? double.NaN : waited.Sum(i => before[i].TtftMs!.Value) / waited.Sum(i => after[i].TtftMs!.Value),
            reached.Count == 0 ? double.NaN : reached.Sum(i => before[i].PersonMs!.Value) / reached.Sum(i => after[i].PersonMs!.Value));
    }

    private static async Task<Measurement[]> RunWorkloadAsync(SampleApp app, SimulatorServer simulator, int runs)
    {
        app.Clock = simulator.State.Clock;
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
        var firstByte = await pattern.RunAsync(app, simulator.BaseAddress, run);
        var end = clock.NowMs;
        await simulator.State.Calls.WaitIdleAsync(app.ApiKey, TimeSpan.FromSeconds(30));   // every call logged
        queries = simulator.State.Calls.TaskQueries(app.ApiKey) - queries;
        var calls = simulator.State.Calls.Snapshot().Where(c => c.ApiKey == app.ApiKey && c.StartMs >= start && c.StartMs <= end).ToList();
        var endToEnd = pattern.TimeFromCalls && calls.Count > 0 ? calls.Max(c => c.EndMs) - calls.Min(c => c.StartMs) : end - start;
        double? ttft = pattern.PersonWaits && calls.Count > 0 ? calls.Min(c => c.FirstTokenMs) - start : null;
        double? atPerson = pattern.PersonWaits && firstByte is { } first ? first - start : null;
        return new Measurement(endToEnd, ttft, atPerson, calls.Sum(c => c.PromptTokens), calls.Sum(c => c.CachedTokens), calls.Sum(c => c.CompletionTokens), calls.Sum(c => c.StreamBytes), queries, calls.Sum(c => c.ReasoningTokens));
    }

    private static void Print(Measurement[] before, Measurement[] after, Measurement[] collected)
    {
        Console.WriteLine("Simulated seconds, mean per run; as written → fixed with streaming_fix = forward (speedup); [the same with streaming_fix = collect].");
        Console.WriteLine();
        Console.WriteLine("| Pattern | Rules | End to end (s) | First token in the application (s) | First token at the person (s) | Output tokens (reasoning) | Input tokens (cached) | Streamed KB |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        for (var i = 0; i < Patterns.Length; i++)
        {
            var (b, a, c) = (before[i], after[i], collected[i]);
            var tokens = b.CompletionTokens + a.CompletionTokens + b.PromptTokens + a.PromptTokens > 0;
            Console.WriteLine(($"| {Patterns[i].Name} | {Patterns[i].Rules} | {Seconds(b.EndToEndMs, a.EndToEndMs, c.EndToEndMs)} | " +
                $"{Seconds(b.TtftMs, a.TtftMs, c.TtftMs)} | {Seconds(b.PersonMs, a.PersonMs, c.PersonMs)} | " +
                $"{(tokens ? $"{b.CompletionTokens:F0} ({b.ReasoningTokens:F0}) → {a.CompletionTokens:F0} ({a.ReasoningTokens:F0})" : "—")} | " +
                $"{(tokens ? $"{b.PromptTokens:F0} ({b.CachedTokens:F0}) → {a.PromptTokens:F0} ({a.CachedTokens:F0})" : "—")} | " +
                $"{(b.StreamBytes + a.StreamBytes > 0 ? $"{b.StreamBytes / 1024:F1} → {a.StreamBytes / 1024:F1}" : "—")} |"));
        }

        WholeRow("**Whole workload**", before, after, collected, _ => true);
        WholeRow("Thinking rows (QW0010)", before, after, collected, p => p.Thinks);
        WholeRow("Without the thinking rows", before, after, collected, p => !p.Thinks);
        Console.WriteLine();
        foreach (var i in Enumerable.Range(0, Patterns.Length).Where(i => before[i].TaskQueries + after[i].TaskQueries > 0))
            Console.WriteLine($"{Patterns[i].Name}: {before[i].TaskQueries:F1} → {after[i].TaskQueries:F1} task queries per run.");
        Console.WriteLine("First token in the application: when the first answer token (after any reasoning) reaches the application (for a call that is not streamed, the whole reply).");
        Console.WriteLine("First token at the person: when the first byte of the endpoint's response body reaches the customer, who reads it as it comes (ResponseHeadersRead).");
        Console.WriteLine("Whole workload: the sum over patterns (first token over the patterns a person waits on). Thinking rows: the patterns whose model thinks by default (QW0010).");
    }

    /// <summary>A sum row over the selected patterns (first token over those a person waits on).</summary>
    private static void WholeRow(string name, Measurement[] before, Measurement[] after, Measurement[] collected, Func<Pattern, bool> selected)
    {
        var rows = Enumerable.Range(0, Patterns.Length).Where(i => selected(Patterns[i])).ToList();
        var waited = rows.Where(i => Patterns[i].PersonWaits && before[i].TtftMs is not null && after[i].TtftMs is not null && collected[i].TtftMs is not null).ToList();
        var reached = rows.Where(i => Patterns[i].PersonWaits && before[i].PersonMs is not null && after[i].PersonMs is not null && collected[i].PersonMs is not null).ToList();
        double Sum(Measurement[] m, Func<Measurement, double> value) => rows.Sum(i => value(m[i]));
        double? Waited(Measurement[] m, IReadOnlyList<int> over, Func<Measurement, double?> value) => over.Count == 0 ? null : over.Sum(i => value(m[i])!.Value);
        Console.WriteLine(($"| {name} | | {Seconds(Sum(before, m => m.EndToEndMs), Sum(after, m => m.EndToEndMs), Sum(collected, m => m.EndToEndMs))} | " +
            $"{Seconds(Waited(before, waited, m => m.TtftMs), Waited(after, waited, m => m.TtftMs), Waited(collected, waited, m => m.TtftMs))} | " +
            $"{Seconds(Waited(before, reached, m => m.PersonMs), Waited(after, reached, m => m.PersonMs), Waited(collected, reached, m => m.PersonMs))} | " +
            $"{Sum(before, m => m.CompletionTokens):F0} ({Sum(before, m => m.ReasoningTokens):F0}) → {Sum(after, m => m.CompletionTokens):F0} ({Sum(after, m => m.ReasoningTokens):F0}) | " +
            $"{Sum(before, m => m.PromptTokens):F0} ({Sum(before, m => m.CachedTokens):F0}) → {Sum(after, m => m.PromptTokens):F0} ({Sum(after, m => m.CachedTokens):F0}) | " +
            $"{Sum(before, m => m.StreamBytes) / 1024:F1} → {Sum(after, m => m.StreamBytes) / 1024:F1} |"));
    }

    private static string Seconds(double? beforeMs, double? afterMs, double? collectedMs)
        => beforeMs is { } b && afterMs is { } a && collectedMs is { } c
            ? FormattableString.Invariant($"{b / 1000:F2} → {a / 1000:F2} ({b / a:F2}×) [{c / 1000:F2}]")
            : "—";

    private static string Describe(IReadOnlyDictionary<string, int> findings)
        => findings.Count == 0 ? "none" : string.Join(", ", findings.Select(f => $"{f.Key} ×{f.Value}"));

    private static Task<double?> PostAsync(SampleApp app, string path, string question)
        => ReadAsync(app, path, new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(new { text = question }) });

    private static Task<double?> GetAsync(SampleApp app, string path) => ReadAsync(app, path, new HttpRequestMessage(HttpMethod.Get, path));

    /// <summary>
    /// The customer, as a browser's fetch reader: the response as soon as its headers are in, then the body as it comes.
    /// Returns when the first byte of the body arrived (simulated ms); the body is read to its end before returning.
    /// </summary>
    private static async Task<double?> ReadAsync(SampleApp app, string path, HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await app.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            await using var body = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[8192];
            double? firstByte = null;
            var text = new MemoryStream();
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0)
            {
                firstByte ??= app.Clock.NowMs;
                text.Write(buffer, 0, read);
            }

            if (!response.IsSuccessStatusCode)
            {
                var message = System.Text.Encoding.UTF8.GetString(text.ToArray());
                throw new InvalidOperationException($"{app.Name}: {path} answered {(int)response.StatusCode}: {message[..Math.Min(message.Length, 500)]}");
            }

            return firstByte;
        }
    }

    private sealed record Pattern(string Name, string Rules, bool PersonWaits, Func<SampleApp, Uri, int, Task<double?>> RunAsync, bool TimeFromCalls = false)
    {
        /// <summary>A thinking row: its model thinks by default, and QW0010's fix turns that off.</summary>
        public bool Thinks => Rules.Contains("QW0010", StringComparison.Ordinal);
    }

    /// <param name="PersonMs">When the first byte of the response body reached the customer, from the request's start.</param>
    private sealed record Measurement(double EndToEndMs, double? TtftMs, double? PersonMs, double PromptTokens, double CachedTokens, double CompletionTokens, double StreamBytes, double TaskQueries, double ReasoningTokens)
    {
        public static Measurement Mean(IReadOnlyList<Measurement> runs) => new(
            runs.Average(r => r.EndToEndMs),
            runs.All(r => r.TtftMs is not null) ? runs.Average(r => r.TtftMs!.Value) : null,
            runs.All(r => r.PersonMs is not null) ? runs.Average(r => r.PersonMs!.Value) : null,
            runs.Average(r => r.PromptTokens), runs.Average(r => r.CachedTokens), runs.Average(r => r.CompletionTokens), runs.Average(r => r.StreamBytes), runs.Average(r => r.TaskQueries),
            runs.Average(r => r.ReasoningTokens));
    }
}
