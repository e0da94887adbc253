using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Qwen.Analyzers.Options;

namespace Qwen.Analyzers.ApiModel;

/// <summary>What one syntax tree is to the rules: whether they analyse it at all, and the options that apply to it.</summary>
internal sealed class TreeVerdict
{
    public TreeVerdict(AnalyzerConfigOptionsProvider provider, bool analyze, QwenOptions options)
    {
        Provider = provider;
        Analyze = analyze;
        Options = options;
    }

    /// <summary>The options provider the verdict was read from.</summary>
    public AnalyzerConfigOptionsProvider Provider { get; }

    public bool Analyze { get; }

    /// <summary>The rule options of the tree's <c>.editorconfig</c> / <c>.globalconfig</c>, parsed once for every rule.</summary>
    public QwenOptions Options { get; }
}

/// <summary>
/// Which code the rules analyse, decided once per tree and per type for every rule of a compilation: not generated code
/// (by file name, an <c>&lt;auto-generated&gt;</c> header, the <c>generated_code</c> option, <c>[GeneratedCode]</c>), nor a
/// test project unless <c>qwen_analyzers.analyze_test_code</c> is true. The tree's options are read with the verdict.
/// </summary>
internal sealed class AnalyzedCode
{
    /// <summary>Assemblies whose reference makes a compilation a test project (xunit v2/v3, NUnit, MSTest 3/4, TUnit).</summary>
    private static readonly string[] TestFrameworks =
    {
        "xunit.core", "xunit.v3.core", "nunit.framework", "Microsoft.VisualStudio.TestPlatform.TestFramework", "MSTest.TestFramework", "TUnit.Core",
    };

    private readonly ConditionalWeakTable<SyntaxTree, TreeVerdict> _trees = new();
    private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _generatedTypes = new(SymbolEqualityComparer.Default);

    public AnalyzedCode(TypeLookup types)
    {
        foreach (var framework in TestFrameworks)
            IsTestProject |= types.References(framework);
    }

    /// <summary>True when the compilation references a test framework: it gets no findings unless the user asks.</summary>
    public bool IsTestProject { get; }

    /// <summary>The verdict on <paramref name="tree"/> under <paramref name="provider"/>, read once per tree.</summary>
    public TreeVerdict Of(SyntaxTree tree, AnalyzerConfigOptionsProvider provider)
    {
        var verdict = _trees.GetValue(tree, t => Read(t, provider));
        // Another options provider (a second analysis of the same compilation with other settings): read it afresh.
        return ReferenceEquals(verdict.Provider, provider) ? verdict : Read(tree, provider);
    }

    /// <summary><c>[GeneratedCode]</c> on a type or a type containing it (answered once per type).</summary>
    public bool IsGenerated(INamedTypeSymbol type)
        => _generatedTypes.GetOrAdd(type, t => GeneratedCode.HasGeneratedCodeAttribute(t) || (t.ContainingType is { } outer && IsGenerated(outer)));

    private TreeVerdict Read(SyntaxTree tree, AnalyzerConfigOptionsProvider provider)
    {
        var config = provider.GetOptions(tree);
        var options = QwenOptions.Read(config);
        return new TreeVerdict(provider, !GeneratedCode.IsGenerated(tree, config) && !(IsTestProject && !options.AnalyzeTestCode), options);
    }
}
