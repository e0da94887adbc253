using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Qwen.Simulator;

/// <summary>Request reading and response writing shared by the endpoints, in the shapes the real service uses.</summary>
public static class Wire
{
    public static async Task<(JsonObject? Body, string? Error)> ReadJsonAsync(HttpRequest request)
    {
        string text;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
            text = await reader.ReadToEndAsync();
        try
        {
            return JsonNode.Parse(text) is JsonObject body ? (body, null) : (null, "The request body must be a JSON object.");
        }
        catch (JsonException e)
        {
            return (null, "The request body is not valid JSON: " + e.Message);
        }
    }

    public static string NewId(string prefix) => prefix + Guid.NewGuid().ToString("N")[..24];

    /// <summary>An OpenAI-compatible error: <c>{"error":{"message","type","param","code"}}</c>.</summary>
    public static Task CompatibleErrorAsync(HttpContext context, int status, string code, string message, string type = "invalid_request_error")
        => WriteJsonAsync(context, status, new JsonObject
        {
            ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["param"] = null, ["code"] = code },
            ["request_id"] = NewId(""),
        });

    /// <summary>A native DashScope error: <c>{"code","message","request_id"}</c>.</summary>
    public static Task NativeErrorAsync(HttpContext context, int status, string code, string message)
        => WriteJsonAsync(context, status, new JsonObject { ["code"] = code, ["message"] = message, ["request_id"] = NewId("") });

    public static async Task WriteJsonAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    /// <summary>Writes one SSE event and flushes it, counting its bytes.</summary>
    /// <summary>Where a request's streamed byte count is kept, for its entry in the call log.</summary>
    public const string StreamBytesKey = "sim.stream-bytes";

    public static async Task WriteEventAsync(HttpContext context, SimStats stats, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        stats.StreamBytes(bytes.Length);
        context.Items[StreamBytesKey] = (context.Items[StreamBytesKey] as long? ?? 0) + bytes.Length;
        await context.Response.Body.WriteAsync(bytes);
        await context.Response.Body.FlushAsync();
    }

    public static int? ReadInt(JsonNode? node)
        => node is JsonValue value && value.TryGetValue<int>(out var i) ? i
         : node is JsonValue d && d.TryGetValue<double>(out var f) ? (int)f
         : null;

    public static bool? ReadBool(JsonNode? node) => node is JsonValue value && value.TryGetValue<bool>(out var b) ? b : null;

    public static string? ReadString(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;

    public static IReadOnlyList<string> ReadStop(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var s) => new[] { s },
        JsonArray array => array.Select(ReadString).Where(s => s is not null).Select(s => s!).ToArray(),
        _ => Array.Empty<string>(),
    };

    /// <summary>The bearer key of the request; null when absent.</summary>
    public static string? ApiKey(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }
}
