using System;
using System.ClientModel;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Chat;

namespace Qwen.Latency;

/// <summary>What a streamed chat completion delivered: what the non-streamed <c>ChatCompletion</c> would have, plus timing.</summary>
public sealed class StreamedChatCompletion
{
    internal StreamedChatCompletion(string text, ChatFinishReason finishReason, ChatTokenUsage usage, string? model, string? id, TimeSpan? timeToFirstToken, TimeSpan elapsed)
    {
        Text = text;
        FinishReason = finishReason;
        Usage = usage;
        Model = model;
        Id = id;
        TimeToFirstToken = timeToFirstToken;
        Elapsed = elapsed;
    }

    /// <summary>The answer: the text of <c>ChatCompletion.Content[0].Text</c>, delta by delta.</summary>
    public string Text { get; }

    /// <summary>Why generation stopped (<c>Length</c> when the output cap cut it), as <c>ChatCompletion.FinishReason</c>.</summary>
    public ChatFinishReason FinishReason { get; }

    /// <summary>Token usage from the final chunk (the SDK asks for it on every stream), as <c>ChatCompletion.Usage</c>.</summary>
    public ChatTokenUsage Usage { get; }

    /// <summary>Prompt tokens served from Qwen's context cache (<c>usage.prompt_tokens_details.cached_tokens</c>).</summary>
    public int CachedTokens => Usage.InputTokenDetails?.CachedTokenCount ?? 0;

    /// <summary>The model that answered.</summary>
    public string? Model { get; }

    /// <summary>The completion id.</summary>
    public string? Id { get; }

    /// <summary>From the start of enumeration to the first content delta.</summary>
    public TimeSpan? TimeToFirstToken { get; }

    /// <summary>From the start of enumeration to the end of the stream.</summary>
    public TimeSpan Elapsed { get; }

    /// <inheritdoc/>
    public override string ToString() => Text;
}

/// <summary>Streaming for <c>OpenAI.Chat.ChatClient</c>: the person waiting sees tokens as they come; the code gets the whole completion.</summary>
public static class OpenAIStreaming
{
    /// <summary>
    /// The text deltas of a <c>CompleteChatStreamingAsync</c> result, for a handler that returns the stream itself
    /// (a minimal API returning <c>IAsyncEnumerable&lt;string&gt;</c> writes each piece as it arrives).
    /// </summary>
    public static System.Collections.Generic.IAsyncEnumerable<string> TextDeltasAsync(AsyncCollectionResult<StreamingChatCompletionUpdate> updates, CancellationToken cancellationToken = default)
        => QwenStreaming.DeltasAsync(updates, Concat, cancellationToken);

    private static string? Concat(StreamingChatCompletionUpdate update)
    {
        if (update.ContentUpdate.Count == 0)
            return null;
        if (update.ContentUpdate.Count == 1)
            return update.ContentUpdate[0].Text;
        var text = new StringBuilder();
        foreach (var part in update.ContentUpdate)
            text.Append(part.Text);
        return text.ToString();
    }

    /// <summary>
    /// Starts the streamed request <paramref name="request"/> makes (<c>() =&gt; client.CompleteChatStreamingAsync(…)</c>)
    /// and returns the whole completion, as the non-streamed <c>CompleteChatAsync</c> would: a stream that breaks
    /// mid-answer is requested again up to <paramref name="maxRetries"/> times, as the client's retry policy re-sends a
    /// non-streamed request whose answer was lost (<see cref="StreamRetries"/>); pass the client's own number when its
    /// options set one (<c>RetryPolicy = new ClientRetryPolicy(n)</c>). An HTTP error status surfaces as the SDK's
    /// <c>ClientResultException</c>, after the client's own retries; cancellation as <see cref="StreamCanceledException"/>.
    /// </summary>
    public static Task<StreamedChatCompletion> CollectAsync(Func<AsyncCollectionResult<StreamingChatCompletionUpdate>> request,
        int maxRetries = StreamRetries.DefaultMaxRetries, CancellationToken cancellationToken = default)
    {
        if (request is null)
            throw new ArgumentNullException(nameof(request));
        return StreamRetries.RunAsync(ct => CollectCoreAsync(request(), onDelta: null, timeProvider: null, ct), maxRetries, cancellationToken);
    }

    /// <summary>
    /// Enumerates a <c>CompleteChatStreamingAsync</c> result, forwarding each content delta to <paramref name="onDelta"/>,
    /// and returns the aggregate. It reads the one stream it is given, so a connection lost mid-answer is not retried
    /// (the non-streamed call would have been, by the client's retry policy): it surfaces as
    /// <see cref="StreamInterruptedException"/> (an <c>IOException</c>, as a single lost connection surfaces from the
    /// non-streamed call) with the text that had arrived. An HTTP error status surfaces as the SDK's
    /// <c>ClientResultException</c>, a malformed chunk as a <c>JsonException</c>, cancellation as
    /// <see cref="StreamCanceledException"/> with the partial text.
    /// </summary>
    public static Task<StreamedChatCompletion> CollectAsync(AsyncCollectionResult<StreamingChatCompletionUpdate> updates,
        Action<string>? onDelta = null, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
        => CollectCoreAsync(updates, StreamCollector.Sync(onDelta), timeProvider, cancellationToken);

    /// <summary>
    /// Like <see cref="CollectAsync(AsyncCollectionResult{StreamingChatCompletionUpdate}, Action{string}, TimeProvider, CancellationToken)"/>,
    /// awaiting <paramref name="onDeltaAsync"/> for each delta (a write to a response, a hub, a socket) before reading the next.
    /// </summary>
    public static Task<StreamedChatCompletion> CollectAsync(AsyncCollectionResult<StreamingChatCompletionUpdate> updates,
        Func<string, CancellationToken, ValueTask> onDeltaAsync, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        if (onDeltaAsync is null)
            throw new ArgumentNullException(nameof(onDeltaAsync));
        return CollectCoreAsync(updates, onDeltaAsync, timeProvider, cancellationToken);
    }

    private static async Task<StreamedChatCompletion> CollectCoreAsync(AsyncCollectionResult<StreamingChatCompletionUpdate> updates,
        Func<string, CancellationToken, ValueTask>? onDelta, TimeProvider? timeProvider, CancellationToken cancellationToken)
    {
        if (updates is null)
            throw new ArgumentNullException(nameof(updates));

        var time = timeProvider ?? TimeProvider.System;
        var text = new StringBuilder();
        var started = time.GetTimestamp();
        TimeSpan? first = null;
        ChatFinishReason? finish = null;
        ChatTokenUsage? usage = null;
        string? model = null;
        string? id = null;
        var count = 0;
        try
        {
            await foreach (var update in updates.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                cancellationToken.ThrowIfCancellationRequested();
                count++;
                model ??= update.Model;
                id ??= update.CompletionId;
                finish = update.FinishReason ?? finish;
                usage = update.Usage ?? usage;
                foreach (var part in update.ContentUpdate)
                {
                    if (string.IsNullOrEmpty(part.Text))
                        continue;
                    first ??= time.GetElapsedTime(started);
                    text.Append(part.Text);
                    if (onDelta is not null)
                        await onDelta(part.Text, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException canceled) when (cancellationToken.IsCancellationRequested)
        {
            throw new StreamCanceledException(text.ToString(), cancellationToken, canceled);
        }
        catch (System.IO.IOException broken)
        {
            throw new StreamInterruptedException($"The chat stream broke after {count} updates: {broken.Message}", text.ToString(), broken);
        }

        // A completed stream always ends with a finish reason and (the SDK requests it) usage; default defensively.
        return new StreamedChatCompletion(text.ToString(), finish ?? ChatFinishReason.Stop, usage ?? OpenAIChatModelFactory.ChatTokenUsage(),
            model, id, first, time.GetElapsedTime(started));
    }
}
