using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using SupportApi.Models;

namespace SupportApi.Services;

public interface IQwenChatService
{
    Task<string> CompleteAsync(string system, string user, CancellationToken cancellationToken = default);

    Task<TicketLabel> ClassifyAsync(string ticketText, CancellationToken cancellationToken = default);
}

/// <summary>A typed HttpClient over DashScope's compatible mode (its base address is set where it is registered).</summary>
public sealed class QwenChatService(HttpClient http, ILogger<QwenChatService> logger) : IQwenChatService
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public async Task<string> CompleteAsync(string system, string user, CancellationToken cancellationToken = default)
    {
        var request = new ChatCompletionRequest
        {
            Model = "qwen-plus",
            Messages = [new ChatTurn("system", system), new ChatTurn("user", user)],
            Temperature = 0.3,
        };

        logger.LogDebug("Asking Qwen ({Chars} characters)", user.Length);
        using var response = await http.PostAsJsonAsync("chat/completions", request, Json, cancellationToken); // expect: QW0001, QW0002
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<ChatCompletionResponse>(Json, cancellationToken);
        return body!.Choices[0].Message.Content;
    }

    public async Task<TicketLabel> ClassifyAsync(string ticketText, CancellationToken cancellationToken = default)
    {
        // A small, capped, parsed answer: nothing to stream, nothing to cap.
        var request = new ChatCompletionRequest
        {
            Model = "qwen-flash",
            Messages = [new ChatTurn("system", "Classify the ticket. Answer with JSON {\"category\":…,\"priority\":…}."), new ChatTurn("user", ticketText)],
            MaxTokens = 40,
            ResponseFormat = new ResponseFormat("json_object"),
        };
        using var response = await http.PostAsJsonAsync("chat/completions", request, Json, cancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<ChatCompletionResponse>(Json, cancellationToken);
        return JsonSerializer.Deserialize<TicketLabel>(body!.Choices[0].Message.Content)!;
    }
}
