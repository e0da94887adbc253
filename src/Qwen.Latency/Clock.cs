using System;
using System.Threading;
using System.Threading.Tasks;

namespace Qwen.Latency;

/// <summary>Every delay and clock reading of the helpers goes through a <see cref="TimeProvider"/> (tests use a fake one).</summary>
internal static class Clock
{
    public static Task Delay(TimeProvider time, TimeSpan delay, CancellationToken cancellationToken)
#if NET8_0_OR_GREATER
        => Task.Delay(delay, time, cancellationToken);
#else
        => time.Delay(delay, cancellationToken);
#endif
}
