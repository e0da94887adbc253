using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Qwen.Analyzers.ApiModel;
using Qwen.Analyzers.Options;
using Qwen.Analyzers.Flow;

namespace Qwen.Analyzers.Rules;

/// <summary>
/// QW0006: a <c>foreach</c> whose body awaits one LLM call per item while no iteration depends on another: no state
/// carried across iterations, no early exit, no side effect whose order matters (other than adding each result,
/// in order, to a list).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LoopPerItemAnalyzer : QwenDiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.QW0006_LoopPerItem);

    private protected override void Register(QwenRegistration registration)
    {
        var api = registration.Api;
        registration.OnOperation((c, options) => Analyze(c, options, api), OperationKind.Loop);
    }

    private static void Analyze(OperationAnalysisContext context, QwenOptions options, QwenApi api)
    {
        // foreach (var x in xs) { … } or for (var i = 0; i < xs.Count; i++) { … xs[i] … }: the body, and what an item is.
        IOperation body;
        ISymbol? index = null;
        ISymbol? indexed = null;
        switch (context.Operation)
        {
            case IForEachLoopOperation { IsAsynchronous: false, Body: { } forEachBody }:
                body = forEachBody;
                break;
            case IForLoopOperation { Body: { } forBody } forLoop when IsIndexLoop(forLoop, out var i, out var collection):
                body = forBody;
                index = i;
                indexed = collection;
                break;
            default:
                return;
        }

        // Most loops await nothing: they are left after one walk that allocates nothing per operation.
        if (LoopFacts.CountOwnAwaits(body, stopAt: 2) != 1)
            return;
        var loop = (ILoopOperation)context.Operation;
        var own = LoopFacts.OwnOperations(body).ToList();
        // The index may be read anywhere (a part number in the prompt); read only as xs[i], it becomes the item.
        var indexOnlyReadsItem = index is null || own.OfType<ILocalReferenceOperation>().Where(r => SymbolEqualityComparer.Default.Equals(r.Local, index)).All(r => IsElementAccess(r, indexed!));
        var awaits = own.OfType<IAwaitOperation>().ToList();
        if (awaits.Count != 1 || AwaitedCallOf(awaits[0], api) is not { } call)
            return;
        // Nested loops, closures, early exits and jumps: iterations may interact. A lambda handed to the awaited call
        // itself (a stream collector's text selector) runs inside the call.
        if (own.Any(o => o is ILoopOperation or ILocalFunctionOperation or IReturnOperation or IBranchOperation or IDynamicInvocationOperation
                         || o is IAnonymousFunctionOperation lambda && !IsInside(lambda, awaits[0])))
            return;

        // The foreach variable belongs to the iteration; a for loop's index does not (writing it carries state).
        var bodyLocals = new HashSet<ILocalSymbol>(loop.Locals.Where(l => !SymbolEqualityComparer.Default.Equals(l, index)), SymbolEqualityComparer.Default);
        foreach (var declarator in own.OfType<IVariableDeclaratorOperation>())
            bodyLocals.Add(declarator.Symbol);

        ILocalSymbol? accumulator = null;
        IInvocationOperation? add = null;
        var writesBySlot = false;
        foreach (var operation in own)
        {
            switch (operation)
            {
                case IInvocationOperation invocation when invocation == call.Invocation || IsInside(invocation, call.Invocation):
                    break;
                case IInvocationOperation { TargetMethod.Name: "ThrowIfCancellationRequested" } check when QwenApi.Is(check.TargetMethod.ContainingType, api.Bcl.CancellationToken):
                    break;   // stops the loop when canceled: every iteration checks the same token
                case ISimpleAssignmentOperation { Target: IArrayElementReferenceOperation { Indices.Length: 1 } slot }
                    when index is not null && ValueFlow.Unwrap(slot.Indices[0]) is ILocalReferenceOperation slotIndex && SymbolEqualityComparer.Default.Equals(slotIndex.Local, index)
                         && RootSymbol(slot.ArrayReference) is { } array && !(array is ILocalSymbol arrayLocal && bodyLocals.Contains(arrayLocal)) && !SymbolEqualityComparer.Default.Equals(array, indexed):
                    writesBySlot = true;   // results[i] = …: each iteration writes its own slot of a pre-sized array
                    break;
                case IInvocationOperation wrapper when IsAwaitedWrapper(wrapper, awaits[0]):
                    break;   // ConfigureAwait or a stream collector around the call
                case IInvocationOperation { TargetMethod.Name: "Add", Instance: ILocalReferenceOperation list } invocation
                    when !bodyLocals.Contains(list.Local) && accumulator is null && IsList(list.Local.Type, api):
                    accumulator = list.Local;
                    add = invocation;
                    break;
                case IInvocationOperation invocation when invocation.Instance is null ? api.Bcl.IsPureStatic(invocation.TargetMethod) : IsBodyValue(invocation.Instance, bodyLocals, index):
                    break;
                case IInvocationOperation:
                    return;   // a side effect whose order may matter (logging, a store, a method of this project)
                case IAssignmentOperation { Target: ILocalReferenceOperation target } when bodyLocals.Contains(target.Local):
                    break;
                case IAssignmentOperation { Target: IMemberReferenceOperation { Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } } }:
                    break;   // a member of an object initializer: the object is new in this iteration
                case IAssignmentOperation or IIncrementOrDecrementOperation or IDeconstructionAssignmentOperation:
                    return;   // state carried out of the iteration
                case ILocalReferenceOperation reference when !bodyLocals.Contains(reference.Local) && ValueFlow.IsWrite(reference):
                    return;
            }
        }

        // The accumulator is touched only by that Add inside the loop.
        if (accumulator is not null && own.OfType<ILocalReferenceOperation>().Count(r => SymbolEqualityComparer.Default.Equals(r.Local, accumulator)) != 1)
            return;

        var properties = FixData.Empty;
        if (api.Bcl.QwenConcurrency is not null && loop.Syntax is ForEachStatementSyntax or ForStatementSyntax)
        {
            LoopShape? shape = accumulator is not null ? (!writesBySlot && indexOnlyReadsItem && IsCollectShape(loop, accumulator, add!) ? LoopShape.Collect : null)
                : writesBySlot || !indexOnlyReadsItem ? LoopShape.IndexRange
                : LoopShape.ForEach;
            if (shape is { } fixable)
                properties = new LoopPerItemFix(fixable, options.MaxConcurrency).ToProperties();
        }

        var keyword = loop.Syntax is ForEachStatementSyntax forEach ? forEach.ForEachKeyword.GetLocation() : ((ForStatementSyntax)loop.Syntax).ForKeyword.GetLocation();
        var note = loop.Syntax is ForEachStatementSyntax or ForStatementSyntax ? HelperPackage.NoteUnless(api.Bcl.QwenConcurrency, HelperPackage.Latency) : "";
        var rule = Descriptors.QW0006_LoopPerItem;
        context.ReportDiagnostic(Diagnostic.Create(rule, keyword, OtherProjectFinding.Severity(rule, call.OtherProject), additionalLocations: null, properties, call.DisplayName, note));
    }

    /// <summary>True when <paramref name="operation"/> sits inside <paramref name="container"/>.</summary>
    private static bool IsInside(IOperation operation, IOperation container)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current == container)
                return true;
        }

        return false;
    }

    /// <summary><c>for (var i = 0; i &lt; xs.Count; i++)</c> (or <c>xs.Length</c>, <c>++i</c>, <c>i += 1</c>) over a local, parameter or field.</summary>
    private static bool IsIndexLoop(IForLoopOperation loop, out ISymbol index, out ISymbol collection)
    {
        index = null!;
        collection = null!;
        if (loop.Before.Length != 1 || loop.Before[0] is not IVariableDeclarationGroupOperation { Declarations.Length: 1 } group
            || group.Declarations[0].Declarators.Length != 1
            || group.Declarations[0].Declarators[0] is not { Symbol.Type.SpecialType: SpecialType.System_Int32 } declarator
            || (declarator.Initializer?.Value ?? group.Declarations[0].Initializer?.Value)?.ConstantValue.Value is not 0)
        {
            return false;
        }

        index = declarator.Symbol;
        if (loop.Condition is not IBinaryOperation { OperatorKind: BinaryOperatorKind.LessThan, LeftOperand: ILocalReferenceOperation left, RightOperand: var right }
            || !SymbolEqualityComparer.Default.Equals(left.Local, index)
            || ValueFlow.Unwrap(right) is not IPropertyReferenceOperation { Property.Name: "Count" or "Length", Instance: { } instance }
            || RootSymbol(instance) is not { } root)
        {
            return false;
        }

        collection = root;
        return loop.AtLoopBottom.Length == 1 && loop.AtLoopBottom[0] is IExpressionStatementOperation
        {
            Operation: IIncrementOrDecrementOperation { Kind: OperationKind.Increment, Target: ILocalReferenceOperation } or ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add, Value.ConstantValue.Value: 1 }
        };
    }

    private static ISymbol? RootSymbol(IOperation operation) => ValueFlow.Unwrap(operation) switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        IFieldReferenceOperation field => field.Field,
        _ => null,
    };

    /// <summary><c>xs[i]</c>: the index reads the item of the loop's collection.</summary>
    private static bool IsElementAccess(ILocalReferenceOperation index, ISymbol collection)
        => index.Parent switch
        {
            IArgumentOperation { Parent: IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1, Instance: { } instance } }
                => SymbolEqualityComparer.Default.Equals(RootSymbol(instance), collection),
            IArrayElementReferenceOperation { Indices.Length: 1, ArrayReference: var array }
                => SymbolEqualityComparer.Default.Equals(RootSymbol(array), collection),
            _ => false,
        };

    private static AwaitedModelCall? AwaitedCallOf(IAwaitOperation await, QwenApi api)
        => api.TryGetAwaitedCall(await.Operation, out var call) ? call : null;

    /// <summary>An invocation between the await and the call: <c>ConfigureAwait</c>, <c>ToChatResponseAsync</c>, <c>CollectAsync</c>.</summary>
    private static bool IsAwaitedWrapper(IInvocationOperation invocation, IAwaitOperation await)
    {
        for (IOperation? current = await.Operation; current is IInvocationOperation outer; current = outer.Instance ?? (outer.Arguments.Length > 0 ? ValueFlow.Unwrap(outer.Arguments[0].Value) : null))
        {
            if (outer == invocation)
                return true;
        }

        return false;
    }

    /// <summary>A value that belongs to this iteration: a local declared in the body, the loop variable, <c>xs[i]</c>, the awaited result (or a string).</summary>
    private static bool IsBodyValue(IOperation instance, HashSet<ILocalSymbol> bodyLocals, ISymbol? index)
    {
        var value = ValueFlow.Unwrap(instance);
        while (value is IMemberReferenceOperation { Instance: { } inner } member)
        {
            if (index is not null && member is IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer
                && ValueFlow.Unwrap(indexer.Arguments[0].Value) is ILocalReferenceOperation i && SymbolEqualityComparer.Default.Equals(i.Local, index))
            {
                return true;
            }

            value = ValueFlow.Unwrap(inner);
        }

        if (index is not null && value is IArrayElementReferenceOperation { Indices.Length: 1 } element
            && ValueFlow.Unwrap(element.Indices[0]) is ILocalReferenceOperation arrayIndex && SymbolEqualityComparer.Default.Equals(arrayIndex.Local, index))
        {
            return true;
        }

        // (await call).GetValue<string>(): the result of this iteration's own call (the body has exactly one await).
        return value is ILocalReferenceOperation local && bodyLocals.Contains(local.Local)
               || value is IAwaitOperation
               || instance.Type?.SpecialType == SpecialType.System_String;
    }

    private static bool IsList(ITypeSymbol type, QwenApi api) => QwenApi.Is(type, api.Bcl.List);

    /// <summary>
    /// The fixable collect shape: <c>var results = new List&lt;T&gt;();</c> right before the loop, <c>results.Add(x)</c>
    /// as the body's last statement, with <c>x</c> of type <c>T</c>.
    /// </summary>
    private static bool IsCollectShape(ILoopOperation loop, ILocalSymbol accumulator, IInvocationOperation add)
    {
        if (loop.Parent is not IBlockOperation block || loop.Body is not IBlockOperation body || body.Operations.LastOrDefault() is not IExpressionStatementOperation last
            || last.Operation != add || add.Arguments.Length != 1)
        {
            return false;
        }

        var index = block.Operations.IndexOf(loop);
        if (index < 1 || block.Operations[index - 1] is not IVariableDeclarationGroupOperation { Declarations.Length: 1 } declaration
            || declaration.Declarations[0].Declarators.Length != 1
            || !SymbolEqualityComparer.Default.Equals(declaration.Declarations[0].Declarators[0].Symbol, accumulator)
            || declaration.Declarations[0].Declarators[0].Initializer?.Value is not IObjectCreationOperation { Arguments.Length: 0, Initializer: null } creation)
        {
            return false;
        }

        var elementType = ((INamedTypeSymbol)creation.Type!).TypeArguments[0];
        var added = add.Arguments[0].Value;
        while (added is IConversionOperation { IsImplicit: true } conversion)
            added = conversion.Operand;
        return SymbolEqualityComparer.Default.Equals(added.Type, elementType) && (loop is not IForEachLoopOperation forEach || IsPlainIterationVariable(forEach));
    }

    /// <summary><c>foreach (var x in xs)</c>, or a declared type the elements already have: the lambda parameter can be untyped.</summary>
    private static bool IsPlainIterationVariable(IForEachLoopOperation loop)
        => loop.Syntax is ForEachStatementSyntax syntax
           && (syntax.Type.IsVar || loop.SemanticModel?.GetForEachStatementInfo(syntax).ElementConversion.IsIdentity == true);
}
