using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Qwen.Analyzers.ApiModel;

/// <summary>BCL (and Qwen.Latency) types the flow rules reason about: waits, clocks, cancellation.</summary>
internal sealed class BclTypes
{
    private readonly HashSet<IMethodSymbol> _delays = new(SymbolEqualityComparer.Default);

    public BclTypes(TypeLookup types)
    {
        var compilation = types.Compilation;
        HelpersReferenced = types.ReferencesAny(Assemblies.QwenLatency);
        Task = types.Bcl("System.Threading.Tasks.Task");
        Thread = types.Bcl("System.Threading.Thread");
        CancellationToken = types.Bcl("System.Threading.CancellationToken");
        Stopwatch = types.Bcl("System.Diagnostics.Stopwatch");
        DateTime = compilation.GetSpecialType(SpecialType.System_DateTime);
        DateTimeOffset = types.Bcl("System.DateTimeOffset");
        Environment = types.Bcl("System.Environment");
        TimeSpan = types.Bcl("System.TimeSpan");
        Math = types.Bcl("System.Math");
        TaskPollingSchedule = types.Find("Qwen.Latency.TaskPollingSchedule", Assemblies.QwenLatency);
        QwenConcurrency = types.Find("Qwen.Latency.QwenConcurrency", Assemblies.QwenLatency);
        QwenStreaming = types.Find("Qwen.Latency.QwenStreaming", Assemblies.QwenLatency);
        OpenAIStreaming = types.Find("Qwen.Latency.OpenAIStreaming", Assemblies.QwenLatencyOpenAI);
        SemanticKernelStreaming = types.Find("Qwen.Latency.SemanticKernelStreaming", Assemblies.QwenLatencySemanticKernel);
        ChatClientStreaming = types.Find("Qwen.Latency.ChatClientStreaming", Assemblies.QwenLatencyOpenAI);
        QwenCache = types.Find("Qwen.Latency.QwenCache", Assemblies.QwenLatencyCache);
        OpenAIRequestFields = types.Find("Qwen.Latency.QwenRequestFields", Assemblies.QwenLatencyOpenAI);
        SemanticKernelRequestFields = types.Find("Qwen.Latency.SemanticKernelRequestFields", Assemblies.QwenLatencySemanticKernel);
        List = types.Bcl("System.Collections.Generic.List`1");
        Enumerable = types.Bcl("System.Linq.Enumerable");

        foreach (var member in Task?.GetMembers("Delay") ?? System.Collections.Immutable.ImmutableArray<ISymbol>.Empty)
        {
            if (member is IMethodSymbol method)
                _delays.Add(method);
        }

        foreach (var member in Thread?.GetMembers("Sleep") ?? System.Collections.Immutable.ImmutableArray<ISymbol>.Empty)
        {
            if (member is IMethodSymbol method)
                _delays.Add(method);
        }
    }

    public INamedTypeSymbol? Task { get; }
    public INamedTypeSymbol? Thread { get; }
    public INamedTypeSymbol? CancellationToken { get; }
    public INamedTypeSymbol? Stopwatch { get; }
    public INamedTypeSymbol DateTime { get; }
    public INamedTypeSymbol? DateTimeOffset { get; }
    public INamedTypeSymbol? Environment { get; }
    public INamedTypeSymbol? TimeSpan { get; }
    public INamedTypeSymbol? Math { get; }

    /// <summary>True when the project references a Qwen.Latency helper library.</summary>
    public bool HelpersReferenced { get; }

    /// <summary>Qwen.Latency's schedule, when the project references the helper library.</summary>
    public INamedTypeSymbol? TaskPollingSchedule { get; }

    /// <summary>Qwen.Latency's ordered, bounded concurrency helper, when referenced.</summary>
    public INamedTypeSymbol? QwenConcurrency { get; }

    /// <summary>Qwen.Latency's stream collector (any client), when referenced.</summary>
    public INamedTypeSymbol? QwenStreaming { get; }

    /// <summary>Qwen.Latency.OpenAI's stream collector, when referenced.</summary>
    public INamedTypeSymbol? OpenAIStreaming { get; }

    /// <summary>Qwen.Latency.SemanticKernel's stream collector, when referenced.</summary>
    public INamedTypeSymbol? SemanticKernelStreaming { get; }

    /// <summary>Qwen.Latency.OpenAI's collector for Microsoft.Extensions.AI's <c>IChatClient</c>, when referenced.</summary>
    public INamedTypeSymbol? ChatClientStreaming { get; }

    /// <summary>Qwen.Latency.OpenAI's Qwen request fields (ChatCompletionOptions, ChatOptions), when referenced.</summary>
    public INamedTypeSymbol? OpenAIRequestFields { get; }

    /// <summary>Qwen.Latency.SemanticKernel's Qwen request fields (execution settings), when referenced.</summary>
    public INamedTypeSymbol? SemanticKernelRequestFields { get; }

    /// <summary>True for a call to one of the request-field helpers (<c>WithoutThinking</c>, <c>WithThinkingBudget</c>, <c>WithQwenField</c>).</summary>
    public bool IsRequestFieldHelper(IMethodSymbol method)
        => QwenApi.Is(method.ContainingType, OpenAIRequestFields) || QwenApi.Is(method.ContainingType, SemanticKernelRequestFields);

    /// <summary>Qwen.Latency.Cache's cache-marked messages, when referenced.</summary>
    public INamedTypeSymbol? QwenCache { get; }
    public INamedTypeSymbol? List { get; }
    public INamedTypeSymbol? Enumerable { get; }

    /// <summary>Static BCL methods without side effects that matter to ordering: string, math, conversions, LINQ over values.</summary>
    public bool IsPureStatic(IMethodSymbol method)
    {
        if (!method.IsStatic)
            return false;
        var type = method.ContainingType;
        return type.SpecialType is SpecialType.System_String or SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Double
                   or SpecialType.System_Boolean or SpecialType.System_Char or SpecialType.System_Decimal
               || QwenApi.Is(type, Math) || QwenApi.Is(type, Enumerable) || type.Name == "Convert" && type.ContainingNamespace?.ToDisplayString() == "System";
    }

    /// <summary><c>Task.Delay(…)</c> or <c>Thread.Sleep(…)</c>.</summary>
    public bool IsDelay(IMethodSymbol method) => _delays.Contains(method.OriginalDefinition);

    public bool IsSleep(IMethodSymbol method) => IsDelay(method) && method.Name == "Sleep";
}
