using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace Qwen.Latency;

/// <summary>
/// Re-issues a streamed request whose stream broke before it completed, as the client libraries' retry policy
/// (System.ClientModel's <c>ClientRetryPolicy</c>, under the OpenAI SDK, Azure OpenAI, Microsoft.Extensions.AI's OpenAI
/// adapter and Semantic Kernel's OpenAI connector) re-sends a non-streamed request whose response was lost while it was
/// read: a non-streamed call reads its whole body inside the pipeline, so a connection dropped mid-answer is retried
/// there, while a stream is read after the pipeline returned and would fail at the first drop. With the same number of
/// retries, the streamed call makes the same requests and ends the same way: the answer, or — once the retries are
/// spent — the one transport exception, or an <see cref="AggregateException"/> "Retry failed after N tries." of them all.
/// </summary>
/// <remarks>
/// Failures before the stream's response arrived (an error status, a refused or dropped connection) are retried by the
/// client's own pipeline for the streamed request too and are not retried again here. The waits between retries are
/// System.ClientModel's default: 0.8 s, doubled each time. Partial text is never returned as if it were the answer.
/// </remarks>
public static class StreamRetries
{
    /// <summary>System.ClientModel's default: three retries after the first try.</summary>
    public const int DefaultMaxRetries = 3;

    private static readonly TimeSpan InitialDelay = TimeSpan.FromSeconds(0.8);

    /// <summary>
    /// Runs <paramref name="attempt"/> (which starts the request and reads its whole stream) and runs it again, up to
    /// <paramref name="maxRetries"/> more times, when the stream broke (a lost connection: an <see cref="IOException"/>).
    /// </summary>
    public static async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> attempt, int maxRetries = DefaultMaxRetries, CancellationToken cancellationToken = default)
    {
        if (attempt is null)
            throw new ArgumentNullException(nameof(attempt));
        if (maxRetries < 0)
            throw new ArgumentOutOfRangeException(nameof(maxRetries));

        List<Exception>? failures = null;
        for (var tries = 1; ; tries++)
        {
            try
            {
                return await attempt(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception failure) when (IsLostConnection(failure) && !cancellationToken.IsCancellationRequested)
            {
                (failures ??= new List<Exception>()).Add(failure);
                if (tries > maxRetries)
                {
                    if (failures.Count == 1)
                        ExceptionDispatchInfo.Capture(failure).Throw();
                    throw new AggregateException($"Retry failed after {tries} tries.", failures);
                }
            }

            await Task.Delay(TimeSpan.FromTicks(InitialDelay.Ticks << (failures.Count - 1)), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A stream that broke after it started: the connection was lost (not an error status, not a cancellation).</summary>
    private static bool IsLostConnection(Exception exception)
        => exception is IOException or System.Net.Http.HttpRequestException { InnerException: IOException };
}
