namespace Qwen.Analyzers.ApiModel;

/// <summary>The assembly names the call-site model looks types up in.</summary>
internal static class Assemblies
{
    public const string OpenAI = "OpenAI";
    public const string ClientModel = "System.ClientModel";
    public const string ExtensionsAIAbstractions = "Microsoft.Extensions.AI.Abstractions";
    public const string ExtensionsAI = "Microsoft.Extensions.AI";
    public const string ExtensionsAIOpenAI = "Microsoft.Extensions.AI.OpenAI";
    public const string SemanticKernelAbstractions = "Microsoft.SemanticKernel.Abstractions";
    public const string SemanticKernelCore = "Microsoft.SemanticKernel.Core";
    public const string SemanticKernelOpenAI = "Microsoft.SemanticKernel.Connectors.OpenAI";
    public const string QwenLatency = "Qwen.Latency";
    public const string QwenLatencyOpenAI = "Qwen.Latency.OpenAI";
    public const string QwenLatencyCache = "Qwen.Latency.Cache";
    public const string QwenLatencySemanticKernel = "Qwen.Latency.SemanticKernel";
    public const string CnblogsDashScope = "Cnblogs.DashScope.Core";
    /// <summary>Cnblogs' own M.E.AI and SK adapters (prefixes): they may read AdditionalProperties / ExtensionData.</summary>
    public const string CnblogsExtensionsAI = "Cnblogs.DashScope.AI";
    public const string CnblogsSemanticKernel = "Cnblogs.SemanticKernel";
    public const string ConfigurationAbstractions = "Microsoft.Extensions.Configuration.Abstractions";
    public const string Agents = "Microsoft.Agents.AI";
    public const string AgentsAbstractions = "Microsoft.Agents.AI.Abstractions";
}
