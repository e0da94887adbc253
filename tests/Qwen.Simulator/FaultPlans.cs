using System.Collections.Concurrent;

namespace Qwen.Simulator;

/// <summary>
/// Faults by API key: each key gets its own sequence (the fault of its first model request, its second, …, then one
/// for every later request), and its own request count. Runs that use distinct keys share one simulator without
/// seeing each other's faults, so a test can run many fault scenarios at once.
/// </summary>
/// <remarks>
/// Fault kinds: <c>429</c> and <c>500</c> (an error status with <c>Retry-After</c>); <c>drop-early</c> (the connection
/// is lost before any response byte); <c>drop-mid</c> (lost mid-answer: after three stream events, or half-way through
/// a JSON body); <c>stall</c> (the answer stops coming and the connection stays open until the client gives up);
/// <c>drop</c> and <c>malformed</c> as for <see cref="SimulatorOptions.Fault"/>.
/// </remarks>
public sealed class FaultPlans
{
    private readonly ConcurrentDictionary<string, Plan> _plans = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);

    /// <summary>Faults for <paramref name="apiKey"/>'s requests: <paramref name="first"/> in order, then <paramref name="thereafter"/>.</summary>
    public void Set(string apiKey, IReadOnlyList<string?> first, string? thereafter = null) => _plans[apiKey] = new Plan(first, thereafter);

    /// <summary>How many model requests <paramref name="apiKey"/> has made (faulted ones included).</summary>
    public int Requests(string apiKey) => _requests.TryGetValue(apiKey, out var count) ? count : 0;

    /// <summary>Counts a model request of <paramref name="apiKey"/> and returns its planned fault; false when the key has no plan.</summary>
    internal bool TryTake(string apiKey, out string? fault)
    {
        var number = _requests.AddOrUpdate(apiKey, 1, (_, n) => n + 1);
        fault = null;
        if (!_plans.TryGetValue(apiKey, out var plan))
            return false;
        fault = number <= plan.First.Count ? plan.First[number - 1] : plan.Thereafter;
        return true;
    }

    private sealed record Plan(IReadOnlyList<string?> First, string? Thereafter);
}
