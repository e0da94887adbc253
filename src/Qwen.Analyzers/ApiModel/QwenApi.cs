using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
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
    private readonly MethodTable _methods;

    private QwenApi(Compilation compilation, AppSettings settings, IReadOnlyList<string> gatewayHosts)
    {
        Compilation = compilation;
        Settings = settings;
        var types = Types = new TypeLookup(compilation);
        Sources = new SourceSymbols(compilation);
        Projects = new ReferencedProjects(compilation);
        OpenAI = new OpenAISurface(types);
        ExtensionsAI = new ExtensionsAISurface(types);
        SemanticKernel = new SemanticKernelSurface(types);
        DashScopeSdk = new DashScopeSdkSurface(types);
        Agents = new AgentFrameworkSurface(types);

        Bcl = new BclTypes(types);
        Interactive = new InteractiveSurfaces(types, Sources);
        Wrappers = new CallWrappers(this);
        Prompts = new PromptTypes(types);
        Code = new AnalyzedCode(types);

        _methods = new MethodTable(OpenAI.BinaryContent);
        OpenAI.Register(_methods);
        ExtensionsAI.Register(_methods);
        SemanticKernel.Register(_methods);
        DashScopeSdk.Register(_methods);
        Agents.Register(_methods);
        _conversationStates.AddRange(Agents.Conversations);
        if (SemanticKernel.ChatHistory is { } history)
            _conversationStates.Add(history);

        HasClientLibrary = !_methods.IsEmpty;
        foreach (var name in _methods.Names)
            _candidateNames.Add(name);
        ConfigurationTypes = ConfigurationTypes.Create(types);
        HandBuilt = new HandBuiltHttpSurface(compilation, types, Bcl, HasClientLibrary, settings, gatewayHosts);
        if (HandBuilt.Reads)
        {
            foreach (var name in HttpTypes.SendMethodNames)
                _candidateNames.Add(name);
        }
    }

    // The names of every method TryGetCall can recognise: a string look-up rejects most invocations before any symbol is hashed.
    private readonly HashSet<string> _candidateNames = new(StringComparer.Ordinal);

    public OpenAISurface OpenAI { get; }
    public ExtensionsAISurface ExtensionsAI { get; }
    public SemanticKernelSurface SemanticKernel { get; }
    public DashScopeSdkSurface DashScopeSdk { get; }
    public AgentFrameworkSurface Agents { get; }
    public HandBuiltHttpSurface HandBuilt { get; }

    public Compilation Compilation { get; }
    public TypeLookup Types { get; }

    /// <summary>
    /// <c>ChatOptions.AdditionalProperties</c> never reaches the wire: the project talks through Microsoft.Extensions.AI's
    /// OpenAI adapter, which ignores it, and has no other adapter that might read it (proven by <c>RequestFieldsTests</c>).
    /// </summary>
    public bool AdditionalPropertiesDropped => Types.References(Assemblies.ExtensionsAIOpenAI) && !Types.ReferencesAny(Assemblies.CnblogsExtensionsAI);

    /// <summary>
    /// True when an <c>IChatClient</c> of the project's own (a decorator, an adapter to a raw HTTP call) mentions
    /// <c>AdditionalProperties</c>: it may forward them to the wire, so what the OpenAI adapter drops may still arrive.
    /// Found the first time a rule asks (a Qwen field written into <c>AdditionalProperties</c>), from the files whose
    /// text names <c>AdditionalProperties</c> (a client deriving from another project class is found too: the check is
    /// on the declared symbol's interfaces).
    /// </summary>
    public bool ProjectClientReadsAdditionalProperties
        => LazyInitializer.EnsureInitialized(ref _projectClientReads, ref _projectClientReadsFound, ref _projectClientReadsLock!, () => new StrongBox<bool>(FindForwardingClient()))!.Value;

    private object _projectClientReadsLock = new();
    private StrongBox<bool>? _projectClientReads;
    private bool _projectClientReadsFound;

    private bool FindForwardingClient()
    {
        if (ExtensionsAI.IChatClient is not { } chatClient)
            return false;
        foreach (var tree in Compilation.SyntaxTrees)
        {
            if (!SourceScan.Mentions(tree, AdditionalPropertiesName, StringComparison.Ordinal))
                continue;
#pragma warning disable RS1030 // once per compilation, only for the files that name AdditionalProperties
            var model = Compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
            foreach (var declaration in tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax>())
            {
                if (declaration.BaseList is not null && model.GetDeclaredSymbol(declaration) is INamedTypeSymbol type
                    && type.AllInterfaces.Contains(chatClient, SymbolEqualityComparer.Default))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static readonly string[] AdditionalPropertiesName = { "AdditionalProperties" };

    /// <summary><c>PromptExecutionSettings.ExtensionData</c> keys of Qwen's never reach the wire (Semantic Kernel's OpenAI connector only).</summary>
    public bool ExtensionDataDropped => Types.References(Assemblies.SemanticKernelOpenAI) && !Types.ReferencesAny(Assemblies.CnblogsSemanticKernel);

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



    /// <summary>True when rules that read DashScope request bodies have something to read: hand-built requests or the DashScope SDK.</summary>
    public bool ReadsRequestBodies => HandBuiltRequests || DashScopeSdk.Client is not null;
    public HttpTypes? Http => HandBuilt.Http;

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

    /// <summary>Which section each options class is bound to, found the first time an options value is read.</summary>
    public OptionsBindings OptionsBindings => LazyInitializer.EnsureInitialized(ref _optionsBindings, ref _optionsBindingsFound, ref _optionsBindingsLock!, () => OptionsBindings.Find(this, CancellationToken.None))!;

    private object _optionsBindingsLock = new();
    private OptionsBindings? _optionsBindings;
    private bool _optionsBindingsFound;
    private bool _servicesFound;
    public BclTypes Bcl { get; }
    public InteractiveSurfaces Interactive { get; }
    public PromptTypes Prompts { get; }

    /// <summary>True when an LLM client library (OpenAI, Microsoft.Extensions.AI, Semantic Kernel) is referenced.</summary>
    public bool HasClientLibrary { get; }

    /// <summary>Which trees and types the rules analyse, and each tree's options.</summary>
    public AnalyzedCode Code { get; }

    /// <summary>True when the sources name a DashScope URL (or the project references Qwen.Latency): hand-built requests are read.</summary>
    public bool HandBuiltRequests => HandBuilt.Requests;

    /// <summary>False when nothing in this compilation can call Qwen: rules then register no callbacks at all.</summary>
    public bool HasAnySurface => HasClientLibrary || HandBuilt.Reads;

    // One model per compilation, shared by every rule (each analyzer's compilation-start action asks for it).
    private static readonly ConditionalWeakTable<Compilation, QwenApi> Cache = new();

    public static QwenApi Create(Compilation compilation) => Cache.GetValue(compilation, c => new QwenApi(c, AppSettings.Empty, Array.Empty<string>()));

    /// <summary>
    /// The model of <paramref name="compilation"/> with what the build hands the analyzers: the project's settings files
    /// among the additional files, and the gateway hosts of <c>qwen_analyzers.endpoint_hosts</c>. The first caller for a
    /// compilation builds it: every rule passes the same options.
    /// </summary>
    public static QwenApi Create(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
        => Cache.GetValue(compilation, c => new QwenApi(c, AppSettings.Read(options.AdditionalFiles, cancellationToken),
            QwenOptions.EndpointHosts(options.AnalyzerConfigOptionsProvider, c.SyntaxTrees)));

    /// <summary>The values of the project's <c>appsettings*.json</c>, for code that reads endpoints and models from <c>IConfiguration</c>.</summary>
    public AppSettings Settings { get; }

    /// <summary><c>Microsoft.Extensions.Configuration</c>'s interfaces, when referenced.</summary>
    public ConfigurationTypes? ConfigurationTypes { get; }

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
        var isClientCall = _methods.TryGet(method, out var entry);
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
    public bool IsClientMethod(IMethodSymbol method) => _methods.TryGet(method, out _);

    public OptionsKind ClassifyOptionsType(ITypeSymbol type)
    {
        if (Is(type, OpenAI.ChatCompletionOptions))
            return OptionsKind.ChatCompletionOptions;
        if (Is(type, ExtensionsAI.ChatOptions))
            return OptionsKind.ChatOptions;
        if (Is(type, SemanticKernel.KernelArguments))
            return OptionsKind.KernelArguments;
        if (SemanticKernel.PromptExecutionSettings is not null && InheritsFrom(type, SemanticKernel.PromptExecutionSettings))
            return OptionsKind.PromptExecutionSettings;
        if (Agents.AgentRunOptions is not null && InheritsFrom(type, Agents.AgentRunOptions))
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

}
