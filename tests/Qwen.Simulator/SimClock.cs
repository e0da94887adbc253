using System.Diagnostics;

namespace Qwen.Simulator;

/// <summary>
/// Simulated time: real time divided by the time scale. Delays are expressed in simulated milliseconds and scheduled
/// against absolute targets, so rounding in Task.Delay does not accumulate over a long stream.
/// </summary>
public sealed class SimClock(double timeScale)
{
    private readonly Stopwatch _stopwatch = Stopwatch.StartNew();
    private long _skippedMicroseconds;

    public double TimeScale { get; } = timeScale;

    /// <summary>Simulated milliseconds since the simulator started (plus any time <see cref="Advance"/> skipped).</summary>
    public double NowMs => _stopwatch.Elapsed.TotalMilliseconds / TimeScale + Interlocked.Read(ref _skippedMicroseconds) / 1000.0;

    /// <summary>
    /// Moves simulated time forward without waiting (a person away for longer than the context cache lives). Only
    /// between requests: a stream in progress would see its schedule jump.
    /// </summary>
    public void Advance(double milliseconds) => Interlocked.Add(ref _skippedMicroseconds, (long)(milliseconds * 1000));

    /// <summary>Waits until simulated time <paramref name="targetMs"/>.</summary>
    public async Task WaitUntilAsync(double targetMs, CancellationToken cancellationToken)
    {
        var remainingReal = (targetMs - NowMs) * TimeScale;
        if (remainingReal >= 1)
            await Task.Delay(TimeSpan.FromMilliseconds(remainingReal), cancellationToken);
    }
}
