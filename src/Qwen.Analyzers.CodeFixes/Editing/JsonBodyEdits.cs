using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Qwen.Analyzers.ApiModel;
using Qwen.Analyzers.Flow;
using Qwen.Analyzers.Rules;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Qwen.Analyzers.CodeFixes;

/// <summary>
/// Sets one member of a hand-built JSON body in the body's own syntax: an anonymous object, a <c>JsonObject</c> or
/// dictionary initializer, or a JSON string literal. The analyzer says where and what through <see cref="JsonBodyFix"/>.
/// </summary>
internal static class JsonBodyEdits
{
    public static SyntaxEdit? Plan(SyntaxNode root, SemanticModel model, Microsoft.CodeAnalysis.Editing.SyntaxGenerator generator, Diagnostic diagnostic, JsonBodyFix? fix)
    {
        if (fix is null || FixData.EditTargetNode<SyntaxNode>(root, diagnostic) is not { } node || ValueExpression(fix.Value) is not { } value)
            return null;
        return fix.Replace ? PlanReplace(node, fix, value) : PlanAdd(node, model, generator, fix, value);
    }

    private static SyntaxEdit? PlanAdd(SyntaxNode node, SemanticModel model, Microsoft.CodeAnalysis.Editing.SyntaxGenerator generator, JsonBodyFix fix, ExpressionSyntax value)
    {
        var key = fix.Key;
        switch (fix.Shape)
        {
            case JsonBodyShape.AnonymousObject when node is AnonymousObjectCreationExpressionSyntax:
            {
                var member = fix.CreateParameters
                    ? AnonymousObjectMemberDeclarator(NameEquals("parameters"), AnonymousObjectCreationExpression(SingletonSeparatedList(AnonymousObjectMemberDeclarator(NameEquals(key), value))))
                    : AnonymousObjectMemberDeclarator(NameEquals(key), value);
                return new SyntaxEdit(node, current => ((AnonymousObjectCreationExpressionSyntax)current).AddInitializers(member));
            }

            case JsonBodyShape.JsonObject or JsonBodyShape.Dictionary when node is BaseObjectCreationExpressionSyntax creation:
            {
                if (fix.Shape == JsonBodyShape.Dictionary && !HasObjectValues(model.GetTypeInfo(creation).Type))
                    return null;
                var collectionStyle = creation.Initializer?.IsKind(SyntaxKind.CollectionInitializerExpression) == true;
                var nested = value;
                if (fix.CreateParameters)
                {
                    if (creation is not ObjectCreationExpressionSyntax { Type: var outerType })
                        return null;
                    nested = ObjectCreationExpression(outerType.WithoutTrivia()).WithArgumentList(null).WithInitializer(
                        InitializerExpression(collectionStyle ? SyntaxKind.CollectionInitializerExpression : SyntaxKind.ObjectInitializerExpression,
                            SingletonSeparatedList(Entry(key, value, collectionStyle))));
                }

                var entry = Entry(fix.CreateParameters ? "parameters" : key, nested, collectionStyle);
                return new SyntaxEdit(node, current => Initializers.Add((BaseObjectCreationExpressionSyntax)current, entry));
            }

            // A typed request: Property = value, or ParametersProperty = new ParametersType { Property = value }.
            case JsonBodyShape.TypedObject when node is BaseObjectCreationExpressionSyntax && fix.Property is { } property:
            {
                ExpressionSyntax assigned = value;
                var member = property;
                if (fix.CreateParameters)
                {
                    if (fix.ParametersProperty is not { } holder || fix.ParametersType is not { } typeName || TypeLookup.Named(model.Compilation, typeName) is not { } type)
                        return null;
                    var typeSyntax = Imports.TypeReference(generator, type);
                    assigned = ObjectCreationExpression(typeSyntax).WithInitializer(InitializerExpression(SyntaxKind.ObjectInitializerExpression,
                        SingletonSeparatedList<ExpressionSyntax>(AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, IdentifierName(property), value))));
                    member = holder;
                }

                var assignment = AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, IdentifierName(member), assigned);
                return new SyntaxEdit(node, current => Initializers.Add((BaseObjectCreationExpressionSyntax)current, assignment));
            }

            case JsonBodyShape.StringLiteral when node is LiteralExpressionSyntax literal && fix.BraceOrdinal >= 0:
            {
                var text = fix.CreateParameters ? $"\"parameters\": {{\"{key}\": {fix.Value}}}" : $"\"{key}\": {fix.Value}";
                var rewritten = StringLiteralEdit.Insert(literal, fix.BraceOrdinal, text);
                return rewritten is null ? null : new SyntaxEdit(literal, _ => rewritten);
            }

            default:
                return null;
        }
    }

    private static SyntaxEdit? PlanReplace(SyntaxNode node, JsonBodyFix fix, ExpressionSyntax value)
    {
        if (fix.Shape != JsonBodyShape.StringLiteral)
            return node is ExpressionSyntax expression ? new SyntaxEdit(expression, current => value.WithTriviaFrom(current)) : null;
        if (node is not LiteralExpressionSyntax literal || fix.KeyOrdinal < 0)
            return null;
        var rewritten = StringLiteralEdit.ReplaceValue(literal, fix.Key, fix.KeyOrdinal, fix.Value);
        return rewritten is null ? null : new SyntaxEdit(literal, _ => rewritten);
    }

    /// <summary>A C# expression for a JSON scalar: <c>true</c>, <c>false</c> or an integer.</summary>
    private static ExpressionSyntax? ValueExpression(string json) => json switch
    {
        "true" => LiteralExpression(SyntaxKind.TrueLiteralExpression),
        "false" => LiteralExpression(SyntaxKind.FalseLiteralExpression),
        _ when int.TryParse(json, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) => LiteralExpression(SyntaxKind.NumericLiteralExpression, Literal(number)),
        _ => null,
    };

    private static bool HasObjectValues(ITypeSymbol? type)
        => type is INamedTypeSymbol { TypeArguments.Length: 2 } named && named.TypeArguments[1].SpecialType == SpecialType.System_Object;

    private static ExpressionSyntax Entry(string key, ExpressionSyntax value, bool collectionStyle)
    {
        var keyLiteral = LiteralExpression(SyntaxKind.StringLiteralExpression, Literal(key));
        return collectionStyle
            ? InitializerExpression(SyntaxKind.ComplexElementInitializerExpression, SeparatedList(new[] { keyLiteral, value }))
            : AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, ImplicitElementAccess(BracketedArgumentList(SingletonSeparatedList(Argument(keyLiteral)))), value);
    }
}

/// <summary>Adds an element to an object creation's initializer, creating the initializer when there is none.</summary>
internal static class Initializers
{
    public static BaseObjectCreationExpressionSyntax Add(BaseObjectCreationExpressionSyntax creation, ExpressionSyntax element)
    {
        var initializer = creation.Initializer;
        if (initializer is not null)
            return creation.WithInitializer(initializer.AddExpressions(element));

        var withInitializer = creation.WithInitializer(InitializerExpression(SyntaxKind.ObjectInitializerExpression, SingletonSeparatedList(element)));
        // new T() { … } reads as new T { … }; keep an argument list only when it has arguments.
        if (withInitializer is ObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: 0 } plain)
            return plain.WithArgumentList(null).WithType(plain.Type.WithoutTrailingTrivia());
        return withInitializer;
    }
}
