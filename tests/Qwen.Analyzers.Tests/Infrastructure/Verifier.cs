using System.Collections.Generic;
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

    /// <summary>
    /// A test of <paramref name="source"/>, written as a sentence: <c>Code(src).Expect(d).RunAsync()</c> checks the
    /// findings only; <c>.FixedTo(fixedSrc)</c> also applies the fix one action at a time and with Fix All in document,
    /// project and solution scope and compares both with <c>fixedSrc</c>; <c>.NoFix()</c> checks that none is offered.
    /// The compilation references the .NET reference assemblies, the real client libraries and the Qwen.Latency
    /// helpers (<see cref="Builder.WithoutHelpers"/>, <see cref="Builder.WithReferences"/> change that).
    /// </summary>
    public static Builder Code(string source) => new(source);

    public sealed class Builder
    {
        private readonly string _source;
        private readonly List<DiagnosticResult> _expected = new();
        private readonly List<DiagnosticResult> _remaining = new();
        private string? _fixed;
        private string? _batchFixed;
        private int? _fixAllIterations;
        private bool _oneAtATimeOnly;
        private string? _action;
        private string? _editorConfig;
        private int? _iterations;
        private bool _helpers = true;
        private ImmutableArray<MetadataReference>? _references;

        internal Builder(string source) => _source = source;

        /// <summary>The findings the source must produce, beside those its markup marks.</summary>
        public Builder Expect(params DiagnosticResult[] expected)
        {
            _expected.AddRange(expected);
            return this;
        }

        /// <summary><c>key = value</c> lines of an <c>.editorconfig</c> that applies to every file (the fixed code's too).</summary>
        public Builder WithEditorConfig(string? lines)
        {
            _editorConfig = lines;
            return this;
        }

        /// <summary>A project without the Qwen.Latency helper packages.</summary>
        public Builder WithoutHelpers()
        {
            _helpers = false;
            return this;
        }

        /// <summary>Exactly these references besides the framework: no client libraries and no helpers unless listed.</summary>
        public Builder WithReferences(ImmutableArray<MetadataReference> references)
        {
            _references = references;
            return this;
        }

        /// <summary>The code the fix gives, one action at a time and (unless said otherwise) with Fix All; <paramref name="action"/> picks a code action by its equivalence key.</summary>
        public Builder FixedTo(string fixedSource, string? action = null)
        {
            _fixed = fixedSource;
            _action = action;
            return this;
        }

        /// <summary>Findings the fixed code still carries (a suggestion the fix cannot settle).</summary>
        public Builder Leaving(params DiagnosticResult[] remaining)
        {
            _remaining.AddRange(remaining);
            return this;
        }

        /// <summary>
        /// Fix All (and so <c>dotnet format</c>) gives <paramref name="batchFixedSource"/>, whose markup marks the findings
        /// it leaves; its last pass finds only those and changes nothing.
        /// </summary>
        public Builder FixAllTo(string batchFixedSource, int iterations = 2)
        {
            _batchFixed = batchFixedSource;
            _fixAllIterations = iterations;
            return this;
        }

        /// <summary>A fix a person applies with the surrounding code in view: Fix All changes nothing.</summary>
        public Builder OneAtATimeOnly()
        {
            _oneAtATimeOnly = true;
            return this;
        }

        /// <summary>The findings are reported and no fix is offered (the fixed state is the source).</summary>
        public Builder NoFix() => FixedTo(_source);

        /// <summary>How many single fixes the fixed code takes (when one fix leaves findings a later one settles).</summary>
        public Builder Iterations(int? count)
        {
            _iterations = count;
            return this;
        }

        public Task RunAsync() => Build().RunAsync(CancellationToken.None);

        private Test Build()
        {
            var test = new Test { TestCode = _source };
            if (_references is { } references)
            {
                test.TestState.AdditionalReferences.Clear();
                test.TestState.AdditionalReferences.AddRange(references);
            }
            else if (_helpers)
            {
                test.TestState.AdditionalReferences.AddRange(References.Helpers);
            }

            test.ExpectedDiagnostics.AddRange(_expected);
            var config = _editorConfig is null ? null : "root = true\n\n[*]\n" + _editorConfig + "\n";
            if (config is not null)
                test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", config));
            // An analyzer-only test leaves the fixed state alone: setting anything in it makes the framework compare fixed code.
            if (_fixed is null)
                return test;

            test.FixedCode = _fixed;
            test.CodeActionEquivalenceKey = _action;
            test.FixedState.ExpectedDiagnostics.AddRange(_remaining);
            if (config is not null)
                test.FixedState.AnalyzerConfigFiles.Add(("/.editorconfig", config));
            if (_iterations is { } n)
            {
                test.NumberOfIncrementalIterations = n;
                test.NumberOfFixAllIterations = 1;
            }

            if (_oneAtATimeOnly)
            {
                test.BatchFixedCode = _source;
                test.NumberOfFixAllIterations = 1;
                if (config is not null)
                    test.BatchFixedState.AnalyzerConfigFiles.Add(("/.editorconfig", config));
                test.BatchFixedState.MarkupHandling = MarkupMode.Allow;
            }
            else if (_batchFixed is not null)
            {
                test.BatchFixedCode = _batchFixed;
                test.NumberOfFixAllIterations = _fixAllIterations ?? 2;
                test.BatchFixedState.MarkupHandling = MarkupMode.Allow;
            }

            return test;
        }
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
    public static Verify<TAnalyzer, EmptyCodeFixProvider>.Builder Code(string source) => Verify<TAnalyzer, EmptyCodeFixProvider>.Code(source);
}
