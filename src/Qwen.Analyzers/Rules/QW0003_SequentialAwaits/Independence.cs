using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Qwen.Analyzers.ApiModel;
using Qwen.Analyzers.Flow;

namespace Qwen.Analyzers.Rules;

/// <summary>
/// Tracks what a run of statements may have changed, so a later call can be judged independent of it. Conservative:
/// a statement whose effects cannot be bounded is a barrier, after which nothing is independent.
/// </summary>
internal sealed class Independence
{
    private readonly HashSet<ISymbol> _changed = new(SymbolEqualityComparer.Default);
    private readonly SourceSymbols _sources;

    public Independence(SourceSymbols sources) => _sources = sources;

    /// <summary>
    /// Records an awaited LLM call statement: its result local changes, and so does the conversation it is given — a
    /// ChatHistory (Semantic Kernel's automatic function calling appends to it), an agent's session or thread (the run
    /// adds its turn).
    /// </summary>
    public void RecordCall(AwaitedCall call, QwenApi api)
    {
        if (call.Result is not null)
            _changed.Add(call.Result);
        foreach (var argument in call.Call.Invocation.Arguments.Concat(call.Call.Call.Invocation.Arguments))
        {
            if (api.IsConversationState(argument.Value.Type) && Root(argument.Value) is { } symbol)
                _changed.Add(symbol);
        }
    }

    /// <summary>
    /// Records a statement between two calls. Returns false when it is a barrier: control flow, another await, a
    /// <c>using</c> declaration, a call to a method of this project (unknown effects), or a write to a field,
    /// property or indexer.
    /// </summary>
    public bool TryRecordStatement(IOperation statement)
    {
        if (statement is not (IVariableDeclarationGroupOperation or IExpressionStatementOperation))
            return false;
        if (statement.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.LocalDeclarationStatementSyntax { UsingKeyword.RawKind: not 0 })
            return false;

        foreach (var operation in statement.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IAwaitOperation or IAnonymousFunctionOperation or IThrowOperation or IDynamicInvocationOperation or IDynamicMemberReferenceOperation:
                    return false;
                case IInvocationOperation invocation:
                    if (_sources.IsOwn(invocation.TargetMethod))
                        return false;
                    // A library method may change what it is handed (list.Add(x) changes list).
                    if (invocation.Instance is { } instance && MayChange(instance))
                        Mark(instance);
                    foreach (var argument in invocation.Arguments)
                    {
                        if (MayChange(argument.Value))
                            Mark(argument.Value);
                    }

                    break;
                case IObjectCreationOperation creation:
                    foreach (var argument in creation.Arguments)
                    {
                        if (MayChange(argument.Value))
                            Mark(argument.Value);
                    }

                    break;
                case IAssignmentOperation { Target: IMemberReferenceOperation { Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } } }:
                    break;   // a member of an object initializer: the object is new
                case IAssignmentOperation assignment:
                    if (assignment.Target is ILocalReferenceOperation local)
                        _changed.Add(local.Local);
                    else
                        return false;
                    break;
                case IIncrementOrDecrementOperation increment:
                    if (increment.Target is ILocalReferenceOperation counter)
                        _changed.Add(counter.Local);
                    else
                        return false;
                    break;
                case IVariableDeclaratorOperation declarator:
                    _changed.Add(declarator.Symbol);
                    break;
            }
        }

        return true;
    }

    /// <summary>True when <paramref name="call"/> reads nothing recorded as changed and passes nothing by reference.</summary>
    public bool IsIndependent(AwaitedCall call)
    {
        foreach (var operation in call.Call.Invocation.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IAwaitOperation or IAnonymousFunctionOperation:
                    return false;
                case IArgumentOperation { Parameter.RefKind: not RefKind.None }:
                    return false;
                case ILocalReferenceOperation local when _changed.Contains(local.Local):
                case IParameterReferenceOperation parameter when _changed.Contains(parameter.Parameter):
                case IFieldReferenceOperation field when _changed.Contains(field.Field):
                case IPropertyReferenceOperation property when _changed.Contains(property.Property):
                    return false;
                case IInvocationOperation invocation when invocation != call.Call.Invocation && _sources.IsOwn(invocation.TargetMethod):
                    return false;   // a helper of this project computing an argument: its inputs are not visible here
                // A delegate (a lambda kept in a local, a Func field) may read an earlier result through its closure.
                case IInvocationOperation { TargetMethod.MethodKind: MethodKind.DelegateInvoke } when _changed.Count > 0:
                    return false;
                case IMethodReferenceOperation or IDelegateCreationOperation:
                    return false;
            }
        }

        return true;
    }

    /// <summary>Reference-type values other than strings and delegates can be changed by whoever receives them.</summary>
    private static bool MayChange(IOperation value)
        => value.Type is { IsReferenceType: true } type && type.SpecialType != SpecialType.System_String && type.TypeKind != TypeKind.Delegate;

    private void Mark(IOperation value)
    {
        if (Root(value) is { } symbol)
            _changed.Add(symbol);
    }

    /// <summary>The local, parameter, field or property a value comes from (<c>history</c> in <c>history.Messages</c>).</summary>
    private static ISymbol? Root(IOperation value)
    {
        var current = ValueFlow.Unwrap(value);
        while (true)
        {
            switch (current)
            {
                case ILocalReferenceOperation local:
                    return local.Local;
                case IParameterReferenceOperation parameter:
                    return parameter.Parameter;
                case IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field:
                    return field.Field;
                case IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation } property:
                    return property.Property;
                case IMemberReferenceOperation { Instance: { } instance }:
                    current = ValueFlow.Unwrap(instance);
                    continue;
                default:
                    return null;
            }
        }
    }
}
