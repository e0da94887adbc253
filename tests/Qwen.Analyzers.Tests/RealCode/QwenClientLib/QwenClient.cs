using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Acme.Qwen;

public interface IQwenClient
{
    Task<string> ChatAsync(IReadOnlyList<Message> messages, CancellationToken cancellationToken = default);

    IAsyncEnumerable<string> ChatStreamingAsync(IReadOnlyList<Message> messages, CancellationToken cancellationToken = default);

    Task<Uri> SynthesizeSpeechAsync(string text, CancellationToken cancellationToken = default);
}

/// <summary>
/// A small SDK-style client over the native DashScope API: the library offers a non-streaming method and its
/// streaming twin, and lets the caller choose.
/// </summary>
public sealed class QwenClient : IQwenClient
{
    private const string GenerationPath = "api/v1/services/aigc/text-generation/generation";
    private const string MultimodalPath = "api/v1/services/aigc/multimodal-generation/generation";

    private readonly HttpClient _http;
    private readonly QwenClientOptions _options;

    public QwenClient(HttpClient http, IOptions<QwenClientOptions> options)
    {
        _options = options.Value;
        _http = http;
        _http.BaseAddress = _options.BaseAddress;
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey);
    }

    public async Task<string> ChatAsync(IReadOnlyList<Message> messages, CancellationToken cancellationToken = default)
    {
        var request = CreateRequest(messages);
        using var response = await _http.PostAsJsonAsync(GenerationPath, request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<GenerationResponse>(cancellationToken);
        return body!.Output.Choices[0].Message.Content;
    }

    public async IAsyncEnumerable<string> ChatStreamingAsync(IReadOnlyList<Message> messages, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = CreateRequest(messages);
        request.Parameters.IncrementalOutput = true;
        using var message = new HttpRequestMessage(HttpMethod.Post, GenerationPath) { Content = JsonContent.Create(request) };
        message.Headers.Add("X-DashScope-SSE", "enable");
        using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (!line.StartsWith("data:", StringComparison.Ordinal))
                continue;
            var chunk = JsonSerializer.Deserialize<GenerationResponse>(line[5..]);
            if (chunk?.Output.Choices.FirstOrDefault()?.Message.Content is { Length: > 0 } delta)
                yield return delta;
        }
    }

    public async Task<Uri> SynthesizeSpeechAsync(string text, CancellationToken cancellationToken = default)
    {
        var request = new SpeechRequest { Input = new SpeechInput { Text = text } };
        using var response = await _http.PostAsJsonAsync(MultimodalPath, request, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return new Uri(json.RootElement.GetProperty("output").GetProperty("audio").GetProperty("url").GetString()!);
    }

    private GenerationRequest CreateRequest(IReadOnlyList<Message> messages) => new()
    {
        Model = _options.Model,
        Input = new GenerationInput { Messages = messages.ToList() },
        Parameters = new GenerationParameters { MaxTokens = _options.MaxTokens },
    };
}
