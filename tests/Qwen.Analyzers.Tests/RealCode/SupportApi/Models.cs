using System.Text.Json.Serialization;

namespace SupportApi.Models;

public sealed record SuggestReplyRequest(string CustomerMessage);

public sealed record SuggestReplyResponse(int TicketId, string Reply);

public sealed record TicketLabel(string Category, string Priority);

/// <summary>The OpenAI-compatible request body; member names come from the serializer's snake_case policy.</summary>
public sealed class ChatCompletionRequest
{
    public string Model { get; set; } = "qwen-plus";
    public List<ChatTurn> Messages { get; set; } = new();
    public double? Temperature { get; set; }
    public int? MaxTokens { get; set; }
    public bool? Stream { get; set; }
    public ResponseFormat? ResponseFormat { get; set; }
}

public sealed record ChatTurn(string Role, string Content);

public sealed record ResponseFormat(string Type);

public sealed class ChatCompletionResponse
{
    [JsonPropertyName("choices")]
    public List<Choice> Choices { get; set; } = new();

    public sealed class Choice
    {
        [JsonPropertyName("message")]
        public ChatTurn Message { get; set; } = new("assistant", "");
    }
}
