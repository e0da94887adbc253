using System.Globalization;
using System.Text.RegularExpressions;

namespace Qwen.Benchmarks;

/// <summary>
/// What the analyzers cost a build: a generated project of ≥ 100k lines with thousands of Qwen calls, and one with no
/// LLM client, each built several times (interleaved) without analyzers, with Qwen.Analyzers, and with
/// Microsoft.VisualStudio.Threading.Analyzers for comparison. Reports median CPU and wall-clock build times, per-analyzer times from
/// <c>-p:ReportAnalyzer=true</c>, the share of the compiler's sampled CPU spent in each analyzer package (one traced build
/// each, <see cref="SampledCpu"/>), and, as its last line, the overhead of Qwen.Analyzers on each project: the time the
/// compiler attributes to it as a share of the baseline build's CPU time.
/// </summary>
internal static class AnalyzerOverhead
{
    private static readonly Regex AnalyzerLine = new(@"^\s+(?<seconds>\d+\.\d+)\s+(?<percent>\d+)\s+(?<name>\S.*)$", RegexOptions.Multiline);

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = Tools.Option(args, "--runs", 3);
        var minimumLines = Tools.Option(args, "--lines", 100_000);
        var root = Tools.Metadata("RepositoryRoot");
        var work = Path.Combine(Path.GetTempPath(), "qwen-analyzer-overhead");
        if (Directory.Exists(work))
            Directory.Delete(work, recursive: true);

        await Tools.Dotnet(root, "build", "src/Qwen.Analyzers", "-c", "Release", "-nologo", "-v:q");
        var qwen = Path.Combine(root, "src", "Qwen.Analyzers", "bin", "Release", "netstandard2.0", "Qwen.Analyzers.dll");
        var threadingRoot = Path.Combine(Tools.Metadata("NuGetPackageRoot"), "microsoft.visualstudio.threading.analyzers", "18.12.1", "analyzers", "cs");
        var threading = Directory.Exists(threadingRoot) ? Directory.GetFiles(threadingRoot, "*.dll") : Array.Empty<string>();

        var results = new List<(string Project, string Config, double Seconds, IReadOnlyDictionary<string, double> Analyzers)>();
        var calls = 0;
        var sampled = new Dictionary<string, (int Ours, int Compiler)>();
        foreach (var withClients in new[] { true, false })
        {
            var name = withClients ? "with clients" : "without clients";
            var directory = Path.Combine(work, withClients ? "clients" : "plain");
            var (files, lines) = GeneratedProject.Write(directory, minimumLines, withClients, qwen, threading);
            if (withClients)
                calls = files * GeneratedProject.MethodsPerFile * 2;
            Console.WriteLine($"{name}: {files} files, {lines:N0} lines, {(withClients ? files * GeneratedProject.MethodsPerFile * 2 : 0):N0} Qwen calls");
            await Tools.Dotnet(directory, "restore", "-nologo", "-v:q");
            await Tools.Dotnet(directory, "build", "--no-restore", "-nologo", "-v:q");   // warm-up

            var configs = withClients
                ? new[] { ("baseline", false, false), ("Qwen.Analyzers", true, false), ("VS Threading analyzers", false, true) }
                : new[] { ("baseline", false, false), ("Qwen.Analyzers", true, false) };
            // Runs are interleaved (baseline, Qwen, Threading, baseline, …) so a slow spell of the machine hits every
            // configuration alike. Each run's figure is the CPU time (user + system) of the whole build: on a shared
            // machine it varies far less than wall-clock time, and it is what analyzers cost whether or not they run in
            // parallel with the rest of the compiler. No build server and no node reuse, so every process is a child
            // the timing sees.
            var cpu = configs.ToDictionary(c => c.Item1, _ => new List<double>());
            var wall = configs.ToDictionary(c => c.Item1, _ => new List<double>());
            var analyzers = configs.ToDictionary(c => c.Item1, _ => new List<IReadOnlyDictionary<string, double>>());
            for (var run = 0; run < runs; run++)
            {
                foreach (var (config, withQwen, withThreading) in configs)
                {
                    var (output, real, processor) = await Tools.TimedDotnet(directory, "build", "--no-restore", "--no-incremental", "-nologo", "-v:d",
                        "-nodeReuse:false", "-p:UseSharedCompilation=false", "-p:ReportAnalyzer=true", $"-p:WithQwen={withQwen}", $"-p:WithThreading={withThreading}");
                    wall[config].Add(real);
                    cpu[config].Add(processor);
                    analyzers[config].Add(ReadAnalyzerTimes(output));
                }
            }

            foreach (var (config, _, _) in configs)
            {
                // Each analyzer's figure is its median over the runs.
                var perAnalyzer = analyzers[config].SelectMany(run => run.Keys).Distinct()
                    .ToDictionary(a => a, a => Median(analyzers[config].Select(run => run.TryGetValue(a, out var t) ? t : 0).ToList()));
                results.Add((name, config, Median(cpu[config]), perAnalyzer));
                Console.WriteLine($"  {config,-24} CPU median {Median(cpu[config]),6:F2} s ({Join(cpu[config])}); wall-clock median {Median(wall[config]),6:F2} s ({Join(wall[config])})");
                foreach (var (analyzer, seconds) in perAnalyzer.OrderByDescending(a => a.Value))
                    Console.WriteLine($"      {seconds,6:F3} s  {analyzer}");
            }

            var baselineCpu = results.Single(r => r.Project == name && r.Config == "baseline").Seconds;
            var qwenCpu = results.Single(r => r.Project == name && r.Config == "Qwen.Analyzers").Seconds;
            Console.WriteLine($"  difference of the CPU medians, Qwen.Analyzers vs baseline: {(qwenCpu - baselineCpu) / baselineCpu * 100:+0.0;-0.0}% (run-to-run noise included)");

            // One more Qwen build, traced: the compiler's CPU as the sampling profiler sees it (SampledCpu.cs).
            foreach (var (config, withQwen, withThreading) in configs.Skip(1))
            {
                var prefix = withQwen ? "Qwen.Analyzers." : "Microsoft.VisualStudio.Threading.Analyzers.";
                var (ours, compiler) = sampled[$"{name}/{config}"] = await SampledCpu.MeasureAsync(directory, prefix, "build", "--no-restore", "--no-incremental", "-nologo", "-v:q",
                    "-nodeReuse:false", "-p:UseSharedCompilation=false", $"-p:WithQwen={withQwen}", $"-p:WithThreading={withThreading}");
                Console.WriteLine(FormattableString.Invariant($"  sampled, {config}: {ours:N0} of the compiler's {compiler:N0} managed CPU samples (1 ms each) ran in its code: {ours * 100.0 / compiler:F2}%"));
            }
        }

        // The overhead: the time the compiler attributes to Qwen.Analyzers (its /reportanalyzer total, median over the
        // runs) against the baseline build's CPU time. On a shared machine the difference of two build medians moves
        // by ±10 % from run to run even when the analyzers register nothing at all; the attributed time does not.
        double Overhead(string project)
        {
            var baseline = results.Single(r => r.Project == project && r.Config == "baseline").Seconds;
            var qwen = results.Single(r => r.Project == project && r.Config == "Qwen.Analyzers").Analyzers
                .Where(a => a.Key.StartsWith("Qwen.Analyzers, Version=", StringComparison.Ordinal)).Sum(a => a.Value);
            return qwen / baseline * 100;
        }

        var threadingShare = results.Single(r => r.Project == "with clients" && r.Config == "VS Threading analyzers").Analyzers
            .Where(a => a.Key.Contains(", Version=", StringComparison.Ordinal)).Sum(a => a.Value)
            / results.Single(r => r.Project == "with clients" && r.Config == "baseline").Seconds * 100;
        Console.WriteLine(FormattableString.Invariant($"for comparison, Microsoft.VisualStudio.Threading.Analyzers on the same project: {threadingShare:F1}%"));
        var attributed = results.Single(r => r.Project == "with clients" && r.Config == "Qwen.Analyzers").Analyzers
            .Where(a => a.Key.StartsWith("Qwen.Analyzers, Version=", StringComparison.Ordinal)).Sum(a => a.Value);
        Console.WriteLine(FormattableString.Invariant($"per call: {attributed / calls * 1e6:F0} µs ({attributed:F2} s attributed over {calls:N0} Qwen calls)"));
        double Sampled(string project, string config = "Qwen.Analyzers") => sampled[$"{project}/{config}"].Ours * 100.0 / sampled[$"{project}/{config}"].Compiler;
        Console.WriteLine(FormattableString.Invariant($"sampled CPU share of the compiler: {Sampled("with clients"):F1}% with clients, {Sampled("without clients"):F1}% without (VS Threading analyzers on the same project: {Sampled("with clients", "VS Threading analyzers"):F1}%)"));
        Console.WriteLine(FormattableString.Invariant($"analyzer overhead: {Overhead("with clients"):F1}% with clients, {Overhead("without clients"):F1}% without"));
        return 0;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Join(IEnumerable<double> values) => string.Join(", ", values.Select(v => v.ToString("F2", CultureInfo.InvariantCulture)));

    /// <summary>The per-assembly and per-analyzer lines of csc's <c>/reportanalyzer</c> output (the last report wins).</summary>
    private static IReadOnlyDictionary<string, double> ReadAnalyzerTimes(string output)
    {
        var times = new Dictionary<string, double>(StringComparer.Ordinal);
        var report = output.LastIndexOf("Total analyzer execution time", StringComparison.Ordinal);
        if (report < 0)
            return times;
        foreach (Match match in AnalyzerLine.Matches(output[report..]))
        {
            var name = match.Groups["name"].Value.Trim();
            if (name.StartsWith("Qwen", StringComparison.Ordinal) || name.Contains("Threading", StringComparison.Ordinal))
                times[name] = double.Parse(match.Groups["seconds"].Value, CultureInfo.InvariantCulture);
        }

        return times;
    }
}
