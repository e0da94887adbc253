namespace BatchJob;

/// <summary>Where the job's requests go (Beijing region).</summary>
public static class DashScopeUrls
{
    public const string Host = "https://dashscope.aliyuncs.com";
    public static readonly string TextGeneration = Host + "/api/v1/services/aigc/text-generation/generation";
    public static readonly string ImageSynthesis = "https://dashscope.aliyuncs.com/api/v1/services/aigc/text2image/image-synthesis";
    public static string Task(string id) => $"{Host}/api/v1/tasks/{id}";
}
