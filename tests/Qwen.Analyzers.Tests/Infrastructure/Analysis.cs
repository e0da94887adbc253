using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Qwen.Analyzers.Tests;

/// <summary>
/// Every analyzer over one source file as an application would compile it: the file must compile without errors,
/// no analyzer may throw (AD0001), and the findings come back for the test to judge.
/// </summary>
internal static class Analysis
{
    public static async Task<ImmutableArray<Diagnostic>> RunAsync(string source, ImmutableArray<MetadataReference>? references = null, string? editorConfig = null,
        OutputKind outputKind = OutputKind.DynamicallyLinkedLibrary, IEnumerable<(string Path, string Text)>? additionalFiles = null)
    {
        var compilation = CSharpCompilation.Create("app", new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: "/0/App.cs") },
            references ?? References.FrameworkClientsAndHelpers,
            new CSharpCompilationOptions(outputKind, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors) + "\n" + source);
        var files = (additionalFiles ?? Array.Empty<(string, string)>()).Select(f => (AdditionalText)new InMemoryText(f.Path, f.Text)).ToImmutableArray();
        var options = new AnalyzerOptions(files, new EditorConfig(editorConfig));
        var diagnostics = await compilation.WithAnalyzers(AnalyzerCatalog.All, options).GetAnalyzerDiagnosticsAsync();
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        return diagnostics;
    }

    /// <summary>The distinct rule ids found, in order: <c>"QW0001 QW0002"</c>.</summary>
    public static string Ids(IEnumerable<Diagnostic> diagnostics)
        => string.Join(" ", diagnostics.Select(d => d.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal));

    /// <summary>A project file the build hands the analyzers (<c>appsettings.json</c>, say), as text.</summary>
    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path => path;

        public override Microsoft.CodeAnalysis.Text.SourceText GetText(System.Threading.CancellationToken cancellationToken = default)
            => Microsoft.CodeAnalysis.Text.SourceText.From(text);
    }

    /// <summary>The <c>.editorconfig</c> keys of one test (<c>key = value</c> lines), for every file.</summary>
    private sealed class EditorConfig(string? lines) : AnalyzerConfigOptionsProvider
    {
        private readonly Options _options = new((lines ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('=', 2)).ToImmutableDictionary(p => p[0].Trim(), p => p[1].Trim()));

        public override AnalyzerConfigOptions GlobalOptions => _options;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _options;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _options;

        private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
        }
    }
}
