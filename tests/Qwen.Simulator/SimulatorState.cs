namespace Qwen.Simulator;

/// <summary>The shared state of one simulator instance.</summary>
public sealed class SimulatorState(SimulatorOptions options)
{
    private long _modelRequests;

    public SimulatorOptions Options { get; } = options;
    public SimClock Clock { get; } = new(options.TimeScale);
    public ContextCache Cache { get; } = new();
    public SimStats Stats { get; } = new();
    public MediaTasks Tasks { get; } = new();
    public ModelCallLog Calls { get; } = new();

    /// <summary>Faults planned per API key, and each key's request count.</summary>
    public FaultPlans Faults { get; } = new();

    /// <summary>The body of the latest chat request, as received (for tests that check what a client really sent).</summary>
    public string? LastChatRequest { get; set; }

    /// <summary>
    /// The fault for this request: its <c>X-Sim-Fault</c> header, else its key's plan (<see cref="Faults"/>), else the
    /// start option on every N-th model request.
    /// </summary>
    public string? TakeFault(HttpRequest request)
    {
        var header = request.Headers["X-Sim-Fault"].ToString();
        var number = Interlocked.Increment(ref _modelRequests);
        var planned = Faults.TryTake(Wire.ApiKey(request) ?? "", out var keyFault);
        if (header.Length > 0)
            return header;
        if (planned)
            return keyFault;
        return Options.Fault is { } fault && number % Math.Max(1, Options.FaultEvery) == 0 ? fault : null;
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _connections = new(StringComparer.Ordinal);

    /// <summary>
    /// The first request on a connection waits for the connection's setup (<see cref="SimulatorOptions.ConnectionSetupMs"/>),
    /// as a client that opens a new connection to the service would; later requests on it do not.
    /// </summary>
    public Task ConnectionSetupAsync(HttpContext context)
    {
        if (!_connections.TryAdd(context.Connection.Id, 0))
            return Task.CompletedTask;
        Stats.Connection();
        return Options.ConnectionSetupMs <= 0 ? Task.CompletedTask : Clock.WaitUntilAsync(Clock.NowMs + Options.ConnectionSetupMs, context.RequestAborted);
    }

    public bool IsAuthorized(string? apiKey)
        => apiKey is not null && (Options.ApiKeys.Count == 0 ? apiKey.StartsWith("sk-", StringComparison.Ordinal) : Options.ApiKeys.Contains(apiKey));
}
