namespace Qwen.Simulator;

/// <summary>
/// How an injected fault (<see cref="FaultPlans"/>, <c>X-Sim-Fault</c>, <see cref="SimulatorOptions.Fault"/>) answers a
/// request that is not a stream: an error status, a connection lost before or during the body, or an answer that never
/// comes. Model requests and task requests alike.
/// </summary>
public static class Faults
{
    /// <summary>
    /// Answers a request with its fault before any work when the fault is one of those (429, 500, drop-early, stall);
    /// false when there is none to write now (no fault, or one that strikes later: drop-mid, malformed).
    /// </summary>
    public static async Task<bool> TryWriteEarlyAsync(HttpContext context, SimulatorState state, string? fault, bool native)
    {
        switch (fault)
        {
            case "429" or "500":
                state.Stats.Fault();
                await WriteStatusAsync(context, fault, native);
                return true;
            case "drop-early":
                state.Stats.Fault();
                context.Abort();
                return true;
            case "stall":
                state.Stats.Fault();
                await StallAsync(context);
                return true;
            default:
                return false;
        }
    }

    public static async Task WriteStatusAsync(HttpContext context, string fault, bool native)
    {
        context.Response.Headers["Retry-After"] = "1";
        if (fault == "429")
        {
            if (native)
                await Wire.NativeErrorAsync(context, 429, "Throttling.RateQuota", "Requests rate limit exceeded, please try again later.");
            else
                await Wire.CompatibleErrorAsync(context, 429, "limit_requests", "Requests rate limit exceeded, please try again later.", "limit_requests");
        }
        else if (native)
        {
            await Wire.NativeErrorAsync(context, 500, "InternalError", "An internal error has occurred, please try again later.");
        }
        else
        {
            await Wire.CompatibleErrorAsync(context, 500, "internal_error", "An internal error has occurred, please try again later.", "internal_error");
        }
    }

    /// <summary>Nothing more comes and the connection stays open, until the client gives up (a timeout, a cancellation).</summary>
    public static async Task StallAsync(HttpContext context)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public static async Task WriteOrAsync(HttpContext context, SimulatorState state, string? fault, bool native, Func<Task> write)
    {
        switch (fault)
        {
            case "drop-mid":
            {
                // Headers and half the body, then the connection is lost: the client's read of the body fails.
                state.Stats.Fault();
                var body = new MemoryStream();
                var original = context.Response.Body;
                context.Response.Body = body;
                await write();
                context.Response.Body = original;
                var bytes = body.ToArray();
                context.Response.ContentLength = bytes.Length;
                await original.WriteAsync(bytes.AsMemory(0, bytes.Length / 2));
                await original.FlushAsync();
                await Task.Delay(100);
                context.Abort();
                return;
            }

            case "drop":
                state.Stats.Fault();
                context.Abort();
                return;
            case "malformed":
                state.Stats.Fault();
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(native ? "{\"output\":{\"text\":\"trunc" : "{\"id\":\"chatcmpl-x\",\"choices\":[{\"message\":");
                return;
            default:
                await write();
                return;
        }
    }
}
