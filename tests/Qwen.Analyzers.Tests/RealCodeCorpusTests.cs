using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Abstractions;

namespace Qwen.Analyzers.Tests;

/// <summary>
/// The realistic-code corpus (<c>RealCode/</c>): small applications written the way .NET teams write them — a
/// typed-client service layer behind controllers and minimal APIs, a Blazor chat page, a console batch job, an SDK-style
/// wrapper library and its unit tests, an Agent Framework service, a Cnblogs DashScope SDK worker, a Semantic Kernel
/// prompt-function bot, a review assistant (Qwen3.5 thinking, dropped fields, cache markers), a shop of three projects
/// (web API → application services → infrastructure holding the Qwen calls) a routing desk whose endpoint and
/// models live in <c>appsettings*.json</c> (handed to the analyzers as the package's build targets do), and a desktop chat's
/// core that streams by hand. Every line a careful reader would report
/// carries <c>// expect: QWnnnn[, …]</c>. All analyzers run over each project as one compilation; the findings a build
/// shows (warning and above) are scored against the marks, by rule. Every rule must keep precision ≥ 0.95 and recall ≥ 0.9.
/// <para>
/// A project that references another is analysed twice: as a command-line build sees it (the other project an
/// assembly) and as the IDE and <c>dotnet format</c> see it (the other project a compilation, its source readable). The
/// warnings must be the same; what only the other project's source shows is marked <c>// expect-ide: QWnnnn</c> and must
/// be found, as a suggestion, in the IDE's view alone.
/// </para>
/// </summary>
public class RealCodeCorpusTests(ITestOutputHelper output)
{
    private const double MinimumPrecision = 0.95;
    private const double MinimumRecall = 0.9;

    private static readonly Regex Expectation = new(@"//\s*expect:\s*(?<ids>QW\d{4}(\s*,\s*QW\d{4})*)", RegexOptions.CultureInvariant);
    private static readonly Regex IdeExpectation = new(@"//\s*expect-ide:\s*(?<ids>QW\d{4}(\s*,\s*QW\d{4})*)", RegexOptions.CultureInvariant);

    private enum Kind
    {
        Web,
        Console,
        Library,
        Tests,
    }

    /// <summary>The applications, in build order (a test project after the library it tests).</summary>
    private static readonly (string Name, Kind Kind, string[] ProjectReferences)[] Applications =
    {
        ("SupportApi", Kind.Web, Array.Empty<string>()),
        ("BlazorChat", Kind.Web, Array.Empty<string>()),
        ("BatchJob", Kind.Console, Array.Empty<string>()),
        ("QwenClientLib", Kind.Library, Array.Empty<string>()),
        ("QwenClientLib.Tests", Kind.Tests, new[] { "QwenClientLib" }),
        ("AgentDesk", Kind.Web, Array.Empty<string>()),
        ("PosterWorker", Kind.Console, Array.Empty<string>()),
        ("FaqBot", Kind.Web, Array.Empty<string>()),
        ("ReviewAssistant", Kind.Web, Array.Empty<string>()),
        ("Shop.Infrastructure", Kind.Library, Array.Empty<string>()),
        ("Shop.Application", Kind.Library, new[] { "Shop.Infrastructure" }),
        ("Shop.Api", Kind.Web, new[] { "Shop.Application", "Shop.Infrastructure" }),
        ("RouteDesk", Kind.Web, Array.Empty<string>()),
        ("DeskChat", Kind.Library, Array.Empty<string>()),
    };

    [Fact]
    public async Task EveryRule_MeetsItsPrecisionAndRecall()
    {
        var expected = new HashSet<Finding>();
        var actual = new HashSet<Finding>();
        var expectedInIde = new HashSet<Finding>();
        var onlyInIde = new HashSet<Finding>();
        var built = new Dictionary<string, MetadataReference>();
        var compiled = new Dictionary<string, Compilation>();
        foreach (var (name, kind, projectReferences) in Applications)
        {
            var compilation = Compile(name, kind, projectReferences.Select(p => built[p]));
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, $"{name} does not compile:\n{string.Join("\n", errors.Take(20))}");
            built[name] = Emit(compilation);
            compiled[name] = compilation;

            foreach (var tree in compilation.SyntaxTrees)
            {
                expected.UnionWith(ExpectationsIn(name, tree, Expectation));
                expectedInIde.UnionWith(ExpectationsIn(name, tree, IdeExpectation));
            }

            var diagnostics = await AnalyzeAsync(compilation);
            foreach (var diagnostic in diagnostics)
            {
                if (diagnostic.Severity >= DiagnosticSeverity.Warning)
                    actual.Add(Finding.Of(name, diagnostic));
                else
                    output.WriteLine($"  (suggestion) {Finding.Of(name, diagnostic)}: {diagnostic.GetMessage()}");
            }

            if (projectReferences.Length == 0)
                continue;
            // The IDE's view: the same project with the projects it references as compilations.
            var ide = await AnalyzeAsync(Compile(name, kind, projectReferences.Select(p => compiled[p].ToMetadataReference())));
            Assert.Equal(
                diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => Finding.Of(name, d).ToString()).Order(StringComparer.Ordinal),
                ide.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => Finding.Of(name, d).ToString()).Order(StringComparer.Ordinal));
            foreach (var diagnostic in ide.Where(d => !diagnostics.Any(b => b.Id == d.Id && b.Location.SourceSpan == d.Location.SourceSpan && b.Location.SourceTree!.FilePath == d.Location.SourceTree!.FilePath)))
            {
                onlyInIde.Add(Finding.Of(name, diagnostic));
                output.WriteLine($"  (IDE only, {diagnostic.Severity}) {Finding.Of(name, diagnostic)}: {diagnostic.GetMessage()}");
                Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
            }
        }

        // What only another project's source shows: exactly the marked lines, in the IDE's view alone.
        Assert.Equal(expectedInIde.Select(f => f.ToString()).Order(StringComparer.Ordinal), onlyInIde.Select(f => f.ToString()).Order(StringComparer.Ordinal));

        var report = new StringBuilder();
        var failures = new List<string>();
        foreach (var rule in expected.Concat(actual).Select(f => f.Rule).Distinct().OrderBy(r => r, StringComparer.Ordinal))
        {
            var truePositives = actual.Count(f => f.Rule == rule && expected.Contains(f));
            var falsePositives = actual.Where(f => f.Rule == rule && !expected.Contains(f)).ToList();
            var falseNegatives = expected.Where(f => f.Rule == rule && !actual.Contains(f)).ToList();
            var precision = truePositives + falsePositives.Count == 0 ? 1 : (double)truePositives / (truePositives + falsePositives.Count);
            var recall = truePositives + falseNegatives.Count == 0 ? 1 : (double)truePositives / (truePositives + falseNegatives.Count);
            report.AppendLine(FormattableString.Invariant($"{rule}: precision {precision:F2}, recall {recall:F2} ({truePositives} found, {falsePositives.Count} wrong, {falseNegatives.Count} missed)"));
            foreach (var wrong in falsePositives)
                report.AppendLine($"    wrong:  {wrong}");
            foreach (var missed in falseNegatives)
                report.AppendLine($"    missed: {missed}");
            if (precision < MinimumPrecision || recall < MinimumRecall)
                failures.Add(rule);
        }

        output.WriteLine(report.ToString());
        Assert.True(failures.Count == 0, $"below the bar ({MinimumPrecision:F2} precision, {MinimumRecall:F2} recall): {string.Join(", ", failures)}\n{report}");
        Assert.NotEmpty(expected);
    }

    private static async Task<IEnumerable<Diagnostic>> AnalyzeAsync(Compilation compilation)
    {
        var exceptions = new List<Exception>();
        // The project's settings files, as the package's build targets hand them over.
        var directory = Path.Combine(AppContext.BaseDirectory, "RealCode", compilation.AssemblyName!);
        var settings = Directory.GetFiles(directory, "appsettings*.json").OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => (AdditionalText)new SettingsFile(f, File.ReadAllText(f))).ToImmutableArray();
        var withAnalyzers = compilation.WithAnalyzers(AnalyzerCatalog.All, new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(settings), (e, _, _) => exceptions.Add(e), concurrentAnalysis: true, logAnalyzerExecutionTime: false));
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        return diagnostics.Where(d => d.Id.StartsWith("QW", StringComparison.Ordinal));
    }

    private sealed class SettingsFile(string path, string text) : AdditionalText
    {
        public override string Path => path;

        public override Microsoft.CodeAnalysis.Text.SourceText GetText(System.Threading.CancellationToken cancellationToken = default)
            => Microsoft.CodeAnalysis.Text.SourceText.From(text);
    }

    private static IEnumerable<Finding> ExpectationsIn(string application, SyntaxTree tree, Regex marks)
    {
        var lines = tree.GetText().Lines;
        foreach (var line in lines)
        {
            var match = marks.Match(line.ToString());
            if (!match.Success)
                continue;
            foreach (var id in match.Groups["ids"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                yield return new Finding(application, Path.GetFileName(tree.FilePath), line.LineNumber + 1, id);
        }
    }

    private static CSharpCompilation Compile(string name, Kind kind, IEnumerable<MetadataReference> projectReferences)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "RealCode", name);
        // Each project's files sit under a directory of its own name, as in a solution (the IDE tells trees apart by path).
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = Directory.GetFiles(directory, "*.cs", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), parse, path: Path.Combine(name, Path.GetRelativePath(directory, f))))
            .Append(CSharpSyntaxTree.ParseText(GlobalUsings(kind), parse, path: Path.Combine(name, "GlobalUsings.g.cs")));
        var references = References.FrameworkAndClients.AddRange(References.Newtonsoft).AddRange(projectReferences);
        if (kind == Kind.Tests)
            references = references.AddRange(References.Xunit);
        var options = new CSharpCompilationOptions(kind is Kind.Web or Kind.Console ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable)
            .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress });
        return CSharpCompilation.Create(name, trees, references, options);
    }

    private static MetadataReference Emit(CSharpCompilation compilation)
    {
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return MetadataReference.CreateFromImage(image.ToArray());
    }

    /// <summary>The implicit usings of the SDK each kind of project builds with.</summary>
    private static string GlobalUsings(Kind kind)
    {
        var namespaces = new List<string> { "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks" };
        if (kind == Kind.Web)
        {
            namespaces.AddRange(new[]
            {
                "System.Net.Http.Json", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Routing",
                "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging",
            });
        }

        return string.Concat(namespaces.Select(n => $"global using {n};\n"));
    }

    private sealed record Finding(string Application, string File, int Line, string Rule)
    {
        public override string ToString() => $"{Application}/{File}:{Line} {Rule}";

        public static Finding Of(string application, Diagnostic diagnostic)
            => new(application, Path.GetFileName(diagnostic.Location.SourceTree!.FilePath), diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1, diagnostic.Id);
    }
}
