using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Qwen.Analyzers.ApiModel;

/// <summary>The client library a call goes through.</summary>
internal enum ClientSurface
{
    OpenAI,
    ExtensionsAI,
    SemanticKernel,
    DashScopeHttp,
    /// <summary>The Cnblogs DashScope SDK (<c>IDashScopeClient</c>): typed native requests, read like a hand-built body.</summary>
    DashScopeSdk,
    /// <summary>Microsoft Agent Framework: <c>AIAgent.RunAsync</c> / <c>RunStreamingAsync</c> (a <c>ChatClientAgent</c> over an <c>IChatClient</c>).</summary>
    AgentFramework,
}

/// <summary>What a recognised call asks the service to do. Rules act only on the kinds they are about.</summary>
internal enum CallKind
{
    /// <summary>A Qwen request whose kind the code does not show (an unknown model on a shared endpoint): every rule stays silent.</summary>
    Unknown,
    Chat,
    ImageGeneration,
    VideoGeneration,
    TaskQuery,
    /// <summary>Text to speech (<c>qwen3-tts-*</c>, <c>qwen-tts*</c>, <c>cosyvoice-*</c>).</summary>
    SpeechSynthesis,
    /// <summary>Speech recognition (<c>qwen3-asr-*</c>, <c>paraformer-*</c>, file transcription).</summary>
    SpeechRecognition,
    Embedding,
}

/// <summary>The kind of per-call options object an overload takes.</summary>
internal enum OptionsKind
{
    None,
    /// <summary><c>OpenAI.Chat.ChatCompletionOptions</c>.</summary>
    ChatCompletionOptions,
    /// <summary><c>Microsoft.Extensions.AI.ChatOptions</c>.</summary>
    ChatOptions,
    /// <summary><c>Microsoft.SemanticKernel.PromptExecutionSettings</c> or a subclass.</summary>
    PromptExecutionSettings,
    /// <summary><c>Microsoft.SemanticKernel.KernelArguments</c>, which carries execution settings.</summary>
    KernelArguments,
    /// <summary><c>Microsoft.Agents.AI.AgentRunOptions</c>; a <c>ChatClientAgentRunOptions</c> carries <c>ChatOptions</c>.</summary>
    AgentRunOptions,
}

/// <summary>
/// One recognised LLM call, classified once per compilation (surface, kind, streamed or not) and shared by every rule.
/// The facts that cost more — the options object, the output cap, the request body and headers — are computed the
/// first time a rule asks and kept for the next one.
/// </summary>
internal sealed class CallSite
{
    private readonly CallKind? _kind;
    private readonly bool? _isStreaming;
    private CallOptions? _options;
    private OutputCapReading? _cap;
    private StrongBox<ThinkingSetting>? _thinking;
    private string? _displayName;
    private StrongBox<string?>? _model;
    private StrongBox<int?>? _retries;
    private StrongBox<PromptIntent>? _intent;
    private StrongBox<AnswerFate>? _answer;

    public CallSite(QwenApi api, IInvocationOperation invocation, ClientSurface surface, CallKind? kind, bool? isStreaming, bool isSynchronous,
        OptionsKind optionsKind, IParameterSymbol? optionsParameter, IArgumentOperation? optionsArgument, HttpRequestFacts? http)
    {
        Api = api;
        Invocation = invocation;
        Surface = surface;
        _kind = kind;
        _isStreaming = isStreaming;
        IsSynchronous = isSynchronous;
        OptionsKind = optionsKind;
        OptionsParameter = optionsParameter;
        OptionsArgument = optionsArgument;
        Http = http;
    }

    public QwenApi Api { get; }
    public IInvocationOperation Invocation { get; }
    public ClientSurface Surface { get; }

    /// <summary>For hand-built requests: endpoint first, model second, unknown when neither tells.</summary>
    public CallKind Kind => _kind ?? Http!.Kind;

    /// <summary>For hand-built requests: the <c>stream</c> member, or SSE headers on a native request.</summary>
    public bool IsStreaming => _isStreaming ?? Http!.IsStreaming;

    public bool IsSynchronous { get; }
    public OptionsKind OptionsKind { get; }

    /// <summary>The overload's options parameter; null when the overload has none (OpenAI's <c>params</c> overloads).</summary>
    public IParameterSymbol? OptionsParameter { get; }

    /// <summary>The options argument when the caller passed one explicitly; null when it was left to its default.</summary>
    public IArgumentOperation? OptionsArgument { get; }

    /// <summary>For a Semantic Kernel function invocation: the <c>CreateFunctionFromPrompt</c> call that made the function (its template and settings).</summary>
    public IInvocationOperation? PromptFunction { get; internal set; }

    /// <summary>For <see cref="ClientSurface.DashScopeHttp"/> and <see cref="ClientSurface.DashScopeSdk"/>: the request as far as it could be read.</summary>
    public HttpRequestFacts? Http { get; }

    /// <summary>The options object the call is given (through <c>new KernelArguments(settings)</c> too), as far as the method shows.</summary>
    public CallOptions Options => LazyInitializer.EnsureInitialized(ref _options, () => CallOptions.Read(this))!;

    /// <summary>Whether the call caps its output tokens, and at how many when the code shows a constant.</summary>
    public OutputCapReading Cap => LazyInitializer.EnsureInitialized(ref _cap, () => OutputCapReading.Read(this))!;

    /// <summary>What the request says about thinking (QW0010), computed once.</summary>
    public ThinkingSetting Thinking => LazyInitializer.EnsureInitialized(ref _thinking, () => new StrongBox<ThinkingSetting>(ThinkingReading.Read(this)))!.Value;

    /// <summary>
    /// The model the call targets as the code shows it (see <see cref="CallModel"/>); null when it is not visible here.
    /// Rules fall back to <c>qwen_analyzers.default_model</c> through <see cref="Options.QwenOptions.DefaultModel"/>.
    /// </summary>
    public string? Model => LazyInitializer.EnsureInitialized(ref _model, () => new StrongBox<string?>(CallModel.Read(this)))!.Value;

    /// <summary>The call's model, or the configured <c>qwen_analyzers.default_model</c> where the code does not show it.</summary>
    public string? ModelOr(Options.QwenOptions options) => Model ?? options.DefaultModel;

    /// <summary>What the prompt text in view says about the answer's length (a label, N words, a translation), read once for every rule.</summary>
    public PromptIntent Intent => LazyInitializer.EnsureInitialized(ref _intent, () => new StrongBox<PromptIntent>(PromptIntent.Read(this)))!.Value;

    /// <summary>What the code does with the answer (<see cref="AnswerUse"/>): shown to a person, or consumed as data.</summary>
    public AnswerFate Answer => LazyInitializer.EnsureInitialized(ref _answer, () => new StrongBox<AnswerFate>(AnswerUse.Of(this)))!.Value;

    /// <summary>How many times the client retries a request whose answer was lost (<see cref="ClientRetries"/>); null when the code does not show it.</summary>
    public int? Retries => LazyInitializer.EnsureInitialized(ref _retries, () => new StrongBox<int?>(ClientRetries.Read(this)))!.Value;

    /// <summary>A short name for messages, such as <c>ChatClient.CompleteChatAsync</c>.</summary>
    public string DisplayName => LazyInitializer.EnsureInitialized(ref _displayName, () =>
    {
        // Extension methods read as members of what they extend: IChatClient.GetResponseAsync, Kernel.InvokePromptAsync.
        var method = Invocation.TargetMethod;
        var owner = method.IsExtensionMethod && method.Parameters.Length > 0 ? method.Parameters[0].Type.Name : method.ContainingType.Name;
        return owner + "." + method.Name;
    })!;

    /// <summary>Where diagnostics go: the method name, not the whole (possibly long) invocation.</summary>
    public Location NameLocation => SyntaxHelpers.GetNameLocation(Invocation.Syntax);
}
