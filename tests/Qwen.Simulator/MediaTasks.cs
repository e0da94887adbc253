using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Qwen.Simulator;

/// <summary>One asynchronous image or video task.</summary>
public sealed record MediaTask(string Id, string ApiKey, string Model, bool IsVideo, double SubmittedMs, double RenderMs, int Count, bool Fails, string Prompt, bool PromptExtend);

/// <summary>
/// DashScope's asynchronous task pattern: submit with <c>X-DashScope-Async: enable</c>, get <c>output.task_id</c>,
/// poll <c>GET /api/v1/tasks/{id}</c>: PENDING (queued) → RUNNING (rendering) → SUCCEEDED or FAILED. Task queries are
/// limited to <see cref="SimulatorOptions.TaskQueriesPerSecond"/> per API key in any simulated second.
/// </summary>
public sealed class MediaTasks
{
    private readonly ConcurrentDictionary<string, MediaTask> _tasks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Queue<double>> _queries = new(StringComparer.Ordinal);

    public async Task SubmitAsync(HttpContext context, SimulatorState state, bool isVideo)
    {
        if (!string.Equals(context.Request.Headers["X-DashScope-Async"], "enable", StringComparison.OrdinalIgnoreCase))
        {
            state.Stats.Error();
            await Wire.NativeErrorAsync(context, 403, "AccessDenied", "current user api does not support synchronous calls");
            return;
        }

        var (body, error) = await Wire.ReadJsonAsync(context.Request);
        if (body is null)
        {
            state.Stats.Error();
            await Wire.NativeErrorAsync(context, 400, "InvalidParameter", error!);
            return;
        }

        var model = Wire.ReadString(body["model"]);
        if (!LatencyModel.IsMediaModel(model))
        {
            state.Stats.Error();
            await Wire.NativeErrorAsync(context, 400, "InvalidParameter", "Model not exist.");
            return;
        }

        var input = body["input"] as JsonObject;
        var prompt = Wire.ReadString(input?["prompt"]) ?? Wire.ReadString(input?["messages"]?[0]?["content"]?[0]?["text"]);
        if (string.IsNullOrEmpty(prompt))
        {
            state.Stats.Error();
            await Wire.NativeErrorAsync(context, 400, "InvalidParameter", "input.prompt is required.");
            return;
        }

        var parameters = body["parameters"] as JsonObject ?? new JsonObject();
        var promptExtend = Wire.ReadBool(parameters["prompt_extend"]) ?? true;   // on unless turned off
        double render;
        var count = 1;
        if (isVideo)
        {
            if (Wire.ReadString(parameters["shot_type"]) == "multi" && !promptExtend)
            {
                state.Stats.Error();
                await Wire.NativeErrorAsync(context, 400, "InvalidParameter", "shot_type multi requires prompt_extend to be true.");
                return;
            }

            var resolution = Wire.ReadString(parameters["resolution"]) ?? ResolutionOf(Wire.ReadString(parameters["size"])) ?? "1080P";
            render = LatencyModel.VideoRenderMs(Wire.ReadInt(parameters["duration"]) ?? 5, resolution, promptExtend);
        }
        else
        {
            var (width, height) = ParseSize(Wire.ReadString(parameters["size"]), model!);
            count = Wire.ReadInt(parameters["n"]) ?? DefaultImageCount(model!);
            render = LatencyModel.ImageRenderMs(width, height, count, promptExtend);
        }

        var fault = state.TakeFault(context.Request);
        if (await Faults.TryWriteEarlyAsync(context, state, fault, native: true))
            return;
        var task = new MediaTask(Guid.NewGuid().ToString(), Wire.ApiKey(context.Request) ?? "", model!, isVideo, state.Clock.NowMs, render, count,
            prompt.Contains("[fail]", StringComparison.OrdinalIgnoreCase), prompt, promptExtend);
        _tasks[task.Id] = task;
        state.Stats.TaskSubmitted();
        context.Response.Headers["X-Sim-Render-Ms"] = render.ToString("F0", System.Globalization.CultureInfo.InvariantCulture);
        // Lost mid-answer: the task exists, the client never learns its id.
        await Faults.WriteOrAsync(context, state, fault, native: true, () => Wire.WriteJsonAsync(context, 200, new JsonObject
        {
            ["output"] = new JsonObject { ["task_id"] = task.Id, ["task_status"] = "PENDING" },
            ["request_id"] = Guid.NewGuid().ToString(),
        }));
    }

    public async Task QueryAsync(HttpContext context, SimulatorState state, string id)
    {
        var key = Wire.ApiKey(context.Request) ?? "";
        var now = state.Clock.NowMs;
        state.Calls.TaskQueried(key);
        if (!Admit(key, now, state.Options.TaskQueriesPerSecond))
        {
            state.Stats.Throttled();
            // One simulated second, in real seconds (Retry-After takes whole seconds).
            context.Response.Headers["Retry-After"] = Math.Round(state.Options.TimeScale).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await Wire.NativeErrorAsync(context, 429, "Throttling.RateQuota", "Requests rate limit exceeded, please try again later.");
            return;
        }

        state.Stats.TaskQueried();
        var fault = state.TakeFault(context.Request);
        if (await Faults.TryWriteEarlyAsync(context, state, fault, native: true))
            return;
        if (!_tasks.TryGetValue(id, out var task) || task.ApiKey != key)
        {
            await Wire.WriteJsonAsync(context, 200, new JsonObject
            {
                ["output"] = new JsonObject { ["task_id"] = id, ["task_status"] = "UNKNOWN" },
                ["request_id"] = Guid.NewGuid().ToString(),
            });
            return;
        }

        var elapsed = now - task.SubmittedMs;
        var status = elapsed < LatencyModel.QueueMs ? "PENDING"
            : elapsed < LatencyModel.QueueMs + task.RenderMs ? "RUNNING"
            : task.Fails ? "FAILED" : "SUCCEEDED";
        var output = new JsonObject { ["task_id"] = task.Id, ["task_status"] = status };
        if (status == "SUCCEEDED")
        {
            if (task.IsVideo)
            {
                output["video_url"] = $"https://dashscope-result-sim.example/{task.Id}.mp4";
            }
            else
            {
                var results = new JsonArray();
                for (var i = 0; i < task.Count; i++)
                {
                    var result = new JsonObject { ["url"] = $"https://dashscope-result-sim.example/{task.Id}-{i}.png", ["orig_prompt"] = task.Prompt };
                    if (task.PromptExtend)
                        result["actual_prompt"] = task.Prompt + ", highly detailed, soft light";
                    results.Add(result);
                }

                output["results"] = results;
                output["task_metrics"] = new JsonObject { ["TOTAL"] = task.Count, ["SUCCEEDED"] = task.Count, ["FAILED"] = 0 };
            }
        }
        else if (status == "FAILED")
        {
            output["code"] = "InternalError.Algo";
            output["message"] = "The generation failed.";
        }

        await Faults.WriteOrAsync(context, state, fault, native: true, () => Wire.WriteJsonAsync(context, 200, new JsonObject { ["output"] = output, ["request_id"] = Guid.NewGuid().ToString() }));
    }

    /// <summary>A sliding one-second (simulated) window per API key.</summary>
    private bool Admit(string key, double nowMs, int perSecond)
    {
        var window = _queries.GetOrAdd(key, _ => new Queue<double>());
        lock (window)
        {
            while (window.Count > 0 && window.Peek() <= nowMs - 1000)
                window.Dequeue();
            if (window.Count >= perSecond)
                return false;
            window.Enqueue(nowMs);
            return true;
        }
    }

    private static int DefaultImageCount(string model) => model.StartsWith("wan2.6", StringComparison.OrdinalIgnoreCase) || model.StartsWith("wan2.7", StringComparison.OrdinalIgnoreCase) ? 4 : 1;

    private static (int Width, int Height) ParseSize(string? size, string model)
    {
        var parts = size?.Split('*', 'x');
        if (parts is { Length: 2 } && int.TryParse(parts[0], out var w) && int.TryParse(parts[1], out var h))
            return (w, h);
        if (model.StartsWith("qwen-image", StringComparison.OrdinalIgnoreCase))
            return (1328, 1328);
        return model.StartsWith("wan2.6", StringComparison.OrdinalIgnoreCase) ? (1280, 1280) : (1024, 1024);
    }

    private static string? ResolutionOf(string? size)
    {
        var parts = size?.Split('*', 'x');
        if (parts is not { Length: 2 } || !int.TryParse(parts[0], out var w) || !int.TryParse(parts[1], out var h))
            return null;
        var shorter = Math.Min(w, h);
        return shorter <= 480 ? "480P" : shorter <= 720 ? "720P" : "1080P";
    }
}
