using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Qwen.Latency;

/// <summary>
/// Streaming for Microsoft.Extensions.AI's <c>IChatClient</c> over the OpenAI SDK (<c>chatClient.AsIChatClient()</c>):
/// the streamed request, collected into the <c>ChatResponse</c> the non-streamed <c>GetResponseAsync</c> returns, with
/// that call's failure behaviour. <c>ToChatResponseAsync</c> reads one stream and fails at the first lost connection,
/// where the non-streamed call is retried by the OpenAI client's retry policy.
/// </summary>
public static class ChatClientStreaming
{
    /// <summary>
    /// Starts the streamed request <paramref name="request"/> makes (<c>() =&gt; chat.GetStreamingResponseAsync(…)</c>)
    /// and returns the response <c>GetResponseAsync</c> would have: a stream that breaks mid-answer is requested again up
    /// to <paramref name="maxRetries"/> times (the OpenAI client's own number: <see cref="StreamRetries"/>). Error
    /// statuses and cancellation surface as the inner client raises them.
    /// </summary>
    public static Task<ChatResponse> CollectAsync(Func<IAsyncEnumerable<ChatResponseUpdate>> request, int maxRetries = StreamRetries.DefaultMaxRetries,
        CancellationToken cancellationToken = default)
    {
        if (request is null)
            throw new ArgumentNullException(nameof(request));
        return StreamRetries.RunAsync(async ct =>
        {
            var updates = new List<ChatResponseUpdate>();
            await foreach (var update in request().WithCancellation(ct).ConfigureAwait(false))
                updates.Add(update);
            return updates.ToChatResponse();
        }, maxRetries, cancellationToken);
    }
}
