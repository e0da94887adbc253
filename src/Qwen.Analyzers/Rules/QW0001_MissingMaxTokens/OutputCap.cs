using Microsoft.CodeAnalysis;
using Qwen.Analyzers.ApiModel;

namespace Qwen.Analyzers.Rules;

/// <summary>
/// Where QW0001's fix puts a missing cap, in the shape of the call site that the shared <see cref="OutputCapReading"/>
/// found: a new options argument, the options object's initializer, settings for <c>new KernelArguments()</c>, or a
/// member of the raw JSON body.
/// </summary>
internal static class OutputCap
{
    /// <summary>The fix for a call whose cap is missing; null when no edit is safe (the finding is still reported).</summary>
    public static (SyntaxNode? EditNode, MissingMaxTokensFix Fix)? Plan(CallSite call, CapChoice tokens)
    {
        var api = call.Api;
        var reading = call.Cap;
        switch (reading.Gap)
        {
            case CapGap.NoOptions or CapGap.NullOptions:
            {
                var kind = reading.Gap == CapGap.NoOptions ? CapFixKind.AddArgument : CapFixKind.ReplaceArgument;
                var parameter = call.OptionsParameter?.Name ?? "options";
                return call.OptionsKind switch
                {
                    OptionsKind.ChatCompletionOptions => (null, new MissingMaxTokensFix(kind, tokens, "MaxOutputTokenCount", "OpenAI.Chat.ChatCompletionOptions", parameter: parameter)),
                    OptionsKind.ChatOptions => (null, new MissingMaxTokensFix(kind, tokens, "MaxOutputTokens", "Microsoft.Extensions.AI.ChatOptions", parameter: parameter)),
                    OptionsKind.PromptExecutionSettings => (null, new MissingMaxTokensFix(kind, tokens, SettingsMember(api), SettingsTypeName(api), parameter: parameter)),
                    OptionsKind.KernelArguments => (null, new MissingMaxTokensFix(kind, tokens, SettingsMember(api), "Microsoft.SemanticKernel.KernelArguments", SettingsTypeName(api), parameter)),
                    OptionsKind.AgentRunOptions => (null, new MissingMaxTokensFix(kind, tokens, "MaxOutputTokens", "Microsoft.Agents.AI.ChatClientAgentRunOptions", "Microsoft.Extensions.AI.ChatOptions", parameter)),
                    _ => null,
                };
            }

            case CapGap.OptionsWithoutCap:
            {
                var creation = reading.Creation!;
                var member = MemberFor(creation.Type!, api);
                // A base PromptExecutionSettings whose ExtensionData is already set: adding a second one would replace it.
                if (member is null || (member == "ExtensionData" && call.Options.Effective.Assigned.ContainsKey("ExtensionData")))
                    return null;
                return (creation.Syntax, new MissingMaxTokensFix(CapFixKind.AddToCreation, tokens, member));
            }

            case CapGap.KernelArgumentsWithoutSettings:
                return (reading.Creation!.Syntax, new MissingMaxTokensFix(CapFixKind.AddSettingsToKernelArguments, tokens, SettingsMember(api), settingsType: SettingsTypeName(api)));

            case CapGap.JsonBody when call.Http is { Body: { } body } http && http.TryGetParameters(out var container):
            {
                if (JsonBodyFix.Add(body, container, MissingMaxTokensFix.JsonKey, tokens.Tokens.ToString(System.Globalization.CultureInfo.InvariantCulture)) is not var (node, json))
                    return null;
                return (node, new MissingMaxTokensFix(CapFixKind.AddToJsonBody, tokens, json.Property ?? MissingMaxTokensFix.JsonKey, json: json));
            }

            default:
                return null;
        }
    }

    private static string? MemberFor(ITypeSymbol type, QwenApi api)
    {
        if (QwenApi.Is(type, api.OpenAI.ChatCompletionOptions))
            return "MaxOutputTokenCount";
        if (QwenApi.Is(type, api.ExtensionsAI.ChatOptions))
            return "MaxOutputTokens";
        if (api.SemanticKernel.OpenAIPromptExecutionSettings is not null && QwenApi.InheritsFrom(type, api.SemanticKernel.OpenAIPromptExecutionSettings))
            return "MaxTokens";
        if (QwenApi.Is(type, api.SemanticKernel.PromptExecutionSettings))
            return "ExtensionData";
        return null;
    }

    private static string SettingsTypeName(QwenApi api)
        => api.SemanticKernel.OpenAIPromptExecutionSettings is not null
            ? "Microsoft.SemanticKernel.Connectors.OpenAI.OpenAIPromptExecutionSettings"
            : "Microsoft.SemanticKernel.PromptExecutionSettings";

    private static string SettingsMember(QwenApi api) => api.SemanticKernel.OpenAIPromptExecutionSettings is not null ? "MaxTokens" : "ExtensionData";
}
