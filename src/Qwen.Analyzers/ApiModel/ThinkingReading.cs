using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Qwen.Analyzers.Flow;

namespace Qwen.Analyzers.ApiModel;

internal enum ThinkingSetting
{
    /// <summary>The request says nothing about thinking: the model's default applies.</summary>
    Default,
    /// <summary><c>enable_thinking: false</c>.</summary>
    Off,
    /// <summary><c>enable_thinking: true</c> without a budget.</summary>
    On,
    /// <summary>A <c>thinking_budget</c> caps the trace.</summary>
    Budget,
    /// <summary>Not visible here (options from elsewhere, a raw patch or factory, an extension dictionary).</summary>
    Unknown,
}

/// <summary>
/// What a call's request says about thinking, where each library lets it reach the wire: a raw or typed body's
/// <c>enable_thinking</c> / <c>thinking_budget</c>, an OpenAI options <c>Patch.Set("$.enable_thinking"u8, …)</c>, SK
/// <c>ExtraBody</c>, and the Qwen.Latency request-field helpers. Places that drop the field (M.E.AI
/// <c>AdditionalProperties</c>, SK <c>ExtensionData</c>) read as <see cref="ThinkingSetting.Unknown"/>: QW0011's concern.
/// </summary>
internal static class ThinkingReading
{
    public static ThinkingSetting Read(CallSite call)
    {
        if (call.Http is { } http)
        {
            if (http.Body is not { } body || !http.TryGetParameters(out var container))
                return ThinkingSetting.Unknown;
            var target = container ?? body;
            if (target.Get("thinking_budget") is not null)
                return ThinkingSetting.Budget;
            if (target.Get("enable_thinking") is { } flag)
                return flag.IsFalse ? ThinkingSetting.Off : flag.IsTrue ? ThinkingSetting.On : ThinkingSetting.Unknown;
            return target.IsComplete ? ThinkingSetting.Default : ThinkingSetting.Unknown;
        }

        if (call.Surface is not (ClientSurface.OpenAI or ClientSurface.ExtensionsAI or ClientSurface.SemanticKernel) || call.PromptFunction is not null)
            return ThinkingSetting.Unknown;
        if (call.OptionsArgument is null)
            return call.OptionsParameter is null && call.Surface != ClientSurface.OpenAI ? ThinkingSetting.Unknown : ThinkingSetting.Default;

        var value = ValueFlow.Unwrap(call.OptionsArgument.Value);
        if (Helper(ValueFlow.Resolve(value) ?? value, call.Api) is { } helped)
            return helped;
        if (value is ILocalReferenceOperation local && HelperOnLocal(local.Local, value, call.Api) is { } onLocal)
            return onLocal;

        var options = call.Options;
        if (!options.Argument.IsKnown)
            return ThinkingSetting.Unknown;
        if (options.Argument.IsNull)
            return ThinkingSetting.Default;
        if (call.OptionsKind == OptionsKind.KernelArguments)
        {
            if (options.Settings is null)
                return options.Argument.Creation is { } arguments && ValueFlow.ExplicitArgumentCount(arguments.Arguments) == 0
                       && !options.Argument.Assigned.ContainsKey("ExecutionSettings") && !options.Argument.WasRead("ExecutionSettings")
                    ? ThinkingSetting.Default
                    : ThinkingSetting.Unknown;
            if (!options.Settings.IsKnown)
                return ThinkingSetting.Unknown;
            // new KernelArguments(new OpenAIPromptExecutionSettings { … }.WithoutThinking()) { … }
            var settings = ValueFlow.Unwrap(options.Argument.Creation!.Arguments[0].Value);
            if (Helper(ValueFlow.Resolve(settings) ?? settings, call.Api) is { } helpedSettings)
                return helpedSettings;
            if (settings is ILocalReferenceOperation settingsLocal && HelperOnLocal(settingsLocal.Local, settings, call.Api) is { } onSettingsLocal)
                return onSettingsLocal;
        }

        return ReadOptions(options.Effective, call);
    }

    private static ThinkingSetting ReadOptions(ObjectFacts facts, CallSite call)
    {
        if (facts.Creation is not { } creation || !CallOptions.IsLibraryType(creation.Type, call.Api))
            return ThinkingSetting.Unknown;
        foreach (var name in facts.Read)
        {
            if (name is "RawRepresentationFactory" or "AdditionalProperties" or "ExtensionData" or "ExtraBody")
                return ThinkingSetting.Unknown;
            if (name == "Patch")
                return PatchedOn(call) ?? ThinkingSetting.Unknown;
        }

        foreach (var pair in facts.Assigned)
        {
            switch (pair.Key)
            {
                case "RawRepresentationFactory" or "AdditionalProperties" or "ExtensionData":
                    return ThinkingSetting.Unknown;
                case "ExtraBody":
                    var extra = JsonBody.TryRead(pair.Value, call.Api, JsonNaming.AsWritten);
                    if (extra is null || !extra.IsComplete)
                        return ThinkingSetting.Unknown;
                    if (extra.Get("thinking_budget") is not null)
                        return ThinkingSetting.Budget;
                    if (extra.Get("enable_thinking") is { } flag)
                        return flag.IsFalse ? ThinkingSetting.Off : flag.IsTrue ? ThinkingSetting.On : ThinkingSetting.Unknown;
                    break;
            }
        }

        return ThinkingSetting.Default;
    }

    /// <summary><c>options.Patch.Set("$.enable_thinking"u8, false)</c> on the options local: what it sets, or null when the patch does something else.</summary>
    private static ThinkingSetting? PatchedOn(CallSite call)
    {
        if (ValueFlow.Unwrap(call.OptionsArgument!.Value) is not ILocalReferenceOperation local)
            return null;
        ThinkingSetting? setting = ThinkingSetting.Default;
        foreach (var reference in ValueFlow.References(local.Local, ValueFlow.GetRoot(local)))
        {
            if (reference.Parent is not IPropertyReferenceOperation { Property.Name: "Patch" } patch)
                continue;
            if (patch.Parent is not IInvocationOperation { TargetMethod.Name: "Set", Arguments.Length: 2 } set || set.Instance != patch)
                return null;
            var path = ValueFlow.Unwrap(set.Arguments[0].Value) switch
            {
                IUtf8StringOperation utf8 => utf8.Value,
                { ConstantValue: { HasValue: true, Value: string text } } => text,
                _ => null,
            };
            var flag = ValueFlow.Unwrap(set.Arguments[1].Value).ConstantValue;
            switch (path)
            {
                case "$.thinking_budget":
                    setting = ThinkingSetting.Budget;
                    break;
                case "$.enable_thinking" when setting != ThinkingSetting.Budget:
                    setting = flag is { HasValue: true, Value: false } ? ThinkingSetting.Off : flag is { HasValue: true, Value: true } ? ThinkingSetting.On : null;
                    break;
                case null:
                    return null;
            }
        }

        return setting;
    }

    /// <summary><c>new ChatOptions { … }.WithoutThinking()</c> (or a budget, or a field) as the options value.</summary>
    private static ThinkingSetting? Helper(IOperation value, QwenApi api)
    {
        var current = value;
        while (current is IInvocationOperation invocation && api.Bcl.IsRequestFieldHelper(invocation.TargetMethod))
        {
            if (FromHelper(invocation) is { } setting)
                return setting;
            if (invocation.Arguments.Length == 0)
                break;
            current = ValueFlow.Unwrap(invocation.Arguments[0].Value);
        }

        return null;
    }

    /// <summary><c>options.WithoutThinking();</c> on the local passed as the options.</summary>
    private static ThinkingSetting? HelperOnLocal(ILocalSymbol local, IOperation at, QwenApi api)
    {
        if (api.Bcl.OpenAIRequestFields is null && api.Bcl.SemanticKernelRequestFields is null)
            return null;
        foreach (var reference in ValueFlow.References(local, ValueFlow.GetRoot(at)))
        {
            if (reference.Parent is IArgumentOperation { Parent: IInvocationOperation invocation } argument && argument.Parameter?.Ordinal == 0
                && api.Bcl.IsRequestFieldHelper(invocation.TargetMethod) && FromHelper(invocation) is { } setting)
            {
                return setting;
            }
        }

        return null;
    }

    private static ThinkingSetting? FromHelper(IInvocationOperation invocation) => invocation.TargetMethod.Name switch
    {
        "WithoutThinking" => ThinkingSetting.Off,
        "WithThinkingBudget" => ThinkingSetting.Budget,
        "WithQwenField" when invocation.Arguments.Length == 3 && ValueFlow.Unwrap(invocation.Arguments[1].Value).ConstantValue.Value is "enable_thinking" or "thinking_budget"
            => ThinkingSetting.Unknown,
        _ => null,
    };
}
