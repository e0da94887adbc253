using System;

namespace Qwen.Analyzers.ApiModel;

/// <summary>
/// Qwen Cloud model families by name prefix (the API facts advise prefixes, not fixed lists: new snapshots and sizes
/// appear every month). Used only where the endpoint does not already say what a request does.
/// </summary>
internal static class Models
{
    /// <summary>What a model name says about the request, or <see cref="CallKind.Unknown"/> when it says nothing known.</summary>
    public static CallKind KindOf(string? model)
    {
        if (string.IsNullOrEmpty(model))
            return CallKind.Unknown;
        var name = model!.ToLowerInvariant();
        if (Starts(name, "qwen3-tts", "qwen-tts", "cosyvoice", "sambert"))
            return CallKind.SpeechSynthesis;
        if (Starts(name, "qwen3-asr", "qwen-asr", "paraformer", "sensevoice", "fun-asr", "gummy"))
            return CallKind.SpeechRecognition;
        if (Starts(name, "text-embedding", "multimodal-embedding", "qwen3-embedding", "qwen3-rerank", "gte-rerank"))
            return CallKind.Embedding;
        if (name.StartsWith("wan", StringComparison.Ordinal))
            return IsVideoModel(name) ? CallKind.VideoGeneration : CallKind.ImageGeneration;
        if (Starts(name, "qwen-image", "z-image", "flux", "stable-diffusion", "qwen-mt-image"))
            return CallKind.ImageGeneration;
        if (Starts(name, "qwen", "qwq", "qvq", "deepseek", "kimi", "glm", "moonshot", "llama", "baichuan", "yi-"))
            return CallKind.Chat;
        return CallKind.Unknown;
    }

    /// <summary>Wan video models: text/image/reference to video, keyframes, VACE editing.</summary>
    private static bool IsVideoModel(string name)
        => name.Contains("t2v") || name.Contains("i2v") || name.Contains("r2v") || name.Contains("kf2v") || name.Contains("vace") || name.Contains("video") || name.Contains("animate") || name.Contains("s2v");

    private static bool Starts(string name, params string[] prefixes)
    {
        foreach (var prefix in prefixes)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
                return true;
        }

        return false;
    }
}
