using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Qwen.Latency;

/// <summary>
/// The stream collector every helper package shares, compiled into each of them (Qwen.Latency, Qwen.Latency.OpenAI,
/// Qwen.Latency.SemanticKernel link this file) rather than exposed by one to the others: the packages grant each other
/// no internals, and the collector's failure mapping is not an API we want users to depend on.
/// </summary>
internal static class StreamCollector
{
    /// <summary>A synchronous delta callback as an asynchronous one.</summary>
    public static Func<string, CancellationToken, ValueTask>? Sync(Action<string>? onDelta)
        => onDelta is null ? null : (delta, _) =>
        {
            onDelta(delta);
            return default;
        };

    /// <summary>
    /// The collector every helper shares. <paramref name="mapFailure"/> (for a client library's helper) turns a failure
    /// — the client's own exception, or a broken stream, with the text that had arrived — into the exception the client's
    /// non-streamed call would have thrown, so the caller's <c>catch</c> blocks still see what they handle; the failure
    /// itself rethrows it unchanged; null keeps the library-neutral exceptions below.
    /// </summary>
    public static async Task<StreamedText> CollectAsync<TUpdate>(IAsyncEnumerable<TUpdate> updates, Func<TUpdate, string?> text,
        Func<string, CancellationToken, ValueTask>? onDelta, CancellationToken cancellationToken, TimeProvider? timeProvider,
        Func<Exception, string, Exception?>? mapFailure, bool keepCancellation = false)
    {
        if (updates is null)
            throw new ArgumentNullException(nameof(updates));
        if (text is null)
            throw new ArgumentNullException(nameof(text));

        var time = timeProvider ?? TimeProvider.System;
        var collected = new StringBuilder();
        var started = time.GetTimestamp();
        TimeSpan? first = null;
        var count = 0;
        try
        {
            await foreach (var update in updates.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                cancellationToken.ThrowIfCancellationRequested();
                count++;
                var delta = text(update);
                if (string.IsNullOrEmpty(delta))
                    continue;
                first ??= time.GetElapsedTime(started);
                collected.Append(delta);
                if (onDelta is not null)
                    await onDelta(delta!, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException canceled) when (cancellationToken.IsCancellationRequested && !keepCancellation)
        {
            throw new StreamCanceledException(collected.ToString(), cancellationToken, canceled);
        }
        catch (OperationCanceledException) when (keepCancellation)
        {
            throw;   // the library's own cancellation exception is what its non-streamed call raises too
        }
        catch (Exception failure) when (mapFailure?.Invoke(failure, collected.ToString()) is { } mapped)
        {
            if (ReferenceEquals(mapped, failure))
                throw;
            throw mapped;
        }
        catch (Exception broken) when (IsBrokenStream(broken))
        {
            throw new StreamInterruptedException($"The stream broke after {count} updates: {broken.Message}", collected.ToString(), broken);
        }

        return new StreamedText(collected.ToString(), first, time.GetElapsedTime(started), count);
    }

    /// <summary>A lost connection or a chunk that is not valid JSON (not an HTTP error status, which surfaces as it is).</summary>
    public static bool IsBrokenStream(Exception exception)
        => exception is IOException or JsonException or System.Net.Http.HttpRequestException { InnerException: IOException };
}
