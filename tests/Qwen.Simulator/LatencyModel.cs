namespace Qwen.Simulator;

/// <summary>Speed and defaults of one model family.</summary>
/// <param name="BaseTtftMs">Fixed part of the time to first token: network, queueing, scheduling.</param>
/// <param name="PrefillMsPerToken">Prefill cost of each uncached input token.</param>
/// <param name="DecodeMsPerToken">Time per generated token (reasoning or answer).</param>
/// <param name="ThinkingByDefault">Whether <c>enable_thinking</c> defaults to on.</param>
/// <param name="ThinkingOnly">QwQ and <c>-thinking</c> models: thinking cannot be turned off.</param>
public sealed record ModelProfile(string Family, double BaseTtftMs, double PrefillMsPerToken, double DecodeMsPerToken, bool ThinkingByDefault, bool ThinkingOnly = false);

/// <summary>
/// The simulator's latency model. Figures are assumptions chosen to match the orders of magnitude the vendor's guide
/// and public measurements describe, not vendor figures (the vendor publishes none):
/// <list type="bullet">
/// <item>Larger models are slower in both phases: qwen3-max ≈ 30 tokens/s, plus models ≈ 60 tokens/s, flash/turbo ≈ 120 tokens/s.</item>
/// <item>Prefill is one to two orders of magnitude cheaper per token than decode (the guide: halving input saves 1–5%,
///       halving output saves about half).</item>
/// <item>Cached prefix tokens skip prefill, leaving 5% of their cost (the lookup and copy).</item>
/// <item>Thinking models emit reasoning tokens before the answer; they cost decode time and count against the cap.</item>
/// </list>
/// </summary>
public static class LatencyModel
{
    public const double CachedPrefillFraction = 0.05;

    /// <summary>Reasoning length when thinking is on and no <c>thinking_budget</c> is given.</summary>
    public const int DefaultReasoningTokens = 400;

    private static readonly ModelProfile Max = new("max", 500, 0.30, 33, ThinkingByDefault: false);
    private static readonly ModelProfile Plus = new("plus", 350, 0.15, 16, ThinkingByDefault: false);
    private static readonly ModelProfile Plus35 = new("qwen3.5-plus", 350, 0.15, 16, ThinkingByDefault: true);
    private static readonly ModelProfile Flash = new("flash", 200, 0.06, 8, ThinkingByDefault: false);
    private static readonly ModelProfile Flash35 = new("qwen3.5-flash", 200, 0.06, 8, ThinkingByDefault: true);
    private static readonly ModelProfile OpenSource = new("open-source", 400, 0.20, 20, ThinkingByDefault: true);
    private static readonly ModelProfile Reasoner = new("qwq", 400, 0.20, 20, ThinkingByDefault: true, ThinkingOnly: true);

    /// <summary>The profile of a text model, matched by prefix as the docs advise; null for names the service would not know.</summary>
    public static ModelProfile? Find(string? model)
    {
        if (string.IsNullOrWhiteSpace(model))
            return null;
        var m = model.ToLowerInvariant();
        if (m.StartsWith("qwq") || m.Contains("-thinking"))
            return Reasoner;
        if (m.StartsWith("qwen3.5-flash") || m.StartsWith("qwen3.6-flash"))
            return Flash35;
        if (m.StartsWith("qwen3.5-") || m.StartsWith("qwen3.6-") || m.StartsWith("qwen3.7-") || m.StartsWith("qwen3.8-"))
            return m.Contains("max") ? Max with { ThinkingByDefault = true } : Plus35;
        if (m.Contains("max"))
            return Max;
        if (m.Contains("flash") || m.Contains("turbo") || m.StartsWith("qwen-mt"))
            return Flash;
        if (System.Text.RegularExpressions.Regex.IsMatch(m, @"^qwen3-(next-)?\d+b"))
            return OpenSource;
        if (m.StartsWith("qwen"))
            return Plus;
        return null;
    }

    /// <summary>True for image and video model names (wan*, wanx*, qwen-image*).</summary>
    public static bool IsMediaModel(string? model)
        => model is not null && (model.StartsWith("wan", StringComparison.OrdinalIgnoreCase) || model.StartsWith("qwen-image", StringComparison.OrdinalIgnoreCase));

    public static double TimeToFirstTokenMs(ModelProfile profile, int promptTokens, int cachedTokens)
        => profile.BaseTtftMs + profile.PrefillMsPerToken * ((promptTokens - cachedTokens) + CachedPrefillFraction * cachedTokens);

    /// <summary>Image render time: about 4 s for a 1024×1024 image, growing with pixels; <c>n</c> images render in parallel (10% more per extra image); prompt rewriting adds 3.5 s.</summary>
    public static double ImageRenderMs(int width, int height, int n, bool promptExtend)
    {
        var megapixels = width * (double)height / (1024 * 1024);
        var render = 1500 + 2500 * megapixels;
        render *= 1 + 0.1 * Math.Max(0, n - 1);
        return render + (promptExtend ? PromptExtendMs : 0);
    }

    /// <summary>Video render time: seconds of video × a per-resolution cost (12 s of work per second at 720P); prompt rewriting adds 4 s.</summary>
    public static double VideoRenderMs(int durationSeconds, string resolution, bool promptExtend)
    {
        var perSecond = resolution.ToUpperInvariant() switch
        {
            "480P" => 6000,
            "1080P" => 24000,
            _ => 12000,
        };
        return 5000 + perSecond * durationSeconds + (promptExtend ? PromptExtendMs + 500 : 0);
    }

    /// <summary>The guide: prompt rewriting "adds 3–4 seconds" (image guide) / "3–5 seconds" (latency guide).</summary>
    public const double PromptExtendMs = 3500;

    /// <summary>Time a task waits in the queue before it starts running.</summary>
    public const double QueueMs = 1000;
}
