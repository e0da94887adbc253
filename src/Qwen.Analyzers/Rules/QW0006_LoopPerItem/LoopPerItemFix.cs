using System;
using System.Collections.Immutable;

namespace Qwen.Analyzers.Rules;

/// <summary>The loop shapes QW0006's fix rewrites.</summary>
internal enum LoopShape
{
    /// <summary>The body only awaits (results unused outside it): <c>ForEachConcurrentlyAsync</c>.</summary>
    ForEach,
    /// <summary>The body ends with <c>results.Add(x)</c> on an empty list declared just before the loop: <c>SelectConcurrentlyAsync</c>.</summary>
    Collect,
    /// <summary>An indexed <c>for</c> whose body reads the index (a part number) or writes <c>results[i]</c>: <c>ForEachConcurrentlyAsync</c> over <c>Enumerable.Range</c>.</summary>
    IndexRange,
}

/// <summary>QW0006's analyzer-to-fixer data.</summary>
internal sealed class LoopPerItemFix
{
    private const string ShapeKey = "LoopShape";
    private const string MaxConcurrencyKey = "MaxConcurrency";

    public LoopPerItemFix(LoopShape shape, int maxConcurrency)
    {
        Shape = shape;
        MaxConcurrency = maxConcurrency;
    }

    public LoopShape Shape { get; }

    /// <summary>How many calls the rewritten loop keeps in flight.</summary>
    public int MaxConcurrency { get; }

    public ImmutableDictionary<string, string?> ToProperties() => FixData.Empty.With(ShapeKey, Shape.ToString()).With(MaxConcurrencyKey, MaxConcurrency);

    public static LoopPerItemFix? Read(ImmutableDictionary<string, string?> properties)
        => Enum.TryParse<LoopShape>(properties.Text(ShapeKey), out var shape) && properties.Int(MaxConcurrencyKey) is { } bound ? new LoopPerItemFix(shape, bound) : null;
}
