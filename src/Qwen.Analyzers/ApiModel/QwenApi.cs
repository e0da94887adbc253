using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Qwen.Analyzers.Flow;
using Qwen.Analyzers.Options;

namespace Qwen.Analyzers.ApiModel;

/// <summary>
/// The call-site model of one compilation, shared by every rule: every client type and method the rules know,
/// resolved once, and <see cref="TryGetCall"/>, which classifies an invocation once and keeps the answer (a
/// <see cref="CallSite"/> whose expensive facts are computed on first ask and kept too). Rules never look symbols up
/// themselves and never rebuild what another rule already asked.
/// </summary>
internal sealed class QwenApi
{
    private readonly Dictionary<IMethodSymbol, MethodEntry> _methods = new(SymbolEqualityComparer.Default);
    private readonly HashSet<string> _interfaceMethodNames = new(StringComparer.Ordinal);
    private readonly List<INamedTypeSymbol> _chatInterfaces = new();

    private QwenApi(Compilation compilation)
    {
        Compilation = compilation;
        var types = Types = new TypeLookup(compilation);
        Sources = new SourceSymbols(compilation);
        Projects = new ReferencedProjects(compilation);
        ChatClient = types.Find("OpenAI.Chat.ChatClient", Assemblies.OpenAI);
        ChatCompletionOptions = types.Find("OpenAI.Chat.ChatCompletionOptions", Assemblies.OpenAI);
        OpenAIChatMessage = types.Find("OpenAI.Chat.ChatMessage", Assemblies.OpenAI);
        BinaryContent = types.Find("System.ClientModel.BinaryContent", Assemblies.ClientModel);

        IChatClient = types.Find("Microsoft.Extensions.AI.IChatClient", Assemblies.ExtensionsAIAbstractions);
        ChatOptions = types.Find("Microsoft.Extensions.AI.ChatOptions", Assemblies.ExtensionsAIAbstractions);
        StructuredOutput = types.Find("Microsoft.Extensions.AI.ChatClientStructuredOutputExtensions", Assemblies.ExtensionsAI);

        IChatCompletionService = types.Find("Microsoft.SemanticKernel.ChatCompletion.IChatCompletionService", Assemblies.SemanticKernelAbstractions);
        PromptExecutionSettings = types.Find("Microsoft.SemanticKernel.PromptExecutionSettings", Assemblies.SemanticKernelAbstractions);
        OpenAIPromptExecutionSettings = types.Find("Microsoft.SemanticKernel.Connectors.OpenAI.OpenAIPromptExecutionSettings", Assemblies.SemanticKernelOpenAI);
        KernelArguments = types.Find("Microsoft.SemanticKernel.KernelArguments", Assemblies.SemanticKernelAbstractions);
        ChatHistory = types.Find("Microsoft.SemanticKernel.ChatCompletion.ChatHistory", Assemblies.SemanticKernelAbstractions);

        Bcl = new BclTypes(types);
        Interactive = new InteractiveSurfaces(types, Sources);
        Wrappers = new CallWrappers(this);
        Prompts = new PromptTypes(types);
        Code = new AnalyzedCode(types);

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
            var extensions = types.Find("Microsoft.Extensions.AI.ChatClientExtensions", Assemblies.ExtensionsAIAbstractions);
            AddMethods(extensions, "GetResponseAsync", ClientSurface.ExtensionsAI, streaming: false, sync: false);
            AddMethods(extensions, "GetStreamingResponseAsync", ClientSurface.ExtensionsAI, streaming: true, sync: false);
            AddMethods(StructuredOutput, "GetResponseAsync", ClientSurface.ExtensionsAI, streaming: false, sync: false);
        }

        if (IChatCompletionService is not null)
        {
            _chatInterfaces.Add(IChatCompletionService);
            AddMethods(IChatCompletionService, "GetChatMessageContentsAsync", ClientSurface.SemanticKernel, streaming: false, sync: false);
            AddMethods(IChatCompletionService, "GetStreamingChatMessageContentsAsync", ClientSurface.SemanticKernel, streaming: true, sync: false);
            var extensions = types.Find("Microsoft.SemanticKernel.ChatCompletion.ChatCompletionServiceExtensions", Assemblies.SemanticKernelAbstractions);
            AddMethods(extensions, "GetChatMessageContentAsync", ClientSurface.SemanticKernel, streaming: false, sync: false);
            AddMethods(extensions, "GetChatMessageContentsAsync", ClientSurface.SemanticKernel, streaming: false, sync: false);
            AddMethods(extensions, "GetStreamingChatMessageContentsAsync", ClientSurface.SemanticKernel, streaming: true, sync: false);
        }

        // The Cnblogs DashScope SDK: typed native requests (ModelRequest<TInput, TParameters>) serialized snake_case, so the
        // request object is read as the native JSON body it becomes.
        DashScopeClient = types.Find("Cnblogs.DashScope.Core.IDashScopeClient", Assemblies.CnblogsDashScope);
        if (DashScopeClient is not null)
        {
            _chatInterfaces.Add(DashScopeClient);
            AddSdkMethods("GetTextCompletionAsync", DashScopeEndpoint.NativeText, streaming: false);
            AddSdkMethods("GetTextCompletionStreamAsync", DashScopeEndpoint.NativeText, streaming: true);
            AddSdkMethods("GetMultimodalGenerationAsync", DashScopeEndpoint.NativeMultimodal, streaming: false);
            AddSdkMethods("GetMultimodalGenerationStreamAsync", DashScopeEndpoint.NativeMultimodal, streaming: true);
            AddSdkMethods("CreateImageSynthesisTaskAsync", DashScopeEndpoint.ImageGeneration, streaming: false);
            AddSdkMethods("GetTaskAsync", DashScopeEndpoint.TaskQuery, streaming: false);
            AddSdkMethods("GetEmbeddingsAsync", DashScopeEndpoint.NativeEmbeddings, streaming: false);
        }

        // Microsoft Agent Framework: an agent run is a chat call (a ChatClientAgent sends it through its IChatClient).
        AIAgent = types.Find("Microsoft.Agents.AI.AIAgent", Assemblies.AgentsAbstractions);
        AgentRunOptions = types.Find("Microsoft.Agents.AI.AgentRunOptions", Assemblies.AgentsAbstractions);
        ChatClientAgent = types.Find("Microsoft.Agents.AI.ChatClientAgent", Assemblies.Agents);
        ChatClientAgentRunOptions = types.Find("Microsoft.Agents.AI.ChatClientAgentRunOptions", Assemblies.Agents);
        // A run's conversation: AgentSession (1.x), AgentThread (earlier previews).
        _conversationStates.AddRange(new[] { types.Find("Microsoft.Agents.AI.AgentSession", Assemblies.AgentsAbstractions), types.Find("Microsoft.Agents.AI.AgentThread", Assemblies.AgentsAbstractions), ChatHistory }
            .Where(t => t is not null)!);
        foreach (var agent in new[] { AIAgent, ChatClientAgent })
        {
            AddMethods(agent, "RunAsync", ClientSurface.AgentFramework, streaming: false, sync: false);
            AddMethods(agent, "RunStreamingAsync", ClientSurface.AgentFramework, streaming: true, sync: false);
        }

        // Prompt functions: kernel.InvokeAsync(function) is a chat call when the function is made from a prompt in view
        // (kernel.CreateFunctionFromPrompt / KernelFunctionFactory.CreateFromPrompt); BuildClientCall checks that.
        var kernel = Kernel = types.Find("Microsoft.SemanticKernel.Kernel", Assemblies.SemanticKernelAbstractions);
        var kernelFunction = types.Find("Microsoft.SemanticKernel.KernelFunction", Assemblies.SemanticKernelAbstractions);
        foreach (var owner in new[] { kernel, kernelFunction })
        {
            AddPromptFunctionMethods(owner, "InvokeAsync", streaming: false);
            AddPromptFunctionMethods(owner, "InvokeStreamingAsync", streaming: true);
        }

        var kernelExtensions = types.Find("Microsoft.SemanticKernel.KernelExtensions", Assemblies.SemanticKernelCore);
        AddMethods(kernelExtensions, "InvokePromptAsync", ClientSurface.SemanticKernel, streaming: false, sync: false);
        AddMethods(kernelExtensions, "InvokePromptStreamingAsync", ClientSurface.SemanticKernel, streaming: true, sync: false);

        foreach (var iface in _chatInterfaces)
        {
            foreach (var member in iface.GetMembers())
                _interfaceMethodNames.Add(member.Name);
        }

        HasClientLibrary = _methods.Count > 0;
        foreach (var method in _methods.Keys)
            _candidateNames.Add(method.Name);

        // A hand-built DashScope request is recognised by its URL: a DashScope host or a DashScope-only path
        // (HttpRequestFacts.Classify), written in the source, or a Qwen.Latency endpoint constant. A project whose code
        // names none gets no HTTP callbacks, and without a client library no callbacks at all: it pays neither for the
        // rules nor for the operation trees they would have the compiler build. The text scan comes first: it is cheaper
        // than resolving the HTTP types.
        HandBuiltRequests = Bcl.HelpersReferenced || SourceScan.MentionsAny(compilation, DashScopeUrlFragments);
        Http = HasClientLibrary || HandBuiltRequests ? HttpTypes.Create(types) : null;
        if (HandBuiltRequests && Http is not null)
        {
            foreach (var name in HttpTypes.SendMethodNames)
                _candidateNames.Add(name);
        }
    }

    // The names of every method TryGetCall can recognise: a string look-up rejects most invocations before any symbol is hashed.
    private readonly HashSet<string> _candidateNames = new(StringComparer.Ordinal);

    /// <summary>What every DashScope host name ends with (<c>dashscope*.aliyuncs.com</c>, <c>*.maas.aliyuncs.com</c>).</summary>
    internal const string DashScopeHostSuffix = "aliyuncs.com";

    /// <summary>A fragment of every URL <see cref="HttpRequestFacts.Classify"/> accepts, short enough to survive a URL built from pieces.</summary>
    private static readonly string[] DashScopeUrlFragments = { DashScopeHostSuffix, "compatible-mode", "aigc/", "v1/tasks" };

    public Compilation Compilation { get; }
    public TypeLookup Types { get; }

    /// <summary>
    /// <c>ChatOptions.AdditionalProperties</c> never reaches the wire: the project talks through Microsoft.Extensions.AI's
    /// OpenAI adapter, which ignores it, and has no other adapter that might read it (proven by <c>RequestFieldsTests</c>).
    /// </summary>
    public bool AdditionalPropertiesDropped => Types.References(Assemblies.ExtensionsAIOpenAI) && !Types.ReferencesAny(Assemblies.CnblogsExtensionsAI);

    /// <summary><c>PromptExecutionSettings.ExtensionData</c> keys of Qwen's never reach the wire (Semantic Kernel's OpenAI connector only).</summary>
    public bool ExtensionDataDropped => Types.References(Assemblies.SemanticKernelOpenAI) && !Types.ReferencesAny(Assemblies.CnblogsSemanticKernel);
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
    public INamedTypeSymbol? Kernel { get; }

    private readonly List<INamedTypeSymbol> _conversationStates = new();

    /// <summary>
    /// A conversation a call reads and appends to — Semantic Kernel's <c>ChatHistory</c> (automatic function calling adds
    /// to it), an agent's <c>AgentSession</c> / <c>AgentThread</c> (each run adds its turn): a later call given the same
    /// one sees what the earlier one did.
    /// </summary>
    public bool IsConversationState(ITypeSymbol? type)
    {
        foreach (var state in _conversationStates)
        {
            if (InheritsFrom(type, state))
                return true;
        }

        return false;
    }

    public INamedTypeSymbol? AIAgent { get; }
    public INamedTypeSymbol? AgentRunOptions { get; }
    public INamedTypeSymbol? ChatClientAgent { get; }
    public INamedTypeSymbol? ChatClientAgentRunOptions { get; }

    /// <summary>The Cnblogs DashScope SDK's client interface, when referenced.</summary>
    public INamedTypeSymbol? DashScopeClient { get; }

    /// <summary>True when rules that read DashScope request bodies have something to read: hand-built requests or the DashScope SDK.</summary>
    public bool ReadsRequestBodies => HandBuiltRequests || DashScopeClient is not null;
    public INamedTypeSymbol? StructuredOutput { get; }
    public HttpTypes? Http { get; }

    /// <summary>The project's own methods that make a Qwen call for their caller.</summary>
    public CallWrappers Wrappers { get; }

    /// <summary>The project's own members a fact may look into (helper bodies, field initializers).</summary>
    public SourceSymbols Sources { get; }

    /// <summary>The other projects of the solution whose source the IDE and <c>dotnet format</c> hand over.</summary>
    public ReferencedProjects Projects { get; }

    /// <summary>Base addresses set where clients are built, found the first time a relative URI needs one.</summary>
    public BaseAddresses BaseAddresses => LazyInitializer.EnsureInitialized(ref _baseAddresses, ref _baseAddressesFound, ref _baseAddressesLock!, () => BaseAddresses.Find(this, CancellationToken.None))!;

    // The compilation-wide indexes are built once, by one thread (the others wait): every rule thread would otherwise
    // scan the whole compilation at the same time.
    private object _baseAddressesLock = new();
    private object _servicesLock = new();
    private BaseAddresses? _baseAddresses;
    private bool _baseAddressesFound;

    /// <summary>The app's dependency-injection registrations, found the first time a client reaches a call as an injected parameter.</summary>
    public ServiceRegistrations Services => LazyInitializer.EnsureInitialized(ref _services, ref _servicesFound, ref _servicesLock!, () => ServiceRegistrations.Find(this, CancellationToken.None))!;

    private ServiceRegistrations? _services;
    private bool _servicesFound;
    public BclTypes Bcl { get; }
    public InteractiveSurfaces Interactive { get; }
    public PromptTypes Prompts { get; }

    /// <summary>True when an LLM client library (OpenAI, Microsoft.Extensions.AI, Semantic Kernel) is referenced.</summary>
    public bool HasClientLibrary { get; }

    /// <summary>Which trees and types the rules analyse, and each tree's options.</summary>
    public AnalyzedCode Code { get; }

    /// <summary>True when the sources name a DashScope URL (or the project references Qwen.Latency): hand-built requests are read.</summary>
    public bool HandBuiltRequests { get; }

    /// <summary>False when nothing in this compilation can call Qwen: rules then register no callbacks at all.</summary>
    public bool HasAnySurface => HasClientLibrary || (HandBuiltRequests && Http is not null);

    // One model per compilation, shared by every rule (each analyzer's compilation-start action asks for it).
    private static readonly ConditionalWeakTable<Compilation, QwenApi> Cache = new();

    public static QwenApi Create(Compilation compilation) => Cache.GetValue(compilation, c => new QwenApi(c));

    /// <summary>False for a method no recognised call can have: its name is none of the client or send methods' (a string look-up).</summary>
    public bool MayBeCall(IMethodSymbol? method) => method is not null && _candidateNames.Contains(method.Name);

    /// <summary>
    /// Recognises an LLM call. For every other invocation this is one hash look-up; a recognised call is classified
    /// once (whichever rule asks first) and every later ask gets the same <see cref="CallSite"/>.
    /// </summary>
    public bool TryGetCall(IInvocationOperation invocation, out CallSite call)
    {
        call = null!;
        var method = invocation.TargetMethod;
        if (method is null)
            return false;

        if (!MayBeCall(method))
            return false;
        var isClientCall = TryGetEntry(method, out var entry);
        if (!isClientCall && (!HandBuiltRequests || Http is null || !Http.IsSendMethod(method)))
            return false;

        call = CallFacts.Of(invocation).Call(i => isClientCall ? BuildClientCall(i, entry) : BuildHttpCall(i))!;
        return call is not null;
    }

    /// <summary>
    /// The LLM call an <c>await</c> waits for: a non-streamed async call, a stream collected whole
    /// (<c>GetStreamingResponseAsync(…).ToChatResponseAsync()</c>, <c>OpenAIStreaming.CollectAsync(…)</c>,
    /// <c>QwenStreaming.CollectTextAsync(…)</c>), with or without <c>ConfigureAwait</c> — or a method of the project that
    /// makes such a call and changes nothing else. Read once per invocation (<see cref="CallFacts"/>).
    /// </summary>
    public bool TryGetAwaitedCall(IOperation awaited, out AwaitedModelCall result)
    {
        result = default;
        if (Awaits.SkipConfigureAwait(awaited) is not IInvocationOperation invocation)
            return false;
        if (CallFacts.Of(invocation).Awaited(ReadAwaitedCall) is not { } found)
            return false;
        result = found;
        return true;
    }

    private AwaitedModelCall? ReadAwaitedCall(IInvocationOperation invocation)
    {
        if (TryGetCall(invocation, out var call))
        {
            return !call.IsStreaming && !call.IsSynchronous && call.Kind == CallKind.Chat
                ? new AwaitedModelCall(invocation, call, call.DisplayName)
                : null;
        }

        if (IsStreamCollector(invocation.TargetMethod) && invocation.Arguments.Length > 0
            && CollectedStream(invocation.Arguments[0].Value) is IInvocationOperation stream
            && TryGetCall(stream, out call) && call.IsStreaming && call.Kind == CallKind.Chat)
        {
            return new AwaitedModelCall(invocation, call, call.DisplayName);
        }

        if (Wrappers.Of(invocation) is { IsIsolated: true, Call.Kind: CallKind.Chat } wrapper)
        {
            var inner = wrapper.OtherProject is null ? wrapper.Call.DisplayName : $"{wrapper.Call.DisplayName} in project {wrapper.OtherProject}";
            return new AwaitedModelCall(invocation, wrapper.Call, $"{invocation.TargetMethod.ContainingType.Name}.{invocation.TargetMethod.Name} ({inner})",
                wrapper.OtherProject);
        }

        return null;
    }

    /// <summary>
    /// <c>ToChatResponseAsync</c>, <c>OpenAIStreaming.CollectAsync</c>, <c>ChatClientStreaming.CollectAsync</c>,
    /// <c>QwenStreaming.CollectTextAsync</c>: a stream awaited whole.
    /// </summary>
    public bool IsStreamCollector(IMethodSymbol method)
        => method.Name == "ToChatResponseAsync" && method.ContainingType?.Name == "ChatResponseExtensions"
           || method.Name == "ToAgentResponseAsync" && method.ContainingType?.Name == "AgentResponseExtensions"
           || method.Name is "CollectAsync" or "CollectTextAsync"
           && (Is(method.ContainingType, Bcl.OpenAIStreaming) || Is(method.ContainingType, Bcl.QwenStreaming) || Is(method.ContainingType, Bcl.SemanticKernelStreaming)
               || Is(method.ContainingType, Bcl.ChatClientStreaming));

    /// <summary>The streaming call a collector reads: its argument, or what the request factory it is given returns (<c>() =&gt; client.…StreamingAsync(…)</c>).</summary>
    public static IOperation? CollectedStream(IOperation argument)
    {
        var value = ValueFlow.Unwrap(argument);
        if (value is IDelegateCreationOperation { Target: IAnonymousFunctionOperation { Body.Operations: { Length: 1 } body } }
            && body[0] is IReturnOperation { ReturnedValue: { } returned })
        {
            return ValueFlow.Unwrap(returned);
        }

        return value;
    }

    private CallSite? BuildClientCall(IInvocationOperation invocation, MethodEntry entry)
    {
        IInvocationOperation? promptFunction = null;
        if (entry.PromptFunction && (promptFunction = PromptFunctionOrigin(invocation)) is null)
            return null;   // the function may be native code or a plugin's: not a model call as far as this code shows
        if (entry.Endpoint is { } endpoint)
        {
            // The SDK's request object is the body; the method says the endpoint and whether it streams.
            IOperation? request = null;
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name == "input" && argument.ArgumentKind == ArgumentKind.Explicit)
                    request = argument.Value;
            }

            return new CallSite(this, invocation, ClientSurface.DashScopeSdk, kind: null, isStreaming: null, isSynchronous: false,
                OptionsKind.None, optionsParameter: null, optionsArgument: null, http: HttpRequestFacts.ForSdk(invocation, this, endpoint, request, entry.IsStreaming));
        }

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
                if (SymbolEqualityComparer.Default.Equals(argument.Parameter, optionsParameter) && argument.ArgumentKind == ArgumentKind.Explicit)
                    optionsArgument = argument;
            }
        }

        return new CallSite(this, invocation, entry.Surface, CallKind.Chat, entry.IsStreaming, entry.IsSynchronous,
            optionsKind, optionsParameter, optionsArgument, http: null) { PromptFunction = promptFunction };
    }

    private CallSite? BuildHttpCall(IInvocationOperation invocation)
    {
        var request = HttpRequestFacts.TryRead(invocation, this);
        if (request is null)
            return null;
        return new CallSite(this, invocation, ClientSurface.DashScopeHttp, kind: null, isStreaming: null, Http!.IsSynchronous(invocation.TargetMethod),
            OptionsKind.None, optionsParameter: null, optionsArgument: null, http: request);
    }

    /// <summary>True when <paramref name="method"/> is (or overrides, or implements) a chat method of a client library: code that is itself a client.</summary>
    public bool IsClientMethod(IMethodSymbol method) => TryGetEntry(method, out _);

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
        if (AgentRunOptions is not null && InheritsFrom(type, AgentRunOptions))
            return OptionsKind.AgentRunOptions;
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

    private void AddPromptFunctionMethods(INamedTypeSymbol? owner, string name, bool streaming)
    {
        if (owner is null)
            return;
        foreach (var member in owner.GetMembers(name))
        {
            // Only the overloads that take the function itself (not a plugin and function name).
            if (member is IMethodSymbol { DeclaredAccessibility: Accessibility.Public } method
                && (method.ContainingType.Name == "KernelFunction" || method.Parameters.Length > 0 && method.Parameters[0].Type.Name == "KernelFunction"))
                _methods[method.OriginalDefinition] = new MethodEntry(ClientSurface.SemanticKernel, streaming, isSynchronous: false, promptFunction: true);
        }
    }

    /// <summary>The <c>CreateFunctionFromPrompt</c> / <c>CreateFromPrompt</c> call that made the function a call invokes; null when it is not in view.</summary>
    private IInvocationOperation? PromptFunctionOrigin(IInvocationOperation invocation)
    {
        var function = invocation.TargetMethod.ContainingType.Name == "KernelFunction"
            ? invocation.Instance
            : invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "function")?.Value;
        return CallModel.Origin(function, this) is IInvocationOperation { TargetMethod.Name: "CreateFunctionFromPrompt" or "CreateFromPrompt" } creation
               && creation.TargetMethod.ContainingType.Name is "KernelExtensions" or "KernelFunctionFactory"
            ? creation
            : null;
    }

    private void AddSdkMethods(string name, DashScopeEndpoint endpoint, bool streaming)
    {
        foreach (var member in DashScopeClient!.GetMembers(name))
        {
            if (member is IMethodSymbol method)
                _methods[method.OriginalDefinition] = new MethodEntry(ClientSurface.DashScopeSdk, streaming, isSynchronous: false, endpoint);
        }
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

    private readonly struct MethodEntry
    {
        public MethodEntry(ClientSurface surface, bool isStreaming, bool isSynchronous, DashScopeEndpoint? endpoint = null, bool promptFunction = false)
        {
            Surface = surface;
            IsStreaming = isStreaming;
            IsSynchronous = isSynchronous;
            Endpoint = endpoint;
            PromptFunction = promptFunction;
        }

        /// <summary>Semantic Kernel's function invocation: a call only when the function is a prompt function in view.</summary>
        public bool PromptFunction { get; }

        /// <summary>For the DashScope SDK: the endpoint the method calls.</summary>
        public DashScopeEndpoint? Endpoint { get; }

        public ClientSurface Surface { get; }
        public bool IsStreaming { get; }
        public bool IsSynchronous { get; }
    }
}

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
    public const string Agents = "Microsoft.Agents.AI";
    public const string AgentsAbstractions = "Microsoft.Agents.AI.Abstractions";
}
