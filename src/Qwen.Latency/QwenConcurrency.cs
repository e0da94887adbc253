using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace Qwen.Latency;

/// <summary>
/// Ordered, bounded concurrency for independent LLM calls: one call per item, at most <c>maxConcurrency</c> in flight,
/// results in input order. The first failure cancels the rest and is rethrown as it was (not wrapped).
/// </summary>
public static class QwenConcurrency
{
    /// <summary>Runs <paramref name="selector"/> for every item, at most <paramref name="maxConcurrency"/> at a time; results keep the input order.</summary>
    public static Task<TResult[]> SelectConcurrentlyAsync<TSource, TResult>(IEnumerable<TSource> source, Func<TSource, Task<TResult>> selector, int maxConcurrency, CancellationToken cancellationToken = default)
    {
        if (selector is null)
            throw new ArgumentNullException(nameof(selector));
        return SelectConcurrentlyAsync(source, (item, _) => selector(item), maxConcurrency, cancellationToken);
    }

    /// <summary>
    /// Like <see cref="SelectConcurrentlyAsync{TSource, TResult}(IEnumerable{TSource}, Func{TSource, Task{TResult}}, int, CancellationToken)"/>;
    /// the selector gets a token that is canceled when another item fails or <paramref name="cancellationToken"/> is.
    /// </summary>
    public static async Task<TResult[]> SelectConcurrentlyAsync<TSource, TResult>(IEnumerable<TSource> source, Func<TSource, CancellationToken, Task<TResult>> selector, int maxConcurrency, CancellationToken cancellationToken = default)
    {
        if (source is null)
            throw new ArgumentNullException(nameof(source));
        if (selector is null)
            throw new ArgumentNullException(nameof(selector));
        if (maxConcurrency < 1)
            throw new ArgumentOutOfRangeException(nameof(maxConcurrency), maxConcurrency, "At least one call must be allowed.");

        var items = source is IList<TSource> list ? list : new List<TSource>(source);
        var results = new TResult[items.Count];
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var next = -1;
        ExceptionDispatchInfo? firstFailure = null;

        async Task WorkAsync()
        {
            // Each worker takes the next unclaimed index until none is left or something failed.
            while (!stop.IsCancellationRequested)
            {
                var index = Interlocked.Increment(ref next);
                if (index >= items.Count)
                    return;
                try
                {
                    results[index] = await selector(items[index], stop.Token).ConfigureAwait(false);
                }
                catch (Exception exception)
                {
                    if (Interlocked.CompareExchange(ref firstFailure, ExceptionDispatchInfo.Capture(exception), null) is null)
                        stop.Cancel();
                    return;
                }
            }
        }

        var workers = new Task[Math.Min(maxConcurrency, Math.Max(1, items.Count))];
        for (var i = 0; i < workers.Length; i++)
            workers[i] = Task.Run(WorkAsync);
        await Task.WhenAll(workers).ConfigureAwait(false);

        // The first failure, as the item raised it: a failure wins over the cancellation it caused, and the caller's own
        // cancellation surfaces as the exception the loop's awaited call raised for it (HttpClient's TaskCanceledException).
        firstFailure?.Throw();
        cancellationToken.ThrowIfCancellationRequested();
        return results;
    }

    /// <summary>Runs <paramref name="body"/> for every item, at most <paramref name="maxConcurrency"/> at a time.</summary>
    public static Task ForEachConcurrentlyAsync<TSource>(IEnumerable<TSource> source, Func<TSource, Task> body, int maxConcurrency, CancellationToken cancellationToken = default)
    {
        if (body is null)
            throw new ArgumentNullException(nameof(body));
        return ForEachConcurrentlyAsync(source, (item, _) => body(item), maxConcurrency, cancellationToken);
    }

    /// <summary>
    /// Like <see cref="ForEachConcurrentlyAsync{TSource}(IEnumerable{TSource}, Func{TSource, Task}, int, CancellationToken)"/>;
    /// the body gets a token that is canceled when another item fails or <paramref name="cancellationToken"/> is.
    /// </summary>
    public static Task ForEachConcurrentlyAsync<TSource>(IEnumerable<TSource> source, Func<TSource, CancellationToken, Task> body, int maxConcurrency, CancellationToken cancellationToken = default)
    {
        if (body is null)
            throw new ArgumentNullException(nameof(body));
        return SelectConcurrentlyAsync<TSource, bool>(source, async (item, token) =>
        {
            await body(item, token).ConfigureAwait(false);
            return true;
        }, maxConcurrency, cancellationToken);
    }
}
