using System;

namespace Qwen.Analyzers.ApiModel;

/// <summary>Whether a chat model writes a reasoning trace before its answer when the request says nothing.</summary>
internal enum ThinkingDefault
{
    /// <summary>Not a model this table knows, or no model visible.</summary>
    Unknown,
    /// <summary>Hybrid, off unless <c>enable_thinking: true</c> (qwen-plus, qwen-flash, qwen-turbo, qwen3-max, commercial Qwen3-VL/Omni), or a model that never thinks (instruct, coder).</summary>
    Off,
    /// <summary>Hybrid, on unless <c>enable_thinking: false</c> (qwen3.5-*, qwen3.6-*, open-source Qwen3).</summary>
    On,
    /// <summary>Thinking-only: cannot be switched off (QwQ, QVQ, <c>-thinking</c> variants).</summary>
    Always,
}

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

    /// <summary>A Qwen model name (<c>qwen*</c>, <c>qwq*</c>, <c>qvq*</c>): a signal that a request goes to Qwen.</summary>
    public static bool IsQwen(string? model)
        => model is not null && Starts(model.ToLowerInvariant(), "qwen", "qwq", "qvq");

    /// <summary>
    /// The thinking default of a chat model, from the API facts table (docs/reference: qwen-api-facts.md, "enable_thinking"):
    /// Qwen3.5 and Qwen3.6 think by default, as do open-source Qwen3 sizes (<c>qwen3-32b</c>, <c>qwen3-235b-a22b</c>);
    /// commercial qwen-plus / flash / turbo / max and qwen3-max do not; QwQ, QVQ and <c>-thinking</c> snapshots always do,
    /// <c>-instruct</c> snapshots and coder models never.
    /// </summary>
    public static ThinkingDefault ThinkingOf(string? model)
    {
        if (string.IsNullOrEmpty(model))
            return ThinkingDefault.Unknown;
        var name = model!.ToLowerInvariant();
        // DeepSeek, Kimi, GLM and the other models DashScope also serves are not Qwen's: their thinking switches are
        // their own (a "-thinking" Kimi is not a Qwen snapshot), and this table says nothing about them.
        if (!IsQwen(name))
            return ThinkingDefault.Unknown;
        if (Starts(name, "qwq", "qvq") || name.Contains("-thinking"))
            return ThinkingDefault.Always;
        if (name.Contains("-instruct") || Starts(name, "qwen3-coder", "qwen2.5", "qwen-coder", "qwen-mt", "qwen-vl", "qwen-omni"))
            return ThinkingDefault.Off;
        if (Starts(name, "qwen3.5", "qwen3.6"))
            return ThinkingDefault.On;
        if (Starts(name, "qwen-plus", "qwen-flash", "qwen-turbo", "qwen-max", "qwen3-max", "qwen3-vl-plus", "qwen3-vl-flash", "qwen3-omni-flash", "qwen-long"))
            return ThinkingDefault.Off;
        // Open-source Qwen3 sizes: qwen3-32b, qwen3-30b-a3b, qwen3-235b-a22b, qwen3-next-80b-a3b.
        if (name.StartsWith("qwen3-", StringComparison.Ordinal) && name.Length > 6 && (char.IsDigit(name[6]) || name.StartsWith("qwen3-next", StringComparison.Ordinal)))
            return ThinkingDefault.On;
        return ThinkingDefault.Unknown;
    }

    /// <summary>
    /// False for media models the API gives no <c>prompt_extend</c> parameter (so QW0005 has nothing to turn off): the
    /// legacy <c>wanx-v1</c> text-to-image model, the single-purpose image tools (style repaint, cosplay, sketch,
    /// background, outpainting, posters) and image translation (<c>qwen-mt-image</c>). True for every other name,
    /// including a name this table does not know.
    /// </summary>
    public static bool HasPromptExtend(string model)
        => !Starts(model.ToLowerInvariant(), "wanx-v1", "wanx-style-repaint", "wanx-style-cosplay", "wanx-sketch-to-image", "wanx-background-generation",
            "wanx-x-painting", "wanx-poster-generation", "image-out-painting", "qwen-mt-image");

    /// <summary>
    /// A model whose answer is long by design (a deep-research report, written over minutes with its own plan): a cap
    /// would cut the report, not bound a runaway answer, so QW0001 gives no cap advice.
    /// </summary>
    public static bool IsLongByDesign(string? model)
        => model is not null && model.IndexOf("deep-research", StringComparison.OrdinalIgnoreCase) >= 0;

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
