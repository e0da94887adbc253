using System.Text.Json.Nodes;

namespace Qwen.Simulator;

/// <summary>Counters a benchmark or test reads from <c>GET /_sim/stats</c>.</summary>
public sealed class SimStats
{
    private long _requests, _chatRequests, _streamingRequests, _nativeRequests, _taskSubmissions, _taskQueries;
    private long _throttled, _faults, _errors, _promptTokens, _cachedTokens, _completionTokens, _reasoningTokens;
    private long _concurrent, _peakConcurrent, _streamBytes, _connections;

    public void StreamBytes(int count) => Interlocked.Add(ref _streamBytes, count);

    public void Request() => Interlocked.Increment(ref _requests);

    /// <summary>A client opened a new connection (and paid its setup).</summary>
    public void Connection() => Interlocked.Increment(ref _connections);
    public void Chat(bool streaming, bool native)
    {
        Interlocked.Increment(ref _chatRequests);
        if (streaming)
            Interlocked.Increment(ref _streamingRequests);
        if (native)
            Interlocked.Increment(ref _nativeRequests);
    }

    public void TaskSubmitted() => Interlocked.Increment(ref _taskSubmissions);
    public void TaskQueried() => Interlocked.Increment(ref _taskQueries);
    public void Throttled() => Interlocked.Increment(ref _throttled);
    public void Fault() => Interlocked.Increment(ref _faults);
    public void Error() => Interlocked.Increment(ref _errors);

    public void Usage(int prompt, int cached, int completion, int reasoning)
    {
        Interlocked.Add(ref _promptTokens, prompt);
        Interlocked.Add(ref _cachedTokens, cached);
        Interlocked.Add(ref _completionTokens, completion);
        Interlocked.Add(ref _reasoningTokens, reasoning);
    }

    /// <summary>Counts a model request in flight until the returned scope is disposed.</summary>
    public IDisposable InFlight()
    {
        var now = Interlocked.Increment(ref _concurrent);
        long peak;
        while (now > (peak = Interlocked.Read(ref _peakConcurrent)) && Interlocked.CompareExchange(ref _peakConcurrent, now, peak) != peak)
        {
        }

        return new DisposeOnce(() => Interlocked.Decrement(ref _concurrent));
    }

    public void Reset()
    {
        _requests = _chatRequests = _streamingRequests = _nativeRequests = _taskSubmissions = _taskQueries = 0;
        _throttled = _faults = _errors = _promptTokens = _cachedTokens = _completionTokens = _reasoningTokens = _streamBytes = _connections = 0;
        Interlocked.Exchange(ref _peakConcurrent, Interlocked.Read(ref _concurrent));
    }

    public JsonObject ToJson() => new()
    {
        ["requests"] = Interlocked.Read(ref _requests),
        ["chat_requests"] = Interlocked.Read(ref _chatRequests),
        ["streaming_requests"] = Interlocked.Read(ref _streamingRequests),
        ["native_requests"] = Interlocked.Read(ref _nativeRequests),
        ["task_submissions"] = Interlocked.Read(ref _taskSubmissions),
        ["task_queries"] = Interlocked.Read(ref _taskQueries),
        ["throttled"] = Interlocked.Read(ref _throttled),
        ["faults"] = Interlocked.Read(ref _faults),
        ["errors"] = Interlocked.Read(ref _errors),
        ["prompt_tokens"] = Interlocked.Read(ref _promptTokens),
        ["cached_tokens"] = Interlocked.Read(ref _cachedTokens),
        ["completion_tokens"] = Interlocked.Read(ref _completionTokens),
        ["reasoning_tokens"] = Interlocked.Read(ref _reasoningTokens),
        ["concurrent_requests"] = Interlocked.Read(ref _concurrent),
        ["peak_concurrent_requests"] = Interlocked.Read(ref _peakConcurrent),
        ["stream_bytes"] = Interlocked.Read(ref _streamBytes),
        ["connections"] = Interlocked.Read(ref _connections),
    };
}
