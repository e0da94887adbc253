using System;

namespace Qwen.Latency;

/// <summary>
/// How <see cref="DashScopeTasks"/> polls an asynchronous image or video task. The defaults follow the Qwen Cloud
/// latency guide: "Poll for task completion with exponential backoff -- start at 3 seconds, increase gradually, and set
/// a 2-minute timeout."
/// </summary>
public sealed class TaskPollingOptions
{
    /// <summary>The wait before the first query. Default 3 s.</summary>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Each wait is the previous one times this factor. Default 1.5.</summary>
    public double BackoffFactor { get; set; } = 1.5;

    /// <summary>The longest wait between two queries. Default 15 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Random spread of each wait, as a fraction (0.2 = ±20%), so many pollers do not query in step. Default 0.2.</summary>
    public double Jitter { get; set; } = 0.2;

    /// <summary>
    /// The overall deadline, from the first call. Default 2 minutes (video tasks often need more: 1–5 minutes).
    /// <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> sets none: the schedule only paces the queries, and the
    /// caller's loop (or cancellation) decides when to stop.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The clock the waits and the deadline run on. Default <see cref="System.TimeProvider.System"/>; tests pass a fake one.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Where <c>/api/v1/tasks/{id}</c> lives when the HttpClient has no <see cref="System.Net.Http.HttpClient.BaseAddress"/>. Default Beijing.</summary>
    public Uri? BaseAddress { get; set; }

    internal void Validate()
    {
        if (InitialDelay <= TimeSpan.Zero || MaxDelay < InitialDelay || (Timeout <= TimeSpan.Zero && Timeout != System.Threading.Timeout.InfiniteTimeSpan))
            throw new ArgumentOutOfRangeException(nameof(InitialDelay), "Delays and timeout must be positive, and MaxDelay at least InitialDelay.");
        if (BackoffFactor < 1 || Jitter < 0 || Jitter >= 1)
            throw new ArgumentOutOfRangeException(nameof(BackoffFactor), "BackoffFactor must be at least 1 and Jitter in [0, 1).");
    }
}
