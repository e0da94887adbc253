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
}
