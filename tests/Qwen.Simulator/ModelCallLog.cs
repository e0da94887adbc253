using System.Collections.Concurrent;

namespace Qwen.Simulator;

/// <summary>
/// One model request as the simulator served it, in simulated milliseconds on <see cref="SimClock"/>: when it arrived,
/// when its first output token was delivered (for a non-streamed call, the whole response), when it ended, its usage,
/// and the bytes of its event stream (0 when not streamed).
/// </summary>
public sealed record ModelCall(
    string ApiKey, string Model, bool Streamed, bool Native, double StartMs, double FirstTokenMs, double EndMs,
    int PromptTokens, int CachedTokens, int CompletionTokens, long StreamBytes);

/// <summary>Every model request (and the task queries per key) since the last <see cref="Clear"/>: what a benchmark reads to time a workload per call.</summary>
public sealed class ModelCallLog
{
    private readonly ConcurrentQueue<ModelCall> _calls = new();
    private readonly ConcurrentDictionary<string, int> _taskQueries = new(StringComparer.Ordinal);

    public void Add(ModelCall call) => _calls.Enqueue(call);

    public IReadOnlyList<ModelCall> Snapshot() => _calls.ToArray();

    /// <summary>Counts a task query (<c>GET /api/v1/tasks/{id}</c>, throttled ones included) for this API key.</summary>
    public void TaskQueried(string apiKey) => _taskQueries.AddOrUpdate(apiKey, 1, (_, count) => count + 1);

    /// <summary>Task queries made with this API key so far.</summary>
    public int TaskQueries(string apiKey) => _taskQueries.TryGetValue(apiKey, out var count) ? count : 0;

    public void Clear()
    {
        _calls.Clear();
        _taskQueries.Clear();
    }
}
