using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Generic;
using System.IO;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace Qwen.Latency;

/// <summary>
/// A pipeline policy for clients that cannot mark a message themselves (Semantic Kernel, whose ChatHistory has no
/// per-part hook): it marks the request's leading system message, when it is a plain string of cacheable length, with
/// <c>cache_control: {"type":"ephemeral"}</c>. Add it to the <c>OpenAIClientOptions</c> of the <c>OpenAIClient</c> you
/// hand to Semantic Kernel (<c>AddOpenAIChatCompletion(modelId, openAIClient)</c>) or to Microsoft.Extensions.AI.
/// </summary>
public sealed class QwenCachePolicy : PipelinePolicy
{
    private readonly int _minimumCharacters;

    /// <summary>Marks system prompts of at least <paramref name="minimumCharacters"/> characters (default 4096, about the 1024-token minimum).</summary>
    public QwenCachePolicy(int minimumCharacters = QwenCache.MinimumTokens * 4) => _minimumCharacters = minimumCharacters;

    /// <inheritdoc/>
    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        Mark(message);
        ProcessNext(message, pipeline, currentIndex);
    }

    /// <inheritdoc/>
    public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        Mark(message);
        return ProcessNextAsync(message, pipeline, currentIndex);
    }

    private void Mark(PipelineMessage message)
    {
        var request = message.Request;
        if (request.Content is null || request.Uri is null || !request.Uri.AbsolutePath.EndsWith("/chat/completions", StringComparison.Ordinal))
            return;

        using var buffer = new MemoryStream();
        request.Content.WriteTo(buffer);
        JsonNode? body;
        try
        {
            body = JsonNode.Parse(buffer.ToArray());
        }
        catch (System.Text.Json.JsonException)
        {
            return;   // not ours to touch
        }

        if (body?["messages"] is not JsonArray { Count: > 0 } messages
            || messages[0] is not JsonObject first
            || first["role"]?.GetValue<string>() is not ("system" or "developer")
            || first["content"] is not JsonValue content
            || !content.TryGetValue<string>(out var text) || text.Length < _minimumCharacters)
        {
            return;
        }

        first["content"] = new JsonArray(new JsonObject
        {
            ["type"] = "text",
            ["text"] = text,
            ["cache_control"] = new JsonObject { ["type"] = "ephemeral" },
        });
        request.Content = BinaryContent.Create(BinaryData.FromString(body.ToJsonString()));
    }
}
