using System;
using System.Collections.Generic;
using Microsoft.SemanticKernel;

namespace Qwen.Latency;

/// <summary>
/// Qwen request fields (<c>enable_thinking</c>, <c>thinking_budget</c>, …) written where Semantic Kernel's OpenAI
/// connector sends them: <c>OpenAIPromptExecutionSettings.ExtraBody</c> (experimental, SKEXP0010: set here so callers
/// need no suppression), or for base <see cref="PromptExecutionSettings"/> the <c>extra_body</c> entry of
/// <see cref="PromptExecutionSettings.ExtensionData"/>, which the connector maps. A plain
/// <c>ExtensionData["enable_thinking"]</c> is dropped before the wire.
/// </summary>
public static class SemanticKernelRequestFields
{
    /// <summary>Turns thinking off: <c>"enable_thinking": false</c>.</summary>
    public static TSettings WithoutThinking<TSettings>(this TSettings settings) where TSettings : PromptExecutionSettings
        => settings.WithQwenField("enable_thinking", false);

    /// <summary>Caps the reasoning trace: <c>"thinking_budget": tokens</c>.</summary>
    public static TSettings WithThinkingBudget<TSettings>(this TSettings settings, int tokens) where TSettings : PromptExecutionSettings
        => settings.WithQwenField("thinking_budget", tokens);

    /// <summary>Sends <c>"name": value</c> at the top of the request body.</summary>
    /// <exception cref="InvalidOperationException">The settings are frozen (already used by a function).</exception>
    public static TSettings WithQwenField<TSettings>(this TSettings settings, string name, object value) where TSettings : PromptExecutionSettings
    {
        if (settings is null)
            throw new ArgumentNullException(nameof(settings));
        if (settings.IsFrozen)
            throw new InvalidOperationException("PromptExecutionSettings are frozen once a function uses them; set Qwen fields before.");

        // OpenAIPromptExecutionSettings (and its Azure subclass) send ExtraBody; bound by name so this package needs
        // only the abstractions.
        var extraBody = settings.GetType().GetProperty("ExtraBody");
        if (extraBody is not null && extraBody.PropertyType == typeof(IDictionary<string, object?>) && extraBody.CanWrite)
        {
            var body = (IDictionary<string, object?>?)extraBody.GetValue(settings);
            if (body is null)
            {
                body = new Dictionary<string, object?>();
                extraBody.SetValue(settings, body);
            }

            body[name] = value;
            return settings;
        }

        var data = settings.ExtensionData ??= new Dictionary<string, object>();
        if (!data.TryGetValue("extra_body", out var existing) || existing is not IDictionary<string, object?> extra)
        {
            extra = new Dictionary<string, object?>();
            data["extra_body"] = extra;
        }

        extra[name] = value;
        return settings;
    }
}
