using System.Diagnostics;

namespace Qwen.Simulator;

/// <summary>
/// Simulated time: real time divided by the time scale. Delays are expressed in simulated milliseconds and scheduled
/// against absolute targets, so rounding in Task.Delay does not accumulate over a long stream.
/// </summary>
public sealed class SimClock(double timeScale)
{
    private readonly Stopwatch _stopwatch = Stopwatch.StartNew();

    public double TimeScale { get; } = timeScale;

    /// <summary>Simulated milliseconds since the simulator started.</summary>
    public double NowMs => _stopwatch.Elapsed.TotalMilliseconds / TimeScale;

    /// <summary>Waits until simulated time <paramref name="targetMs"/>.</summary>
    public async Task WaitUntilAsync(double targetMs, CancellationToken cancellationToken)
    {
        var remainingReal = (targetMs - NowMs) * TimeScale;
        if (remainingReal >= 1)
            await Task.Delay(TimeSpan.FromMilliseconds(remainingReal), cancellationToken);
    }
}
