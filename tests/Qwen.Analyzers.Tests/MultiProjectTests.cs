using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Qwen.Analyzers.Tests;

/// <summary>
/// Solutions of several projects, as the IDE and <c>dotnet format</c> hand them to analyzers (a referenced project is a
/// compilation, its source visible) and as a command-line build does (the referenced project is an assembly). No
/// analyzer may throw either way; warnings are the same either way; what only source shows is a suggestion.
/// </summary>
public class MultiProjectTests
{
    // Infrastructure: the service that calls Qwen, a static prompt helper, a request builder for a hand-built request.
    internal const string Infrastructure = Sources.OpenAI + """
        using System.Net.Http;
        using System.Net.Http.Json;

        namespace Shop.Infrastructure;

        public static class Prompts
        {
            public static string Summary(string text) => "Summarize for a support agent: " + text;
            public static string Tags(string text) => "Give three tags for: " + text;
        }

        public static class DashScope
        {
            public static readonly string ChatUrl = "https://dashscope.aliyuncs.com/compatible-mode/v1/chat/completions";
            public static object Body(string prompt) => new { model = "qwen-plus", messages = new[] { new { role = "user", content = prompt } } };
        }

        public interface IQwenChat
        {
            Task<string> AskAsync(string prompt, CancellationToken ct = default);
        }

        public sealed class QwenChat : IQwenChat
        {
            private readonly ChatClient _chat;
            public QwenChat(ChatClient chat) => _chat = chat;

            public async Task<string> AskAsync(string prompt, CancellationToken ct = default)
            {
                var options = new ChatCompletionOptions { MaxOutputTokenCount = 300 };
                ChatCompletion completion = await _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(prompt) }, options, ct);
                return completion.Content[0].Text;
            }
        }
        """;

    // Api: a handler-facing service awaiting two wrapper calls of its own (the helper is the other project's), and one
    // awaiting the other project's service twice; a hand-built request through the other project's URL and body.
    internal const string Api = Sources.OpenAI + """
        using System.Net.Http;
        using System.Net.Http.Json;
        using Shop.Infrastructure;

        namespace Shop.Api;

        public sealed class TicketDigest
        {
            private readonly ChatClient _chat;
            private readonly IQwenChat _qwen;
            private readonly HttpClient _http;
            public TicketDigest(ChatClient chat, IQwenChat qwen, HttpClient http) { _chat = chat; _qwen = qwen; _http = http; }

            private async Task<string> AskAsync(string prompt, CancellationToken ct)
            {
                var options = new ChatCompletionOptions { MaxOutputTokenCount = 200 };
                ChatCompletion completion = await _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(prompt) }, options, ct);
                return completion.Content[0].Text;
            }

            public async Task<string> DigestAsync(string ticket, CancellationToken ct)
            {
                var summary = await AskAsync(Prompts.Summary(ticket), ct);
                var tags = await AskAsync(Prompts.Tags(ticket), ct);
                return summary + "\n" + tags;
            }

            public async Task<string> ThroughServiceAsync(string ticket, CancellationToken ct)
            {
                var summary = await _qwen.AskAsync(Prompts.Summary(ticket), ct);
                var tags = await _qwen.AskAsync(Prompts.Tags(ticket), ct);
                return summary + "\n" + tags;
            }

            public async Task<string> RawAsync(string ticket)
            {
                using var response = await _http.PostAsJsonAsync(DashScope.ChatUrl, DashScope.Body(ticket));
                return await response.Content.ReadAsStringAsync();
            }
        }
        """;

    private static CSharpCompilation Compile(string name, string source, params MetadataReference[] extra)
    {
        var compilation = CSharpCompilation.Create(name,
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: $"/{name}/{name}.cs") },
            References.FrameworkClientsAndHelpers.AddRange(extra),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        return compilation;
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation)
    {
        var exceptions = new System.Collections.Concurrent.ConcurrentBag<Exception>();
        var withAnalyzers = compilation.WithAnalyzers(AnalyzerCatalog.All, new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), (e, _, _) => exceptions.Add(e), concurrentAnalysis: true, logAnalyzerExecutionTime: false));
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        return diagnostics;
    }

    /// <summary>The library as a command-line build hands it over: an assembly, no source.</summary>
    private static MetadataReference AsAssembly(Compilation library)
    {
        using var stream = new MemoryStream();
        var result = library.Emit(stream);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return MetadataReference.CreateFromImage(stream.ToArray());
    }

    /// <summary>The 1-based line of <paramref name="source"/> holding <paramref name="text"/>.</summary>
    private static int Line(string source, string text)
        => source[..source.IndexOf(text, StringComparison.Ordinal)].Count(c => c == '\n') + 1;

    private static string Findings(ImmutableArray<Diagnostic> diagnostics, DiagnosticSeverity severity)
        => string.Join("\n", diagnostics.Where(d => d.Severity == severity)
            .Select(d => $"{d.Id} line {d.Location.GetLineSpan().StartLinePosition.Line + 1}")
            .OrderBy(s => s, StringComparer.Ordinal));

    [Fact]
    public async Task ReferencedProjectAsCompilation_NoAnalyzerException_SameWarningsAsTheBuild()
    {
        var library = Compile("Infrastructure", Infrastructure);
        var ide = await AnalyzeAsync(Compile("Api", Api, library.ToMetadataReference()));
        var build = await AnalyzeAsync(Compile("Api", Api, AsAssembly(library)));

        // The build's warnings: QW0003 on the second wrapper call in DigestAsync (the helper is a library static to it),
        // QW0001 and QW0002-as-suggestion aside. The IDE sees exactly the same warnings.
        Assert.Equal(Findings(build, DiagnosticSeverity.Warning), Findings(ide, DiagnosticSeverity.Warning));
        Assert.Contains($"QW0003 line {Line(Api, "var tags = await AskAsync")}", Findings(ide, DiagnosticSeverity.Warning));
    }

    [Fact]
    public async Task WrapperInTheReferencedProject_SeenThroughItsSource_IsASuggestion()
    {
        var library = Compile("Infrastructure", Infrastructure);
        var ide = await AnalyzeAsync(Compile("Api", Api, library.ToMetadataReference()));
        var build = await AnalyzeAsync(Compile("Api", Api, AsAssembly(library)));

        // _qwen.AskAsync lives in the other project: with its source (IDE, dotnet format) it is a wrapper of a chat call,
        // and the second of two independent awaits is reported, as a suggestion; the build cannot see it.
        var line = Line(Api, "var tags = await _qwen.AskAsync");
        var through = ide.Single(d => d.Id == "QW0003" && d.Location.GetLineSpan().StartLinePosition.Line + 1 == line);
        Assert.Equal(DiagnosticSeverity.Info, through.Severity);
        Assert.Contains("IQwenChat.AskAsync", through.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("Infrastructure", through.GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain(build, d => d.Id == "QW0003" && d.Location.GetLineSpan().StartLinePosition.Line + 1 == line);
    }

    [Fact]
    public async Task RequestBuiltInTheReferencedProject_IsNotReadFromItsSource()
    {
        // DashScope.ChatUrl is a static readonly field of the other project: a build sees no value, so the IDE reads none
        // either (the request's URL is unknown to both, and no rule guesses).
        var library = Compile("Infrastructure", Infrastructure);
        var ide = await AnalyzeAsync(Compile("Api", Api, library.ToMetadataReference()));
        Assert.DoesNotContain(ide, d => d.Location.GetLineSpan().StartLinePosition.Line + 1 == Line(Api, "PostAsJsonAsync(DashScope.ChatUrl"));
    }
}
