using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Qwen.Analyzers.Flow;
using Qwen.Analyzers.Json;

namespace Qwen.Analyzers.ApiModel;

/// <summary>How a hand-built JSON request body is written in source.</summary>
internal enum JsonBodyShape
{
    AnonymousObject,
    /// <summary><c>JsonObject</c> or Newtonsoft's <c>JObject</c>: string keys through an indexer or <c>Add</c>.</summary>
    JsonObject,
    Dictionary,
    StringLiteral,
    /// <summary>A class or record of the project, serialized by System.Text.Json or Newtonsoft.</summary>
    TypedObject,
}

/// <summary>
/// What a hand-built request body (or one of its nested objects) is known to contain, by the names the wire uses.
/// Built from an anonymous object, a <c>JsonObject</c> or <c>JObject</c>, a <c>Dictionary&lt;string, object&gt;</c>, a
/// JSON string literal, or a typed object (a class or record of the project, its members named by
/// <c>[JsonPropertyName]</c> / <c>[JsonProperty]</c> or the serializer's naming policy, with the defaults its declaration
/// gives), through locals and one helper method deep.
/// </summary>
internal sealed class JsonBody
{
    private readonly List<JsonMember> _members = new();
    private readonly Dictionary<string, int> _keyOrdinals = new();

    private JsonBody(JsonBodyShape shape, SyntaxNode syntax, ITypeSymbol? type = null)
    {
        Shape = shape;
        Syntax = syntax;
        Type = type;
    }

    public JsonBodyShape Shape { get; }

    /// <summary>The creation expression, or for <see cref="JsonBodyShape.StringLiteral"/> the literal expression.</summary>
    public SyntaxNode Syntax { get; }

    /// <summary>For <see cref="JsonBodyShape.TypedObject"/>: the type.</summary>
    public ITypeSymbol? Type { get; }

    /// <summary>For <see cref="JsonBodyShape.TypedObject"/>: how the serializing call names its members.</summary>
    public JsonNaming? Naming { get; private set; }

    /// <summary>For string literals: how many <c>{</c> come before this object's opening brace in the literal's value.</summary>
    public int BraceOrdinal { get; private set; }

    /// <summary>False when members may be added in ways not read here (a spread, a helper call, a non-constant key, an unknown naming policy).</summary>
    public bool IsComplete { get; private set; } = true;

    public IReadOnlyList<JsonMember> Members => _members;

    /// <summary>True when the object was modified after creation (members added through a local).</summary>
    public bool HasLaterAdditions { get; private set; }

    /// <summary>For string literals: how many times <paramref name="name"/> occurs in the literal's value before this member's key.</summary>
    public int KeyOrdinal(string name) => _keyOrdinals.TryGetValue(name, out var ordinal) ? ordinal : -1;

    public JsonMember? Get(string name)
    {
        JsonMember? found = null;
        foreach (var member in _members)
        {
            if (member.Name == name)
                found = member;   // the last write wins (a later assignment over an initializer)
        }

        return found;
    }

    /// <summary>For a typed object: the C# property that the wire name <paramref name="jsonName"/> comes from.</summary>
    public IPropertySymbol? PropertyFor(string jsonName, JsonNaming naming) => Type is null ? null : PropertyFor(Type, jsonName, naming);

    /// <summary>The property of <paramref name="type"/> written as <paramref name="jsonName"/>.</summary>
    public static IPropertySymbol? PropertyFor(ITypeSymbol type, string jsonName, JsonNaming naming)
    {
        foreach (var property in SerializedProperties(type))
        {
            if (naming.NameOf(property, out _) == jsonName)
                return property;
        }

        return null;
    }

    /// <summary>Reads the body a request sends; null when it is not one of the known shapes.</summary>
    public static JsonBody? TryRead(IOperation? value, QwenApi api, JsonNaming naming, int depth = 0)
    {
        if (value is null || depth > 8 || api.Http is not { } types)
            return null;
        var unwrapped = ValueFlow.Unwrap(value);
        var resolved = ValueFlow.Resolve(unwrapped);
        // A request body made by a small helper of the project: read what it returns, where it returns it.
        if (resolved is IInvocationOperation helper && IsSourceHelper(helper, api))
            resolved = HelperMethod(helper, api) is { } method && api.Sources.ReturnedValue(method) is { } returned ? ValueFlow.Resolve(returned) : null;
        if (resolved is null)
            return null;

        JsonBody? body = resolved switch
        {
            IAnonymousObjectCreationOperation anonymous => FromAnonymous(anonymous, api, naming, depth),
            IObjectCreationOperation creation when IsJsonObject(creation.Type, types) => FromKeyed(JsonBodyShape.JsonObject, creation, api, naming, depth),
            IObjectCreationOperation creation when IsStringDictionary(creation.Type, types) => FromKeyed(JsonBodyShape.Dictionary, creation, api, naming, depth),
            IObjectCreationOperation creation when IsSerializableClass(creation.Type, api) => FromTyped(creation, api, naming, depth),
            IInvocationOperation { TargetMethod.Name: "FromObject", Arguments.Length: >= 1 } fromObject when IsJsonObject(fromObject.TargetMethod.ContainingType, types)
                => TryRead(fromObject.Arguments[0].Value, api, JsonNaming.Newtonsoft, depth + 1),
            _ when resolved.ConstantValue is { HasValue: true, Value: string json } => FromLiteral(json, resolved.Syntax),
            _ => null,
        };

        if (body is not null && unwrapped is ILocalReferenceOperation local && body.Shape is not (JsonBodyShape.StringLiteral or JsonBodyShape.AnonymousObject))
            body.ReadLaterChanges(local.Local, ValueFlow.GetRoot(local), api, naming, depth);
        return body;
    }

    /// <summary>
    /// The method whose return value is the body: the helper itself, or for a virtual or abstract one (a base class that
    /// asks its subclass for the request) the one implementation the project has.
    /// </summary>
    private static IMethodSymbol? HelperMethod(IInvocationOperation helper, QwenApi api)
    {
        var method = helper.TargetMethod;
        if (!(method.IsVirtual || method.IsAbstract || method.IsOverride))
            return method;
        var implementations = api.Sources.Implementations(method);
        return implementations.Count == 1 ? implementations[0] as IMethodSymbol : null;
    }

    private static bool IsSourceHelper(IInvocationOperation invocation, QwenApi api)
        => api.Sources.IsOwn(invocation.TargetMethod)
           && invocation.TargetMethod.MethodKind is MethodKind.Ordinary or MethodKind.LocalFunction;

    private static JsonBody FromAnonymous(IAnonymousObjectCreationOperation anonymous, QwenApi api, JsonNaming naming, int depth)
    {
        var body = new JsonBody(JsonBodyShape.AnonymousObject, anonymous.Syntax);
        foreach (var initializer in anonymous.Initializers)
        {
            if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment && naming.Apply(property.Property.Name) is { } name)
                body._members.Add(JsonMember.FromValue(name, assignment.Value, api, naming, depth));
            else
                body.IsComplete = false;
        }

        return body;
    }

    private static JsonBody FromKeyed(JsonBodyShape shape, IObjectCreationOperation creation, QwenApi api, JsonNaming naming, int depth)
    {
        var body = new JsonBody(shape, creation.Syntax);
        foreach (var argument in creation.Arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.DefaultValue)
                continue;
            // new JObject(new JProperty("k", v), …): the members as arguments.
            var values = ValueFlow.Unwrap(argument.Value) is IArrayCreationOperation { Initializer: { } array } ? array.ElementValues : ImmutableArray.Create(argument.Value);
            foreach (var element in values)
            {
                if (ValueFlow.Unwrap(element) is IObjectCreationOperation { Type.Name: "JProperty", Arguments.Length: 2 } property
                    && property.Arguments[0].Value.ConstantValue.Value is string key)
                    body._members.Add(JsonMember.FromValue(key, property.Arguments[1].Value, api, naming, depth));
                else
                    body.IsComplete = false;
            }
        }

        foreach (var initializer in creation.Initializer?.Initializers ?? System.Collections.Immutable.ImmutableArray<IOperation>.Empty)
        {
            if (TryReadKeyValue(initializer, out var key, out var value) && key is not null)
                body._members.Add(JsonMember.FromValue(key, value!, api, naming, depth));
            else
                body.IsComplete = false;
        }

        return body;
    }

    /// <summary>
    /// A class or record: positional record arguments, initializer assignments, then the property defaults its
    /// declaration gives (<c>{ get; set; } = "qwen-plus"</c>, <c>= new()</c>). Unset members without a default are left
    /// out (null or default on the wire, which the service reads as absent).
    /// </summary>
    private static JsonBody FromTyped(IObjectCreationOperation creation, QwenApi api, JsonNaming naming, int depth)
    {
        var type = creation.Type!;
        var body = new JsonBody(JsonBodyShape.TypedObject, creation.Syntax, type) { Naming = naming };
        var set = new HashSet<IPropertySymbol>(SymbolEqualityComparer.Default);
        var properties = SerializedProperties(type);

        foreach (var argument in creation.Arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.DefaultValue || argument.Parameter is not { } parameter)
                continue;
            var property = properties.Find(p => string.Equals(p.Name, parameter.Name, System.StringComparison.Ordinal))
                           ?? properties.Find(p => string.Equals(p.Name, parameter.Name, System.StringComparison.OrdinalIgnoreCase));
            if (property is null)
            {
                body.IsComplete = false;   // a constructor that does something else with its arguments
                continue;
            }

            body.Add(property, argument.Value, api, naming, depth);
            set.Add(property);
        }

        foreach (var initializer in creation.Initializer?.Initializers ?? System.Collections.Immutable.ImmutableArray<IOperation>.Empty)
        {
            if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: var assigned } } assignment
                && properties.Exists(p => SymbolEqualityComparer.Default.Equals(p, assigned)))
            {
                body.Add(assigned, assignment.Value, api, naming, depth);
                set.Add(assigned);
            }
            else if (initializer is IMemberInitializerOperation { InitializedMember: IPropertyReferenceOperation { Property: var filled } } member
                     && properties.Exists(p => SymbolEqualityComparer.Default.Equals(p, filled)))
            {
                // Messages = { … }: adds to the list the property already holds; its value is not read, but it is this member's.
                body.Add(filled, member.Initializer, api, naming, depth);
                set.Add(filled);
            }
            else if (initializer is not ISimpleAssignmentOperation { Target: IFieldReferenceOperation })
            {
                body.IsComplete = false;
            }
        }

        foreach (var property in properties)
        {
            if (set.Contains(property))
                continue;
            if (api.Sources.Initializer(property) is { } initial)
                body.Add(property, initial, api, naming, depth);
            else if (!property.Type.IsValueType || property.Type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
                continue;   // null: absent on the wire
            else if (DefaultOf(property.Type) is { } unset && naming.NameOf(property, out var ignored) is { } name && !ignored)
                body._members.Add(new JsonMember(name, null, unset, hasConstant: true, value: null, property: property));
        }

        return body;
    }

    private void Add(IPropertySymbol property, IOperation value, QwenApi api, JsonNaming naming, int depth)
    {
        var name = naming.NameOf(property, out var ignored);
        if (ignored)
            return;
        if (name is null)
        {
            IsComplete = false;
            return;
        }

        _members.Add(JsonMember.FromValue(name, value, api, naming, depth, property));
    }

    /// <summary>What an unset value-type member writes: only <c>false</c> matters (a number's 0 is not a setting anybody means).</summary>
    private static object? DefaultOf(ITypeSymbol type) => type.SpecialType == SpecialType.System_Boolean ? false : null;

    /// <summary>The public instance properties with a getter, as both serializers write them.</summary>
    private static List<IPropertySymbol> SerializedProperties(ITypeSymbol type)
    {
        var properties = new List<IPropertySymbol>();
        for (var t = type; t is not null && t.SpecialType != SpecialType.System_Object; t = t.BaseType)
        {
            foreach (var member in t.GetMembers())
            {
                if (member is IPropertySymbol { IsStatic: false, IsIndexer: false, DeclaredAccessibility: Accessibility.Public, GetMethod: not null } property
                    && property.Name != "EqualityContract" && !properties.Exists(p => p.Name == property.Name))
                {
                    properties.Add(property);
                }
            }
        }

        return properties;
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
            body._members.Add(FromJsonValue(pair.Key, pair.Value, syntax));
        return body;
    }

    private static JsonMember FromJsonValue(string name, object? value, SyntaxNode syntax) => value switch
    {
        MiniJson.JsonObjectNode child => new JsonMember(name, FromJsonNode(child, syntax), constant: null, hasConstant: false, value: null),
        MiniJson.JsonArrayNode array => new JsonMember(name, null, constant: null, hasConstant: false, value: null, items: array.Items.ConvertAll(item => FromJsonValue("", item, syntax))),
        _ => new JsonMember(name, null, value, hasConstant: true, value: null),
    };

    /// <summary>
    /// What the method does to the body after creating it: <c>body["k"] = v</c>, <c>body.Add("k", v)</c>,
    /// <c>request.Member = v</c>, <c>request.Nested.Member = v</c>; serialization reads are harmless; anything else makes
    /// the body incomplete.
    /// </summary>
    private void ReadLaterChanges(ILocalSymbol local, IOperation root, QwenApi api, JsonNaming naming, int depth)
    {
        foreach (var reference in ValueFlow.References(local, root))
        {
            if (reference.IsDeclaration)
                continue;
            var parent = reference.Parent;
            if (Shape is JsonBodyShape.JsonObject or JsonBodyShape.Dictionary
                && parent is IPropertyReferenceOperation { Property.IsIndexer: true } indexer
                && indexer.Parent is ISimpleAssignmentOperation assignment && assignment.Target == indexer
                && TryReadKeyValue(assignment, out var key, out var value) && key is not null)
            {
                _members.Add(JsonMember.FromValue(key, value!, api, naming, depth));
                HasLaterAdditions = true;
            }
            else if (Shape is JsonBodyShape.JsonObject or JsonBodyShape.Dictionary
                     && parent is IInvocationOperation { TargetMethod.Name: "Add" } add && add.Instance == reference
                     && TryReadKeyValue(add, out key, out value) && key is not null)
            {
                _members.Add(JsonMember.FromValue(key, value!, api, naming, depth));
                HasLaterAdditions = true;
            }
            else if (Shape == JsonBodyShape.TypedObject && parent is IPropertyReferenceOperation { Property.IsIndexer: false } member)
            {
                if (!ReadMemberWrite(this, member, api, naming, depth))
                    IsComplete = false;
            }
            else if (!IsSerialization(reference))
            {
                IsComplete = false;
            }
        }
    }

    /// <summary><c>x.A = v</c> or <c>x.A.B = v</c> on a typed body; a read of a member changes nothing. False when the write cannot be placed.</summary>
    private static bool ReadMemberWrite(JsonBody body, IPropertyReferenceOperation member, QwenApi api, JsonNaming naming, int depth)
    {
        var name = naming.NameOf(member.Property, out var ignored);
        if (ignored)
            return true;
        switch (member.Parent)
        {
            case ISimpleAssignmentOperation assignment when assignment.Target == member:
                if (name is null)
                    return false;
                body._members.Add(JsonMember.FromValue(name, assignment.Value, api, naming, depth, member.Property));
                body.HasLaterAdditions = true;
                return true;
            case IPropertyReferenceOperation { Property.IsIndexer: false } nested when name is not null && body.Get(name)?.Object is { Shape: JsonBodyShape.TypedObject } inner:
                return ReadMemberWrite(inner, nested, api, naming, depth);
            case IAssignmentOperation or IIncrementOrDecrementOperation:
                return false;
            case IPropertyReferenceOperation:
                return false;   // a write below a member whose object is not known here
            default:
                return true;    // a read (request.Model), or a change to a collection member (request.Messages.Add(…))
        }
    }

    /// <summary>A read that only turns the body into bytes: an argument or the receiver of <c>ToJsonString</c> / <c>ToString</c>.</summary>
    private static bool IsSerialization(ILocalReferenceOperation reference)
    {
        var parent = reference.Parent;
        while (parent is IConversionOperation)
            parent = parent.Parent;
        return parent switch
        {
            IInvocationOperation { TargetMethod.Name: "ToJsonString" or "ToString" } => true,
            IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "Create" or "Serialize" or "SerializeToUtf8Bytes" or "SerializeObject" or "PostAsJsonAsync" or "PutAsJsonAsync" or "FromObject" } } => true,
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
                key = ValueFlow.Unwrap(indexer.Arguments[0].Value).ConstantValue.Value as string;
                value = assignment.Value;
                return key is not null;
            case IInvocationOperation { Arguments.Length: 2 } add:
                key = ValueFlow.Unwrap(add.Arguments[0].Value).ConstantValue.Value as string;
                value = add.Arguments[1].Value;
                return key is not null;
            default:
                return false;
        }
    }

    private static bool IsJsonObject(ITypeSymbol? type, HttpTypes types)
        => QwenApi.Is(type, types.JsonObject) || QwenApi.Is(type, types.JObject);

    private static bool IsStringDictionary(ITypeSymbol? type, HttpTypes types)
        => type is INamedTypeSymbol { TypeArguments.Length: 2 } named
            && types.Dictionary is not null
            && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, types.Dictionary)
            && named.TypeArguments[0].SpecialType == SpecialType.System_String;

    /// <summary>
    /// A class or record this project declares (a DTO), or a request type of the DashScope SDK (plain properties, serialized
    /// snake_case): the types a serializer writes member by member. Other libraries' types may carry converters this reading
    /// cannot see, and another project's DTO is such a library to a command-line build.
    /// </summary>
    private static bool IsSerializableClass(ITypeSymbol? type, QwenApi api)
        => type is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct, IsAnonymousType: false } named
           && (api.Sources.IsOwn(named) || named.ContainingAssembly?.Name == Assemblies.CnblogsDashScope);

    /// <summary>Elements of an array member: <c>new[] { … }</c>, <c>new List&lt;T&gt; { … }</c>, <c>new JsonArray(…)</c>, <c>new JArray(…)</c>.</summary>
    internal static IReadOnlyList<JsonMember>? ReadItems(IOperation value, QwenApi api, JsonNaming naming, int depth)
    {
        var resolved = ValueFlow.Resolve(value);
        ImmutableArray<IOperation> elements;
        switch (resolved)
        {
            case IArrayCreationOperation { Initializer: { } initializer }:
                elements = initializer.ElementValues;
                break;
            case IObjectCreationOperation { Initializer: IObjectOrCollectionInitializerOperation collection }:
                var added = new List<IOperation>();
                foreach (var element in collection.Initializers)
                {
                    if (element is IInvocationOperation { Arguments.Length: 1 } addition)
                        added.Add(addition.Arguments[0].Value);
                    else
                        return null;
                }

                elements = added.ToImmutableArray();
                break;
            case IObjectCreationOperation { Type.Name: "JsonArray" or "JArray" } array:
                var arguments = new List<IOperation>();
                foreach (var argument in array.Arguments)
                {
                    if (argument.ArgumentKind == ArgumentKind.ParamArray && ValueFlow.Unwrap(argument.Value) is IArrayCreationOperation { Initializer: { } parameters })
                        arguments.AddRange(parameters.ElementValues);
                    else if (argument.ArgumentKind == ArgumentKind.Explicit)
                        arguments.Add(argument.Value);
                }

                elements = arguments.ToImmutableArray();
                break;
            default:
                return null;
        }

        var items = new List<JsonMember>(elements.Length);
        foreach (var element in elements)
            items.Add(JsonMember.FromValue("", element, api, naming, depth));
        return items;
    }
}

/// <summary>One member of a <see cref="JsonBody"/>: a nested object, an array, a constant, or a value not known here.</summary>
internal sealed class JsonMember
{
    public JsonMember(string name, JsonBody? @object, object? constant, bool hasConstant, IOperation? value, IReadOnlyList<JsonMember>? items = null, IPropertySymbol? property = null)
    {
        Name = name;
        Object = @object;
        Constant = constant;
        HasConstant = hasConstant;
        Value = value;
        Items = items;
        Property = property;
    }

    public string Name { get; }
    public JsonBody? Object { get; }
    public object? Constant { get; }
    public bool HasConstant { get; }
    public IOperation? Value { get; }

    /// <summary>For an array: its elements, when the code shows them.</summary>
    public IReadOnlyList<JsonMember>? Items { get; }

    /// <summary>For a typed object's member: the C# property it comes from.</summary>
    public IPropertySymbol? Property { get; }

    /// <summary>True when the member is the constant <c>true</c>.</summary>
    public bool IsTrue => HasConstant && Constant is true;

    /// <summary>True when the member is the constant <c>false</c>.</summary>
    public bool IsFalse => HasConstant && Constant is false;

    internal static JsonMember FromValue(string name, IOperation value, QwenApi api, JsonNaming naming, int depth, IPropertySymbol? property = null)
    {
        var unwrapped = ValueFlow.Unwrap(value);
        if (unwrapped.ConstantValue.HasValue)
            return new JsonMember(name, null, unwrapped.ConstantValue.Value, hasConstant: true, value, property: property);
        var nested = unwrapped is IAnonymousObjectCreationOperation or IObjectCreationOperation or ILocalReferenceOperation or IInvocationOperation
            ? JsonBody.TryRead(unwrapped, api, naming, depth + 1)
            : null;
        var items = nested is null && unwrapped is IArrayCreationOperation or IObjectCreationOperation or ILocalReferenceOperation
            ? JsonBody.ReadItems(unwrapped, api, naming, depth + 1)
            : null;
        return new JsonMember(name, nested, constant: null, hasConstant: false, value, items, property);
    }
}
