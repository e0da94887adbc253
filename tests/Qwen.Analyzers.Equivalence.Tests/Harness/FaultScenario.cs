using System;
using System.Collections.Generic;

namespace Qwen.Analyzers.Equivalence.Tests;

/// <summary>
/// One row of the fault matrix: what the simulator does to a run's model requests (by its API key), or, for a refused
/// connection, that nothing listens at all; for cancellation, when the caller's token is canceled.
/// </summary>
public sealed record FaultScenario(string Name, IReadOnlyList<string?> First, string? Thereafter, bool Refused = false, bool Cancel = false)
{
    public static readonly FaultScenario Normal = new("normal", Array.Empty<string?>(), null);

    /// <summary>The matrix every bulk fix runs under.</summary>
    public static readonly IReadOnlyList<FaultScenario> Matrix = new[]
    {
        Normal,
        new FaultScenario("429 then success", new string?[] { "429" }, null),
        new FaultScenario("500 on every request", Array.Empty<string?>(), "500"),
        new FaultScenario("connection refused", Array.Empty<string?>(), null, Refused: true),
        new FaultScenario("dropped before the first byte, once", new string?[] { "drop-early" }, null),
        new FaultScenario("dropped mid-answer, once", new string?[] { "drop-mid" }, null),
        new FaultScenario("dropped mid-answer, every time", Array.Empty<string?>(), "drop-mid"),
        new FaultScenario("canceled while the answer comes", Array.Empty<string?>(), "stall", Cancel: true),
    };

    public override string ToString() => Name;
}
