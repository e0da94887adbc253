using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Shop.Infrastructure;

public sealed record ChatMessageDto(
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("content")] string Content);

public sealed class ChatRequestDto
{
    [JsonPropertyName("model")] public string Model { get; set; } = "qwen-plus";
    [JsonPropertyName("messages")] public List<ChatMessageDto> Messages { get; set; } = new();
    [JsonPropertyName("max_tokens")] public int? MaxTokens { get; set; }
}

/// <summary>The shop's one way to Qwen: a typed HttpClient registered by the web project.</summary>
public interface IDashScopeChat
{
    Task<string> CompleteAsync(string system, string user, CancellationToken cancellationToken = default);
}

public sealed class DashScopeChat(HttpClient http) : IDashScopeChat
{
    private const string Endpoint = "https://dashscope-intl.aliyuncs.com/compatible-mode/v1/chat/completions";

    public async Task<string> CompleteAsync(string system, string user, CancellationToken cancellationToken = default)
    {
        var request = new ChatRequestDto
        {
            Messages = { new ChatMessageDto("system", system), new ChatMessageDto("user", user) },
        };
        using var response = await http.PostAsJsonAsync(Endpoint, request, cancellationToken); // expect: QW0001
        response.EnsureSuccessStatusCode();
        using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return json.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString() ?? "";
    }
}
