namespace Acme.Qwen;

/// <summary>Settings of the library's client (bound from configuration by the host).</summary>
public sealed class QwenClientOptions
{
    public string ApiKey { get; set; } = "";
    public string Model { get; set; } = "qwen-plus";
    public int MaxTokens { get; set; } = 800;
    public Uri BaseAddress { get; set; } = new("https://dashscope-intl.aliyuncs.com/");
}
