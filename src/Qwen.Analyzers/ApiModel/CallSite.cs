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
}

/// <summary>What a recognised call asks the service to do.</summary>
internal enum CallKind
{
    Chat,
    ImageGeneration,
    VideoGeneration,
    TaskQuery,
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
}

/// <summary>One recognised LLM call. Immutable; rules read it, never re-derive it.</summary>
internal sealed class CallSite
{
    public CallSite(IInvocationOperation invocation, ClientSurface surface, CallKind kind, bool isStreaming, bool isSynchronous,
        OptionsKind optionsKind, IParameterSymbol? optionsParameter, IArgumentOperation? optionsArgument, HttpRequestFacts? http)
    {
        Invocation = invocation;
        Surface = surface;
        Kind = kind;
        IsStreaming = isStreaming;
        IsSynchronous = isSynchronous;
        OptionsKind = optionsKind;
        OptionsParameter = optionsParameter;
        OptionsArgument = optionsArgument;
        Http = http;
    }

    public IInvocationOperation Invocation { get; }
    public ClientSurface Surface { get; }
    public CallKind Kind { get; }
    public bool IsStreaming { get; }
    public bool IsSynchronous { get; }
    public OptionsKind OptionsKind { get; }

    /// <summary>The overload's options parameter; null when the overload has none (OpenAI's <c>params</c> overloads).</summary>
    public IParameterSymbol? OptionsParameter { get; }

    /// <summary>The options argument when the caller passed one explicitly; null when it was left to its default.</summary>
    public IArgumentOperation? OptionsArgument { get; }

    /// <summary>For <see cref="ClientSurface.DashScopeHttp"/>: the request as far as it could be read.</summary>
    public HttpRequestFacts? Http { get; }

    /// <summary>A short name for messages, such as <c>ChatClient.CompleteChatAsync</c>.</summary>
    public string DisplayName
    {
        get
        {
            // Extension methods read as members of what they extend: IChatClient.GetResponseAsync, Kernel.InvokePromptAsync.
            var method = Invocation.TargetMethod;
            var owner = method.IsExtensionMethod && method.Parameters.Length > 0 ? method.Parameters[0].Type.Name : method.ContainingType.Name;
            return owner + "." + method.Name;
        }
    }

    /// <summary>Where diagnostics go: the method name, not the whole (possibly long) invocation.</summary>
    public Location NameLocation => SyntaxHelpers.GetNameLocation(Invocation.Syntax);
}
