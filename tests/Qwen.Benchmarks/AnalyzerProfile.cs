#pragma warning disable RS1036, RS2008 // a measuring probe, not a shipped rule
using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Qwen.Benchmarks;

/// <summary>
/// A quick, in-process look at what each rule costs: the analyzer-overhead project's sources (generated the same
/// way), compiled once in memory and analysed with every Qwen.Analyzers rule, several times; prints each rule's
/// execution time (Roslyn's telemetry, fastest of the runs) and the cost per recognised call. Seconds, not the
/// 20 minutes of whole builds: for finding where the time goes, not for the overhead figure itself.
/// </summary>
internal static class AnalyzerProfile
{
    public static async Task<int> RunAsync(string[] args)
    {
        var runs = Tools.Option(args, "--runs", 5);
        var minimumLines = Tools.Option(args, "--lines", 100_000);
        var directory = Path.Combine(Path.GetTempPath(), "qwen-analyzer-profile");
        if (Directory.Exists(directory))
            Directory.Delete(directory, recursive: true);
        var (files, lines) = GeneratedProject.Write(directory, minimumLines, withClients: true, qwenAnalyzer: "", threadingAnalyzers: Array.Empty<string>());
        var calls = files * GeneratedProject.MethodsPerFile * 2;

        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = Directory.GetFiles(directory, "*.cs").OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), parse, f))
            .Append(CSharpSyntaxTree.ParseText(GlobalUsings, parse, "GlobalUsings.cs"))
            .ToList();
        var references = Directory.GetFiles(Tools.Metadata("NetCoreAppRefPath"), "*.dll")
            .Concat(Directory.GetFiles(AppContext.BaseDirectory, "*.dll").Where(IsClientLibrary))
            .Select(f => (MetadataReference)MetadataReference.CreateFromFile(f)).ToList();
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
            .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress });
        var analyzers = typeof(Qwen.Analyzers.QwenDiagnosticAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .OrderBy(a => a.GetType().Name, StringComparer.Ordinal)
            .ToImmutableArray();
        var only = Array.IndexOf(args, "--only") is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        if (only is not null)
            analyzers = analyzers.Where(a => a.SupportedDiagnostics.Any(d => d.Id == only)).ToImmutableArray();
        if (args.Contains("--probe"))
            analyzers = analyzers.Insert(0, new WalkProbe());

        var compileErrors = CSharpCompilation.Create("Generated", trees, references, options).GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);
        Console.WriteLine($"{files} files, {lines:N0} lines, {calls:N0} Qwen calls, {compileErrors} compile errors");

        var perRule = analyzers.ToDictionary(a => a, _ => new List<double>());
        var totals = new List<double>();
        var baseline = new List<double>();
        var findings = 0;
        for (var run = 0; run < runs; run++)
        {
            // A fresh compilation each run: nothing cached by an earlier run (bound trees, our per-compilation model).
            var compilation = CSharpCompilation.Create("Generated", trees, references, options);
            var clock = Stopwatch.StartNew();
            _ = compilation.GetDiagnostics();
            baseline.Add(clock.Elapsed.TotalSeconds);

            compilation = CSharpCompilation.Create("Generated", trees, references, options);
            var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: !args.Contains("--serial"), logAnalyzerExecutionTime: true));
            var pausedBefore = GC.GetTotalPauseDuration();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            clock.Restart();
            var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
            totals.Add(clock.Elapsed.TotalSeconds);
            // Roslyn's telemetry is wall time per callback: a garbage collection or a descheduled thread during a
            // callback is charged to the rule that was running. Printed so a figure can be read against them.
            Console.WriteLine($"  run {run + 1}: {clock.Elapsed.TotalSeconds:F2} s wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds:F2} s CPU, {(GC.GetTotalPauseDuration() - pausedBefore).TotalSeconds:F2} s paused by the GC");
            findings = diagnostics.Length;
            foreach (var analyzer in analyzers)
                perRule[analyzer].Add((await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None)).ExecutionTime.TotalSeconds);
        }

        // The fastest run of each: on a shared machine the noise only ever adds time.
        Console.WriteLine($"findings: {findings}; compiler alone (GetDiagnostics, fastest run): {baseline.Min():F2} s; analyzers run (fastest, operation trees included): {totals.Min():F2} s");
        var sum = 0.0;
        foreach (var (analyzer, times) in perRule.OrderByDescending(p => p.Value.Min()))
        {
            var median = times.Min();
            sum += median;
            var id = string.Join(", ", analyzer.SupportedDiagnostics.Select(d => d.Id));
            Console.WriteLine($"  {median,7:F3} s  {analyzer.GetType().Name} ({id})");
        }

        Console.WriteLine($"per call: {sum / calls * 1e6:F0} µs over all rules ({sum:F3} s attributed / {calls:N0} calls)");
        return 0;
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    /// <summary>An analyzer that does nothing on every invocation: what the driver charges per callback.</summary>
    private sealed class WalkProbe : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("PROBE", "probe", "probe", "probe", DiagnosticSeverity.Hidden, true);
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);
        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterOperationAction(c => { }, OperationKind.Invocation);
        }
    }

    private const string GlobalUsings = "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;";

    private static bool IsClientLibrary(string file)
    {
        var name = Path.GetFileName(file);
        return name.StartsWith("OpenAI", StringComparison.Ordinal) || name.StartsWith("System.ClientModel", StringComparison.Ordinal)
               || name.StartsWith("System.Memory.Data", StringComparison.Ordinal) || name.StartsWith("Microsoft.Extensions.AI", StringComparison.Ordinal)
               || name.StartsWith("Microsoft.Extensions.DependencyInjection.Abstractions", StringComparison.Ordinal)
               || name.StartsWith("Microsoft.Extensions.Logging.Abstractions", StringComparison.Ordinal);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
