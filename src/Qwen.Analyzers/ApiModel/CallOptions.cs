using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Qwen.Analyzers.Flow;

namespace Qwen.Analyzers.ApiModel;

/// <summary>
/// The options object of a client call as far as the calling method shows: the argument's object, and for
/// <c>new KernelArguments(settings)</c> the settings object that carries the execution settings.
/// </summary>
internal sealed class CallOptions
{
    private CallOptions(ObjectFacts argument, ObjectFacts? settings)
    {
        Argument = argument;
        Settings = settings;
    }

    /// <summary>The object passed as the options argument (<see cref="ObjectFacts.Unknown"/> when none was passed).</summary>
    public ObjectFacts Argument { get; }

    /// <summary>For <c>new KernelArguments(settings)</c>: the settings object; null otherwise.</summary>
    public ObjectFacts? Settings { get; }

    /// <summary>The object whose members set the request: the settings inside KernelArguments, else the argument.</summary>
    public ObjectFacts Effective => Settings ?? Argument;

    public static CallOptions Read(CallSite call)
    {
        if (call.OptionsArgument is null)
            return new CallOptions(ObjectFacts.Unknown, null);
        var api = call.Api;
        var argument = ObjectFacts.Describe(call.OptionsArgument.Value, use => IsHarmlessUse(use, api), value => SameInstance(value, api));
        ObjectFacts? settings = null;
        if (argument.IsKnown && argument.Creation is { } creation && QwenApi.Is(creation.Type, api.SemanticKernel.KernelArguments)
            && ValueFlow.ExplicitArgumentCount(creation.Arguments) == 1 && api.SemanticKernel.PromptExecutionSettings is not null
            && QwenApi.InheritsFrom(creation.Arguments[0].Value.Type, api.SemanticKernel.PromptExecutionSettings))
        {
            settings = ObjectFacts.Describe(creation.Arguments[0].Value, use => IsHarmlessUse(use, api), value => SameInstance(value, api));
        }

        // new ChatClientAgentRunOptions(new ChatOptions { … }) or { ChatOptions = new ChatOptions { … } }: the ChatOptions set the request.
        if (argument.IsKnown && argument.Creation is { } runOptions && QwenApi.Is(runOptions.Type, api.Agents.ChatClientAgentRunOptions))
        {
            if (ValueFlow.ExplicitArgumentCount(runOptions.Arguments) == 1)
                settings = ObjectFacts.Describe(runOptions.Arguments[0].Value, use => IsHarmlessUse(use, api));
            else if (argument.Assigned.TryGetValue("ChatOptions", out var chatOptions))
                settings = ObjectFacts.Describe(chatOptions, use => IsHarmlessUse(use, api));
        }

        return new CallOptions(argument, settings);
    }

    /// <summary>
    /// Uses that leave an options object as it was: being the options of a recognised call, or the settings handed
    /// to <c>new KernelArguments(settings)</c>.
    /// </summary>
    private static bool IsHarmlessUse(IOperation use, QwenApi api)
        => use switch
        {
            IArgumentOperation { Parent: IInvocationOperation invocation } argument
                => api.TryGetCall(invocation, out var other) && other.OptionsArgument == argument,
            IArgumentOperation { Parent: IObjectCreationOperation creation }
                => QwenApi.Is(creation.Type, api.SemanticKernel.KernelArguments) || QwenApi.Is(creation.Type, api.Agents.ChatClientAgentRunOptions),
            _ => false,
        } || SameInstance(use.Parent, api) is not null && use is IArgumentOperation { Parameter.Ordinal: 0 };

    /// <summary>
    /// <c>options.WithoutThinking()</c>, <c>.WithThinkingBudget(n)</c>, <c>.WithQwenField(…)</c> (Qwen.Latency): they set a
    /// Qwen request field on the object they are given and return it, so the object's other members read through them.
    /// </summary>
    private static IOperation? SameInstance(IOperation? value, QwenApi api)
        => value is IInvocationOperation { Arguments.Length: > 0 } helper && helper.TargetMethod.IsStatic && api.Bcl.IsRequestFieldHelper(helper.TargetMethod)
            ? helper.Arguments[0].Value
            : null;

    /// <summary>True when <paramref name="type"/> is declared by a client library (not a user subclass that may set members itself).</summary>
    public static bool IsLibraryType(ITypeSymbol? type, QwenApi api)
    {
        var assembly = type?.ContainingAssembly;
        return assembly is not null
               && (SymbolEqualityComparer.Default.Equals(assembly, api.OpenAI.ChatCompletionOptions?.ContainingAssembly)
                   || SymbolEqualityComparer.Default.Equals(assembly, api.ExtensionsAI.ChatOptions?.ContainingAssembly)
                   || SymbolEqualityComparer.Default.Equals(assembly, api.SemanticKernel.PromptExecutionSettings?.ContainingAssembly)
                   || SymbolEqualityComparer.Default.Equals(assembly, api.SemanticKernel.OpenAIPromptExecutionSettings?.ContainingAssembly)
                   || assembly.Name.StartsWith("Microsoft.SemanticKernel.Connectors.", System.StringComparison.Ordinal));
    }
}

internal enum CapState
{
    Capped,
    Missing,
    Unknown,
}

/// <summary>Where a missing cap would go: what the call site looks like where no cap is set.</summary>
internal enum CapGap
{
    None,
    /// <summary>No options argument at all.</summary>
    NoOptions,
    /// <summary>The options argument is <c>null</c> / <c>default</c>.</summary>
    NullOptions,
    /// <summary>An options object created in the method (<see cref="OutputCapReading.Creation"/>) without a cap.</summary>
    OptionsWithoutCap,
    /// <summary><c>new KernelArguments()</c> without execution settings (<see cref="OutputCapReading.Creation"/>).</summary>
    KernelArgumentsWithoutSettings,
    /// <summary>A hand-built JSON body without <c>max_tokens</c> / <c>max_completion_tokens</c>.</summary>
    JsonBody,
}

/// <summary>
/// The answer to "does this call cap its output tokens?" shared by the rules that care (QW0001 reports a missing cap;
/// QW0002 leaves small capped answers alone; QW0010 judges thinking by the cap), with the constant cap when visible.
/// </summary>
internal sealed class OutputCapReading
{
    private static readonly string[] RawCapKeys = { "max_completion_tokens", "max_tokens" };
    private static readonly OutputCapReading UnknownReading = new(CapState.Unknown, null, CapGap.None, null);

    private OutputCapReading(CapState state, int? tokens, CapGap gap, IObjectCreationOperation? creation)
    {
        State = state;
        Tokens = tokens;
        Gap = gap;
        Creation = creation;
    }

    public CapState State { get; }

    /// <summary>The cap, when the code sets it to a constant.</summary>
    public int? Tokens { get; }

    /// <summary>For a missing cap: the shape of the call site where it is missing.</summary>
    public CapGap Gap { get; }

    /// <summary>For <see cref="CapGap.OptionsWithoutCap"/> and <see cref="CapGap.KernelArgumentsWithoutSettings"/>: the creation.</summary>
    public IObjectCreationOperation? Creation { get; }

    public static OutputCapReading Read(CallSite call)
    {
        if (call.Http is not null)
            return ReadJsonBody(call.Http);
        if (call.Surface == ClientSurface.AgentFramework)
            return ReadAgentRun(call);
        var reading = ReadArguments(call);
        return call.PromptFunction is { } function && reading.Gap is CapGap.NoOptions or CapGap.NullOptions or CapGap.KernelArgumentsWithoutSettings
            ? ReadPromptFunction(function, reading, call.Api)
            : reading;
    }

    /// <summary>
    /// A prompt function invoked without execution settings of its own runs with the settings it was made with
    /// (<c>CreateFunctionFromPrompt(template, settings)</c>): capped there, missing there (the fix goes there), or, made
    /// without settings, missing at the invocation.
    /// </summary>
    private static OutputCapReading ReadPromptFunction(IInvocationOperation function, OutputCapReading atInvocation, QwenApi api)
    {
        IArgumentOperation? settings = null;
        foreach (var argument in function.Arguments)
        {
            if (argument.ArgumentKind != ArgumentKind.Explicit)
                continue;
            if (argument.Parameter?.Type.Name is "PromptTemplateConfig" or "IPromptTemplate")
                return UnknownReading;   // settings inside a config object: not read here
            if (argument.Parameter?.Name == "executionSettings")
                settings = argument;
        }

        if (settings is null)
            return atInvocation;
        if (api.SemanticKernel.PromptExecutionSettings is null || !QwenApi.InheritsFrom(settings.Parameter!.Type, api.SemanticKernel.PromptExecutionSettings))
            return UnknownReading;   // a list of settings per service
        var facts = ObjectFacts.Describe(settings.Value, use => use == settings || use is IArgumentOperation { Parent: var parent } && parent == function);
        if (!facts.IsKnown)
            return UnknownReading;
        return facts.IsNull ? atInvocation : ReadOptions(facts, api);
    }

    private static OutputCapReading ReadArguments(CallSite call)
    {
        if (call.OptionsArgument is null)
        {
            // The params overload of ChatClient.CompleteChat* takes no options, but its siblings do.
            return call.OptionsParameter is null && call.Surface != ClientSurface.OpenAI ? UnknownReading : new OutputCapReading(CapState.Missing, null, CapGap.NoOptions, null);
        }

        var options = call.Options;
        if (!options.Argument.IsKnown)
            return UnknownReading;
        if (options.Argument.IsNull)
            return new OutputCapReading(CapState.Missing, null, CapGap.NullOptions, null);

        if (call.OptionsKind != OptionsKind.KernelArguments)
            return ReadOptions(options.Argument, call.Api);

        var creation = options.Argument.Creation!;
        if (!QwenApi.Is(creation.Type, call.Api.SemanticKernel.KernelArguments) || options.Argument.Assigned.ContainsKey("ExecutionSettings") || options.Argument.WasRead("ExecutionSettings"))
            return UnknownReading;
        if (ValueFlow.ExplicitArgumentCount(creation.Arguments) == 0)
            return new OutputCapReading(CapState.Missing, null, CapGap.KernelArgumentsWithoutSettings, creation);
        return options.Settings is { IsKnown: true, IsNull: false } settings ? ReadOptions(settings, call.Api) : UnknownReading;
    }

    /// <summary>
    /// An agent run: capped by the run's <c>ChatOptions</c> or by the agent's own (<c>ChatClientAgentOptions.ChatOptions</c>
    /// where the agent is built). Missing only when the agent is built in view without a cap; unknown when it comes
    /// from elsewhere (dependency injection), or when the run's options carry no <c>ChatOptions</c> to add one to.
    /// </summary>
    private static OutputCapReading ReadAgentRun(CallSite call)
    {
        var api = call.Api;
        ObjectFacts? runChatOptions = null;
        if (call.OptionsArgument is not null)
        {
            var options = call.Options;
            if (!options.Argument.IsKnown)
                return UnknownReading;
            if (!options.Argument.IsNull)
            {
                if (options.Settings is not { IsKnown: true, IsNull: false } settings)
                    return UnknownReading;
                runChatOptions = settings;
                if (ReadOptions(settings, api) is { State: not CapState.Missing } runCap)
                    return runCap;
            }
        }

        switch (AgentCap(call))
        {
            case { } agentCap when agentCap.State != CapState.Missing:
                return agentCap;
            case null:
                return UnknownReading;
        }

        if (runChatOptions is not null)
            return new OutputCapReading(CapState.Missing, null, CapGap.OptionsWithoutCap, runChatOptions.Creation);
        return call.OptionsArgument is null
            ? new OutputCapReading(CapState.Missing, null, CapGap.NoOptions, null)
            : new OutputCapReading(CapState.Missing, null, CapGap.NullOptions, null);
    }

    /// <summary>The cap the agent was built with: null when its construction is not in view.</summary>
    private static OutputCapReading? AgentCap(CallSite call)
    {
        var api = call.Api;
        var agent = CallModel.Origin(call.Invocation.Instance ?? (call.Invocation.Arguments.Length > 0 ? call.Invocation.Arguments[0].Value : null), api);
        IOperation? chatOptions = null;
        switch (agent)
        {
            // new ChatClientAgent(chat, instructions: …) / new ChatClientAgent(chat, new ChatClientAgentOptions { ChatOptions = … })
            case IObjectCreationOperation creation when QwenApi.Is(creation.Type, api.Agents.ChatClientAgent):
                chatOptions = AgentOptionsChatOptions(creation.Arguments, api, out var readable);
                if (!readable)
                    return null;
                break;
            // chat.AsAIAgent(…) / builder.BuildAIAgent(…)
            case IInvocationOperation { TargetMethod.Name: "AsAIAgent" or "BuildAIAgent" } factory:
                chatOptions = AgentOptionsChatOptions(factory.Arguments, api, out readable);
                if (!readable)
                    return null;
                break;
            default:
                return null;
        }

        if (chatOptions is null)
            return new OutputCapReading(CapState.Missing, null, CapGap.NoOptions, null);
        var facts = ObjectFacts.Describe(chatOptions, _ => false);
        return facts is { IsKnown: true, IsNull: false } ? ReadOptions(facts, api) : null;
    }

    /// <summary>The <c>ChatOptions</c> of a <c>ChatClientAgentOptions</c> argument; <paramref name="readable"/> is false when the options cannot be read.</summary>
    private static IOperation? AgentOptionsChatOptions(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, QwenApi api, out bool readable)
    {
        readable = true;
        foreach (var argument in arguments)
        {
            if (argument.Parameter?.Type.Name != "ChatClientAgentOptions" || argument.ArgumentKind == ArgumentKind.DefaultValue)
                continue;
            var options = ObjectFacts.Describe(argument.Value, _ => false);
            if (!options.IsKnown || options.IsNull)
            {
                readable = options.IsNull;
                return null;
            }

            return options.Assigned.TryGetValue("ChatOptions", out var chatOptions) ? chatOptions : null;
        }

        return null;
    }

    private static OutputCapReading ReadOptions(ObjectFacts facts, QwenApi api)
    {
        var creation = facts.Creation!;
        if (!CallOptions.IsLibraryType(creation.Type, api))
            return UnknownReading;   // a user subclass may set the cap in its constructor

        foreach (var name in facts.Read)
        {
            // Members through which a cap can arrive unseen: raw patches, factories, extension dictionaries.
            if (name is "Patch" or "RawRepresentationFactory" or "AdditionalProperties" or "ExtensionData" or "ExtraBody" or ObjectFacts.IndexerOrCollection)
                return UnknownReading;
        }

        foreach (var pair in facts.Assigned)
        {
            switch (pair.Key)
            {
                case "MaxOutputTokenCount" or "MaxOutputTokens" or "MaxTokens":
                    return Capped(pair.Value);
                case "RawRepresentationFactory" or "AdditionalProperties":
                    return UnknownReading;
                case "ExtensionData" or "ExtraBody":
                    var dictionary = JsonBody.TryRead(pair.Value, api, JsonNaming.AsWritten);
                    if (dictionary is null || !dictionary.IsComplete)
                        return UnknownReading;
                    foreach (var key in RawCapKeys)
                    {
                        if (dictionary.Get(key) is { } member)
                            return new OutputCapReading(CapState.Capped, AsTokens(member.Constant), CapGap.None, null);
                    }

                    break;
            }
        }

        return new OutputCapReading(CapState.Missing, null, CapGap.OptionsWithoutCap, creation);
    }

    private static OutputCapReading ReadJsonBody(HttpRequestFacts? http)
    {
        if (http?.Body is not { } body || !http.TryGetParameters(out var container))
            return UnknownReading;
        foreach (var key in RawCapKeys)
        {
            if (container?.Get(key) is { } member)
                return new OutputCapReading(CapState.Capped, AsTokens(member.Constant), CapGap.None, null);
        }

        return (container ?? body).IsComplete ? new OutputCapReading(CapState.Missing, null, CapGap.JsonBody, null) : UnknownReading;
    }

    private static OutputCapReading Capped(IOperation value)
        => new(CapState.Capped, AsTokens(ValueFlow.Unwrap(value).ConstantValue.Value), CapGap.None, null);

    private static int? AsTokens(object? constant) => constant switch
    {
        int i => i,
        long l when l <= int.MaxValue => (int)l,
        _ => null,
    };
}
