using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Qwen.Analyzers.ApiModel;

namespace Qwen.Analyzers.Rules;

/// <summary>
/// A fix that sets one member of a hand-built JSON body (QW0001's cap, QW0005's <c>prompt_extend</c>, QW0007's
/// <c>incremental_output</c>, …): which node to edit (the diagnostic's first additional location) and how.
/// </summary>
internal sealed class JsonBodyFix
{
    private const string ModeKey = "JsonEdit";
    private const string ShapeKey = "JsonShape";
    private const string BraceOrdinalKey = "BraceOrdinal";
    private const string KeyOrdinalKey = "KeyOrdinal";
    private const string CreateParametersKey = "CreateParameters";
    private const string KeyKey = "JsonKey";
    private const string ValueKey = "JsonValue";
    private const string PropertyKey = "Property";
    private const string ParametersPropertyKey = "ParametersProperty";
    private const string ParametersTypeKey = "ParametersType";

    /// <summary>Wire names a typed request may carry instead: an SDK that predates Model Studio's <c>max_completion_tokens</c> has <c>MaxTokens</c>.</summary>
    private static readonly ImmutableDictionary<string, string> Synonyms = ImmutableDictionary<string, string>.Empty.Add("max_completion_tokens", "max_tokens");

    private JsonBodyFix(bool replace, JsonBodyShape shape, int braceOrdinal, int keyOrdinal, bool createParameters, string key, string value)
    {
        Replace = replace;
        Shape = shape;
        BraceOrdinal = braceOrdinal;
        KeyOrdinal = keyOrdinal;
        CreateParameters = createParameters;
        Key = key;
        Value = value;
    }

    /// <summary>True: replace an existing member's value; false: add the member.</summary>
    public bool Replace { get; }
    public JsonBodyShape Shape { get; }

    /// <summary>For string literals: how many <c>{</c> come before the target object's opening brace.</summary>
    public int BraceOrdinal { get; }

    /// <summary>For string literals: how many times the key occurs before the member being replaced.</summary>
    public int KeyOrdinal { get; }

    /// <summary>Add <c>"parameters": { key: value }</c> (a native body without parameters yet).</summary>
    public bool CreateParameters { get; }
    public string Key { get; }

    /// <summary>The JSON value written: <c>true</c>, <c>false</c> or an integer.</summary>
    public string Value { get; }

    /// <summary>For a typed request: the C# property that is written as the key.</summary>
    public string? Property { get; private set; }

    /// <summary>For a typed request without parameters yet: the property that holds them and the metadata name of the class to create.</summary>
    public string? ParametersProperty { get; private set; }
    public string? ParametersType { get; private set; }

    /// <summary>
    /// A fix that adds <c>"key": value</c> to <paramref name="container"/>, or creates <c>parameters</c> with it when the
    /// container is absent; null for a typed request that has no property for the key (or no class to create).
    /// </summary>
    public static (SyntaxNode Node, JsonBodyFix Fix)? Add(JsonBody root, JsonBody? container, string key, string jsonValue)
    {
        var target = container ?? root;
        var fix = new JsonBodyFix(replace: false, target.Shape, target.BraceOrdinal, keyOrdinal: -1, createParameters: container is null, key, jsonValue);
        if (target.Shape != JsonBodyShape.TypedObject)
            return (target.Syntax, fix);

        // A typed request: the parameters object's own property, or a new parameters object of the class the declared
        // type names (ITextGenerationParameters → TextGenerationParameters) holding it.
        if (target.Naming is not { } naming || target.Type is not { } type)
            return null;
        var parametersType = type;
        if (container is null)
        {
            if (root.PropertyFor("parameters", naming) is not { } holder || ConcreteClass(holder.Type) is not { } concrete)
                return null;
            fix.ParametersProperty = holder.Name;
            fix.ParametersType = concrete.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", "");
            parametersType = concrete;
        }

        var property = JsonBody.PropertyFor(parametersType, key, naming)
                       ?? (Synonyms.TryGetValue(key, out var synonym) ? JsonBody.PropertyFor(parametersType, synonym, naming) : null);
        if (property is null || property.SetMethod is null)
            return null;
        fix.Property = property.Name;
        return (target.Syntax, fix);
    }

    /// <summary>A class to create for a member declared as <paramref name="type"/>: the type itself, or for an interface the class of the same name without its <c>I</c> beside it.</summary>
    private static INamedTypeSymbol? ConcreteClass(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { TypeKind: TypeKind.Class, IsAbstract: false } named)
            return named;
        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Interface } face || face.Name.Length < 2 || face.Name[0] != 'I')
            return null;
        foreach (var candidate in face.ContainingNamespace.GetTypeMembers(face.Name.Substring(1)))
        {
            if (candidate.TypeKind == TypeKind.Class && !candidate.IsAbstract && System.Linq.Enumerable.Contains(candidate.AllInterfaces, face, SymbolEqualityComparer.Default))
                return candidate;
        }

        return null;
    }

    /// <summary>A fix that replaces the constant value of an existing member; null when the member's value is not editable.</summary>
    public static (SyntaxNode Node, JsonBodyFix Fix)? ReplaceMember(JsonBody container, JsonMember member, string jsonValue)
    {
        SyntaxNode? node = container.Shape == JsonBodyShape.StringLiteral ? container.Syntax : member.Value?.Syntax;
        if (node is null || (container.Shape == JsonBodyShape.StringLiteral && container.KeyOrdinal(member.Name) < 0))
            return null;
        return (node, new JsonBodyFix(replace: true, container.Shape, braceOrdinal: -1, container.KeyOrdinal(member.Name), createParameters: false, member.Name, jsonValue));
    }

    /// <summary>
    /// For a boolean request parameter that must be <paramref name="desired"/>: null when it already is (or its value is
    /// not a constant, or the body may get it elsewhere); otherwise whether it is missing, and the fix that sets it.
    /// </summary>
    public static (bool Missing, (SyntaxNode Node, JsonBodyFix Fix)? Fix)? RequireBoolean(JsonBody body, JsonBody? parameters, string key, bool desired)
    {
        var json = desired ? "true" : "false";
        var member = parameters?.Get(key);
        if (member is null)
            return (parameters ?? body).IsComplete ? (true, Add(body, parameters, key, json)) : null;
        if (desired ? member.IsFalse : member.IsTrue)
            return (false, ReplaceMember(parameters!, member, json));
        return null;
    }

    public ImmutableDictionary<string, string?> WriteTo(ImmutableDictionary<string, string?> properties)
        => properties.With(ModeKey, Replace ? "Replace" : "Add")
            .With(ShapeKey, Shape.ToString())
            .With(BraceOrdinalKey, BraceOrdinal)
            .With(KeyOrdinalKey, KeyOrdinal)
            .With(CreateParametersKey, CreateParameters)
            .With(KeyKey, Key)
            .With(ValueKey, Value)
            .With(PropertyKey, Property)
            .With(ParametersPropertyKey, ParametersProperty)
            .With(ParametersTypeKey, ParametersType);

    public static JsonBodyFix? Read(ImmutableDictionary<string, string?> properties)
    {
        if (properties.Text(ModeKey) is not { } mode || !Enum.TryParse<JsonBodyShape>(properties.Text(ShapeKey), out var shape)
            || properties.Text(KeyKey) is not { } key || properties.Text(ValueKey) is not { } value)
        {
            return null;
        }

        return new JsonBodyFix(mode == "Replace", shape, properties.Int(BraceOrdinalKey) ?? -1, properties.Int(KeyOrdinalKey) ?? -1,
            properties.Flag(CreateParametersKey), key, value)
        {
            Property = properties.Text(PropertyKey),
            ParametersProperty = properties.Text(ParametersPropertyKey),
            ParametersType = properties.Text(ParametersTypeKey),
        };
    }
}
