using System;
using System.ClientModel;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.SemanticKernel;

namespace Qwen.Latency;

/// <summary>
/// Streaming for Semantic Kernel: the person waiting sees tokens as they come, the code gets the whole text. Semantic
/// Kernel's non-streamed calls report a provider error as <see cref="HttpOperationException"/>, its streams pass the
/// provider's own exception through; these collectors raise what the non-streamed call would, so a caller's
/// <c>catch (HttpOperationException)</c> still catches it.
/// </summary>
public static class SemanticKernelStreaming
{
    /// <summary>
    /// Starts the streamed request <paramref name="request"/> makes
    /// (<c>() =&gt; chat.GetStreamingChatMessageContentsAsync(…)</c>) and returns the answer's text, as the non-streamed
    /// call would: a stream that breaks mid-answer is requested again up to <paramref name="maxRetries"/> times, as the
    /// OpenAI connector's retry policy re-sends a non-streamed request whose answer was lost (<see cref="StreamRetries"/>);
    /// an error status surfaces as <see cref="HttpOperationException"/>, as from the non-streamed call.
    /// </summary>
    public static Task<StreamedText> CollectAsync(Func<IAsyncEnumerable<StreamingChatMessageContent>> request, int maxRetries = StreamRetries.DefaultMaxRetries,
        CancellationToken cancellationToken = default)
    {
        if (request is null)
            throw new ArgumentNullException(nameof(request));
        return StreamRetries.RunAsync(ct => StreamCollector.CollectAsync(request(), u => u.Content, null, ct, null, AsNonStreamedFailure), maxRetries, cancellationToken);
    }

    /// <summary>
    /// Like the other factory overload, for <c>() =&gt; kernel.InvokePromptStreamingAsync(…)</c> or
    /// <c>InvokeStreamingAsync</c>: the text <c>FunctionResult.GetValue&lt;string&gt;()</c> would give.
    /// </summary>
    public static Task<StreamedText> CollectAsync(Func<IAsyncEnumerable<StreamingKernelContent>> request, int maxRetries = StreamRetries.DefaultMaxRetries,
        CancellationToken cancellationToken = default)
    {
        if (request is null)
            throw new ArgumentNullException(nameof(request));
        // A kernel function reports cancellation as its KernelFunctionCanceledException, streamed or not: kept as it is.
        return StreamRetries.RunAsync(ct => StreamCollector.CollectAsync(request(), u => u.ToString(), null, ct, null, AsNonStreamedFailure, keepCancellation: true),
            maxRetries, cancellationToken);
    }

    /// <summary>
    /// What the non-streamed call raises, for the factory overloads: a provider's <see cref="ClientResultException"/> as
    /// <see cref="HttpOperationException"/> (the connector wraps it); a lost connection as it is (the connector passes it
    /// through, and <see cref="StreamRetries"/> retries it), kept as a <see cref="StreamInterruptedException"/> with the
    /// text that had arrived.
    /// </summary>
    private static Exception? AsNonStreamedFailure(Exception failure, string partialText)
        => failure is IOException broken
            ? new StreamInterruptedException("The stream broke: " + broken.Message, partialText, broken)
            : AsHttpOperationException(failure, partialText);

    /// <summary>Collects <c>IChatCompletionService.GetStreamingChatMessageContentsAsync</c> into the answer's text, forwarding each delta.</summary>
    public static Task<StreamedText> CollectAsync(IAsyncEnumerable<StreamingChatMessageContent> updates, Action<string>? onDelta = null,
        TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
        => StreamCollector.CollectAsync(updates, u => u.Content, StreamCollector.Sync(onDelta), cancellationToken, timeProvider, AsHttpOperationException);

    /// <summary>Like the other overload, awaiting <paramref name="onDeltaAsync"/> for each delta.</summary>
    public static Task<StreamedText> CollectAsync(IAsyncEnumerable<StreamingChatMessageContent> updates, Func<string, CancellationToken, ValueTask> onDeltaAsync,
        TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
        => StreamCollector.CollectAsync(updates, u => u.Content, onDeltaAsync ?? throw new ArgumentNullException(nameof(onDeltaAsync)), cancellationToken, timeProvider, AsHttpOperationException);

    /// <summary>Collects <c>Kernel.InvokePromptStreamingAsync</c> (or <c>InvokeStreamingAsync</c>) into the text <c>FunctionResult.GetValue&lt;string&gt;()</c> would give.</summary>
    public static Task<StreamedText> CollectAsync(IAsyncEnumerable<StreamingKernelContent> updates, Action<string>? onDelta = null,
        TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
        => StreamCollector.CollectAsync(updates, u => u.ToString(), StreamCollector.Sync(onDelta), cancellationToken, timeProvider, AsHttpOperationException);

    /// <summary>Like the other overload, awaiting <paramref name="onDeltaAsync"/> for each delta.</summary>
    public static Task<StreamedText> CollectAsync(IAsyncEnumerable<StreamingKernelContent> updates, Func<string, CancellationToken, ValueTask> onDeltaAsync,
        TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
        => StreamCollector.CollectAsync(updates, u => u.ToString(), onDeltaAsync ?? throw new ArgumentNullException(nameof(onDeltaAsync)), cancellationToken, timeProvider, AsHttpOperationException);

    /// <summary>
    /// What Semantic Kernel's connectors raise for the non-streamed call: a provider's <see cref="ClientResultException"/>
    /// (and a connection lost mid-stream, which the non-streamed transport also reports that way) as
    /// <see cref="HttpOperationException"/>; the text that had arrived is in <c>Data["Qwen.PartialText"]</c>. A malformed
    /// chunk stays the <see cref="System.Text.Json.JsonException"/> the non-streamed call also raises.
    /// </summary>
    private static Exception? AsHttpOperationException(Exception failure, string partialText)
    {
        HttpOperationException? mapped = failure switch
        {
            HttpOperationException or System.Text.Json.JsonException => null,   // already what the non-streamed call raises
            ClientResultException client => new HttpOperationException(client.Status == 0 ? null : (HttpStatusCode?)client.Status, ResponseContent(client), client.Message, client),
            IOException broken => new HttpOperationException(null, null, "The stream broke: " + broken.Message, broken),
            _ => null,
        };
        if (mapped is null)
            return failure is HttpOperationException or System.Text.Json.JsonException ? failure : null;
        mapped.Data[PartialTextKey] = partialText;
        return mapped;
    }

    /// <summary>Where the text that arrived before a failure is kept on the exception.</summary>
    public const string PartialTextKey = "Qwen.PartialText";

    private static string? ResponseContent(ClientResultException exception)
    {
        try
        {
            return exception.GetRawResponse()?.Content?.ToString();
        }
        catch (InvalidOperationException)
        {
            return null;   // a streamed response's content is not buffered
        }
    }
}
