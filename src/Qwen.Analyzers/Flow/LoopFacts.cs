using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Qwen.Analyzers.Flow;

/// <summary>What a loop does on each iteration, as far as its own body shows.</summary>
internal static class LoopFacts
{
    /// <summary>
    /// The operations of the loop (condition, body, increments) that run as part of its own iterations: not inside a
    /// nested loop, lambda or local function.
    /// </summary>
    public static IEnumerable<IOperation> OwnOperations(ILoopOperation loop) => OwnOperations(loop.ChildOperations);

    /// <summary>Like <see cref="OwnOperations(ILoopOperation)"/>, for a loop's body alone.</summary>
    public static IEnumerable<IOperation> OwnOperations(IOperation body) => OwnOperations(new[] { body });

    private static IEnumerable<IOperation> OwnOperations(IEnumerable<IOperation> roots)
    {
        var stack = new Stack<IOperation>();
        foreach (var child in roots)
            stack.Push(child);
        while (stack.Count > 0)
        {
            var operation = stack.Pop();
            yield return operation;
            if (operation is ILoopOperation or IAnonymousFunctionOperation or ILocalFunctionOperation)
                continue;
            foreach (var child in operation.ChildOperations)
                stack.Push(child);
        }
    }

    /// <summary>How many <c>await</c>s the body's own operations hold (see <see cref="OwnOperations(IOperation)"/>), counting up to <paramref name="stopAt"/>.</summary>
    public static int CountOwnAwaits(IOperation body, int stopAt)
    {
        var count = body is IAwaitOperation ? 1 : 0;
        if (count >= stopAt || body is ILoopOperation or IAnonymousFunctionOperation or ILocalFunctionOperation)
            return count;
        foreach (var child in body.ChildOperations)
        {
            count += CountOwnAwaits(child, stopAt - count);
            if (count >= stopAt)
                break;
        }

        return count;
    }

    /// <summary>The locals and parameters the loop writes (assignments, increments, ref/out) anywhere inside it.</summary>
    public static HashSet<ISymbol> WrittenSymbols(ILoopOperation loop)
    {
        var written = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var operation in loop.Descendants())
        {
            switch (operation)
            {
                case ILocalReferenceOperation local when ValueFlow.IsWrite(local):
                    written.Add(local.Local);
                    break;
                case IParameterReferenceOperation parameter when IsWrite(parameter):
                    written.Add(parameter.Parameter);
                    break;
            }
        }

        return written;
    }

    private static bool IsWrite(IOperation reference)
        => reference.Parent switch
        {
            IAssignmentOperation assignment => assignment.Target == reference,
            IIncrementOrDecrementOperation => true,
            IArgumentOperation argument => argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out,
            _ => false,
        };
}
