using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Qwen.Benchmarks;

/// <summary>
/// What the analyzers cost a build: a generated project of ≥ 100k lines with thousands of Qwen calls, and one with no
/// LLM client, each built several times without analyzers, with Qwen.Analyzers, and with
/// Microsoft.VisualStudio.Threading.Analyzers for comparison. Reports median wall-clock times, per-analyzer times from
/// <c>-p:ReportAnalyzer=true</c>, and, as its last line, the overhead of Qwen.Analyzers on each project.
/// </summary>
internal static class AnalyzerOverhead
{
    private static readonly Regex AnalyzerLine = new(@"^\s+(?<seconds>\d+\.\d+)\s+(?<percent>\d+)\s+(?<name>\S.*)$", RegexOptions.Multiline);

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = Tools.Option(args, "--runs", 3);
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
            foreach (var (config, withQwen, withThreading) in configs)
            {
                // Interleaving would be fairer on a busy machine; runs of one configuration keep the log simple.
                var times = new List<double>();
                IReadOnlyDictionary<string, double> analyzers = new Dictionary<string, double>();
                for (var run = 0; run < runs; run++)
                {
                    var clock = Stopwatch.StartNew();
                    var output = await Tools.Dotnet(directory, "build", "--no-restore", "--no-incremental", "-nologo", "-v:d", "-p:ReportAnalyzer=true",
                        $"-p:WithQwen={withQwen}", $"-p:WithThreading={withThreading}");
                    times.Add(clock.Elapsed.TotalSeconds);
                    analyzers = ReadAnalyzerTimes(output);
                }

                times.Sort();
                results.Add((name, config, times[times.Count / 2], analyzers));
                Console.WriteLine($"  {config,-24} median {times[times.Count / 2],6:F2} s over {runs} runs ({string.Join(", ", times.Select(t => t.ToString("F2", CultureInfo.InvariantCulture)))})");
                foreach (var (analyzer, seconds) in analyzers.Where(a => a.Key.Contains("Qwen", StringComparison.Ordinal) || a.Key.Contains("Threading", StringComparison.Ordinal)).OrderByDescending(a => a.Value))
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
