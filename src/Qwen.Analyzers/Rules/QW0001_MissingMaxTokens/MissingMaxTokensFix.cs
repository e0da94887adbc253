using System;
using System.Collections.Immutable;

namespace Qwen.Analyzers.Rules;

/// <summary>How QW0001's fix adds the cap.</summary>
internal enum CapFixKind
{
    /// <summary>Pass a new options object as a further argument.</summary>
    AddArgument,
    /// <summary>Replace a <c>null</c> / <c>default</c> options argument with a new options object.</summary>
    ReplaceArgument,
    /// <summary>Add the cap to the options object's creation (initializer or a new one).</summary>
    AddToCreation,
    /// <summary>Give a <c>new KernelArguments()</c> execution settings that carry the cap.</summary>
    AddSettingsToKernelArguments,
    /// <summary>Add <c>max_completion_tokens</c> to a hand-built JSON body.</summary>
    AddToJsonBody,
}

/// <summary>QW0001's analyzer-to-fixer data.</summary>
internal sealed class MissingMaxTokensFix
{
    private const string KindKey = "FixKind";
    private const string OptionsTypeKey = "OptionsType";
    private const string MemberKey = "Member";
    private const string SettingsTypeKey = "SettingsType";
    private const string ParameterKey = "Parameter";
    private const string TokensKey = "MaxTokens";
    private const string BulkKey = "Bulk";
    private const string WhyKey = "Why";

    /// <summary>The wire name the fix writes into raw bodies (DashScope deprecated <c>max_tokens</c> in 2026).</summary>
    public const string JsonKey = "max_completion_tokens";

    public MissingMaxTokensFix(CapFixKind kind, CapChoice cap, string member, string? optionsType = null, string? settingsType = null, string? parameter = null, JsonBodyFix? json = null)
        : this(kind, cap.Tokens, cap.Bulk, cap.Why, member, optionsType, settingsType, parameter, json)
    {
    }

    private MissingMaxTokensFix(CapFixKind kind, int tokens, bool bulk, string? why, string member, string? optionsType, string? settingsType, string? parameter, JsonBodyFix? json)
    {
        Kind = kind;
        Tokens = tokens;
        Bulk = bulk;
        Why = why;
        Member = member;
        OptionsType = optionsType;
        SettingsType = settingsType;
        Parameter = parameter;
        Json = json;
    }

    public CapFixKind Kind { get; }

    /// <summary>The cap the fix writes.</summary>
    public int Tokens { get; }

    /// <summary>False when Fix All and <c>dotnet format</c> must leave the finding for a person to decide (see <see cref="CapPolicy"/>).</summary>
    public bool Bulk { get; }

    /// <summary>What the cap was chosen from.</summary>
    public string? Why { get; }

    /// <summary>The member that carries the cap: <c>MaxOutputTokenCount</c>, <c>MaxOutputTokens</c>, <c>MaxTokens</c>, <c>ExtensionData</c> or the JSON key.</summary>
    public string Member { get; }

    /// <summary>For a new options argument: the metadata name of the options type.</summary>
    public string? OptionsType { get; }

    /// <summary>For Semantic Kernel: the metadata name of the execution-settings type.</summary>
    public string? SettingsType { get; }

    /// <summary>For a new options argument: the parameter's name.</summary>
    public string? Parameter { get; }

    /// <summary>For <see cref="CapFixKind.AddToJsonBody"/>.</summary>
    public JsonBodyFix? Json { get; }

    public ImmutableDictionary<string, string?> ToProperties()
    {
        var properties = FixData.Empty.With(KindKey, Kind.ToString()).With(TokensKey, Tokens).With(BulkKey, Bulk).With(WhyKey, Why).With(MemberKey, Member)
            .With(OptionsTypeKey, OptionsType).With(SettingsTypeKey, SettingsType).With(ParameterKey, Parameter);
        return Json is null ? properties : Json.WriteTo(properties);
    }

    public static MissingMaxTokensFix? Read(ImmutableDictionary<string, string?> properties)
    {
        if (!Enum.TryParse<CapFixKind>(properties.Text(KindKey), out var kind) || properties.Int(TokensKey) is not { } tokens || properties.Text(MemberKey) is not { } member)
            return null;
        return new MissingMaxTokensFix(kind, tokens, properties.Flag(BulkKey), properties.Text(WhyKey), member, properties.Text(OptionsTypeKey), properties.Text(SettingsTypeKey), properties.Text(ParameterKey),
            kind == CapFixKind.AddToJsonBody ? JsonBodyFix.Read(properties) : null);
    }

    /// <summary>
    /// The code action's title: the cap, where it goes, why that value, and how a cut answer shows (finish reason
    /// <c>length</c>) — <c>Cap output at 32 tokens (MaxOutputTokenCount; the prompt asks for "one word"; a longer answer ends with finish reason 'length')</c>.
    /// </summary>
    public string Title()
        => $"Cap output at {Tokens.ToString(System.Globalization.CultureInfo.InvariantCulture)} tokens ({Member}; {Why ?? "above an ordinary answer"}; a longer answer ends with finish reason 'length')"
           + (Bulk ? "" : " — not applied by Fix All");
}
