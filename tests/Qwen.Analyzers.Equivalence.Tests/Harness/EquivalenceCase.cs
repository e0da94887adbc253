using System;
using System.Collections.Generic;

namespace Qwen.Analyzers.Equivalence.Tests;

/// <summary>
/// One application shape whose bulk fix is proven: <see cref="Source"/> declares <c>public static class Case</c> with
/// <c>public static Task&lt;object?&gt; RunAsync(Uri baseAddress, string apiKey, CancellationToken cancellationToken)</c>,
/// which builds its clients the way an application does (on <c>baseAddress</c>, the simulator) and returns what its
/// caller would see, side effects included (what it stored, what it wrote).
/// </summary>
/// <param name="Rules">The rules whose bulk fix this case is about: the fix must rewrite the code for each.</param>
/// <param name="Cancellable">The code passes the caller's token on: the cancellation row applies.</param>
/// <param name="IntendedChanges">What the rule page names as the fix's purpose, left out of the comparison ("requests" for a polling schedule).</param>
/// <param name="NotFixed">Rules the case reports but whose bulk fix must leave the code alone (a cap the code cannot justify).</param>
public sealed record EquivalenceCase(string Name, string Source, IReadOnlyList<string> Rules, bool Cancellable = true, IReadOnlyList<string>? IntendedChanges = null,
    IReadOnlyList<string>? NotFixed = null)
{
    public override string ToString() => Name;
}
