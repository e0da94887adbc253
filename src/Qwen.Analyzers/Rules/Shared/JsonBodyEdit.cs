using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Qwen.Analyzers.ApiModel;
using Qwen.Analyzers.Flow;

namespace Qwen.Analyzers.Rules;

/// <summary>
/// What a fix needs to set one member of a hand-built JSON body: the node to edit and, in
/// <see cref="Diagnostic.Properties"/>, how. Shared by every rule whose fix edits a request body.
/// </summary>
internal static class JsonBodyEdit
{
    public const string ModeKey = "JsonEdit";
    public const string ShapeKey = "JsonShape";
    public const string BraceOrdinalKey = "BraceOrdinal";
    public const string KeyOrdinalKey = "KeyOrdinal";
    public const string CreateParametersKey = "CreateParameters";
    public const string KeyKey = "JsonKey";
    public const string ValueKey = "JsonValue";

    public const string Add = "Add";
    public const string Replace = "Replace";

    /// <summary>
    /// Finds where a request parameter lives: under <c>parameters</c> for the native API, at the top level for the
    /// compatible one. False when <c>parameters</c> is there but cannot be read.
    /// </summary>
    public static bool TryGetParameters(HttpRequestFacts http, out JsonBody? container)
    {
        container = null;
        var body = http.Body;
        if (body is null)
            return false;
        if (!http.IsNative)
        {
            container = body;
            return true;
        }

        var parameters = body.Get("parameters");
        if (parameters is not null && parameters.Object is null)
            return false;
        container = parameters?.Object;
        return true;
    }

    /// <summary>A fix that adds <c>"key": value</c> to <paramref name="container"/>, or creates <c>parameters</c> with it when the container is absent.</summary>
    public static (SyntaxNode Node, ImmutableDictionary<string, string?> Properties) AddMember(JsonBody root, JsonBody? container, string key, string jsonValue)
    {
        var target = container ?? root;
        var properties = ImmutableDictionary.CreateRange(new[]
        {
            Pair(ModeKey, Add),
            Pair(ShapeKey, target.Shape.ToString()),
            Pair(BraceOrdinalKey, target.BraceOrdinal.ToString(CultureInfo.InvariantCulture)),
            Pair(CreateParametersKey, container is null ? "true" : "false"),
            Pair(KeyKey, key),
            Pair(ValueKey, jsonValue),
        });
        return (target.Syntax, properties);
    }

    /// <summary>A fix that replaces the constant value of an existing member; null when the member's value is not editable.</summary>
    public static (SyntaxNode Node, ImmutableDictionary<string, string?> Properties)? ReplaceMember(JsonBody container, JsonMember member, string jsonValue)
    {
        SyntaxNode? node = container.Shape == JsonBodyShape.StringLiteral ? container.Syntax : member.Value?.Syntax;
        if (node is null || (container.Shape == JsonBodyShape.StringLiteral && container.KeyOrdinal(member.Name) < 0))
            return null;
        var properties = ImmutableDictionary.CreateRange(new[]
        {
            Pair(ModeKey, Replace),
            Pair(ShapeKey, container.Shape.ToString()),
            Pair(KeyOrdinalKey, container.KeyOrdinal(member.Name).ToString(CultureInfo.InvariantCulture)),
            Pair(KeyKey, member.Name),
            Pair(ValueKey, jsonValue),
        });
        return (node, properties);
    }

    /// <summary>
    /// For a boolean request parameter that must be <paramref name="desired"/>: null when it already is (or its value is
    /// not a constant, or the body may get it elsewhere); otherwise whether it is missing, and the fix that sets it.
    /// </summary>
    public static (bool Missing, (SyntaxNode Node, ImmutableDictionary<string, string?> Properties)? Fix)? RequireBoolean(
        JsonBody body, JsonBody? parameters, string key, bool desired)
    {
        var json = desired ? "true" : "false";
        var member = parameters?.Get(key);
        if (member is null)
            return (parameters ?? body).IsComplete ? (true, AddMember(body, parameters, key, json)) : null;
        if (desired ? member.IsFalse : member.IsTrue)
            return (false, ReplaceMember(parameters!, member, json));
        return null;
    }

    private static System.Collections.Generic.KeyValuePair<string, string?> Pair(string key, string? value) => new(key, value);
}
