using System.Net.Http.Headers;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace BatchJob;

/// <summary>A thin REST client for the native DashScope API, Newtonsoft-based as in many older projects.</summary>
public sealed class DashScopeRest
{
    private readonly HttpClient _http;

    public DashScopeRest(string apiKey)
    {
        _http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
    }

    /// <summary>Builds the native text-generation request (one place for the model and the parameters).</summary>
    private static HttpRequestMessage TextRequest(string system, string user, int maxTokens)
    {
        var body = new JObject
        {
            ["model"] = "qwen-plus",
            ["input"] = new JObject
            {
                ["messages"] = new JArray(
                    new JObject { ["role"] = "system", ["content"] = system },
                    new JObject { ["role"] = "user", ["content"] = user }),
            },
            ["parameters"] = new JObject { ["result_format"] = "message", ["max_tokens"] = maxTokens },
        };
        return new HttpRequestMessage(HttpMethod.Post, DashScopeUrls.TextGeneration)
        {
            Content = new StringContent(body.ToString(Formatting.None), Encoding.UTF8, "application/json"),
        };
    }

    public async Task<string> GenerateAsync(string system, string user, int maxTokens, CancellationToken cancellationToken)
    {
        using var request = TextRequest(system, user, maxTokens);
        using var response = await _http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var json = JObject.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return (string?)json["output"]?["choices"]?[0]?["message"]?["content"] ?? "";
    }

    /// <summary>Streams a long answer as server-sent events.</summary>
    public async Task<string> GenerateStreamedAsync(string system, string user, CancellationToken cancellationToken)
    {
        var body = new JObject
        {
            ["model"] = "qwen-plus",
            ["input"] = new JObject { ["messages"] = new JArray(new JObject { ["role"] = "system", ["content"] = system }, new JObject { ["role"] = "user", ["content"] = user }) },
            ["parameters"] = new JObject { ["result_format"] = "message", ["max_tokens"] = 1500 },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, DashScopeUrls.TextGeneration)
        {
            Content = new StringContent(body.ToString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        request.Headers.Add("X-DashScope-SSE", "enable");
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken); // expect: QW0007
        response.EnsureSuccessStatusCode();
        var text = new StringBuilder();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("data:", StringComparison.Ordinal))
                text.Clear().Append((string?)JObject.Parse(line[5..])["output"]?["choices"]?[0]?["message"]?["content"]);
        }

        return text.ToString();
    }

    public async Task<string> SubmitImageAsync(string prompt, CancellationToken cancellationToken)
    {
        var payload = new
        {
            model = "wan2.2-t2i-flash",
            input = new { prompt },
            parameters = new { size = "1024*1024", n = 1 },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, DashScopeUrls.ImageSynthesis)
        {
            Content = new StringContent(JsonConvert.SerializeObject(payload), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-DashScope-Async", "enable");
        using var response = await _http.SendAsync(request, cancellationToken); // expect: QW0005
        response.EnsureSuccessStatusCode();
        var json = JObject.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return (string)json["output"]!["task_id"]!;
    }

    /// <summary>One look at a task: its status and, when done, the first result's URL.</summary>
    public async Task<(string Status, string? Url)> PollOnceAsync(string taskId, CancellationToken cancellationToken)
    {
        var json = JObject.Parse(await _http.GetStringAsync(DashScopeUrls.Task(taskId), cancellationToken));
        return ((string?)json["output"]?["task_status"] ?? "UNKNOWN", (string?)json["output"]?["results"]?[0]?["url"]);
    }
}
