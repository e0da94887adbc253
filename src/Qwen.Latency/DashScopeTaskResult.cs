using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Qwen.Latency;

/// <summary>A DashScope task that succeeded: its status, output and the URLs of what it made. Nothing to dispose.</summary>
public sealed class DashScopeTaskResult
{
    internal DashScopeTaskResult(string taskId, JsonElement json)
    {
        TaskId = taskId;
        Json = json;
        Output = json.TryGetProperty("output", out var output) ? output : default;
        Status = Output.ValueKind == JsonValueKind.Object && Output.TryGetProperty("task_status", out var status) ? status.GetString() ?? "" : "";
        Urls = ReadUrls(Output);
    }

    /// <summary>The task's id (<c>output.task_id</c>).</summary>
    public string TaskId { get; }

    /// <summary><c>output.task_status</c>: <c>SUCCEEDED</c>.</summary>
    public string Status { get; }

    /// <summary>The task endpoint's whole answer (a detached copy).</summary>
    public JsonElement Json { get; }

    /// <summary><c>output</c>: results, task metrics, and the model's fields.</summary>
    public JsonElement Output { get; }

    /// <summary>
    /// What the task made, in order: <c>output.results[].url</c> (images; a failed image of several has none),
    /// <c>output.video_url</c>, <c>output.result_url</c>. Download them promptly: the service keeps them about 24 hours.
    /// </summary>
    public IReadOnlyList<Uri> Urls { get; }

    private static IReadOnlyList<Uri> ReadUrls(JsonElement output)
    {
        var urls = new List<Uri>();
        if (output.ValueKind != JsonValueKind.Object)
            return urls;
        if (output.TryGetProperty("results", out var results) && results.ValueKind == JsonValueKind.Array)
        {
            foreach (var result in results.EnumerateArray())
                Add(result, "url", urls);
        }

        Add(output, "video_url", urls);
        Add(output, "result_url", urls);
        return urls;
    }

    private static void Add(JsonElement element, string name, List<Uri> urls)
    {
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            && Uri.TryCreate(value.GetString(), UriKind.Absolute, out var uri))
        {
            urls.Add(uri);
        }
    }
}
