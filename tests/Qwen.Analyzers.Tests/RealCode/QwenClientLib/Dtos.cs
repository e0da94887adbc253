using System.Text.Json.Serialization;

namespace Acme.Qwen;

/// <summary>The native DashScope text-generation request, as the wire spells it.</summary>
public sealed class GenerationRequest
{
    [JsonPropertyName("model")]
    public string Model { get; set; } = "";

    [JsonPropertyName("input")]
    public GenerationInput Input { get; set; } = new();

    [JsonPropertyName("parameters")]
    public GenerationParameters Parameters { get; set; } = new();
}

public sealed class GenerationInput
{
    [JsonPropertyName("messages")]
    public List<Message> Messages { get; set; } = new();
}

public sealed record Message([property: JsonPropertyName("role")] string Role, [property: JsonPropertyName("content")] string Content);

public sealed class GenerationParameters
{
    [JsonPropertyName("result_format")]
    public string ResultFormat { get; set; } = "message";

    [JsonPropertyName("max_tokens")]
    public int? MaxTokens { get; set; }

    [JsonPropertyName("incremental_output")]
    public bool? IncrementalOutput { get; set; }
}

public sealed class GenerationResponse
{
    [JsonPropertyName("output")]
    public GenerationOutput Output { get; set; } = new();
}

public sealed class GenerationOutput
{
    [JsonPropertyName("choices")]
    public List<GenerationChoice> Choices { get; set; } = new();
}

public sealed class GenerationChoice
{
    [JsonPropertyName("message")]
    public Message Message { get; set; } = new("assistant", "");
}

/// <summary>The speech-synthesis request (Qwen TTS on the multimodal endpoint).</summary>
public sealed class SpeechRequest
{
    [JsonPropertyName("model")]
    public string Model { get; set; } = "qwen3-tts-flash";

    [JsonPropertyName("input")]
    public SpeechInput Input { get; set; } = new();
}

public sealed class SpeechInput
{
    [JsonPropertyName("text")]
    public string Text { get; set; } = "";

    [JsonPropertyName("voice")]
    public string Voice { get; set; } = "Cherry";
}
