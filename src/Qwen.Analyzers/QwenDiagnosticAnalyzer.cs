using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Qwen.Analyzers.ApiModel;

namespace Qwen.Analyzers;

/// <summary>
/// Base of every rule: enables concurrency, resolves the <see cref="QwenApi"/> once per compilation and hands it to the
/// rule only when the compilation can call Qwen at all. Every callback the rule registers through
/// <see cref="QwenRegistration"/> skips generated code and test projects (unless configured) before the rule sees it.
/// </summary>
public abstract class QwenDiagnosticAnalyzer : DiagnosticAnalyzer
{
    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        // Generated code is skipped by QwenApi.ShouldAnalyze, not by the driver: for an analyzer that opts out, the driver
        // walks every token of each file the analyzer reports in, looking for [GeneratedCode] spans (GeneratedCode.cs).
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            var api = QwenApi.Create(start.Compilation);
            if (api.HasAnySurface)
                Register(new QwenRegistration(start, api));
        });
    }

    /// <summary>Registers the rule's callbacks; called only for compilations that reference a surface.</summary>
    private protected abstract void Register(QwenRegistration registration);
}

/// <summary>What a rule registers its callbacks through: each one runs only on code the rules analyse.</summary>
internal readonly struct QwenRegistration
{
    private readonly CompilationStartAnalysisContext _context;
    private readonly TreeGate _gate;

#pragma warning disable RS1012 // the rules register their actions on this context through OnOperation
    public QwenRegistration(CompilationStartAnalysisContext context, QwenApi api)
#pragma warning restore RS1012
    {
        _context = context;
        Api = api;
        _gate = new TreeGate(api, context.Options.AnalyzerConfigOptionsProvider);
    }

    public QwenApi Api { get; }

    public void OnOperation(Action<OperationAnalysisContext> action, params OperationKind[] kinds)
    {
        var gate = _gate;
        _context.RegisterOperationAction(c =>
        {
            // The semantic model knows its tree; SyntaxNode.SyntaxTree would walk up to the root on every callback.
            if (gate.ShouldAnalyze(c.Operation.SemanticModel?.SyntaxTree ?? c.Operation.Syntax.SyntaxTree, c.ContainingSymbol))
                action(c);
        }, ImmutableArray.Create(kinds));
    }

    /// <summary>
    /// The per-tree and per-type answers of <see cref="QwenApi"/>, kept for the rule's callbacks: a callback runs for
    /// every invocation, so the common case (the same tree and type as the last callback) costs two reference comparisons.
    /// </summary>
    private sealed class TreeGate
    {
        private readonly QwenApi _api;
        private readonly AnalyzerConfigOptionsProvider _options;
        private Last? _lastTree;
        private Last? _lastType;

        public TreeGate(QwenApi api, AnalyzerConfigOptionsProvider options)
        {
            _api = api;
            _options = options;
        }

        public bool ShouldAnalyze(SyntaxTree tree, ISymbol? containingSymbol)
        {
            var last = _lastTree;
            if (last is null || last.Key != tree)
                _lastTree = last = new Last(tree, _api.ShouldAnalyzeTree(tree, _options));
            if (!last.Analyze)
                return false;

            // [GeneratedCode] on a type: the callbacks of one type come together, so one answer serves them all.
            var type = containingSymbol as INamedTypeSymbol ?? containingSymbol?.ContainingType;
            if (type is null)
                return true;
            var lastType = _lastType;
            if (lastType is null || !ReferenceEquals(lastType.Key, type))
                _lastType = lastType = new Last(type, !_api.IsGeneratedSymbol(type));
            return lastType.Analyze;
        }

        private sealed class Last
        {
            public Last(object key, bool analyze)
            {
                Key = key;
                Analyze = analyze;
            }

            public object Key { get; }
            public bool Analyze { get; }
        }
    }
}
