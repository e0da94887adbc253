using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Qwen.Analyzers.ApiModel;
using Qwen.Analyzers.Flow;

namespace Qwen.Analyzers.Rules;

internal enum CapState
{
    Capped,
    Missing,
    Unknown,
}

/// <summary>How the QW0001 fix adds the cap; travels to the fixer in <see cref="Diagnostic.Properties"/>.</summary>
internal static class CapFix
{
    public const string KindKey = "FixKind";
    public const string MemberKey = "Member";
    public const string OptionsTypeKey = "OptionsType";
    public const string SettingsTypeKey = "SettingsType";
    public const string ParameterKey = "Parameter";
    public const string MaxTokensKey = "MaxTokens";

    /// <summary>Pass a new options object as a further argument.</summary>
    public const string AddArgument = "AddArgument";
    /// <summary>Replace a <c>null</c> / <c>default</c> options argument with a new options object.</summary>
    public const string ReplaceArgument = "ReplaceArgument";
    /// <summary>Add the cap to the options object's creation (initializer or a new one).</summary>
    public const string AddToCreation = "AddToCreation";
    /// <summary>Give a <c>new KernelArguments(…)</c> execution settings that carry the cap.</summary>
    public const string AddSettingsToKernelArguments = "AddSettingsToKernelArguments";
    /// <summary>Add <c>max_completion_tokens</c> to a hand-built JSON body.</summary>
    public const string AddToJsonBody = "AddToJsonBody";
    /// <summary>The wire name the fix writes into raw bodies (DashScope deprecated <c>max_tokens</c> in 2026).</summary>
    public const string JsonKey = "max_completion_tokens";
}

/// <summary>The answer to "does this call cap its output tokens?", with what a fix needs to add the cap.</summary>
internal sealed class OutputCapVerdict
{
    public static readonly OutputCapVerdict Capped = new(CapState.Capped, ImmutableDictionary<string, string?>.Empty, null);
    public static readonly OutputCapVerdict Unknown = new(CapState.Unknown, ImmutableDictionary<string, string?>.Empty, null);

    public OutputCapVerdict(CapState state, ImmutableDictionary<string, string?> fix, SyntaxNode? editNode)
    {
        State = state;
        Fix = fix;
        EditNode = editNode;
    }

    public CapState State { get; }

    /// <summary>Properties for the fixer; empty when no fix is safe.</summary>
    public ImmutableDictionary<string, string?> Fix { get; }

    /// <summary>The node the fix edits (an object creation or a literal); null when it edits the invocation's arguments.</summary>
    public SyntaxNode? EditNode { get; }

    public static OutputCapVerdict Missing(SyntaxNode? editNode, params (string Key, string? Value)[] fix)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, string?>();
        foreach (var (key, value) in fix)
            builder[key] = value;
        return new OutputCapVerdict(CapState.Missing, builder.ToImmutable(), editNode);
    }
}

/// <summary>Decides whether a recognised chat call caps its output tokens.</summary>
internal static class OutputCap
{
    private static readonly string[] RawCapKeys = { "max_tokens", "max_completion_tokens" };

    public static OutputCapVerdict Evaluate(CallSite call, QwenApi api)
    {
        if (call.Surface == ClientSurface.DashScopeHttp)
            return EvaluateJsonBody(call.Http);
        if (call.OptionsArgument is null)
            return MissingArgument(call, api);

        var facts = ObjectFacts.Describe(call.OptionsArgument.Value, use => IsHarmlessUse(use, api));
        if (!facts.IsKnown)
            return OutputCapVerdict.Unknown;
        if (facts.IsNull)
            return MissingOptions(call, api, CapFix.ReplaceArgument);

        return call.OptionsKind == OptionsKind.KernelArguments
            ? EvaluateKernelArguments(facts, api)
            : EvaluateOptions(facts, api);
    }

    private static OutputCapVerdict MissingArgument(CallSite call, QwenApi api)
    {
        // The params overload of ChatClient.CompleteChat* takes no options: the fix moves the messages into an array.
        if (call.OptionsParameter is null && call.Surface != ClientSurface.OpenAI)
            return OutputCapVerdict.Unknown;
        return MissingOptions(call, api, CapFix.AddArgument);
    }

    private static OutputCapVerdict MissingOptions(CallSite call, QwenApi api, string fixKind)
    {
        var (optionsType, member, settingsType) = call.OptionsKind switch
        {
            OptionsKind.ChatCompletionOptions => ("OpenAI.Chat.ChatCompletionOptions", "MaxOutputTokenCount", null),
            OptionsKind.ChatOptions => ("Microsoft.Extensions.AI.ChatOptions", "MaxOutputTokens", null),
            OptionsKind.PromptExecutionSettings => (SettingsTypeName(api), SettingsMember(api), null),
            OptionsKind.KernelArguments => ("Microsoft.SemanticKernel.KernelArguments", SettingsMember(api), SettingsTypeName(api)),
            _ => ((string?)null, (string?)null, (string?)null),
        };
        if (optionsType is null)
            return OutputCapVerdict.Unknown;
        return OutputCapVerdict.Missing(null,
            (CapFix.KindKey, fixKind),
            (CapFix.OptionsTypeKey, optionsType),
            (CapFix.MemberKey, member),
            (CapFix.SettingsTypeKey, settingsType),
            (CapFix.ParameterKey, call.OptionsParameter?.Name ?? "options"));
    }

    private static OutputCapVerdict EvaluateOptions(ObjectFacts facts, QwenApi api)
    {
        var creation = facts.Creation!;
        if (!IsLibraryType(creation.Type, api))
            return OutputCapVerdict.Unknown;   // a user subclass may set the cap in its constructor

        foreach (var name in facts.Read)
        {
            // Members through which a cap can arrive unseen: raw patches, factories, extension dictionaries.
            if (name is "Patch" or "RawRepresentationFactory" or "AdditionalProperties" or "ExtensionData" or "ExtraBody" or "<indexer or collection>")
                return OutputCapVerdict.Unknown;
        }

        foreach (var name in facts.Assigned.Keys)
        {
            switch (name)
            {
                case "MaxOutputTokenCount" or "MaxOutputTokens" or "MaxTokens":
                    return OutputCapVerdict.Capped;
                case "RawRepresentationFactory" or "AdditionalProperties":
                    return OutputCapVerdict.Unknown;
                case "ExtensionData" or "ExtraBody":
                    var dictionary = api.Http is null ? null : JsonBody.TryRead(facts.Assigned[name], api.Http);
                    if (dictionary is null || !dictionary.IsComplete)
                        return OutputCapVerdict.Unknown;
                    foreach (var key in RawCapKeys)
                    {
                        if (dictionary.Get(key) is not null)
                            return OutputCapVerdict.Capped;
                    }

                    break;
            }
        }

        var member = MemberFor(creation.Type!, api);
        if (member is null || (member == "ExtensionData" && facts.Assigned.ContainsKey("ExtensionData")))
            return OutputCapVerdict.Missing(null);   // reported, but no safe edit
        return OutputCapVerdict.Missing(creation.Syntax, (CapFix.KindKey, CapFix.AddToCreation), (CapFix.MemberKey, member));
    }

    private static OutputCapVerdict EvaluateKernelArguments(ObjectFacts facts, QwenApi api)
    {
        var creation = facts.Creation!;
        if (!QwenApi.Is(creation.Type, api.KernelArguments) || facts.Assigned.ContainsKey("ExecutionSettings") || facts.WasRead("ExecutionSettings"))
            return OutputCapVerdict.Unknown;

        if (ValueFlow.ExplicitArgumentCount(creation.Arguments) == 0)
        {
            return OutputCapVerdict.Missing(creation.Syntax,
                (CapFix.KindKey, CapFix.AddSettingsToKernelArguments),
                (CapFix.SettingsTypeKey, SettingsTypeName(api)),
                (CapFix.MemberKey, SettingsMember(api)));
        }

        // new KernelArguments(settings): judge the settings object itself.
        if (ValueFlow.ExplicitArgumentCount(creation.Arguments) == 1 && api.PromptExecutionSettings is not null
            && QwenApi.InheritsFrom(creation.Arguments[0].Value.Type, api.PromptExecutionSettings))
        {
            var settings = ObjectFacts.Describe(creation.Arguments[0].Value, use => IsHarmlessUse(use, api));
            if (!settings.IsKnown || settings.IsNull)
                return OutputCapVerdict.Unknown;
            return EvaluateOptions(settings, api);
        }

        return OutputCapVerdict.Unknown;
    }

    private static OutputCapVerdict EvaluateJsonBody(HttpRequestFacts? http)
    {
        if (http?.Body is not { } body || !JsonBodyEdit.TryGetParameters(http, out var container))
            return OutputCapVerdict.Unknown;

        foreach (var key in RawCapKeys)
        {
            if (container?.Get(key) is not null)
                return OutputCapVerdict.Capped;
        }

        if (!(container ?? body).IsComplete)
            return OutputCapVerdict.Unknown;

        // "0" is a placeholder: the analyzer puts the configured cap in.
        var (node, properties) = JsonBodyEdit.AddMember(body, container, CapFix.JsonKey, "0");
        return new OutputCapVerdict(CapState.Missing,
            properties.SetItem(CapFix.KindKey, CapFix.AddToJsonBody).SetItem(CapFix.MemberKey, CapFix.JsonKey), node);
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
                => QwenApi.Is(creation.Type, api.KernelArguments),
            _ => false,
        };

    private static bool IsLibraryType(ITypeSymbol? type, QwenApi api)
    {
        var assembly = type?.ContainingAssembly;
        return assembly is not null
               && (SymbolEqualityComparer.Default.Equals(assembly, api.ChatCompletionOptions?.ContainingAssembly)
                   || SymbolEqualityComparer.Default.Equals(assembly, api.ChatOptions?.ContainingAssembly)
                   || SymbolEqualityComparer.Default.Equals(assembly, api.PromptExecutionSettings?.ContainingAssembly)
                   || SymbolEqualityComparer.Default.Equals(assembly, api.OpenAIPromptExecutionSettings?.ContainingAssembly)
                   || assembly.Name.StartsWith("Microsoft.SemanticKernel.Connectors.", System.StringComparison.Ordinal));
    }

    private static string? MemberFor(ITypeSymbol type, QwenApi api)
    {
        if (QwenApi.Is(type, api.ChatCompletionOptions))
            return "MaxOutputTokenCount";
        if (QwenApi.Is(type, api.ChatOptions))
            return "MaxOutputTokens";
        if (api.OpenAIPromptExecutionSettings is not null && QwenApi.InheritsFrom(type, api.OpenAIPromptExecutionSettings))
            return "MaxTokens";
        if (QwenApi.Is(type, api.PromptExecutionSettings))
            return "ExtensionData";
        return null;
    }

    private static string SettingsTypeName(QwenApi api)
        => api.OpenAIPromptExecutionSettings is not null
            ? "Microsoft.SemanticKernel.Connectors.OpenAI.OpenAIPromptExecutionSettings"
            : "Microsoft.SemanticKernel.PromptExecutionSettings";

    private static string SettingsMember(QwenApi api) => api.OpenAIPromptExecutionSettings is not null ? "MaxTokens" : "ExtensionData";
}
