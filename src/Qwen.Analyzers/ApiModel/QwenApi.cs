using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Qwen.Analyzers.ApiModel;

/// <summary>
/// Every client type and method the rules know, resolved once per compilation. Rules ask
/// <see cref="TryGetCall"/>; they never look symbols up themselves.
/// </summary>
internal sealed class QwenApi
{
    private readonly Dictionary<IMethodSymbol, MethodEntry> _methods = new(SymbolEqualityComparer.Default);
    private readonly HashSet<string> _interfaceMethodNames = new(StringComparer.Ordinal);
    private readonly List<INamedTypeSymbol> _chatInterfaces = new();

    private QwenApi(Compilation compilation)
    {
        Compilation = compilation;
        // Look types up only in libraries the compilation references: a miss searches every assembly.
        var referenced = new HashSet<string>(compilation.ReferencedAssemblyNames.Select(a => a.Name), StringComparer.Ordinal);
        _openAI = referenced.Contains("OpenAI");
        _extensionsAI = referenced.Contains("Microsoft.Extensions.AI.Abstractions");
        _semanticKernel = referenced.Any(n => n.StartsWith("Microsoft.SemanticKernel", StringComparison.Ordinal));
        ChatClient = Type("OpenAI.Chat.ChatClient");
        ChatCompletionOptions = Type("OpenAI.Chat.ChatCompletionOptions");
        OpenAIChatMessage = Type("OpenAI.Chat.ChatMessage");
        BinaryContent = Type("System.ClientModel.BinaryContent");

        IChatClient = Type("Microsoft.Extensions.AI.IChatClient");
        ChatOptions = Type("Microsoft.Extensions.AI.ChatOptions");

        IChatCompletionService = Type("Microsoft.SemanticKernel.ChatCompletion.IChatCompletionService");
        PromptExecutionSettings = Type("Microsoft.SemanticKernel.PromptExecutionSettings");
        OpenAIPromptExecutionSettings = Type("Microsoft.SemanticKernel.Connectors.OpenAI.OpenAIPromptExecutionSettings");
        KernelArguments = Type("Microsoft.SemanticKernel.KernelArguments");
        ChatHistory = Type("Microsoft.SemanticKernel.ChatCompletion.ChatHistory");
        PromptTemplateConfig = Type("Microsoft.SemanticKernel.PromptTemplateConfig");

        Bcl = new BclTypes(compilation, referenced);
        Interactive = new InteractiveSurfaces(compilation, referenced);
        Prompts = new PromptTypes(compilation, _openAI, _extensionsAI);
        StructuredOutput = Type("Microsoft.Extensions.AI.ChatClientStructuredOutputExtensions");

        if (ChatClient is not null)
        {
            AddMethods(ChatClient, "CompleteChat", ClientSurface.OpenAI, streaming: false, sync: true);
            AddMethods(ChatClient, "CompleteChatAsync", ClientSurface.OpenAI, streaming: false, sync: false);
            AddMethods(ChatClient, "CompleteChatStreaming", ClientSurface.OpenAI, streaming: true, sync: true);
            AddMethods(ChatClient, "CompleteChatStreamingAsync", ClientSurface.OpenAI, streaming: true, sync: false);
        }

        if (IChatClient is not null)
        {
            _chatInterfaces.Add(IChatClient);
            AddMethods(IChatClient, "GetResponseAsync", ClientSurface.ExtensionsAI, streaming: false, sync: false);
            AddMethods(IChatClient, "GetStreamingResponseAsync", ClientSurface.ExtensionsAI, streaming: true, sync: false);
            var extensions = Type("Microsoft.Extensions.AI.ChatClientExtensions");
            AddMethods(extensions, "GetResponseAsync", ClientSurface.ExtensionsAI, streaming: false, sync: false);
            AddMethods(extensions, "GetStreamingResponseAsync", ClientSurface.ExtensionsAI, streaming: true, sync: false);
            var structured = Type("Microsoft.Extensions.AI.ChatClientStructuredOutputExtensions");
            AddMethods(structured, "GetResponseAsync", ClientSurface.ExtensionsAI, streaming: false, sync: false);
        }

        if (IChatCompletionService is not null)
        {
            _chatInterfaces.Add(IChatCompletionService);
            AddMethods(IChatCompletionService, "GetChatMessageContentsAsync", ClientSurface.SemanticKernel, streaming: false, sync: false);
            AddMethods(IChatCompletionService, "GetStreamingChatMessageContentsAsync", ClientSurface.SemanticKernel, streaming: true, sync: false);
            var extensions = Type("Microsoft.SemanticKernel.ChatCompletion.ChatCompletionServiceExtensions");
            AddMethods(extensions, "GetChatMessageContentAsync", ClientSurface.SemanticKernel, streaming: false, sync: false);
            AddMethods(extensions, "GetChatMessageContentsAsync", ClientSurface.SemanticKernel, streaming: false, sync: false);
            AddMethods(extensions, "GetStreamingChatMessageContentsAsync", ClientSurface.SemanticKernel, streaming: true, sync: false);
        }

        var kernelExtensions = Type("Microsoft.SemanticKernel.KernelExtensions");
        AddMethods(kernelExtensions, "InvokePromptAsync", ClientSurface.SemanticKernel, streaming: false, sync: false);
        AddMethods(kernelExtensions, "InvokePromptStreamingAsync", ClientSurface.SemanticKernel, streaming: true, sync: false);

        foreach (var iface in _chatInterfaces)
            foreach (var member in iface.GetMembers())
                _interfaceMethodNames.Add(member.Name);

        HasClientLibrary = _methods.Count > 0;

        // Without a client library only a hand-built DashScope request can call Qwen, and the rules recognise one by its
        // URL: a DashScope host or a DashScope-only path (HttpRequestFacts.Classify), written in the source, or a
        // Qwen.Latency endpoint constant. A project whose code names none gets no callbacks: it pays neither for the
        // rules nor for the operation trees they would have the compiler build.
        // The text scan comes first: it is cheaper than resolving the HTTP types.
        Http = HasClientLibrary || Bcl.HelpersReferenced || SourceScan.MentionsAny(compilation, DashScopeUrlFragments)
            ? HttpTypes.Create(compilation)
            : null;
    }

    /// <summary>What every DashScope host name ends with (<c>dashscope*.aliyuncs.com</c>, <c>*.maas.aliyuncs.com</c>).</summary>
    internal const string DashScopeHostSuffix = "aliyuncs.com";

    /// <summary>A fragment of every URL <see cref="HttpRequestFacts.Classify"/> accepts, short enough to survive a URL built from pieces.</summary>
    private static readonly string[] DashScopeUrlFragments = { DashScopeHostSuffix, "compatible-mode", "aigc/", "v1/tasks" };

    public Compilation Compilation { get; }
    public INamedTypeSymbol? ChatClient { get; }
    public INamedTypeSymbol? ChatCompletionOptions { get; }
    public INamedTypeSymbol? OpenAIChatMessage { get; }
    public INamedTypeSymbol? BinaryContent { get; }
    public INamedTypeSymbol? IChatClient { get; }
    public INamedTypeSymbol? ChatOptions { get; }
    public INamedTypeSymbol? IChatCompletionService { get; }
    public INamedTypeSymbol? PromptExecutionSettings { get; }
    public INamedTypeSymbol? OpenAIPromptExecutionSettings { get; }
    public INamedTypeSymbol? KernelArguments { get; }
    public INamedTypeSymbol? ChatHistory { get; }
    public INamedTypeSymbol? PromptTemplateConfig { get; }
    public HttpTypes? Http { get; }
    public BclTypes Bcl { get; }
    public InteractiveSurfaces Interactive { get; }
    public PromptTypes Prompts { get; }
    public INamedTypeSymbol? StructuredOutput { get; }

    /// <summary>True when an LLM client library (OpenAI, Microsoft.Extensions.AI, Semantic Kernel) is referenced.</summary>
    public bool HasClientLibrary { get; }

    /// <summary>False when nothing in this compilation can call Qwen: rules then register no callbacks at all.</summary>
    public bool HasAnySurface => HasClientLibrary || Http is not null;

    // One model per compilation, shared by every rule (each analyzer's compilation-start action asks for it).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Compilation, QwenApi> Cache = new();

    public static QwenApi Create(Compilation compilation) => Cache.GetValue(compilation, c => new QwenApi(c));

    /// <summary>Recognises an LLM call. Cheap for every other invocation: one hash look-up.</summary>
    public bool TryGetCall(IInvocationOperation invocation, out CallSite call)
    {
        call = null!;
        var method = invocation.TargetMethod;
        if (method is null)
            return false;

        if (TryGetEntry(method, out var entry))
        {
            call = BuildClientCall(invocation, entry);
            return call is not null;
        }

        if (Http is not null && Http.IsSendMethod(method))
        {
            var request = HttpRequestFacts.TryRead(invocation, Http);
            if (request is null || request.CallKind is not { } kind)
                return false;
            call = new CallSite(invocation, ClientSurface.DashScopeHttp, kind, request.IsStreaming, Http.IsSynchronous(method),
                OptionsKind.None, optionsParameter: null, optionsArgument: null, http: request);
            return true;
        }

        return false;
    }

    /// <summary>
    /// The LLM call an <c>await</c> waits for: a non-streamed async call, or a stream collected whole
    /// (<c>GetStreamingResponseAsync(…).ToChatResponseAsync()</c>, <c>OpenAIStreaming.CollectAsync(…)</c>,
    /// <c>QwenStreaming.CollectTextAsync(…)</c>), with or without <c>ConfigureAwait</c>.
    /// </summary>
    public bool TryGetAwaitedCall(IOperation awaited, out CallSite call)
    {
        call = null!;
        if (awaited is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } instance })
            awaited = instance;
        if (awaited is not IInvocationOperation invocation)
            return false;
        if (TryGetCall(invocation, out call))
            return !call.IsStreaming && !call.IsSynchronous && call.Kind == CallKind.Chat;

        var collector = invocation.TargetMethod;
        var collects = collector.Name == "ToChatResponseAsync" && collector.ContainingType?.Name == "ChatResponseExtensions"
                       || collector.Name is "CollectAsync" or "CollectTextAsync" && (Is(collector.ContainingType, Bcl.OpenAIStreaming) || Is(collector.ContainingType, Bcl.QwenStreaming));
        return collects && invocation.Arguments.Length > 0
               && Flow.ValueFlow.Unwrap(invocation.Arguments[0].Value) is IInvocationOperation stream
               && TryGetCall(stream, out call) && call.IsStreaming && call.Kind == CallKind.Chat;
    }

    private CallSite BuildClientCall(IInvocationOperation invocation, MethodEntry entry)
    {
        var method = invocation.TargetMethod;
        IParameterSymbol? optionsParameter = null;
        var optionsKind = OptionsKind.None;
        foreach (var parameter in method.Parameters)
        {
            var kind = ClassifyOptionsType(parameter.Type);
            if (kind != OptionsKind.None)
            {
                optionsParameter = parameter;
                optionsKind = kind;
                break;
            }
        }

        // OpenAI's params overloads take no options; the rest of the overload family does.
        if (optionsKind == OptionsKind.None)
            optionsKind = entry.Surface == ClientSurface.OpenAI ? OptionsKind.ChatCompletionOptions : OptionsKind.None;

        IArgumentOperation? optionsArgument = null;
        if (optionsParameter is not null)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (SymbolEqualityComparer.Default.Equals(argument.Parameter, optionsParameter)
                    && argument.ArgumentKind == ArgumentKind.Explicit)
                {
                    optionsArgument = argument;
                }
            }
        }

        return new CallSite(invocation, entry.Surface, CallKind.Chat, entry.IsStreaming, entry.IsSynchronous,
            optionsKind, optionsParameter, optionsArgument, http: null);
    }

    public OptionsKind ClassifyOptionsType(ITypeSymbol type)
    {
        if (Is(type, ChatCompletionOptions))
            return OptionsKind.ChatCompletionOptions;
        if (Is(type, ChatOptions))
            return OptionsKind.ChatOptions;
        if (Is(type, KernelArguments))
            return OptionsKind.KernelArguments;
        if (PromptExecutionSettings is not null && InheritsFrom(type, PromptExecutionSettings))
            return OptionsKind.PromptExecutionSettings;
        return OptionsKind.None;
    }

    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? known)
        => known is not null && SymbolEqualityComparer.Default.Equals(type?.OriginalDefinition, known);

    public static bool InheritsFrom(ITypeSymbol? type, INamedTypeSymbol baseType)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, baseType))
                return true;
        }

        return false;
    }

    private bool TryGetEntry(IMethodSymbol method, out MethodEntry entry)
    {
        var definition = (method.ReducedFrom ?? method).OriginalDefinition;
        if (_methods.TryGetValue(definition, out entry))
            return true;

        // A subclass of ChatClient (Azure's AzureChatClient, a user's decorator) overriding a chat method.
        for (var overridden = definition.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
        {
            if (_methods.TryGetValue(overridden.OriginalDefinition, out entry))
                return true;
        }

        // A call through a concrete implementation of IChatClient / IChatCompletionService.
        if (!_interfaceMethodNames.Contains(definition.Name) || definition.ContainingType is not { } type)
            return false;
        foreach (var iface in _chatInterfaces)
        {
            if (!type.AllInterfaces.Contains(iface, SymbolEqualityComparer.Default))
                continue;
            foreach (var member in iface.GetMembers(definition.Name))
            {
                // The implementation may be a base method this one overrides (DelegatingChatClient's, say).
                var implementation = type.FindImplementationForInterfaceMember(member);
                for (IMethodSymbol? candidate = definition; candidate is not null; candidate = candidate.OverriddenMethod)
                {
                    if (SymbolEqualityComparer.Default.Equals(implementation, candidate.OriginalDefinition)
                        && _methods.TryGetValue(((IMethodSymbol)member).OriginalDefinition, out entry))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private void AddMethods(INamedTypeSymbol? type, string name, ClientSurface surface, bool streaming, bool sync)
    {
        if (type is null)
            return;
        foreach (var member in type.GetMembers(name))
        {
            if (member is not IMethodSymbol method || method.DeclaredAccessibility != Accessibility.Public)
                continue;
            // Protocol methods (raw BinaryContent in, raw response out) are not judged: their body is opaque.
            if (method.Parameters.Length > 0 && Is(method.Parameters[0].Type, BinaryContent))
                continue;
            _methods[method.OriginalDefinition] = new MethodEntry(surface, streaming, sync);
        }
    }

    private readonly bool _openAI;
    private readonly bool _extensionsAI;
    private readonly bool _semanticKernel;

    private INamedTypeSymbol? Type(string metadataName)
    {
        var referenced = metadataName.StartsWith("OpenAI.", StringComparison.Ordinal) || metadataName.StartsWith("System.ClientModel.", StringComparison.Ordinal) ? _openAI
            : metadataName.StartsWith("Microsoft.Extensions.AI.", StringComparison.Ordinal) ? _extensionsAI
            : metadataName.StartsWith("Microsoft.SemanticKernel.", StringComparison.Ordinal) ? _semanticKernel
            : true;
        return referenced ? Compilation.GetTypeByMetadataName(metadataName) : null;
    }

    private readonly struct MethodEntry
    {
        public MethodEntry(ClientSurface surface, bool isStreaming, bool isSynchronous)
        {
            Surface = surface;
            IsStreaming = isStreaming;
            IsSynchronous = isSynchronous;
        }

        public ClientSurface Surface { get; }
        public bool IsStreaming { get; }
        public bool IsSynchronous { get; }
    }
}
