using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Qwen.Analyzers.ApiModel;

namespace Qwen.Analyzers;

/// <summary>
/// Base of every rule: enables concurrency, skips generated code, resolves the <see cref="QwenApi"/> once per
/// compilation and hands it to the rule only when the compilation can call Qwen at all.
/// </summary>
public abstract class QwenDiagnosticAnalyzer : DiagnosticAnalyzer
{
    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var api = QwenApi.Create(start.Compilation);
            if (api.HasAnySurface)
                Register(start, api);
        });
    }

    /// <summary>Registers the rule's callbacks; called only for compilations that reference a surface.</summary>
    private protected abstract void Register(CompilationStartAnalysisContext context, QwenApi api);
}
