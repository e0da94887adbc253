#pragma warning disable SCME0001 // JsonPatch is evaluation-only in the OpenAI SDK: kept inside this helper so callers need no suppression.
using System;
using System.Text;
using OpenAI.Chat;
using MeaiChatMessage = Microsoft.Extensions.AI.ChatMessage;
using MeaiChatRole = Microsoft.Extensions.AI.ChatRole;

namespace Qwen.Latency;

/// <summary>
/// Messages whose static prefix carries Qwen's explicit cache marker, <c>cache_control: {"type":"ephemeral"}</c>, in a
/// form the clients really send. A marker patched onto the only text part of a message is lost (the SDK then sends the
/// content as a plain string); these helpers write the whole <c>content</c> array instead.
/// </summary>
public static class QwenCache
{
    /// <summary>Explicit cache blocks shorter than this many tokens are not cached by the service.</summary>
    public const int MinimumTokens = 1024;

    /// <summary>
    /// An OpenAI SDK system message: <paramref name="staticPrefix"/> marked for the cache, then (unmarked)
    /// <paramref name="dynamicSuffix"/> if given. Put everything that changes between requests in the suffix or later messages.
    /// </summary>
    public static SystemChatMessage SystemMessage(string staticPrefix, string? dynamicSuffix = null)
    {
        if (staticPrefix is null)
            throw new ArgumentNullException(nameof(staticPrefix));
        var message = new SystemChatMessage(dynamicSuffix is null ? staticPrefix : staticPrefix + dynamicSuffix);
        message.Patch.Set("$.content"u8, BinaryData.FromString(ContentJson(staticPrefix, dynamicSuffix)));
        return message;
    }

    /// <summary>
    /// A Microsoft.Extensions.AI system message with the same marker: its <c>RawRepresentation</c> is the OpenAI
    /// message above, which the OpenAI adapter sends as it is (<c>AdditionalProperties</c> would be dropped).
    /// </summary>
    public static MeaiChatMessage ExtensionsAISystemMessage(string staticPrefix, string? dynamicSuffix = null)
        => new(MeaiChatRole.System, dynamicSuffix is null ? staticPrefix : staticPrefix + dynamicSuffix)
        {
            RawRepresentation = SystemMessage(staticPrefix, dynamicSuffix),
        };

    /// <summary>Prompt tokens served from the cache (<c>usage.prompt_tokens_details.cached_tokens</c>); 0 when not reported.</summary>
    public static int CachedTokens(ChatTokenUsage? usage) => usage?.InputTokenDetails?.CachedTokenCount ?? 0;

    /// <summary>Prompt tokens served from the cache, as Microsoft.Extensions.AI reports them; 0 when not reported.</summary>
    public static long CachedTokens(Microsoft.Extensions.AI.UsageDetails? usage) => usage?.CachedInputTokenCount ?? 0;

    private static string ContentJson(string staticPrefix, string? dynamicSuffix)
    {
        var json = new StringBuilder("[{\"type\":\"text\",\"text\":");
        AppendString(json, staticPrefix);
        json.Append(",\"cache_control\":{\"type\":\"ephemeral\"}}");
        if (!string.IsNullOrEmpty(dynamicSuffix))
        {
            json.Append(",{\"type\":\"text\",\"text\":");
            AppendString(json, dynamicSuffix!);
            json.Append('}');
        }

        return json.Append(']').ToString();
    }

    private static void AppendString(StringBuilder json, string value)
        => json.Append(System.Text.Json.JsonSerializer.Serialize(value));
}
