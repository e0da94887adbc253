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
    /// <summary>Collects <c>IChatCompletionService.GetStreamingChatMessageContentsAsync</c> into the answer's text, forwarding each delta.</summary>
    public static Task<StreamedText> CollectAsync(IAsyncEnumerable<StreamingChatMessageContent> updates, Action<string>? onDelta = null,
        CancellationToken cancellationToken = default, TimeProvider? timeProvider = null)
        => QwenStreaming.CollectCoreAsync(updates, u => u.Content, QwenStreaming.Sync(onDelta), cancellationToken, timeProvider, AsHttpOperationException);

    /// <summary>Like the other overload, awaiting <paramref name="onDeltaAsync"/> for each delta.</summary>
    public static Task<StreamedText> CollectAsync(IAsyncEnumerable<StreamingChatMessageContent> updates, Func<string, CancellationToken, ValueTask> onDeltaAsync,
        CancellationToken cancellationToken = default, TimeProvider? timeProvider = null)
        => QwenStreaming.CollectCoreAsync(updates, u => u.Content, onDeltaAsync ?? throw new ArgumentNullException(nameof(onDeltaAsync)), cancellationToken, timeProvider, AsHttpOperationException);

    /// <summary>Collects <c>Kernel.InvokePromptStreamingAsync</c> (or <c>InvokeStreamingAsync</c>) into the text <c>FunctionResult.GetValue&lt;string&gt;()</c> would give.</summary>
    public static Task<StreamedText> CollectAsync(IAsyncEnumerable<StreamingKernelContent> updates, Action<string>? onDelta = null,
        CancellationToken cancellationToken = default, TimeProvider? timeProvider = null)
        => QwenStreaming.CollectCoreAsync(updates, u => u.ToString(), QwenStreaming.Sync(onDelta), cancellationToken, timeProvider, AsHttpOperationException);

    /// <summary>Like the other overload, awaiting <paramref name="onDeltaAsync"/> for each delta.</summary>
    public static Task<StreamedText> CollectAsync(IAsyncEnumerable<StreamingKernelContent> updates, Func<string, CancellationToken, ValueTask> onDeltaAsync,
        CancellationToken cancellationToken = default, TimeProvider? timeProvider = null)
        => QwenStreaming.CollectCoreAsync(updates, u => u.ToString(), onDeltaAsync ?? throw new ArgumentNullException(nameof(onDeltaAsync)), cancellationToken, timeProvider, AsHttpOperationException);

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
