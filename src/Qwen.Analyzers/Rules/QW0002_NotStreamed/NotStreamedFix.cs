using System;
using System.Collections.Immutable;
using Qwen.Analyzers.ApiModel;

namespace Qwen.Analyzers.Rules;

/// <summary>Which streaming rewrite keeps behaviour for a QW0002 finding.</summary>
internal enum StreamingRewrite
{
    /// <summary><c>GetResponseAsync</c> → <c>GetStreamingResponseAsync(…).ToChatResponseAsync()</c>.</summary>
    ExtensionsAI,
    /// <summary><c>CompleteChatAsync</c> → <c>OpenAIStreaming.CollectAsync(CompleteChatStreamingAsync(…))</c>.</summary>
    OpenAI,
    /// <summary><c>GetChatMessageContentAsync</c> → <c>SemanticKernelStreaming.CollectAsync(GetStreamingChatMessageContentsAsync(…))</c>.</summary>
    SemanticKernel,
    /// <summary><c>InvokePromptAsync</c> → <c>SemanticKernelStreaming.CollectAsync(InvokePromptStreamingAsync(…))</c>.</summary>
    KernelPrompt,
    /// <summary><c>kernel.InvokeAsync(promptFunction, …)</c> → <c>SemanticKernelStreaming.CollectAsync(kernel.InvokeStreamingAsync(promptFunction, …))</c>.</summary>
    KernelFunction,
    /// <summary><c>AIAgent.RunAsync</c> → <c>RunStreamingAsync(…).ToAgentResponseAsync()</c>.</summary>
    AgentFramework,
    /// <summary>
    /// A hand-built request: <c>http.PostAsJsonAsync</c> / <c>PostAsync</c> / <c>SendAsync</c> → Qwen.Latency's
    /// <c>PostAsJsonStreamingAsync</c> / <c>PostStreamingAsync</c> / <c>SendStreamingAsync</c>, which return the same JSON.
    /// </summary>
    DashScopeHttp,
}

/// <summary>QW0002's analyzer-to-fixer data.</summary>
internal sealed class NotStreamedFix
{
    private const string RewriteKey = "StreamFix";
    private const string MinimalApiKey = "MinimalApi";

    public NotStreamedFix(StreamingRewrite? rewrite, ClientSurface? minimalApiSurface)
    {
        Rewrite = rewrite;
        MinimalApiSurface = minimalApiSurface;
    }

    /// <summary>The behaviour-keeping rewrite; null when none is safe here.</summary>
    public StreamingRewrite? Rewrite { get; }

    /// <summary>Set when the call is in a minimal API handler: the fixer may offer to return the stream itself.</summary>
    public ClientSurface? MinimalApiSurface { get; }

    public ImmutableDictionary<string, string?> ToProperties()
        => FixData.Empty.With(RewriteKey, Rewrite?.ToString()).With(MinimalApiKey, MinimalApiSurface?.ToString());

    public static NotStreamedFix Read(ImmutableDictionary<string, string?> properties)
        => new(Enum.TryParse<StreamingRewrite>(properties.Text(RewriteKey), out var rewrite) ? rewrite : null,
            Enum.TryParse<ClientSurface>(properties.Text(MinimalApiKey), out var surface) ? surface : null);
}
