using System;
using System.Threading;
using System.Threading.Tasks;

namespace Qwen.Latency;

/// <summary>
/// The waits of a polling loop: exponential backoff with jitter and an overall deadline. Replace a fixed
/// <c>await Task.Delay(3000)</c> in a task-polling loop with <c>await schedule.WaitAsync()</c>; the loop's own logic
/// stays as it is. Create one schedule per task, before the loop.
/// </summary>
public sealed class TaskPollingSchedule
{
    private readonly TaskPollingOptions _options;
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly Random _random;
    private TimeSpan _delay;
    private bool _lastWaitDone;

    /// <summary>Starts the schedule (and its deadline) now, on <see cref="TaskPollingOptions.TimeProvider"/>.</summary>
    public TaskPollingSchedule(TaskPollingOptions? options = null)
    {
        _options = options ?? new TaskPollingOptions();
        _options.Validate();
        _time = _options.TimeProvider ?? TimeProvider.System;
        _started = _time.GetTimestamp();
        _delay = _options.InitialDelay;
        _random = new Random(unchecked((int)_started * 397 ^ GetHashCode()));
    }

    /// <summary>How many waits have completed.</summary>
    public int Attempts { get; private set; }

    /// <summary>Time since the schedule was created.</summary>
    public TimeSpan Elapsed => _time.GetElapsedTime(_started);

    /// <summary>
    /// Waits the next step (3 s, 4.5 s, 6.75 s … up to the cap, each ±jitter by default). The last wait ends on the
    /// deadline; a call after the deadline throws <see cref="TimeoutException"/>.
    /// </summary>
    public Task WaitAsync(CancellationToken cancellationToken = default) => WaitAsync(null, cancellationToken);

    /// <summary>Like <see cref="WaitAsync(CancellationToken)"/>, but waits at least <paramref name="atLeast"/> (a server's <c>Retry-After</c>) without growing the step.</summary>
    public async Task WaitAsync(TimeSpan? atLeast, CancellationToken cancellationToken = default)
    {
        // Timeout.InfiniteTimeSpan: no deadline, the caller's loop decides when to stop.
        var hasDeadline = _options.Timeout != Timeout.InfiniteTimeSpan;
        var remaining = hasDeadline ? _options.Timeout - Elapsed : TimeSpan.MaxValue;
        if (hasDeadline && (remaining <= TimeSpan.Zero || _lastWaitDone))
            throw new TimeoutException($"Polling gave up after {_options.Timeout.TotalSeconds:0.#} s ({Attempts} queries).");

        var step = Jittered(_delay, _options.Jitter, _random);
        if (atLeast is { } asked)
            step = asked > step ? asked : step;   // a throttled query: wait, but do not grow the step
        else
            _delay = Next(_delay, _options);
        // The wait that reaches the deadline is the last one: the query after it is the final chance.
        _lastWaitDone = step >= remaining;
        await Clock.Delay(_time, _lastWaitDone ? remaining : step, cancellationToken).ConfigureAwait(false);
        Attempts++;
    }

    /// <summary>The step after <paramref name="delay"/>: times the backoff factor, up to the cap.</summary>
    internal static TimeSpan Next(TimeSpan delay, TaskPollingOptions options)
    {
        var next = TimeSpan.FromTicks((long)(delay.Ticks * options.BackoffFactor));
        return next < options.MaxDelay ? next : options.MaxDelay;
    }

    /// <summary><paramref name="delay"/> spread by ±<paramref name="jitter"/> (a fraction), so many pollers do not query in step.</summary>
    internal static TimeSpan Jittered(TimeSpan delay, double jitter, Random random)
        => TimeSpan.FromTicks((long)(delay.Ticks * (1 + jitter * (2 * random.NextDouble() - 1))));
}
