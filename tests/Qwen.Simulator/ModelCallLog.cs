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

/// <summary>Every model request since the last <see cref="Clear"/>: what a benchmark reads to time a workload per call.</summary>
public sealed class ModelCallLog
{
    private readonly ConcurrentQueue<ModelCall> _calls = new();

    public void Add(ModelCall call) => _calls.Enqueue(call);

    public IReadOnlyList<ModelCall> Snapshot() => _calls.ToArray();

    public void Clear() => _calls.Clear();
}
