using System.Collections.Generic;

namespace Qwen.Analyzers.Equivalence.Tests;

/// <summary>The cases, one per rule, surface and code action that bulk fixing applies (the list the rule pages cite).</summary>
public static partial class Cases
{
    public static IReadOnlyList<EquivalenceCase> All { get; } = new List<EquivalenceCase>()
        .With(NotStreamed.All)
        .With(MissingMaxTokens.All)
        .With(Concurrency.All)
        .With(Requests.All);

    private static List<EquivalenceCase> With(this List<EquivalenceCase> list, IEnumerable<EquivalenceCase> more)
    {
        list.AddRange(more);
        return list;
    }
}
