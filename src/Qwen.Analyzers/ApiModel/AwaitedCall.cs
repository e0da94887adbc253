using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Qwen.Analyzers.Flow;

namespace Qwen.Analyzers.ApiModel;

/// <summary>
/// A statement that awaits one recognised LLM call and does nothing else:
/// <c>var a = await call;</c>, <c>T a = await call;</c>, <c>a = await call;</c> or <c>await call;</c>
/// (each optionally with <c>.ConfigureAwait(x)</c>).
/// </summary>
internal sealed class AwaitedCall
{
    private AwaitedCall(IOperation statement, AwaitedModelCall call, IAwaitOperation await, ILocalSymbol? result, IInvocationOperation? configureAwait)
    {
        Statement = statement;
        Call = call;
        Await = await;
        Result = result;
        ConfigureAwait = configureAwait;
    }

    public IOperation Statement { get; }

    /// <summary>The awaited invocation (a client call, a collected stream, a wrapper of the project) and the Qwen call behind it.</summary>
    public AwaitedModelCall Call { get; }
    public IAwaitOperation Await { get; }

    /// <summary>The local that receives the result; null for <c>await call;</c>.</summary>
    public ILocalSymbol? Result { get; }

    /// <summary>The <c>.ConfigureAwait(x)</c> around the call, if any.</summary>
    public IInvocationOperation? ConfigureAwait { get; }

    public static AwaitedCall? TryRead(IOperation statement, QwenApi api)
    {
        if (AwaitOf(statement, out var result) is not { } await)
            return null;
        var configureAwait = Awaits.ConfigureAwaitOf(await.Operation);
        if (!api.TryGetAwaitedCall(await.Operation, out var call))
            return null;

        return new AwaitedCall(statement, call, await, result, configureAwait);
    }

    /// <summary>
    /// The <c>await</c> a statement is made of — <c>var x = await …;</c> (not a <c>using</c> declaration),
    /// <c>x = await …;</c> into a local, <c>await …;</c> — and the local it fills; null for any other statement.
    /// </summary>
    public static IAwaitOperation? AwaitOf(IOperation statement, out ILocalSymbol? result)
    {
        IOperation? value;
        result = null;
        switch (statement)
        {
            case IVariableDeclarationGroupOperation { Declarations.Length: 1 } group
                when group.Declarations[0].Declarators.Length == 1 && group.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.LocalDeclarationStatementSyntax { UsingKeyword.RawKind: 0 }:
                var declarator = group.Declarations[0].Declarators[0];
                result = declarator.Symbol;
                value = declarator.Initializer?.Value ?? group.Declarations[0].Initializer?.Value;
                break;
            case IExpressionStatementOperation { Operation: ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment }:
                result = target.Local;
                value = assignment.Value;
                break;
            case IExpressionStatementOperation expression:
                value = expression.Operation;
                break;
            default:
                return null;
        }

        // ChatCompletion a = await … converts ClientResult<ChatCompletion> implicitly: look through it.
        return value is not null && ValueFlow.Unwrap(value) is IAwaitOperation await ? await : null;
    }
}
