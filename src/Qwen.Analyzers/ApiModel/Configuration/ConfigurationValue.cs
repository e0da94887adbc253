using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Qwen.Analyzers.Flow;

namespace Qwen.Analyzers.ApiModel;

/// <summary><c>Microsoft.Extensions.Configuration</c>'s interfaces, when the project references them.</summary>
internal sealed class ConfigurationTypes
{
    private ConfigurationTypes(INamedTypeSymbol configuration, INamedTypeSymbol? section, INamedTypeSymbol? root)
    {
        Configuration = configuration;
        Section = section;
        Root = root;
    }

    public INamedTypeSymbol Configuration { get; }
    public INamedTypeSymbol? Section { get; }
    public INamedTypeSymbol? Root { get; }

    public static ConfigurationTypes? Create(TypeLookup types)
        => types.Find("Microsoft.Extensions.Configuration.IConfiguration", Assemblies.ConfigurationAbstractions) is { } configuration
            ? new ConfigurationTypes(configuration,
                types.Find("Microsoft.Extensions.Configuration.IConfigurationSection", Assemblies.ConfigurationAbstractions),
                types.Find("Microsoft.Extensions.Configuration.IConfigurationRoot", Assemblies.ConfigurationAbstractions))
            : null;

    /// <summary>An <c>IConfiguration</c> (a root, a section, <c>ConfigurationManager</c>).</summary>
    public bool IsConfiguration(ITypeSymbol? type) => Is(type, Configuration);

    public bool IsSection(ITypeSymbol? type) => Section is not null && Is(type, Section);

    /// <summary>A type that is always the whole configuration: <c>IConfigurationRoot</c>, <c>ConfigurationManager</c>.</summary>
    public bool IsRoot(ITypeSymbol? type) => Root is not null && Is(type, Root);

    private static bool Is(ITypeSymbol? type, INamedTypeSymbol known)
        => type is not null && (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, known) || type.AllInterfaces.Contains(known, SymbolEqualityComparer.Default));
}

/// <summary>
/// A string read from <c>IConfiguration</c> with a key the code shows — <c>configuration["DashScope:Model"]</c>,
/// <c>configuration.GetValue&lt;string&gt;("DashScope:Model")</c>, <c>configuration.GetSection("DashScope")["Model"]</c>,
/// <c>…GetSection("DashScope:Model").Value</c> — resolved against the project's settings files (<see cref="AppSettings"/>).
/// Null when the key, or its value, is not known here.
/// </summary>
internal static class ConfigurationValue
{
    public static string? Read(IOperation operation, QwenApi api)
    {
        if (api.Settings.IsEmpty || api.ConfigurationTypes is not { } types)
            return null;
        var key = operation switch
        {
            // options.Value.Model, _settings.Model (a field given options.Value), section.Get<QwenSettings>().Model.
            IPropertyReferenceOperation { Property: { IsIndexer: false } property, Instance: { } holder } when BoundSection(holder, api) is { } bound
                => Join(bound, property.Name),
            IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1, Instance: { } section } indexer when types.IsConfiguration(section.Type)
                => Join(SectionPath(section, api), Constant(indexer.Arguments[0].Value)),
            IPropertyReferenceOperation { Property.Name: "Value", Instance: { } section } when types.IsSection(section.Type)
                => SectionPath(section, api),
            IInvocationOperation { TargetMethod: { Name: "GetValue", ContainingType.Name: "ConfigurationBinder" } method } getValue
                when method.TypeArguments.Length == 1 && method.TypeArguments[0].SpecialType == SpecialType.System_String && getValue.Arguments.Length >= 2
                => Join(SectionPath(getValue.Arguments[0].Value, api), Constant(getValue.Arguments[1].Value)),
            _ => null,
        };
        return key is not null && api.Settings.TryGet(key, out var value) ? value : null;
    }

    /// <summary>
    /// The section path of a configuration expression: empty for the whole configuration, <c>A:B</c> for
    /// <c>GetSection("A").GetSection("B")</c>; null when not known. The whole configuration is assumed only where the
    /// code shows it: a parameter the host injects (or a field or property given one in the constructor),
    /// <c>builder.Configuration</c>, an <c>IConfigurationRoot</c>, <c>GetRequiredService&lt;IConfiguration&gt;()</c>.
    /// </summary>
    public static string? SectionPath(IOperation? operation, QwenApi api, int depth = 0)
    {
        if (operation is null || depth > 4 || api.ConfigurationTypes is not { } types)
            return null;
        var value = ValueFlow.Resolve(operation);
        if (value is IFieldReferenceOperation or IPropertyReferenceOperation { Property.IsIndexer: false } && !types.IsRoot(value.Type))
            value = CallModel.Origin(value, api);
        switch (value)
        {
            case IInvocationOperation { TargetMethod.Name: "GetSection", Arguments.Length: >= 1 } getSection:
            {
                var receiver = getSection.Instance ?? (getSection.TargetMethod.IsExtensionMethod ? getSection.Arguments[0].Value : null);
                if (receiver is null || !types.IsConfiguration(receiver.Type))
                    return null;
                return Join(SectionPath(receiver, api, depth + 1), Constant(getSection.Arguments[getSection.Arguments.Length - 1].Value));
            }

            case { Type: var type } when types.IsSection(type):
                return null;   // a section whose path the code does not show
            case IParameterReferenceOperation when types.IsConfiguration(value.Type):
            case IInvocationOperation { TargetMethod.Name: "GetService" or "GetRequiredService" } when types.IsConfiguration(value.Type):
            case { Type: var root } when types.IsRoot(root):
                return "";
            default:
                return null;
        }
    }

    /// <summary>
    /// The section an options object comes from: <c>IOptions&lt;T&gt;.Value</c> (or a snapshot's, a monitor's
    /// <c>CurrentValue</c>) of a class the app binds to one section, or <c>section.Get&lt;T&gt;()</c>; through a field or
    /// local given one of those once.
    /// </summary>
    private static string? BoundSection(IOperation holder, QwenApi api)
    {
        foreach (var candidate in new[] { ValueFlow.Unwrap(holder), CallModel.Origin(holder, api) })
        {
            switch (candidate)
            {
                case IPropertyReferenceOperation { Property.Name: "Value" or "CurrentValue", Instance: { Type: INamedTypeSymbol { IsGenericType: true } wrapper } }
                    when wrapper.Name is "IOptions" or "IOptionsSnapshot" or "IOptionsMonitor" && wrapper.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.Options":
                    return api.OptionsBindings.SectionOf(wrapper.TypeArguments[0]);
                case IInvocationOperation { TargetMethod: { Name: "Get", ContainingType.Name: "ConfigurationBinder", TypeArguments.Length: 1 } } get when get.Arguments.Length >= 1:
                    return SectionPath(get.Arguments[0].Value, api);
            }
        }

        return null;
    }

    private static string? Constant(IOperation value) => ValueFlow.Unwrap(value).ConstantValue is { HasValue: true, Value: string text } ? text : null;

    private static string? Join(string? prefix, string? key)
        => prefix is null || key is null ? null : prefix.Length == 0 ? key : prefix + ":" + key;
}
