using System.Collections.Immutable;

namespace Qwen.Analyzers.Rules;

internal enum ThinkingFixKind
{
    None,
    /// <summary>Add <c>enable_thinking: false</c> to the body (raw JSON, a typed DTO, the Cnblogs SDK's parameters): <see cref="JsonBodyFix"/>.</summary>
    Json,
    /// <summary>Call the helper on the options object created at the additional location: <c>new ChatOptions { … }.WithoutThinking()</c>.</summary>
    Wrap,
    /// <summary>Pass new options that turn thinking off: <c>options: new ChatOptions().WithoutThinking()</c>.</summary>
    AddArgument,
    /// <summary>
    /// Semantic Kernel arguments without execution settings (created at the additional location, or none passed, with
    /// <see cref="ThinkingLeftOnFix.Parameter"/>): <c>new KernelArguments(new OpenAIPromptExecutionSettings().WithoutThinking())</c>.
    /// </summary>
    KernelArgumentsSettings,
}

/// <summary>What the QW0010 fixer needs, written by the analyzer (no symbol is looked up twice).</summary>
internal sealed class ThinkingLeftOnFix
{
    private const string KindKey = "ThinkingFix";
    private const string ParameterKey = "ThinkingParameter";
    private const string OptionsTypeKey = "ThinkingOptionsType";

    public ThinkingLeftOnFix(ThinkingFixKind kind, string? parameter = null, string? optionsType = null, JsonBodyFix? json = null)
    {
        Kind = kind;
        Parameter = parameter;
        OptionsType = optionsType;
        Json = json;
    }

    public ThinkingFixKind Kind { get; }

    /// <summary>
    /// For <see cref="ThinkingFixKind.AddArgument"/> and <see cref="ThinkingFixKind.KernelArgumentsSettings"/>: the options
    /// parameter (when none is passed) and the metadata name of the options (or settings) class to create.
    /// </summary>
    public string? Parameter { get; }
    public string? OptionsType { get; }

    public JsonBodyFix? Json { get; }

    /// <summary>The budget the second code action sets (<c>thinking_budget</c>): enough for a short deliberation.</summary>
    public const int SuggestedBudget = 256;

    public ImmutableDictionary<string, string?> ToProperties()
    {
        var properties = FixData.Empty.With(KindKey, Kind.ToString()).With(ParameterKey, Parameter).With(OptionsTypeKey, OptionsType);
        return Json is null ? properties : Json.WriteTo(properties);
    }

    public static ThinkingLeftOnFix? Read(ImmutableDictionary<string, string?> properties)
        => System.Enum.TryParse<ThinkingFixKind>(properties.Text(KindKey), out var kind) && kind != ThinkingFixKind.None
            ? new ThinkingLeftOnFix(kind, properties.Text(ParameterKey), properties.Text(OptionsTypeKey), kind == ThinkingFixKind.Json ? JsonBodyFix.Read(properties) : null)
            : null;
}
