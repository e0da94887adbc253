using System.Collections.Concurrent;

namespace Qwen.Simulator;

/// <summary>
/// One model request as the simulator served it, in simulated milliseconds on <see cref="SimClock"/>: when it arrived,
/// when its first answer token was delivered (after any reasoning; for a non-streamed call, the whole response), when it
/// ended, its usage (completion tokens include the reasoning tokens), and the bytes of its event stream (0 when not streamed).
/// </summary>
public sealed record ModelCall(
    string ApiKey, string Model, bool Streamed, bool Native, double StartMs, double FirstTokenMs, double EndMs,
    int PromptTokens, int CachedTokens, int CompletionTokens, long StreamBytes, int ReasoningTokens = 0);

/// <summary>Every model request (and the task queries per key) since the last <see cref="Clear"/>: what a benchmark reads to time a workload per call.</summary>
public sealed class ModelCallLog
{
    private readonly ConcurrentQueue<ModelCall> _calls = new();
    private readonly ConcurrentDictionary<string, int> _taskQueries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _inFlight = new(StringComparer.Ordinal);

    public void Add(ModelCall call) => _calls.Enqueue(call);

    /// <summary>
    /// Marks a model request of this key as being served until the returned scope is disposed, which happens after its
    /// entry is added: a client can read a stream's last event before the server gets to log it.
    /// </summary>
    public IDisposable Begin(string apiKey)
    {
        _inFlight.AddOrUpdate(apiKey, 1, (_, count) => count + 1);
        return new DisposeOnce(() => _inFlight.AddOrUpdate(apiKey, 0, (_, count) => count - 1));
    }

    /// <summary>Waits until no request of this key is still being served (so every finished call is in the log).</summary>
    public async Task WaitIdleAsync(string apiKey, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (_inFlight.TryGetValue(apiKey, out var count) && count > 0)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{count} request(s) of {apiKey} still in flight after {timeout.TotalSeconds:0.#} s");
            await Task.Delay(5);
        }
    }

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
