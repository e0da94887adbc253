using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Qwen.Analyzers.Equivalence.Tests;

/// <summary>
/// The fixes applied as <c>dotnet format analyzers --severity warn</c> applies them: rule by rule, the rule's analyzer
/// run over the current code, then its fixer's Fix All over the solution with no equivalence key (the first action),
/// for findings of warning severity and above; the whole run repeated as the README says (a later rule sees what an
/// earlier fix wrote).
/// </summary>
internal static class BulkFix
{
    /// <param name="editorConfig">Lines of the project's <c>.editorconfig</c> (<c>[*.cs]</c> section), as a team sets the rules' options.</param>
    public static async Task<(string Source, IReadOnlyList<string> Fixed)> ApplyAsync(string source, int passes = 2, string? editorConfig = null)
    {
        using var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "Case", "Case", LanguageNames.CSharp,
            compilationOptions: CaseCompiler.Options, parseOptions: CaseCompiler.ParseOptions, metadataReferences: CaseReferences.All));
        var documentId = DocumentId.CreateNewId(projectId);
        solution = solution.AddDocument(documentId, "Case.cs", SourceText.From(source), filePath: "/case/Case.cs");
        if (editorConfig is not null)
            solution = solution.AddAnalyzerConfigDocument(DocumentId.CreateNewId(projectId), ".editorconfig", SourceText.From("root = true\n[*.cs]\n" + editorConfig), filePath: "/case/.editorconfig");
        var fixedRules = new List<string>();

        for (var pass = 0; pass < passes; pass++)
        {
            foreach (var (analyzer, fixer) in Pairs)
            {
                var project = solution.GetProject(projectId)!;
                var compilation = (await project.GetCompilationAsync())!;
                var diagnostics = (await compilation.WithAnalyzers(ImmutableArray.Create(analyzer), project.AnalyzerOptions).GetAnalyzerDiagnosticsAsync())
                    .Where(d => d.Severity >= DiagnosticSeverity.Warning && fixer.FixableDiagnosticIds.Contains(d.Id)).ToImmutableArray();
                if (diagnostics.IsEmpty)
                    continue;
                var context = new FixAllContext(project, fixer, FixAllScope.Solution, codeActionEquivalenceKey: null!, fixer.FixableDiagnosticIds,
                    new Diagnostics(diagnostics), CancellationToken.None);
                var action = await fixer.GetFixAllProvider()!.GetFixAsync(context);
                if (action is null)
                    continue;
                var operations = await action.GetOperationsAsync(CancellationToken.None);
                if (operations.OfType<ApplyChangesOperation>().SingleOrDefault()?.ChangedSolution is { } changed && changed.GetChanges(solution).GetProjectChanges().Any())
                {
                    solution = changed;
                    fixedRules.Add(diagnostics[0].Id);
                }
            }
        }

        var text = await solution.GetDocument(documentId)!.GetTextAsync();
        return (text.ToString(), fixedRules.Distinct().OrderBy(r => r, StringComparer.Ordinal).ToList());
    }

    /// <summary>Every rule's analyzer with its fixer, in rule order.</summary>
    private static readonly (DiagnosticAnalyzer Analyzer, CodeFixProvider Fixer)[] Pairs = Load();

    private static (DiagnosticAnalyzer, CodeFixProvider)[] Load()
    {
        var analyzers = typeof(Qwen.Analyzers.QwenDiagnosticAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!).ToList();
        var fixers = typeof(Qwen.Analyzers.CodeFixes.DocumentEditFixer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t))
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!).ToList();
        return analyzers
            .Select(a => (Analyzer: a, Fixer: fixers.FirstOrDefault(f => f.FixableDiagnosticIds.Intersect(a.SupportedDiagnostics.Select(d => d.Id)).Any())))
            .Where(p => p.Fixer is not null)
            .OrderBy(p => p.Analyzer.SupportedDiagnostics[0].Id, StringComparer.Ordinal)
            .Select(p => (p.Analyzer, p.Fixer!)).ToArray();
    }

    private sealed class Diagnostics(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics.Where(d => d.Location.SourceTree?.FilePath == document.FilePath));

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>(Array.Empty<Diagnostic>());
    }
}
