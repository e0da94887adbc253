using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Qwen.Analyzers.ApiModel;

/// <summary>BCL (and Qwen.Latency) types the flow rules reason about: waits, clocks, cancellation.</summary>
internal sealed class BclTypes
{
    private readonly HashSet<IMethodSymbol> _delays = new(SymbolEqualityComparer.Default);

    public BclTypes(Compilation compilation)
    {
        Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        Thread = compilation.GetTypeByMetadataName("System.Threading.Thread");
        CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
        Stopwatch = compilation.GetTypeByMetadataName("System.Diagnostics.Stopwatch");
        DateTime = compilation.GetSpecialType(SpecialType.System_DateTime);
        DateTimeOffset = compilation.GetTypeByMetadataName("System.DateTimeOffset");
        Environment = compilation.GetTypeByMetadataName("System.Environment");
        TimeSpan = compilation.GetTypeByMetadataName("System.TimeSpan");
        Math = compilation.GetTypeByMetadataName("System.Math");
        TaskPollingSchedule = compilation.GetTypeByMetadataName("Qwen.Latency.TaskPollingSchedule");

        foreach (var member in Task?.GetMembers("Delay") ?? default)
        {
            if (member is IMethodSymbol method)
                _delays.Add(method);
        }

        foreach (var member in Thread?.GetMembers("Sleep") ?? default)
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

    /// <summary>Qwen.Latency's schedule, when the project references the helper library.</summary>
    public INamedTypeSymbol? TaskPollingSchedule { get; }

    /// <summary><c>Task.Delay(…)</c> or <c>Thread.Sleep(…)</c>.</summary>
    public bool IsDelay(IMethodSymbol method) => _delays.Contains(method.OriginalDefinition);

    public bool IsSleep(IMethodSymbol method) => IsDelay(method) && method.Name == "Sleep";
}
