using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Qwen.Analyzers.Equivalence.Tests;

/// <summary>
/// A fix applied as a person applies it in the IDE, one finding at a time: the first code action offered for the
/// first finding of the rule, then the code analysed again, until no finding has an action left. For the fixes that
/// are never bulk (their behaviour change is for a person to accept), so their tests run what the person gets.
/// </summary>
internal static class SingleFix
{
    public static async Task<(string Source, int Applied)> ApplyAsync(string source, DiagnosticAnalyzer analyzer, CodeFixProvider fixer)
    {
        using var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "Case", "Case", LanguageNames.CSharp,
            compilationOptions: CaseCompiler.Options, parseOptions: CaseCompiler.ParseOptions, metadataReferences: CaseReferences.All));
        var documentId = DocumentId.CreateNewId(projectId);
        solution = solution.AddDocument(documentId, "Case.cs", SourceText.From(source), filePath: "/case/Case.cs");
        var applied = 0;
        for (var round = 0; round < 20; round++)
        {
            var document = solution.GetDocument(documentId)!;
            var compilation = (await document.Project.GetCompilationAsync())!;
            var diagnostics = (await compilation.WithAnalyzers(ImmutableArray.Create(analyzer)).GetAnalyzerDiagnosticsAsync())
                .Where(d => fixer.FixableDiagnosticIds.Contains(d.Id)).OrderBy(d => d.Location.SourceSpan.Start);
            CodeAction? action = null;
            foreach (var diagnostic in diagnostics)
            {
                var actions = ImmutableArray.CreateBuilder<CodeAction>();
                await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), CancellationToken.None));
                if (actions.Count > 0)
                {
                    action = actions[0];
                    break;
                }
            }

            if (action is null)
                break;
            var operations = await action.GetOperationsAsync(CancellationToken.None);
            solution = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
            applied++;
        }

        return ((await solution.GetDocument(documentId)!.GetTextAsync()).ToString(), applied);
    }
}
