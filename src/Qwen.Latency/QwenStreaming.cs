using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Qwen.Latency;

/// <summary>The text a stream delivered, and when its first piece arrived.</summary>
public sealed class StreamedText
{
    /// <summary>Creates the aggregate.</summary>
    public StreamedText(string text, TimeSpan? timeToFirstToken, TimeSpan elapsed, int updates)
    {
        Text = text;
        TimeToFirstToken = timeToFirstToken;
        Elapsed = elapsed;
        Updates = updates;
    }

    /// <summary>Every delta, concatenated.</summary>
    public string Text { get; }

    /// <summary>From the start of enumeration to the first non-empty delta; null when none arrived.</summary>
    public TimeSpan? TimeToFirstToken { get; }

    /// <summary>From the start of enumeration to the end of the stream (or the interruption).</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>How many updates arrived.</summary>
    public int Updates { get; }

    /// <inheritdoc/>
    public override string ToString() => Text;
}

/// <summary>A stream that broke (dropped connection, malformed chunk) after delivering <see cref="PartialText"/>.</summary>
public sealed class StreamInterruptedException : IOException
{
    /// <summary>Creates the exception with what arrived before the failure.</summary>
    public StreamInterruptedException(string message, string partialText, Exception innerException)
        : base(message, innerException) => PartialText = partialText;

    /// <summary>The text that arrived before the stream broke.</summary>
    public string PartialText { get; }
}

/// <summary>
/// A stream canceled by the caller; <see cref="PartialText"/> keeps what had arrived. A <see cref="TaskCanceledException"/>,
/// as <c>HttpClient</c> reports the cancellation of the non-streamed call.
/// </summary>
public sealed class StreamCanceledException : TaskCanceledException
{
    /// <summary>Creates the exception with what arrived before the cancellation.</summary>
    public StreamCanceledException(string partialText, CancellationToken token, Exception? innerException)
#if NET5_0_OR_GREATER
        : base("The stream was canceled; PartialText holds what had arrived.", innerException, token) => PartialText = partialText;
#else
        : base("The stream was canceled; PartialText holds what had arrived.", innerException) => PartialText = partialText;
#endif

    /// <summary>The text that arrived before the cancellation.</summary>
    public string PartialText { get; }
}

/// <summary>
/// Collects a streamed LLM answer while forwarding each delta: the person waiting sees the first token at the time to
/// first token, and the caller still gets the whole text. Works with any client's stream
/// (Microsoft.Extensions.AI <c>ChatResponseUpdate</c>: <c>u =&gt; u.Text</c>; Semantic Kernel
/// <c>StreamingChatMessageContent</c>: <c>u =&gt; u.Content</c>).
/// </summary>
public static class QwenStreaming
{
    /// <summary>Enumerates <paramref name="updates"/>, passes each non-empty delta to <paramref name="onDelta"/>, and returns the concatenated text.</summary>
    /// <exception cref="StreamInterruptedException">The stream broke after it started (connection lost, malformed chunk).</exception>
    /// <exception cref="StreamCanceledException"><paramref name="cancellationToken"/> was canceled; the partial text is kept.</exception>
    public static Task<StreamedText> CollectTextAsync<TUpdate>(IAsyncEnumerable<TUpdate> updates, Func<TUpdate, string?> text,
        Action<string>? onDelta = null, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
        => StreamCollector.CollectAsync(updates, text, StreamCollector.Sync(onDelta), cancellationToken, timeProvider, mapFailure: null);

    /// <summary>
    /// Like <see cref="CollectTextAsync{TUpdate}(IAsyncEnumerable{TUpdate}, Func{TUpdate, string}, Action{string}, TimeProvider, CancellationToken)"/>,
    /// awaiting <paramref name="onDeltaAsync"/> for each delta (a write to a response, a hub, a socket) before reading the next.
    /// </summary>
    public static Task<StreamedText> CollectTextAsync<TUpdate>(IAsyncEnumerable<TUpdate> updates, Func<TUpdate, string?> text,
        Func<string, CancellationToken, ValueTask> onDeltaAsync, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        if (onDeltaAsync is null)
            throw new ArgumentNullException(nameof(onDeltaAsync));
        return StreamCollector.CollectAsync(updates, text, onDeltaAsync, cancellationToken, timeProvider, mapFailure: null);
    }

    /// <summary>
    /// The non-empty text deltas of a stream, for a handler that returns the stream itself (a minimal API returning
    /// <c>IAsyncEnumerable&lt;string&gt;</c> writes each piece as it arrives).
    /// </summary>
    public static async IAsyncEnumerable<string> DeltasAsync<TUpdate>(IAsyncEnumerable<TUpdate> updates, Func<TUpdate, string?> text,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (updates is null)
            throw new ArgumentNullException(nameof(updates));
        if (text is null)
            throw new ArgumentNullException(nameof(text));
        await foreach (var update in updates.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var delta = text(update);
            if (!string.IsNullOrEmpty(delta))
                yield return delta!;
        }
    }

}
