using System;
using System.Linq;
using System.Threading.Tasks;
using Qwen.Testing;
using Xunit.Abstractions;

namespace Qwen.Analyzers.Equivalence.Tests;

/// <summary>A simulator shared by the cases of a test class (runs keep apart by API key).</summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    public SimulatorHarness Sim { get; private set; } = null!;

    public async Task InitializeAsync() => Sim = await SimulatorHarness.StartAsync(new Qwen.Simulator.SimulatorOptions { TimeScale = 0.01, ConnectionSetupMs = 0 });

    public async Task DisposeAsync() => await Sim.DisposeAsync();
}

/// <summary>
/// Every bulk-applied fix, proven: each case runs as written and as <c>dotnet format</c> fixes it, against the
/// simulator, under every row of the fault matrix; what the caller observes (the result and side effects, the exception
/// as its <c>catch</c> sees it, the model requests made) must be the same, but for what the rule page names as the
/// fix's purpose. A new fix gets the matrix by adding one case to <see cref="Cases"/>.
/// </summary>
public class FixEquivalenceTests(SimulatorFixture fixture, ITestOutputHelper output) : IClassFixture<SimulatorFixture>
{
    public static TheoryData<string> Names() => new(Cases.All.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public async Task BulkFix_KeepsWhatTheCallerObserves(string name)
    {
        var test = Cases.All.Single(c => c.Name == name);
        var (fixedSource, fixedRules, rows) = await EquivalenceRunner.RunAsync(test, fixture.Sim);
        output.WriteLine(fixedSource);
        output.WriteLine(EquivalenceRunner.Describe(rows));
        Assert.True(test.Rules.All(fixedRules.Contains), $"the bulk fix applied {string.Join(", ", fixedRules)}, not {string.Join(", ", test.Rules)}:\n{fixedSource}");
        var notFixed = test.NotFixed ?? Array.Empty<string>();
        Assert.True(!notFixed.Any(fixedRules.Contains), $"the bulk fix applied {string.Join(", ", fixedRules)}, which must leave {string.Join(", ", notFixed)} alone:\n{fixedSource}");
        var intended = test.IntendedChanges ?? Array.Empty<string>();
        var differing = rows.Where(r => !r.Same(intended)).ToList();
        Assert.True(differing.Count == 0, $"the fixed code behaves differently:\n{EquivalenceRunner.Describe(differing)}\n{fixedSource}");
        // The normal row must have succeeded: a case that always throws proves nothing.
        Assert.Null(rows.Single(r => r.Scenario == FaultScenario.Normal).Before.Exception);
    }
}
