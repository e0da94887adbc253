using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Qwen.Analyzers.Tests;

/// <summary>
/// Analyzer and code-fix verification over compilations that reference the real client libraries. The testing
/// library fails a test on any unexpected diagnostic (AD0001 from a throwing analyzer included), compiles the fixed
/// code and fails on any compiler error in it, and runs Fix All in document, project and solution scope.
/// </summary>
public static class Verify<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static DiagnosticResult Diagnostic(string id) => new DiagnosticResult(id, DiagnosticSeverity.Warning);

    public static Task AnalyzerAsync(string source, params DiagnosticResult[] expected) => AnalyzerAsync(source, null, expected);

    /// <summary>A fix whose result still carries <paramref name="remaining"/> (a suggestion the fix cannot settle).</summary>
    public static async Task FixLeavingAsync(string source, string fixedSource, params DiagnosticResult[] remaining)
    {
        var test = new Test { TestCode = source, FixedCode = fixedSource };
        test.TestState.AdditionalReferences.AddRange(References.Helpers);
        test.FixedState.ExpectedDiagnostics.AddRange(remaining);
        await test.RunAsync(CancellationToken.None);
    }

    /// <summary>Applies the code action with <paramref name="equivalenceKey"/> (a second choice), single and Fix All.</summary>
    public static async Task FixWithActionAsync(string source, string fixedSource, string equivalenceKey)
    {
        var test = new Test { TestCode = source, FixedCode = fixedSource, CodeActionEquivalenceKey = equivalenceKey };
        test.TestState.AdditionalReferences.AddRange(References.Helpers);
        await test.RunAsync(CancellationToken.None);
    }

    /// <summary>Verifies diagnostics and that no fix is offered (the fixed state equals the source).</summary>
    public static async Task NoFixAsync(string source, bool withHelpers)
    {
        var test = new Test { TestCode = source, FixedCode = source };
        if (withHelpers)
            test.TestState.AdditionalReferences.AddRange(References.Helpers);
        await test.RunAsync(CancellationToken.None);
    }

    /// <summary>Diagnostics and no fix, over a reference set other than the usual clients.</summary>
    public static async Task NoFixWithReferencesAsync(string source, ImmutableArray<MetadataReference> references)
    {
        var test = new Test { TestCode = source, FixedCode = source };
        test.TestState.AdditionalReferences.Clear();
        test.TestState.AdditionalReferences.AddRange(references);
        await test.RunAsync(CancellationToken.None);
    }

    public static async Task AnalyzerAsync(string source, string? editorConfig, params DiagnosticResult[] expected)
    {
        var test = new Test { TestCode = source };
        test.TestState.AdditionalReferences.AddRange(References.Helpers);
        AddEditorConfig(test, editorConfig, fixedStateToo: false);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync(CancellationToken.None);
    }

    public static Task FixAsync(string source, string fixedSource, string? editorConfig = null)
        => FixAsync(source, fixedSource, editorConfig, iterations: null);

    public static async Task FixAsync(string source, string fixedSource, string? editorConfig, int? iterations)
    {
        var test = new Test { TestCode = source, FixedCode = fixedSource };
        test.TestState.AdditionalReferences.AddRange(References.Helpers);
        AddEditorConfig(test, editorConfig);
        if (iterations is { } n)
        {
            test.NumberOfIncrementalIterations = n;
            test.NumberOfFixAllIterations = 1;
        }

        await test.RunAsync(CancellationToken.None);
    }

    /// <summary>
    /// Findings a person must look at beside ones a bulk fix may settle, or a layout that depends on what an earlier fix
    /// left: one code action at a time gives <paramref name="fixedSource"/>; Fix All (and so <c>dotnet format</c>) gives
    /// <paramref name="batchFixedSource"/>, whose markup marks the findings it leaves.
    /// </summary>
    public static async Task FixOneNotAllAsync(string source, string fixedSource, string batchFixedSource, int fixAllIterations = 2)
    {
        // Fix All's second pass finds only the findings it leaves: it changes nothing, and stops.
        var test = new Test { TestCode = source, FixedCode = fixedSource, BatchFixedCode = batchFixedSource, NumberOfFixAllIterations = fixAllIterations };
        test.TestState.AdditionalReferences.AddRange(References.Helpers);
        test.BatchFixedState.MarkupHandling = Microsoft.CodeAnalysis.Testing.MarkupMode.Allow;
        await test.RunAsync(CancellationToken.None);
    }

    /// <summary>A fix a person applies with the surrounding code in view: one code action gives <paramref name="fixedSource"/>; Fix All changes nothing.</summary>
    public static async Task FixOneAtATimeOnlyAsync(string source, string fixedSource, string? editorConfig = null, int? iterations = null)
    {
        var test = new Test { TestCode = source, FixedCode = fixedSource, BatchFixedCode = source, NumberOfFixAllIterations = 1 };
        if (iterations is { } count)
            test.NumberOfIncrementalIterations = count;
        test.TestState.AdditionalReferences.AddRange(References.Helpers);
        AddEditorConfig(test, editorConfig);
        if (editorConfig is not null)
            test.BatchFixedState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*]\n" + editorConfig + "\n"));
        test.BatchFixedState.MarkupHandling = Microsoft.CodeAnalysis.Testing.MarkupMode.Allow;
        await test.RunAsync(CancellationToken.None);
    }

    /// <summary>An analyzer-only test leaves the fixed state alone: setting anything in it would make the framework compare fixed code.</summary>
    private static void AddEditorConfig(Test test, string? editorConfig, bool fixedStateToo = true)
    {
        if (editorConfig is null)
            return;
        var text = "root = true\n\n[*]\n" + editorConfig + "\n";
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", text));
        if (fixedStateToo)
            test.FixedState.AnalyzerConfigFiles.Add(("/.editorconfig", text));
    }

    public sealed class Test : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    {
        public Test()
        {
            ReferenceAssemblies = References.None;
            TestState.AdditionalReferences.AddRange(References.FrameworkAndClients);
            SolutionTransforms.Add((solution, projectId) =>
            {
                var project = solution.GetProject(projectId)!;
                var options = (CSharpCompilationOptions)project.CompilationOptions!;
                // As the SDK does: net8.0 libraries referencing an older System.Runtime are not worth a warning.
                options = options.WithSpecificDiagnosticOptions(options.SpecificDiagnosticOptions.SetItems(new[]
                {
                    new System.Collections.Generic.KeyValuePair<string, ReportDiagnostic>("CS1701", ReportDiagnostic.Suppress),
                    new System.Collections.Generic.KeyValuePair<string, ReportDiagnostic>("CS1702", ReportDiagnostic.Suppress),
                }));
                return solution.WithProjectCompilationOptions(projectId, options);
            });
        }
    }
}

/// <summary>Analyzer-only verification.</summary>
public static class Verify<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static Task AnalyzerAsync(string source, params DiagnosticResult[] expected)
        => Verify<TAnalyzer, EmptyCodeFixProvider>.AnalyzerAsync(source, expected);
}
