using Microsoft.CodeAnalysis;

namespace Qwen.Analyzers;

/// <summary>Every diagnostic this package reports, in one catalog.</summary>
internal static class Descriptors
{
    internal const string LatencyCategory = "Latency";
    /// <summary>docs/rules/ in the repository: written by the build from the one address in Directory.Build.props.</summary>
    internal static readonly string HelpLinkBase = HelpLinks();

    private static string HelpLinks()
    {
        foreach (var attribute in typeof(Descriptors).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), inherit: false))
        {
            if (attribute is System.Reflection.AssemblyMetadataAttribute { Key: "QwenHelpLinkBase", Value: { } value })
                return value;
        }

        return "";
    }

    internal static readonly DiagnosticDescriptor QW0001_MissingMaxTokens = Create(
        RuleIds.MissingMaxTokens,
        title: "Cap the output tokens of a Qwen chat call",
        messageFormat: "This {0} call sets no output-token cap; the model may generate as long as it likes and latency grows with every output token",
        description: "Output generation is the slowest phase of an LLM call: halving output tokens roughly halves latency. Set MaxOutputTokenCount / MaxOutputTokens / MaxTokens, or max_completion_tokens in a raw request body.",
        defaultSeverity: DiagnosticSeverity.Warning);

    internal static readonly DiagnosticDescriptor QW0002_NotStreamed = Create(
        RuleIds.NotStreamed,
        title: "Stream chat calls a person waits for",
        messageFormat: "This {0} call is not streamed{1}: the person waiting sees nothing until the whole answer is generated; stream it so they start reading at the first token{2}",
        description: "With streaming, a person starts reading at the time to first token instead of after the whole generation. Reported as a warning on interactive surfaces (minimal API handlers, controller actions, Razor Pages handlers, SignalR hubs, Blazor components, gRPC services) and as an IDE suggestion elsewhere.",
        defaultSeverity: DiagnosticSeverity.Warning);

    internal static readonly DiagnosticDescriptor QW0003_SequentialAwaits = Create(
        RuleIds.SequentialAwaits,
        title: "Run independent LLM calls concurrently",
        messageFormat: "This {0} call does not depend on the {1} awaited before it, yet waits for it to finish; start both and await them together",
        description: "Every sequential await of an independent call adds a full model latency to the critical path. Started together, the calls take as long as the slowest, not the sum.",
        defaultSeverity: DiagnosticSeverity.Warning);

    internal static readonly DiagnosticDescriptor QW0004_PromptPrefix = Create(
        RuleIds.PromptPrefix,
        title: "Keep the cacheable prompt prefix static",
        messageFormat: "The {0} {1}: Qwen's context cache reuses only an identical prefix, so nothing after it is served from cache",
        description: "Qwen's context cache reuses the computation of a repeated prompt prefix (implicitly from 256 tokens) and cuts time to first token. Any byte that changes ahead of the static part (a date, an id, the user's input) defeats it: put static instructions and documents first, varying content last.",
        defaultSeverity: DiagnosticSeverity.Warning);

    internal static readonly DiagnosticDescriptor QW0005_PromptExtend = Create(
        RuleIds.PromptExtend,
        title: "Turn prompt_extend off for image and video generation",
        messageFormat: "This {0} generation request {1}: an LLM rewrites the prompt before rendering, adding 3-5 s to every task",
        description: "DashScope image and video models rewrite the prompt with an LLM unless parameters.prompt_extend is false. With a prompt that is already detailed, the rewrite only adds latency (the latency guide: 3-5 seconds per request).",
        defaultSeverity: DiagnosticSeverity.Warning);

    internal static readonly DiagnosticDescriptor QW0006_LoopPerItem = Create(
        RuleIds.LoopPerItem,
        title: "Run a loop's independent LLM calls with bounded concurrency",
        messageFormat: "This loop awaits one {0} call per item, one after another, though no iteration depends on another; run them with bounded concurrency (or batch several items into one prompt){1}",
        description: "A loop that awaits one model call per item adds a full model latency per item. When the iterations are independent, ordered bounded concurrency keeps the results in order and finishes in about (items / bound) latencies.",
        defaultSeverity: DiagnosticSeverity.Warning);

    internal static readonly DiagnosticDescriptor QW0007_IncrementalOutput = Create(
        RuleIds.IncrementalOutput,
        title: "Stream native DashScope responses with incremental_output",
        messageFormat: "This native DashScope request streams (X-DashScope-SSE) {0}: every event then repeats the whole text so far, quadratic bytes for nothing",
        description: "On the native DashScope API, an SSE stream without parameters.incremental_output = true re-sends the complete answer in every event. With it, each event carries only the new tokens.",
        defaultSeverity: DiagnosticSeverity.Warning);

    internal static readonly DiagnosticDescriptor QW0008_CacheMarker = Create(
        RuleIds.CacheMarker,
        title: "Place cache_control markers where they take effect",
        messageFormat: "This cache_control marker cannot take effect: {0}",
        description: "Qwen's explicit cache needs a cache_control marker on a content part of at least 1024 tokens of static text, at most 4 markers per request, sent as part of a content array. Markers on a lone text part (sent as a plain string), on short blocks, after varying content, or in Microsoft.Extensions.AI AdditionalProperties / Semantic Kernel ExtensionData (dropped by those clients) cost nothing but do nothing.",
        defaultSeverity: DiagnosticSeverity.Warning);

    internal static readonly DiagnosticDescriptor QW0009_TaskPolling = Create(
        RuleIds.TaskPolling,
        title: "Poll DashScope tasks with exponential backoff and a deadline",
        messageFormat: "This loop polls a DashScope task {0}; poll with exponential backoff from 3 s and an overall deadline (the task endpoint allows 20 queries a second per account){1}",
        description: "Image and video generation are asynchronous tasks. A fixed or missing delay either wastes time between a finished task and the next query or burns the account's 20 queries-per-second task budget; a loop with no deadline or cancellation can wait forever on a stuck task.",
        defaultSeverity: DiagnosticSeverity.Warning);

    internal static readonly DiagnosticDescriptor QW0010_ThinkingLeftOn = Create(
        RuleIds.ThinkingLeftOn,
        title: "Turn thinking off where it only costs time",
        messageFormat: "This {0} call targets {1}, which thinks before answering{2}: the hidden reasoning is generated (and billed) before the first visible token; set enable_thinking to false, or a thinking_budget{3}",
        description: "Qwen3.5, Qwen3.6 and open-source Qwen3 models write a reasoning trace before the answer unless enable_thinking is false. For a classification, an extraction, a short answer or anything a person waits on, that trace is pure output-token time. No .NET client has a typed option for it; the fix writes it where each library sends it.",
        defaultSeverity: DiagnosticSeverity.Warning);

    internal static readonly DiagnosticDescriptor QW0011_DroppedField = Create(
        RuleIds.DroppedField,
        title: "Send Qwen request fields where the client library keeps them",
        messageFormat: "'{0}' is written to {1}, which {2} drops before the request is sent: the service never sees it{3}",
        description: "No .NET client has typed options for Qwen's own request fields (enable_thinking, thinking_budget, enable_search, …). Microsoft.Extensions.AI's OpenAI adapter ignores ChatOptions.AdditionalProperties and Semantic Kernel's OpenAI connector ignores unmapped ExtensionData keys, so the setting silently has no effect. Write it through the body patch (OpenAI), a RawRepresentationFactory (M.E.AI) or ExtraBody (Semantic Kernel); the Qwen.Latency helpers do that.",
        defaultSeverity: DiagnosticSeverity.Warning);

    internal static readonly DiagnosticDescriptor QW0012_ClientPerCall = Create(
        RuleIds.ClientPerCall,
        title: "Share one HttpClient instead of building one per Qwen call",
        messageFormat: "A new HttpClient is built {0} for {1}: each one opens its own connections, so every call pays DNS, TCP and TLS setup again{2}",
        description: "Connections live in an HttpClient's handler. A client built per call (or per request, as a field of a controller or a scoped service) cannot reuse them: each Qwen call pays a DNS lookup, a TCP connection and a TLS handshake (hundreds of milliseconds to a cloud region, more across regions) and may exhaust sockets under load. Share one client: a static readonly field, a singleton, or a typed client from AddHttpClient.",
        defaultSeverity: DiagnosticSeverity.Warning);

    internal static readonly DiagnosticDescriptor QW0013_HistoryUnbounded = Create(
        RuleIds.HistoryUnbounded,
        title: "Send a bounded conversation history",
        messageFormat: "'{0}' is kept across calls and sent whole to {1}, {2}: each turn adds input tokens, and prefill time whenever the context cache misses; send the system prompt and the recent turns within a budget (or a summary)",
        description: "The latency guide: keep conversation history short, include only the most recent turns or summarize older history. A message list that lives across calls and is appended to on every turn makes every request longer than the last: prefill time before the first token and input tokens grow with the conversation, until the context window is reached. Send a window of it: the system prefix and the most recent turns within a token budget.",
        defaultSeverity: DiagnosticSeverity.Warning);

    internal static readonly DiagnosticDescriptor QW0015_MediaInline = Create(
        RuleIds.MediaInline,
        title: "Pass media by URL, not inline base64",
        messageFormat: "{0} sends the medium inside the Qwen request as base64: a third larger than the file and uploaded again with every request; pass a URL (object storage, a public URL, or DashScope's temporary oss:// upload)",
        description: "Base64 inflates a file by a third and makes it part of every request body; the latency guide: for large audio files, pass a URL rather than Base64-encoded data to avoid inflating the request payload. The size is not known at compile time, so this is a suggestion: it matters for photos, audio and video, not for small icons.",
        defaultSeverity: DiagnosticSeverity.Info);

    internal static readonly DiagnosticDescriptor QW0016_StreamBuffered = Create(
        RuleIds.StreamBuffered,
        title: "Read a streamed answer as it arrives",
        messageFormat: "This {0} request asks for a streamed answer, but {1}: the first token reaches the code with the last{2}",
        description: "A request that asks for server-sent events only helps when the events are read as they arrive. HttpClient's PostAsync, PostAsJsonAsync and SendAsync without HttpCompletionOption.ResponseHeadersRead read the whole response into memory before they return, and ReadAsStringAsync waits for the last byte: either way the first token arrives with the last, and the stream only adds framing. Send with ResponseHeadersRead and read ReadAsStreamAsync line by line, or use Qwen.Latency's DashScopeHttpStreaming.",
        defaultSeverity: DiagnosticSeverity.Warning);

    private static DiagnosticDescriptor Create(string id, string title, string messageFormat, string description, DiagnosticSeverity defaultSeverity, string category = LatencyCategory)
        => new(id, title, messageFormat, category, defaultSeverity, isEnabledByDefault: true, description: description, helpLinkUri: HelpLinkBase + id + ".md");
}

/// <summary>Rule identifiers, shared by the analyzers, the fixes and the tests.</summary>
internal static class RuleIds
{
    internal const string MissingMaxTokens = "QW0001";
    internal const string NotStreamed = "QW0002";
    internal const string SequentialAwaits = "QW0003";
    internal const string PromptPrefix = "QW0004";
    internal const string PromptExtend = "QW0005";
    internal const string LoopPerItem = "QW0006";
    internal const string ThinkingLeftOn = "QW0010";
    internal const string DroppedField = "QW0011";
    internal const string IncrementalOutput = "QW0007";
    internal const string CacheMarker = "QW0008";
    internal const string TaskPolling = "QW0009";
    internal const string ClientPerCall = "QW0012";
    internal const string HistoryUnbounded = "QW0013";
    internal const string MediaInline = "QW0015";
    internal const string StreamBuffered = "QW0016";
}
