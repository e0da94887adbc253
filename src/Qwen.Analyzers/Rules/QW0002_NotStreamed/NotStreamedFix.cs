using System;
using System.Collections.Immutable;
using Qwen.Analyzers.ApiModel;

namespace Qwen.Analyzers.Rules;

/// <summary>Which streaming rewrite keeps behaviour for a QW0002 finding.</summary>
internal enum StreamingRewrite
{
    /// <summary>
    /// <c>GetResponseAsync</c> → <c>ChatClientStreaming.CollectAsync(() =&gt; GetStreamingResponseAsync(…))</c> (the same
    /// <c>ChatResponse</c>, retried as the OpenAI client retries), or without Qwen.Latency.OpenAI
    /// <c>GetStreamingResponseAsync(…).ToChatResponseAsync()</c>, which is not retried: then one at a time only.
    /// </summary>
    ExtensionsAI,
    /// <summary><c>CompleteChatAsync</c> → <c>OpenAIStreaming.CollectAsync(() =&gt; CompleteChatStreamingAsync(…))</c>.</summary>
    OpenAI,
    /// <summary><c>GetChatMessageContentAsync</c> → <c>SemanticKernelStreaming.CollectAsync(() =&gt; GetStreamingChatMessageContentsAsync(…))</c>.</summary>
    SemanticKernel,
    /// <summary><c>InvokePromptAsync</c> → <c>SemanticKernelStreaming.CollectAsync(() =&gt; InvokePromptStreamingAsync(…))</c>.</summary>
    KernelPrompt,
    /// <summary><c>kernel.InvokeAsync(promptFunction, …)</c> → <c>SemanticKernelStreaming.CollectAsync(() =&gt; kernel.InvokeStreamingAsync(promptFunction, …))</c>.</summary>
    KernelFunction,
    /// <summary><c>AIAgent.RunAsync</c> → <c>RunStreamingAsync(…).ToAgentResponseAsync()</c>: not retried, so one at a time only.</summary>
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
    private const string ForwardClientKey = "ForwardClient";
    private const string ForwardSurfaceKey = "ForwardSurface";
    private const string RetriesKey = "MaxRetries";

    public NotStreamedFix(StreamingRewrite? rewrite, ClientSurface? forwardClient, SurfaceKind? forwardSurface = null, int? maxRetries = null, bool retriesWithHelper = false, bool forwardPreferred = false)
    {
        ForwardPreferred = forwardPreferred && forwardClient is not null;
        ForwardSurface = forwardClient is null ? null : forwardSurface;
        Rewrite = rewrite;
        ForwardClient = forwardClient;
        MaxRetries = maxRetries;
        RetriesWithHelper = retriesWithHelper;
    }

    /// <summary>The behaviour-keeping rewrite; null when none is safe here.</summary>
    public StreamingRewrite? Rewrite { get; }

    /// <summary>
    /// How many times the client retries a request whose answer was lost (<see cref="ApiModel.CallSite.Retries"/>): the
    /// collecting helper retries a broken stream as often. Null when the code does not show it.
    /// </summary>
    public int? MaxRetries { get; }

    /// <summary>
    /// True when the rewrite keeps behaviour under faults as far as the code shows, so Fix All and <c>dotnet format</c>
    /// apply it: a hand-built request (no client retries either way), or a client library's call whose retries are known
    /// and whose collector re-issues a broken stream. The one-at-a-time code action is offered either way.
    /// </summary>
    public bool Bulk => Rewrite switch
    {
        StreamingRewrite.DashScopeHttp => true,
        StreamingRewrite.OpenAI or StreamingRewrite.SemanticKernel or StreamingRewrite.KernelPrompt or StreamingRewrite.KernelFunction => MaxRetries is not null,
        StreamingRewrite.ExtensionsAI => MaxRetries is not null && RetriesWithHelper,
        _ => false,
    };

    /// <summary>For Microsoft.Extensions.AI: the project has Qwen.Latency.OpenAI's retrying collector.</summary>
    public bool RetriesWithHelper { get; }

    /// <summary>
    /// <c>qwen_analyzers.streaming_fix = forward</c>, where forwarding may be offered: the forwarding action comes first,
    /// and Fix All with no action named (<c>dotnet format</c>) applies it where it exists, the collecting one elsewhere.
    /// </summary>
    public bool ForwardPreferred { get; }

    /// <summary>
    /// Set when the call is made directly in a minimal API handler, a Blazor component's method or a SignalR hub method, through a client whose
    /// stream the fixer can forward (OpenAI, Microsoft.Extensions.AI): the fixer may offer to stream the answer on.
    /// </summary>
    public ClientSurface? ForwardClient { get; }

    /// <summary>Where the answer would be forwarded to: a minimal API handler, a Blazor component or a SignalR hub method.</summary>
    public SurfaceKind? ForwardSurface { get; }

    public ImmutableDictionary<string, string?> ToProperties()
        => FixData.Empty.With(RewriteKey, Rewrite?.ToString()).With(ForwardClientKey, ForwardClient?.ToString()).With(ForwardSurfaceKey, ForwardSurface?.ToString())
            .With(RetriesKey, MaxRetries?.ToString(System.Globalization.CultureInfo.InvariantCulture)).With(HelperKey, RetriesWithHelper ? "true" : null).With(ForwardKey, ForwardPreferred);

    private const string HelperKey = "RetriesWithHelper";
    private const string ForwardKey = "Forward";

    public static NotStreamedFix Read(ImmutableDictionary<string, string?> properties)
        => new(Enum.TryParse<StreamingRewrite>(properties.Text(RewriteKey), out var rewrite) ? rewrite : null,
            Enum.TryParse<ClientSurface>(properties.Text(ForwardClientKey), out var client) ? client : null,
            Enum.TryParse<SurfaceKind>(properties.Text(ForwardSurfaceKey), out var surface) ? surface : null,
            int.TryParse(properties.Text(RetriesKey), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var retries) ? retries : null,
            properties.Text(HelperKey) == "true",
            properties.Flag(ForwardKey));
}
