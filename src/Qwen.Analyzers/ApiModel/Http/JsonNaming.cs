using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Qwen.Analyzers.Flow;

namespace Qwen.Analyzers.ApiModel;

/// <summary>
/// How the serializer spells a C# member's name on the wire: the attribute first (<c>[JsonPropertyName]</c>,
/// Newtonsoft's <c>[JsonProperty]</c>), then the naming policy of the call that serializes
/// (<c>PostAsJsonAsync</c> and <c>JsonContent.Create</c> default to camelCase, <c>JsonSerializer.Serialize</c> and
/// Newtonsoft to the name as written). When the policy comes from options the code does not show, names are unknown.
/// </summary>
internal sealed class JsonNaming
{
    private readonly Policy _policy;

    private JsonNaming(Policy policy, bool newtonsoft)
    {
        _policy = policy;
        IsNewtonsoft = newtonsoft;
    }

    private enum Policy
    {
        AsWritten,
        CamelCase,
        SnakeCaseLower,
        SnakeCaseUpper,
        KebabCaseLower,
        KebabCaseUpper,
        Unknown,
    }

    /// <summary>System.Text.Json without a policy (<c>JsonSerializer.Serialize(value)</c>).</summary>
    public static readonly JsonNaming AsWritten = new(Policy.AsWritten, newtonsoft: false);

    /// <summary>System.Text.Json's web defaults (<c>PostAsJsonAsync</c>, <c>JsonContent.Create</c> without options).</summary>
    public static readonly JsonNaming Web = new(Policy.CamelCase, newtonsoft: false);

    /// <summary>Newtonsoft's defaults (<c>JsonConvert.SerializeObject(value)</c>, <c>JObject.FromObject(value)</c>).</summary>
    public static readonly JsonNaming Newtonsoft = new(Policy.AsWritten, newtonsoft: true);

    /// <summary><c>JsonNamingPolicy.SnakeCaseLower</c>, as the DashScope SDK serializes its requests.</summary>
    public static readonly JsonNaming SnakeCaseLower = new(Policy.SnakeCaseLower, newtonsoft: false);

    /// <summary>Options the code does not show: only attributes name members.</summary>
    public static readonly JsonNaming Unknown = new(Policy.Unknown, newtonsoft: false);

    public bool IsNewtonsoft { get; }

    /// <summary>The wire name of a property; null when it cannot be known (or the property is ignored).</summary>
    public string? NameOf(IPropertySymbol property, out bool ignored)
    {
        ignored = false;
        foreach (var attribute in property.GetAttributes())
        {
            var name = attribute.AttributeClass?.Name;
            var ns = attribute.AttributeClass?.ContainingNamespace?.ToDisplayString();
            if (name == "JsonIgnoreAttribute" && ns is "System.Text.Json.Serialization" or "Newtonsoft.Json")
            {
                // System.Text.Json's JsonIgnore(Condition = …) may still write the member: unknown, not ignored.
                if (attribute.NamedArguments.Length == 0)
                {
                    ignored = true;
                    return null;
                }

                return null;
            }

            if (name == "JsonPropertyNameAttribute" && ns == "System.Text.Json.Serialization" && attribute.ConstructorArguments.Length == 1)
                return attribute.ConstructorArguments[0].Value as string;
            if (name == "JsonPropertyAttribute" && ns == "Newtonsoft.Json")
            {
                if (attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string positional)
                    return positional;
                foreach (var named in attribute.NamedArguments)
                {
                    if (named.Key == "PropertyName" && named.Value.Value is string propertyName)
                        return propertyName;
                }
            }
        }

        return Apply(property.Name);
    }

    /// <summary>The wire name of an anonymous object's member (no attributes there).</summary>
    public string? Apply(string name) => _policy switch
    {
        Policy.AsWritten => name,
        Policy.CamelCase => CamelCase(name),
        Policy.SnakeCaseLower => Separated(name, '_', upper: false),
        Policy.SnakeCaseUpper => Separated(name, '_', upper: true),
        Policy.KebabCaseLower => Separated(name, '-', upper: false),
        Policy.KebabCaseUpper => Separated(name, '-', upper: true),
        _ => null,
    };

    /// <summary>
    /// The naming of a System.Text.Json options argument: <c>new JsonSerializerOptions { PropertyNamingPolicy = … }</c>
    /// (or the web defaults), through a local or a static readonly field; unknown otherwise.
    /// </summary>
    public static JsonNaming FromOptions(IOperation options, QwenApi api)
    {
        var value = ValueFlow.Resolve(options);
        if (value is IFieldReferenceOperation { Field: { IsStatic: true, IsReadOnly: true } field })
            value = api.Sources.Initializer(field) is { } initializer ? ValueFlow.Unwrap(initializer) : null;
        if (value is IPropertyReferenceOperation { Property: { Name: "Web", IsStatic: true } } && value.Type?.Name == "JsonSerializerOptions")
            return Web;
        if (value is not IObjectCreationOperation { Type.Name: "JsonSerializerOptions" } creation)
            return Unknown;

        var policy = Policy.AsWritten;
        if (creation.Arguments.Length == 1 && ValueFlow.Unwrap(creation.Arguments[0].Value) is var argument)
        {
            // new JsonSerializerOptions(JsonSerializerDefaults.Web) is camelCase; copying other options is not readable here.
            if (argument.ConstantValue is { HasValue: true, Value: 1 } || argument is IFieldReferenceOperation { Field.Name: "Web" })
                policy = Policy.CamelCase;
            else if (!(argument.ConstantValue is { HasValue: true, Value: 0 } || argument is IFieldReferenceOperation { Field.Name: "General" }))
                return Unknown;
        }

        foreach (var initializer in creation.Initializer?.Initializers ?? System.Collections.Immutable.ImmutableArray<IOperation>.Empty)
        {
            if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "PropertyNamingPolicy" } } assignment)
            {
                policy = ValueFlow.Unwrap(assignment.Value) switch
                {
                    IPropertyReferenceOperation { Property.Name: "CamelCase" } => Policy.CamelCase,
                    IPropertyReferenceOperation { Property.Name: "SnakeCaseLower" } => Policy.SnakeCaseLower,
                    IPropertyReferenceOperation { Property.Name: "SnakeCaseUpper" } => Policy.SnakeCaseUpper,
                    IPropertyReferenceOperation { Property.Name: "KebabCaseLower" } => Policy.KebabCaseLower,
                    IPropertyReferenceOperation { Property.Name: "KebabCaseUpper" } => Policy.KebabCaseUpper,
                    var v when v.ConstantValue is { HasValue: true, Value: null } => Policy.AsWritten,
                    _ => Policy.Unknown,
                };
            }
        }

        return policy == Policy.Unknown ? Unknown : new JsonNaming(policy, newtonsoft: false);
    }

    private static string CamelCase(string name)
        => name.Length == 0 || !char.IsUpper(name[0]) ? name : char.ToLowerInvariant(name[0]) + name.Substring(1);

    /// <summary>System.Text.Json's snake/kebab policies for ordinary names: a separator before each new word, one case.</summary>
    private static string Separated(string name, char separator, bool upper)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1]))))
                builder.Append(separator);
            else if (c is '_' or '-')
            {
                builder.Append(separator);
                continue;
            }

            builder.Append(upper ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
