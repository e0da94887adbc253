using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Qwen.Analyzers.ApiModel;
using Qwen.Analyzers.Options;

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
        // Generated code is skipped by AnalyzedCode, not by the driver: for an analyzer that opts out, the driver walks
        // every token of each file the analyzer reports in, looking for [GeneratedCode] spans (GeneratedCode.cs).
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            var api = QwenApi.Create(start.Compilation, start.Options, start.CancellationToken);
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
    private readonly AnalyzerConfigOptionsProvider _provider;

#pragma warning disable RS1012 // the rules register their actions on this context through OnCall and OnOperation
    public QwenRegistration(CompilationStartAnalysisContext context, QwenApi api)
#pragma warning restore RS1012
    {
        _context = context;
        _provider = context.Options.AnalyzerConfigOptionsProvider;
        Api = api;
    }

    public QwenApi Api { get; }

    /// <summary>
    /// Calls <paramref name="action"/> for every recognised LLM call (of <paramref name="kind"/>, when given) in code the
    /// rules analyse, with the call and its tree's options. Invocations that cannot be calls are dropped by their method's
    /// name before anything else is asked, so the rest of the project costs a string look-up per invocation.
    /// </summary>
    public void OnCall(Action<OperationAnalysisContext, CallSite, QwenOptions> action, CallKind? kind = CallKind.Chat)
    {
        var api = Api;
        var gate = new Gate(api.Code, _provider);
        _context.RegisterOperationAction(c =>
        {
            var invocation = (IInvocationOperation)c.Operation;
            if (!api.MayBeCall(invocation.TargetMethod) || gate.Verdict(c) is not { } verdict)
                return;
            if (api.TryGetCall(invocation, out var call) && (kind is null || call.Kind == kind))
                action(c, call, verdict.Options);
        }, OperationKind.Invocation);
    }

    /// <summary>Calls <paramref name="action"/> for operations of <paramref name="kinds"/> in code the rules analyse, with the tree's options.</summary>
    public void OnOperation(Action<OperationAnalysisContext, QwenOptions> action, params OperationKind[] kinds)
    {
        var gate = new Gate(Api.Code, _provider);
        _context.RegisterOperationAction(c =>
        {
            if (gate.Verdict(c) is { } verdict)
                action(c, verdict.Options);
        }, ImmutableArray.Create(kinds));
    }

    /// <summary>Calls <paramref name="action"/> for operations of <paramref name="kinds"/> in code the rules analyse.</summary>
    public void OnOperation(Action<OperationAnalysisContext> action, params OperationKind[] kinds)
        => OnOperation((c, _) => action(c), kinds);

    /// <summary>
    /// The verdicts of <see cref="AnalyzedCode"/> kept for one rule's callbacks: a callback runs for every operation of
    /// its kind, so the common case (the same tree and type as the last callback) costs two reference comparisons.
    /// </summary>
    private sealed class Gate
    {
        private readonly AnalyzedCode _code;
        private readonly AnalyzerConfigOptionsProvider _provider;
        private Last<SyntaxTree, TreeVerdict>? _lastTree;
        private Last<INamedTypeSymbol, bool>? _lastType;

        public Gate(AnalyzedCode code, AnalyzerConfigOptionsProvider provider)
        {
            _code = code;
            _provider = provider;
        }

        /// <summary>The tree's verdict when the rules analyse the operation's code; null when they skip it.</summary>
        public TreeVerdict? Verdict(in OperationAnalysisContext context)
        {
            // The semantic model knows its tree; SyntaxNode.SyntaxTree would walk up to the root on every callback.
            var tree = context.Operation.SemanticModel?.SyntaxTree ?? context.Operation.Syntax.SyntaxTree;
            var last = _lastTree;
            if (last is null || last.Key != tree)
                _lastTree = last = new Last<SyntaxTree, TreeVerdict>(tree, _code.Of(tree, _provider));
            if (!last.Value.Analyze)
                return null;

            // [GeneratedCode] on a type: the callbacks of one type come together, so one answer serves them all.
            var symbol = context.ContainingSymbol;
            var type = symbol as INamedTypeSymbol ?? symbol?.ContainingType;
            if (type is null)
                return last.Value;
            var lastType = _lastType;
            if (lastType is null || !ReferenceEquals(lastType.Key, type))
                _lastType = lastType = new Last<INamedTypeSymbol, bool>(type, !_code.IsGenerated(type));
            return lastType.Value ? last.Value : null;
        }

        private sealed class Last<TKey, TValue>
            where TKey : class
        {
            public Last(TKey key, TValue value)
            {
                Key = key;
                Value = value;
            }

            public TKey Key { get; }
            public TValue Value { get; }
        }
    }
}
