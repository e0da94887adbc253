using System;

namespace Qwen.Latency;

/// <summary>
/// Model Studio (DashScope) base addresses. API keys are per region: a key from one region fails in another.
/// </summary>
public static class QwenEndpoints
{
    /// <summary>OpenAI-compatible base address, Singapore (international).</summary>
    public static Uri CompatibleSingapore { get; } = new("https://dashscope-intl.aliyuncs.com/compatible-mode/v1");

    /// <summary>OpenAI-compatible base address, US (Virginia).</summary>
    public static Uri CompatibleVirginia { get; } = new("https://dashscope-us.aliyuncs.com/compatible-mode/v1");

    /// <summary>OpenAI-compatible base address, China (Beijing).</summary>
    public static Uri CompatibleBeijing { get; } = new("https://dashscope.aliyuncs.com/compatible-mode/v1");

    /// <summary>OpenAI-compatible base address, China (Hong Kong).</summary>
    public static Uri CompatibleHongKong { get; } = new("https://cn-hongkong.dashscope.aliyuncs.com/compatible-mode/v1");

    /// <summary>True when <paramref name="address"/> is a DashScope / Model Studio host (<c>dashscope*.aliyuncs.com</c>, <c>*.maas.aliyuncs.com</c>).</summary>
    public static bool IsDashScopeHost(Uri address)
    {
        if (address is null)
            throw new ArgumentNullException(nameof(address));
        var host = address.Host;
        if (!host.EndsWith(".aliyuncs.com", StringComparison.OrdinalIgnoreCase))
            return false;
        return host.IndexOf("dashscope", StringComparison.OrdinalIgnoreCase) >= 0
               || host.EndsWith(".maas.aliyuncs.com", StringComparison.OrdinalIgnoreCase);
    }
}
