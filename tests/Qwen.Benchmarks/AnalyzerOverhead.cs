using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Qwen.Benchmarks;

/// <summary>
/// What the analyzers cost a build: a generated project of ≥ 100k lines with thousands of Qwen calls, and one with no
/// LLM client, each built several times (interleaved) without analyzers, with Qwen.Analyzers, and with
/// Microsoft.VisualStudio.Threading.Analyzers for comparison. Reports median compile (Csc task) and build times, per-analyzer times from
/// <c>-p:ReportAnalyzer=true</c>, and, as its last line, the overhead of Qwen.Analyzers on each project.
/// </summary>
internal static class AnalyzerOverhead
{
    private static readonly Regex AnalyzerLine = new(@"^\s+(?<seconds>\d+\.\d+)\s+(?<percent>\d+)\s+(?<name>\S.*)$", RegexOptions.Multiline);

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = Tools.Option(args, "--runs", 5);
        var files = Tools.Option(args, "--files", 120);
        var root = Tools.Metadata("RepositoryRoot");
        var work = Path.Combine(Path.GetTempPath(), "qwen-analyzer-overhead");
        if (Directory.Exists(work))
            Directory.Delete(work, recursive: true);

        await Tools.Dotnet(root, "build", "src/Qwen.Analyzers", "-c", "Release", "-nologo", "-v:q");
        var qwen = Path.Combine(root, "src", "Qwen.Analyzers", "bin", "Release", "netstandard2.0", "Qwen.Analyzers.dll");
        var threadingRoot = Path.Combine(Tools.Metadata("NuGetPackageRoot"), "microsoft.visualstudio.threading.analyzers", "18.12.1", "analyzers", "cs");
        var threading = Directory.Exists(threadingRoot) ? Directory.GetFiles(threadingRoot, "*.dll") : Array.Empty<string>();

        var results = new List<(string Project, string Config, double Seconds, IReadOnlyDictionary<string, double> Analyzers)>();
        foreach (var withClients in new[] { true, false })
        {
            var name = withClients ? "with clients" : "without clients";
            var directory = Path.Combine(work, withClients ? "clients" : "plain");
            var lines = GeneratedProject.Write(directory, files, withClients, qwen, threading);
            Console.WriteLine($"{name}: {files} files, {lines:N0} lines, {(withClients ? files * GeneratedProject.MethodsPerFile * 2 : 0):N0} Qwen calls");
            await Tools.Dotnet(directory, "restore", "-nologo", "-v:q");
            await Tools.Dotnet(directory, "build", "--no-restore", "-nologo", "-v:q");   // warm-up

            var configs = withClients
                ? new[] { ("baseline", false, false), ("Qwen.Analyzers", true, false), ("VS Threading analyzers", false, true) }
                : new[] { ("baseline", false, false), ("Qwen.Analyzers", true, false) };
            // Runs are interleaved (baseline, Qwen, Threading, baseline, …) so a slow spell of the machine hits every
            // configuration alike; each run's figure is the compiler's own time (msbuild's Csc task), which leaves out
            // project evaluation and the other targets that are the same for every configuration.
            var compile = configs.ToDictionary(c => c.Item1, _ => new List<double>());
            var wall = configs.ToDictionary(c => c.Item1, _ => new List<double>());
            var analyzers = configs.ToDictionary(c => c.Item1, _ => (IReadOnlyDictionary<string, double>)new Dictionary<string, double>());
            for (var run = 0; run < runs; run++)
            {
                foreach (var (config, withQwen, withThreading) in configs)
                {
                    var clock = Stopwatch.StartNew();
                    var output = await Tools.Dotnet(directory, "build", "--no-restore", "--no-incremental", "-nologo", "-v:n", "-clp:PerformanceSummary",
                        "-p:ReportAnalyzer=true", $"-p:WithQwen={withQwen}", $"-p:WithThreading={withThreading}");
                    wall[config].Add(clock.Elapsed.TotalSeconds);
                    compile[config].Add(ReadCscSeconds(output));
                    analyzers[config] = ReadAnalyzerTimes(output);
                }
            }

            foreach (var (config, _, _) in configs)
            {
                results.Add((name, config, Median(compile[config]), analyzers[config]));
                Console.WriteLine($"  {config,-24} compile median {Median(compile[config]),6:F2} s ({Join(compile[config])}); build median {Median(wall[config]),6:F2} s ({Join(wall[config])})");
                foreach (var (analyzer, seconds) in analyzers[config].OrderByDescending(a => a.Value))
                    Console.WriteLine($"      {seconds,6:F3} s  {analyzer}");
            }
        }

        double Overhead(string project)
        {
            var baseline = results.Single(r => r.Project == project && r.Config == "baseline").Seconds;
            var qwenTime = results.Single(r => r.Project == project && r.Config == "Qwen.Analyzers").Seconds;
            return (qwenTime - baseline) / baseline * 100;
        }

        Console.WriteLine(FormattableString.Invariant($"analyzer overhead: {Overhead("with clients"):F1}% with clients, {Overhead("without clients"):F1}% without"));
        return 0;
    }

    private static readonly Regex CscLine = new(@"^\s+(?<ms>\d+) ms\s+Csc\s+\d+ calls", RegexOptions.Multiline);

    /// <summary>The Csc task's time from msbuild's task performance summary.</summary>
    private static double ReadCscSeconds(string output)
        => CscLine.Match(output) is { Success: true } match
            ? double.Parse(match.Groups["ms"].Value, CultureInfo.InvariantCulture) / 1000
            : throw new InvalidOperationException("The build printed no Csc line in its performance summary.");

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
