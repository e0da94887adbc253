using System;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Qwen.Latency;

/// <summary>
/// Waits for an asynchronous DashScope task (image or video generation) with exponential backoff, jitter, a deadline,
/// and respect for the task endpoint's rate limit (20 queries a second per account: a 429 waits for <c>Retry-After</c>).
/// </summary>
public static class DashScopeTasks
{
    private static readonly Uri DefaultBase = new("https://dashscope.aliyuncs.com/");

    /// <summary>
    /// Polls <c>GET /api/v1/tasks/{taskId}</c> until the task succeeds and returns its result. Throws
    /// <see cref="DashScopeTaskException"/> when it fails, is canceled or unknown, or the deadline passes; throws
    /// <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> is canceled.
    /// </summary>
    /// <param name="http">A client that sends the account's <c>Authorization: Bearer</c> key.</param>
    /// <param name="taskId">The <c>output.task_id</c> of the submission.</param>
    /// <param name="options">Backoff, jitter, deadline and clock; the defaults follow the latency guide.</param>
    /// <param name="cancellationToken">Stops waiting, and every request and read.</param>
    public static async Task<DashScopeTaskResult> WaitAsync(HttpClient http, string taskId, TaskPollingOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (http is null)
            throw new ArgumentNullException(nameof(http));
        if (string.IsNullOrWhiteSpace(taskId))
            throw new ArgumentException("A task id is required.", nameof(taskId));
        options ??= new TaskPollingOptions();
        options.Validate();

        // An explicit BaseAddress wins: the client may have another base address for other calls.
        var baseAddress = options.BaseAddress ?? http.BaseAddress ?? DefaultBase;
        var url = new Uri(baseAddress, "api/v1/tasks/" + Uri.EscapeDataString(taskId));
        var schedule = new TaskPollingSchedule(options);
        var lastStatus = "PENDING";
        TimeSpan? askedWait = null;

        while (true)
        {
            try
            {
                await schedule.WaitAsync(askedWait, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException timeout)
            {
                throw new DashScopeTaskException(taskId, lastStatus, $"no result within {options.Timeout.TotalSeconds:0.#} s", innerException: timeout);
            }

            askedWait = null;
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            if ((int)response.StatusCode == 429)
            {
                // Throttled: wait at least what the service asks, without growing the step.
                askedWait = response.Headers.RetryAfter?.Delta ?? TimeSpan.Zero;
                continue;
            }

            if ((int)response.StatusCode >= 500)
                continue;   // transient: try again within the deadline

            var text = await ReadAsync(response.Content, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
                throw new DashScopeTaskException(taskId, "HTTP " + (int)response.StatusCode, Truncate(text), ReadCode(text));

            using var document = JsonDocument.Parse(text);
            var output = document.RootElement.TryGetProperty("output", out var o) ? o : default;
            lastStatus = output.ValueKind == JsonValueKind.Object && output.TryGetProperty("task_status", out var status) ? status.GetString() ?? "UNKNOWN" : "UNKNOWN";
            switch (lastStatus)
            {
                case "SUCCEEDED":
                    return new DashScopeTaskResult(taskId, document.RootElement.Clone());
                case "PENDING":
                case "RUNNING":
                    continue;
                default:
                    var code = output.ValueKind == JsonValueKind.Object && output.TryGetProperty("code", out var c) ? c.GetString() : null;
                    var message = output.ValueKind == JsonValueKind.Object && output.TryGetProperty("message", out var m) ? m.GetString() : null;
                    throw new DashScopeTaskException(taskId, lastStatus, message ?? "the task did not succeed", code);
            }
        }
    }

    /// <summary>Reads <c>output.task_id</c> from a submission response (<c>X-DashScope-Async: enable</c>) and waits for the task.</summary>
    public static async Task<DashScopeTaskResult> WaitAsync(HttpClient http, HttpResponseMessage submission, TaskPollingOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (submission is null)
            throw new ArgumentNullException(nameof(submission));
        var text = await ReadAsync(submission.Content, cancellationToken).ConfigureAwait(false);
        if (!submission.IsSuccessStatusCode)
            throw new DashScopeTaskException("(not created)", "HTTP " + (int)submission.StatusCode, Truncate(text), ReadCode(text));
        using var document = JsonDocument.Parse(text);
        var taskId = document.RootElement.GetProperty("output").GetProperty("task_id").GetString()!;
        return await WaitAsync(http, taskId, options, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<string> ReadAsync(HttpContent content, CancellationToken cancellationToken)
    {
#if NET8_0_OR_GREATER
        return await content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
#else
        // netstandard2.0 has no cancellable read: cancel between reads at least.
        cancellationToken.ThrowIfCancellationRequested();
        var text = await content.ReadAsStringAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return text;
#endif
    }

    private static string? ReadCode(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text.Substring(0, 300) + "…";
}
