using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Qwen.Analyzers.Flow;

namespace Qwen.Analyzers.ApiModel;

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
        if (api.Settings.IsEmpty || api.Configuration is not { } configuration)
            return null;
        var key = operation switch
        {
            // options.Value.Model, _settings.Model (a field given options.Value), section.Get<QwenSettings>().Model.
            IPropertyReferenceOperation { Property: { IsIndexer: false } property, Instance: { } holder } when BoundSection(holder, api) is { } bound
                => Join(bound, property.Name),
            IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1, Instance: { } section } indexer when IsConfiguration(section.Type, configuration)
                => Join(Prefix(section, configuration), Constant(indexer.Arguments[0].Value)),
            IPropertyReferenceOperation { Property.Name: "Value", Instance: { } section } when IsConfiguration(section.Type, configuration)
                => Prefix(section, configuration),
            IInvocationOperation { TargetMethod: { Name: "GetValue", ContainingType.Name: "ConfigurationBinder" } method } getValue
                when method.TypeArguments.Length == 1 && method.TypeArguments[0].SpecialType == SpecialType.System_String && getValue.Arguments.Length >= 2
                => Join(Prefix(getValue.Arguments[0].Value, configuration), Constant(getValue.Arguments[1].Value)),
            _ => null,
        };
        return key is not null && api.Settings.TryGet(key, out var value) ? value : null;
    }

    /// <summary>The section path of a configuration expression (<c>configuration.GetSection("A")</c> → <c>A</c>); null when not known.</summary>
    public static string? SectionPath(IOperation? operation)
        => operation is null ? null : Prefix(operation, configuration: null);

    /// <summary>
    /// The section an options object comes from: <c>IOptions&lt;T&gt;.Value</c> (or a snapshot's, a monitor's
    /// <c>CurrentValue</c>) of a class the app binds to one section, or <c>section.Get&lt;T&gt;()</c>; through a field or
    /// local given one of those once.
    /// </summary>
    private static string? BoundSection(IOperation holder, QwenApi api)
    {
        foreach (var candidate in new[] { Flow.ValueFlow.Unwrap(holder), CallModel.Origin(holder, api) })
        {
            switch (candidate)
            {
                case IPropertyReferenceOperation { Property.Name: "Value" or "CurrentValue", Instance: { Type: INamedTypeSymbol { IsGenericType: true } wrapper } }
                    when wrapper.Name is "IOptions" or "IOptionsSnapshot" or "IOptionsMonitor" && wrapper.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.Options":
                    return api.OptionsBindings.SectionOf(wrapper.TypeArguments[0]);
                case IInvocationOperation { TargetMethod: { Name: "Get", ContainingType.Name: "ConfigurationBinder", TypeArguments.Length: 1 } } get when get.Arguments.Length >= 1:
                    return SectionPath(get.Arguments[0].Value);
            }
        }

        return null;
    }

    /// <summary>The section path of a configuration expression: empty for the root, <c>A:B</c> for <c>GetSection("A").GetSection("B")</c>; null when not known.</summary>
    private static string? Prefix(IOperation operation, INamedTypeSymbol? configuration, int depth = 0)
    {
        if (depth > 4)
            return null;
        var value = ValueFlow.Resolve(operation);
        switch (value)
        {
            case IInvocationOperation { TargetMethod.Name: "GetSection", Arguments.Length: 1 } getSection:
            {
                var receiver = getSection.Instance ?? (getSection.TargetMethod.IsExtensionMethod ? getSection.Arguments[0].Value : null);
                var name = Constant(getSection.Arguments[getSection.Arguments.Length - 1].Value);
                return receiver is null ? null : Join(Prefix(receiver, configuration, depth + 1), name);
            }

            case IParameterReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation { Property.IsIndexer: false } or IInvocationOperation
                when IsConfiguration(value.Type, configuration):
                // The root configuration as the app receives it (injected, a field, builder.Configuration).
                return value.Type?.Name == "IConfigurationSection" ? null : "";
            default:
                return null;
        }
    }

    private static bool IsConfiguration(ITypeSymbol? type, INamedTypeSymbol? configuration)
        => type is not null && (configuration is null
            ? type.Name == "IConfiguration" || type.AllInterfaces.Any(i => i.Name == "IConfiguration" && i.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.Configuration")
            : SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, configuration) || type.AllInterfaces.Contains(configuration, SymbolEqualityComparer.Default));

    private static string? Constant(IOperation value) => ValueFlow.Unwrap(value).ConstantValue is { HasValue: true, Value: string text } ? text : null;

    private static string? Join(string? prefix, string? key)
        => prefix is null || key is null ? null : prefix.Length == 0 ? key : prefix + ":" + key;
}
