using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Qwen.Analyzers.Flow;
using Qwen.Analyzers.Json;

namespace Qwen.Analyzers.ApiModel;

/// <summary>How a hand-built JSON request body is written in source.</summary>
internal enum JsonBodyShape
{
    AnonymousObject,
    JsonObject,
    Dictionary,
    StringLiteral,
}

/// <summary>
/// What a hand-built request body (or one of its nested objects) is known to contain. Built from an anonymous
/// object, a <c>JsonObject</c>, a <c>Dictionary&lt;string, object&gt;</c> or a JSON string literal.
/// </summary>
internal sealed class JsonBody
{
    private readonly List<JsonMember> _members = new();
    private readonly Dictionary<string, int> _keyOrdinals = new();

    private JsonBody(JsonBodyShape shape, SyntaxNode syntax)
    {
        Shape = shape;
        Syntax = syntax;
    }

    public JsonBodyShape Shape { get; }

    /// <summary>The creation expression, or for <see cref="JsonBodyShape.StringLiteral"/> the literal expression.</summary>
    public SyntaxNode Syntax { get; }

    /// <summary>For string literals: how many <c>{</c> come before this object's opening brace in the literal's value.</summary>
    public int BraceOrdinal { get; private set; }

    /// <summary>False when members may be added in ways not read here (a spread, a helper call, a non-constant key).</summary>
    public bool IsComplete { get; private set; } = true;

    public IReadOnlyList<JsonMember> Members => _members;

    /// <summary>True when the object was modified after creation (members added through a local); a fix then edits nothing.</summary>
    public bool HasLaterAdditions { get; private set; }

    /// <summary>For string literals: how many times <paramref name="name"/> occurs in the literal's value before this member's key.</summary>
    public int KeyOrdinal(string name) => _keyOrdinals.TryGetValue(name, out var ordinal) ? ordinal : -1;

    public JsonMember? Get(string name)
    {
        foreach (var member in _members)
        {
            if (member.Name == name)
                return member;
        }

        return null;
    }

    /// <summary>Reads the body a request sends; null when it is not one of the known shapes.</summary>
    public static JsonBody? TryRead(IOperation? value, HttpTypes types, int depth = 0)
    {
        if (value is null || depth > 8)
            return null;
        var unwrapped = ValueFlow.Unwrap(value);
        var resolved = ValueFlow.Resolve(unwrapped);
        if (resolved is null)
            return null;

        JsonBody? body = resolved switch
        {
            IAnonymousObjectCreationOperation anonymous => FromAnonymous(anonymous, types, depth),
            IObjectCreationOperation creation when IsJsonObject(creation.Type, types) => FromInitializer(JsonBodyShape.JsonObject, creation, types, depth),
            IObjectCreationOperation creation when IsStringDictionary(creation.Type, types) => FromInitializer(JsonBodyShape.Dictionary, creation, types, depth),
            _ when resolved.ConstantValue is { HasValue: true, Value: string json } => FromLiteral(json, resolved.Syntax),
            _ => null,
        };

        if (body is not null && unwrapped is ILocalReferenceOperation local && body.Shape is JsonBodyShape.JsonObject or JsonBodyShape.Dictionary)
            body.ReadLaterAdditions(local.Local, ValueFlow.GetRoot(local), types, depth);
        return body;
    }

    private static JsonBody FromAnonymous(IAnonymousObjectCreationOperation anonymous, HttpTypes types, int depth)
    {
        var body = new JsonBody(JsonBodyShape.AnonymousObject, anonymous.Syntax);
        foreach (var initializer in anonymous.Initializers)
        {
            if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment)
                body._members.Add(JsonMember.FromValue(property.Property.Name, assignment.Value, types, depth));
            else
                body.IsComplete = false;
        }

        return body;
    }

    private static JsonBody FromInitializer(JsonBodyShape shape, IObjectCreationOperation creation, HttpTypes types, int depth)
    {
        var body = new JsonBody(shape, creation.Syntax);
        if (ValueFlow.ExplicitArgumentCount(creation.Arguments) > 0)
            body.IsComplete = false;
        if (creation.Initializer is null)
            return body;
        foreach (var initializer in creation.Initializer.Initializers)
        {
            if (TryReadKeyValue(initializer, out var key, out var value) && key is not null)
                body._members.Add(JsonMember.FromValue(key, value!, types, depth));
            else
                body.IsComplete = false;
        }

        return body;
    }

    private static JsonBody? FromLiteral(string json, SyntaxNode syntax)
    {
        var root = MiniJson.Parse(json, out var ok) as MiniJson.JsonObjectNode;
        return ok && root is not null ? FromJsonNode(root, syntax) : null;
    }

    private static JsonBody FromJsonNode(MiniJson.JsonObjectNode node, SyntaxNode syntax)
    {
        var body = new JsonBody(JsonBodyShape.StringLiteral, syntax) { BraceOrdinal = node.BraceOrdinal };
        foreach (var pair in node.KeyOrdinals)
            body._keyOrdinals[pair.Key] = pair.Value;
        foreach (var pair in node.Members)
        {
            body._members.Add(pair.Value is MiniJson.JsonObjectNode child
                ? new JsonMember(pair.Key, FromJsonNode(child, syntax), constant: null, hasConstant: false, value: null)
                : new JsonMember(pair.Key, null, pair.Value, hasConstant: pair.Value is not MiniJson.JsonArrayNode, value: null));
        }

        return body;
    }

    /// <summary><c>body["k"] = v</c> and <c>body.Add("k", v)</c> after creation; any other use makes the body incomplete.</summary>
    private void ReadLaterAdditions(ILocalSymbol local, IOperation root, HttpTypes types, int depth)
    {
        foreach (var reference in ValueFlow.References(local, root))
        {
            if (reference.IsDeclaration)
                continue;
            var parent = reference.Parent;
            if (parent is IPropertyReferenceOperation { Property.IsIndexer: true } indexer
                && indexer.Parent is ISimpleAssignmentOperation assignment && assignment.Target == indexer
                && TryReadKeyValue(assignment, out var key, out var value) && key is not null)
            {
                _members.Add(JsonMember.FromValue(key, value!, types, depth));
                HasLaterAdditions = true;
            }
            else if (parent is IInvocationOperation { TargetMethod.Name: "Add" } add && add.Instance == reference
                && TryReadKeyValue(add, out key, out value) && key is not null)
            {
                _members.Add(JsonMember.FromValue(key, value!, types, depth));
                HasLaterAdditions = true;
            }
            else if (!IsSerialization(reference))
            {
                IsComplete = false;
            }
        }
    }

    /// <summary>A read that only turns the body into bytes: an argument or the receiver of <c>ToJsonString</c>.</summary>
    private static bool IsSerialization(ILocalReferenceOperation reference)
    {
        var parent = reference.Parent;
        while (parent is IConversionOperation)
            parent = parent.Parent;
        return parent switch
        {
            IInvocationOperation { TargetMethod.Name: "ToJsonString" or "ToString" } => true,
            IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "Create" or "Serialize" or "SerializeToUtf8Bytes" or "PostAsJsonAsync" or "PutAsJsonAsync" } } => true,
            _ => false,
        };
    }

    /// <summary>Reads <c>["k"] = v</c> (indexer) and <c>{ "k", v }</c> / <c>Add("k", v)</c> (collection initializer).</summary>
    private static bool TryReadKeyValue(IOperation initializer, out string? key, out IOperation? value)
    {
        key = null;
        value = null;
        switch (initializer)
        {
            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer } assignment:
                key = indexer.Arguments[0].Value.ConstantValue.Value as string;
                value = assignment.Value;
                return key is not null;
            case IInvocationOperation { Arguments.Length: 2 } add:
                key = add.Arguments[0].Value.ConstantValue.Value as string;
                value = add.Arguments[1].Value;
                return key is not null;
            default:
                return false;
        }
    }

    private static bool IsJsonObject(ITypeSymbol? type, HttpTypes types)
        => types.JsonObject is not null && SymbolEqualityComparer.Default.Equals(type, types.JsonObject);

    private static bool IsStringDictionary(ITypeSymbol? type, HttpTypes types)
        => type is INamedTypeSymbol { TypeArguments.Length: 2 } named
            && types.Dictionary is not null
            && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, types.Dictionary)
            && named.TypeArguments[0].SpecialType == SpecialType.System_String;

    internal static JsonBody? ReadNested(IOperation value, HttpTypes types, int depth) => TryRead(value, types, depth + 1);
}

/// <summary>One member of a <see cref="JsonBody"/>: a nested object, a constant, or a value not known here.</summary>
internal sealed class JsonMember
{
    public JsonMember(string name, JsonBody? @object, object? constant, bool hasConstant, IOperation? value)
    {
        Name = name;
        Object = @object;
        Constant = constant;
        HasConstant = hasConstant;
        Value = value;
    }

    public string Name { get; }
    public JsonBody? Object { get; }
    public object? Constant { get; }
    public bool HasConstant { get; }
    public IOperation? Value { get; }

    /// <summary>True when the member is the constant <c>true</c>.</summary>
    public bool IsTrue => HasConstant && Constant is true;

    /// <summary>True when the member is the constant <c>false</c>.</summary>
    public bool IsFalse => HasConstant && Constant is false;

    internal static JsonMember FromValue(string name, IOperation value, HttpTypes types, int depth)
    {
        var unwrapped = ValueFlow.Unwrap(value);
        if (unwrapped.ConstantValue.HasValue)
            return new JsonMember(name, null, unwrapped.ConstantValue.Value, hasConstant: true, value);
        var nested = unwrapped is IAnonymousObjectCreationOperation or IObjectCreationOperation or ILocalReferenceOperation
            ? JsonBody.ReadNested(unwrapped, types, depth)
            : null;
        return new JsonMember(name, nested, constant: null, hasConstant: false, value);
    }
}
