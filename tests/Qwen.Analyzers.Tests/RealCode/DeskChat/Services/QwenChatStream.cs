using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DeskChat.Services;

public sealed record ChatTurn(string Role, string Content);

public interface IChatStream
{
    Task<string> StreamAsync(IReadOnlyList<ChatTurn> turns, Action<string> onDelta, CancellationToken cancellationToken);
}

/// <summary>The desktop chat's Qwen client: the OpenAI-compatible endpoint, streamed, one delta at a time to the window.</summary>
public sealed class QwenChatStream : IChatStream
{
    private readonly HttpClient _http;
    private readonly string _model;

    public QwenChatStream(HttpClient http, string apiKey, string model = "qwen-plus")
    {
        _http = http;
        _http.BaseAddress ??= new Uri("https://dashscope-intl.aliyuncs.com/compatible-mode/v1/");
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        _model = model;
    }

    public async Task<string> StreamAsync(IReadOnlyList<ChatTurn> turns, Action<string> onDelta, CancellationToken cancellationToken)
    {
        var payload = new
        {
            model = _model,
            stream = true,
            max_tokens = 800,
            messages = turns.Select(t => new { role = t.Role, content = t.Content }).ToArray(),
        };
        var content = new StringContent(JsonSerializer.Serialize(payload), Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync("https://dashscope-intl.aliyuncs.com/compatible-mode/v1/chat/completions", content, cancellationToken); // expect: QW0016
        response.EnsureSuccessStatusCode();

        var answer = new StringBuilder();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(body);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (!line.StartsWith("data:", StringComparison.Ordinal))
                continue;
            var data = line["data:".Length..].Trim();
            if (data == "[DONE]")
                break;
            var delta = JsonNode.Parse(data)?["choices"]?[0]?["delta"]?["content"]?.GetValue<string>();
            if (string.IsNullOrEmpty(delta))
                continue;
            answer.Append(delta);
            onDelta(delta);
        }

        return answer.ToString();
    }
}

/// <summary>The same window's "explain this error" panel, written later by someone who knew about ResponseHeadersRead.</summary>
public sealed class ErrorExplainer(HttpClient http)
{
    public async IAsyncEnumerable<string> ExplainAsync(string error, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://dashscope-intl.aliyuncs.com/api/v1/services/aigc/text-generation/generation")
        {
            Content = JsonContent(new { model = "qwen-plus", input = new { prompt = "Explain this error to a user: " + error }, parameters = new { incremental_output = true, max_tokens = 300 } }),
        };
        request.Headers.Add("X-DashScope-SSE", "enable");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("data:", StringComparison.Ordinal))
                yield return JsonNode.Parse(line[5..])?["output"]?["text"]?.GetValue<string>() ?? "";
        }
    }

    private static StringContent JsonContent(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");
}
