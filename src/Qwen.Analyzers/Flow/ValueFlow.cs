using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Qwen.Analyzers.Flow;

/// <summary>
/// Intra-method, conservative value tracking. Every question may be answered "unknown" (null / false):
/// callers then stay silent.
/// </summary>
internal static class ValueFlow
{
    /// <summary>Strips implicit and explicit conversions and parentheses.</summary>
    public static IOperation Unwrap(IOperation operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation conversion when conversion.Operand is not null:
                    operation = conversion.Operand;
                    continue;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    continue;
                default:
                    return operation;
            }
        }
    }

    /// <summary>The local, parameter, field or property an operation reads (through conversions); null for anything else.</summary>
    public static ISymbol? Symbol(IOperation operation) => Unwrap(operation) switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        IFieldReferenceOperation field => field.Field,
        IPropertyReferenceOperation { Property.IsIndexer: false } property => property.Property,
        _ => null,
    };

    /// <summary>The arguments the source wrote (optional parameters left to their defaults are not counted).</summary>
    public static int ExplicitArgumentCount(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments)
    {
        var count = 0;
        foreach (var argument in arguments)
        {
            if (argument.ArgumentKind != ArgumentKind.DefaultValue)
                count++;
        }

        return count;
    }

    /// <summary>The outermost operation of the method, accessor, lambda host or initializer that contains <paramref name="operation"/>.</summary>
    public static IOperation GetRoot(IOperation operation)
    {
        var current = operation;
        while (current.Parent is not null)
            current = current.Parent;
        return current;
    }

    /// <summary>
    /// Follows a local to the one value it is ever given. Returns the operation itself when it is not a local,
    /// and null when the local is written more than once, by reference, or has no initializer.
    /// </summary>
    public static IOperation? Resolve(IOperation operation)
    {
        var unwrapped = Unwrap(operation);
        for (var depth = 0; depth < 8 && unwrapped is ILocalReferenceOperation localReference; depth++)
        {
            var value = GetSingleValue(localReference.Local, GetRoot(localReference));
            if (value is null)
                return null;
            unwrapped = Unwrap(value);
        }

        return unwrapped is ILocalReferenceOperation ? null : unwrapped;
    }

    /// <summary>The initializer of a local that is written nowhere else; null otherwise.</summary>
    public static IOperation? GetSingleValue(ILocalSymbol local, IOperation root)
    {
        if (local.IsRef)
            return null;
        var facts = MethodFacts.For(root);
        IOperation? initializer = null;
        var declared = false;
        foreach (var declarator in facts.Declarators)
        {
            if (SymbolEqualityComparer.Default.Equals(declarator.Symbol, local))
            {
                declared = true;
                initializer = declarator.Initializer?.Value ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer?.Value;
            }
        }

        if (!declared)
            return null;
        foreach (var reference in facts.LocalReferences)
        {
            if (SymbolEqualityComparer.Default.Equals(reference.Local, local) && IsWrite(reference))
                return null;
        }

        return initializer;
    }

    /// <summary>Every reference to <paramref name="local"/> in <paramref name="root"/>, in source order.</summary>
    public static List<ILocalReferenceOperation> References(ILocalSymbol local, IOperation root)
    {
        var result = new List<ILocalReferenceOperation>();
        foreach (var reference in MethodFacts.For(root).LocalReferences)
        {
            if (SymbolEqualityComparer.Default.Equals(reference.Local, local))
                result.Add(reference);
        }

        return result;
    }

    /// <summary>True when the reference writes the local (assignment, ref/out, increment, deconstruction, declaration pattern).</summary>
    public static bool IsWrite(ILocalReferenceOperation reference)
    {
        if (reference.IsDeclaration)
            return true;
        var parent = reference.Parent;
        while (parent is IParenthesizedOperation)
            parent = parent.Parent;
        switch (parent)
        {
            case IAssignmentOperation assignment when assignment.Target == reference:
            case IIncrementOrDecrementOperation:
            case IDeconstructionAssignmentOperation:
            case ITupleOperation:
                return true;
            case IArgumentOperation argument when argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out:
                return true;
            default:
                return false;
        }
    }

    /// <summary>The string a URL or name expression is known to hold; unknown parts (holes) become <c>{}</c>.</summary>
    public static string? ReadString(IOperation? operation, INamedTypeSymbol? uriType = null, int depth = 0)
    {
        if (operation is null || depth > 8)
            return null;
        if (operation.ConstantValue is { HasValue: true, Value: string constant })
            return constant;

        var resolved = Resolve(operation);
        if (resolved is null)
            return "{}";
        if (resolved.ConstantValue is { HasValue: true, Value: string resolvedConstant })
            return resolvedConstant;

        switch (resolved)
        {
            case IObjectCreationOperation creation when uriType is not null
                && SymbolEqualityComparer.Default.Equals(creation.Type, uriType) && creation.Arguments.Length > 0:
                if (creation.Arguments.Length >= 2 && SymbolEqualityComparer.Default.Equals(creation.Arguments[0].Value.Type, uriType))
                    return Combine(ReadString(creation.Arguments[0].Value, uriType, depth + 1), ReadString(creation.Arguments[1].Value, uriType, depth + 1));
                return ReadString(creation.Arguments[0].Value, uriType, depth + 1);
            case IInterpolatedStringOperation interpolated:
            {
                var text = new System.Text.StringBuilder();
                foreach (var part in interpolated.Parts)
                {
                    if (part is IInterpolatedStringTextOperation textPart && textPart.Text.ConstantValue.Value is string s)
                        text.Append(s);
                    else if (part is IInterpolationOperation hole)
                        text.Append(ReadString(hole.Expression, uriType, depth + 1) ?? "{}");
                }

                return text.ToString();
            }

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } add when add.Type?.SpecialType == SpecialType.System_String:
                return (ReadString(add.LeftOperand, uriType, depth + 1) ?? "{}") + (ReadString(add.RightOperand, uriType, depth + 1) ?? "{}");
            default:
                return "{}";
        }
    }

    private static string? Combine(string? baseUri, string? relative)
    {
        if (baseUri is null || relative is null)
            return null;
        return baseUri.TrimEnd('/') + "/" + relative.TrimStart('/');
    }
}
