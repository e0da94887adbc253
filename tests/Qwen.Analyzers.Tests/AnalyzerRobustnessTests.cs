using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Qwen.Analyzers.Tests;

/// <summary>Properties every analyzer must have, whatever its rule: no exceptions, no work without a client, docs.</summary>
public class AnalyzerRobustnessTests
{
    private static readonly CSharpCompilationOptions Options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
        .WithSpecificDiagnosticOptions(new[] { ("CS1701", ReportDiagnostic.Suppress), ("CS1702", ReportDiagnostic.Suppress) }.ToDictionary(p => p.Item1, p => p.Item2));

    public static TheoryData<int> CorpusIndexes() => new() { 0, 1, 2, 3, 4, 5 };

    [Fact]
    public async Task Corpus_CompilesWithoutErrors_AndAnalyzersRunClean()
    {
        foreach (var source in Corpus.All)
        {
            var compilation = Compile(source);
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            var (exceptions, diagnostics) = await RunAsync(compilation);
            Assert.Empty(exceptions);
            Assert.True(diagnostics.Any(d => d.Id.StartsWith("QW", StringComparison.Ordinal)), "no finding in:\n" + source);
        }
    }

    /// <summary>Half-typed code: every analyzer over every prefix of every corpus source, at each token boundary and mid-token.</summary>
    [Theory]
    [MemberData(nameof(CorpusIndexes))]
    public async Task TruncatedSources_NeverThrow(int index)
    {
        var source = Corpus.All[index];
        var baseline = Compile("");
        var failures = new ConcurrentBag<string>();
        var cuts = Enumerable.Range(Sources.OpenAI.Length - 1, source.Length - Sources.OpenAI.Length + 2).Where(i => i <= source.Length).ToArray();
        await Parallel.ForEachAsync(cuts, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, async (cut, ct) =>
        {
            var tree = CSharpSyntaxTree.ParseText(source.Substring(0, cut), path: "Truncated.cs", cancellationToken: ct);
            var (exceptions, _) = await RunAsync(baseline.AddSyntaxTrees(tree));
            foreach (var exception in exceptions)
                failures.Add($"prefix length {cut}: {exception}");
        });
        Assert.Empty(failures);
    }

    /// <summary>
    /// Half-typed code in a solution: every prefix of the calling project with the other project handed over as a
    /// compilation (the IDE's way), and every prefix of the referenced project under a calling project that is whole.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TruncatedSources_AcrossProjectReferences_NeverThrow(bool truncateCaller)
    {
        var failures = new ConcurrentBag<string>();
        var whole = truncateCaller ? MultiProjectTests.Infrastructure : MultiProjectTests.Api;
        var cut = truncateCaller ? MultiProjectTests.Api : MultiProjectTests.Infrastructure;
        var library = truncateCaller ? Project("Infrastructure", whole) : null;
        // At each token's start and one character into it (two projects per cut: every character would cost a minute).
        var cuts = CSharpSyntaxTree.ParseText(cut).GetRoot().DescendantTokens().SelectMany(t => new[] { t.SpanStart, t.SpanStart + 1 })
            .Where(i => i >= Sources.OpenAI.Length - 1 && i <= cut.Length).Append(cut.Length).Distinct().ToArray();
        await Parallel.ForEachAsync(cuts, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, async (length, ct) =>
        {
            var prefix = cut.Substring(0, length);
            var compilation = truncateCaller
                ? Project("Api", prefix, library!.ToMetadataReference())
                : Project("Api", whole, Project("Infrastructure", prefix).ToMetadataReference());
            var (exceptions, _) = await RunAsync(compilation);
            foreach (var exception in exceptions)
                failures.Add($"prefix length {length}: {exception}");
        });
        Assert.Empty(failures);
    }

    private static CSharpCompilation Project(string name, string source, params MetadataReference[] references)
        => CSharpCompilation.Create(name, new[] { CSharpSyntaxTree.ParseText(source, path: $"/{name}/{name}.cs") },
            References.FrameworkClientsAndHelpers.AddRange(references), Options);

    [Fact]
    public async Task NoClientAndNoHttp_RegistersNoOperationCallbacks()
    {
        // Only the core library: neither an LLM client nor System.Net.Http is referenced.
        var compilation = CSharpCompilation.Create("plain", new[] { CSharpSyntaxTree.ParseText("class C { void M() { System.Console.WriteLine(1); } }") },
            new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) }, Options);
        var withAnalyzers = compilation.WithAnalyzers(AnalyzerCatalog.All, new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
        await withAnalyzers.GetAnalyzerDiagnosticsAsync();
        foreach (var analyzer in AnalyzerCatalog.All)
        {
            var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None);
            Assert.Equal(1, telemetry.CompilationStartActionsCount);
            Assert.Equal(0, telemetry.OperationActionsCount);
            Assert.Equal(0, telemetry.SyntaxNodeActionsCount);
        }
    }

    [Fact]
    public async Task FrameworkOnly_NoDashScopeUrlInTheSource_RegistersNoOperationCallbacks()
    {
        // HttpClient is referenced (as in every .NET project), but no source names a DashScope host or path.
        var compilation = CSharpCompilation.Create("plain", new[] { CSharpSyntaxTree.ParseText(Sources.Http + """
            class C
            {
                Task<string> M(HttpClient http) => http.GetStringAsync("https://api.example.com/v2/orders");
            }
            """) }, References.Framework, Options);
        var withAnalyzers = compilation.WithAnalyzers(AnalyzerCatalog.All, new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
        await withAnalyzers.GetAnalyzerDiagnosticsAsync();
        foreach (var analyzer in AnalyzerCatalog.All)
            Assert.Equal(0, (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None)).OperationActionsCount);
    }

    [Fact]
    public async Task FrameworkOnly_DashScopeUrlConstantInAnotherFile_IsStillRecognised()
    {
        var urls = CSharpSyntaxTree.ParseText("""
            static class Qwen
            {
                public const string Host = "https://dashscope-intl.aliyuncs.com/";
            }
            """);
        var call = CSharpSyntaxTree.ParseText(Sources.Http + """
            class C
            {
                Task<HttpResponseMessage> M(HttpClient http, string question)
                    => http.PostAsJsonAsync(Qwen.Host + "api/v1/services/aigc/text-generation/generation", new { model = "qwen-plus", input = new { prompt = question } });
            }
            """);
        var compilation = CSharpCompilation.Create("plain", new[] { urls, call }, References.Framework, Options);
        var (exceptions, diagnostics) = await RunAsync(compilation);
        Assert.Empty(exceptions);
        // The cap (a warning) and, since nobody is shown to wait here, streaming as a suggestion.
        Assert.Equal(new[] { "QW0001", "QW0002" }, diagnostics.Select(d => d.Id).OrderBy(id => id, StringComparer.Ordinal));
        Assert.Equal(DiagnosticSeverity.Info, diagnostics.Single(d => d.Id == "QW0002").Severity);
        Assert.All(diagnostics, d => Assert.Same(call, d.Location.SourceTree));
    }

    [Fact]
    public async Task FrameworkOnly_NoDiagnosticOnOrdinaryHttpCode()
    {
        var compilation = CSharpCompilation.Create("plain", new[] { CSharpSyntaxTree.ParseText(Sources.Http + """
            class C
            {
                Task<HttpResponseMessage> M(HttpClient http) => http.PostAsJsonAsync("https://api.example.com/v1/chat/completions", new { model = "gpt" });
            }
            """) }, References.Framework, Options);
        var (exceptions, diagnostics) = await RunAsync(compilation);
        Assert.Empty(exceptions);
        Assert.Empty(diagnostics);
    }

    /// <summary>
    /// Microsoft.Agents.AI declares its own public <c>Microsoft.Extensions.AI.ChatClientExtensions</c>: a plain look-up of
    /// that name fails when both are referenced, which used to switch off most Microsoft.Extensions.AI findings.
    /// </summary>
    [Fact]
    public async Task ExtensionsAI_BesideAgentFramework_StillRecognised()
    {
        var compilation = Compile(Sources.ExtensionsAI + """
            class C
            {
                Task<ChatResponse> M(IChatClient chat, string question) => chat.GetResponseAsync(question);
            }
            """);
        Assert.Null(compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.ChatClientExtensions"));
        Assert.Equal(2, compilation.GetTypesByMetadataName("Microsoft.Extensions.AI.ChatClientExtensions").Length);
        var (exceptions, diagnostics) = await RunAsync(compilation);
        Assert.Empty(exceptions);
        Assert.Equal(new[] { "QW0001", "QW0002" }, diagnostics.Select(d => d.Id).OrderBy(id => id, StringComparer.Ordinal));
    }

    [Fact]
    public void EveryDescriptor_HasDocsPage_HelpLink_AndReleaseEntry()
    {
        var root = AnalyzerCatalog.RepositoryRoot;
        var unshipped = File.ReadAllText(Path.Combine(root, "src", "Qwen.Analyzers", "AnalyzerReleases.Unshipped.md"));
        var descriptors = AnalyzerCatalog.All.SelectMany(a => a.SupportedDiagnostics).ToArray();
        Assert.NotEmpty(descriptors);
        // The repository's address is written once, in Directory.Build.props; the help links are built from it.
        var repository = System.Text.RegularExpressions.Regex.Match(File.ReadAllText(Path.Combine(root, "Directory.Build.props")), "<QwenRepositoryUrl>([^<]+)</QwenRepositoryUrl>").Groups[1].Value;
        Assert.StartsWith("https://", repository);
        foreach (var descriptor in descriptors)
        {
            Assert.Matches("^QW[0-9]{4}$", descriptor.Id);
            Assert.Equal($"{repository}/blob/main/docs/rules/{descriptor.Id}.md", descriptor.HelpLinkUri);
            var page = Path.Combine(root, "docs", "rules", descriptor.Id + ".md");
            Assert.True(File.Exists(page), $"missing {page}");
            Assert.Contains($"# {descriptor.Id}", File.ReadAllText(page));
            Assert.Contains(descriptor.Id + " |", unshipped);
        }
    }

    private static CSharpCompilation Compile(string source)
        => CSharpCompilation.Create("corpus", source.Length == 0 ? Array.Empty<SyntaxTree>() : new[] { CSharpSyntaxTree.ParseText(source) },
            References.FrameworkClientsAndHelpers, Options);

    private static async Task<(ImmutableArray<Exception> Exceptions, ImmutableArray<Diagnostic> Diagnostics)> RunAsync(Compilation compilation)
    {
        var exceptions = new ConcurrentBag<Exception>();
        var withAnalyzers = compilation.WithAnalyzers(AnalyzerCatalog.All, new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), (exception, _, _) => exceptions.Add(exception), concurrentAnalysis: false, logAnalyzerExecutionTime: false));
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
        return (exceptions.ToImmutableArray(), diagnostics.Where(d => d.Id != "AD0001").ToImmutableArray()
            is var clean && diagnostics.Any(d => d.Id == "AD0001") ? throw new InvalidOperationException(string.Join("\n", diagnostics.Where(d => d.Id == "AD0001"))) : clean);
    }
}
