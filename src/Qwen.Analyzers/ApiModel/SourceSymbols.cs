using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Qwen.Analyzers.ApiModel;

/// <summary>
/// The operations of the project's own code outside the method a rule is looking at: the body of a helper method a
/// call goes through (a request builder, a wrapper around the client, a polling helper, a caller up the chain), the
/// initializer of a field or property (a URL, serializer options). Real code keeps these one call away from the call
/// site; the facts that need them look exactly there, and each answer is kept for the next rule.
/// </summary>
internal sealed class SourceSymbols
{
    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<ISymbol, IOperation?> _operations = new(SymbolEqualityComparer.Default);

    public SourceSymbols(Compilation compilation) => _compilation = compilation;

    /// <summary>The body of a method declared once in source (a method, local function or accessor); null otherwise.</summary>
    public IOperation? Body(IMethodSymbol method)
    {
        var definition = (method.ReducedFrom ?? method).OriginalDefinition;
        if (definition.DeclaringSyntaxReferences.Length != 1 || definition.IsAbstract || definition.IsExtern)
            return null;
        return _operations.GetOrAdd(definition, m => Operation(m.DeclaringSyntaxReferences[0].GetSyntax()));
    }

    /// <summary>
    /// The one value a source method returns: <c>=&gt; value</c>, or a body whose only <c>return</c> has a value. The
    /// operation belongs to the method's own body (its parameters read as unknown values).
    /// </summary>
    public IOperation? ReturnedValue(IMethodSymbol method)
    {
        if (Body(method) is not { } body)
            return null;
        IOperation? value = null;
        foreach (var operation in body.Descendants())
        {
            if (operation is IReturnOperation { ReturnedValue: { } returned } && !InsideNestedFunction(operation, body))
            {
                if (value is not null)
                    return null;   // several returns: not one value
                value = returned;
            }
        }

        return value;
    }

    /// <summary>The initializer of a field or property declared once in source (<c>= value</c>, or a getter's <c>=&gt; value</c>); null otherwise.</summary>
    public IOperation? Initializer(ISymbol member)
    {
        if (member.DeclaringSyntaxReferences.Length != 1)
            return null;
        return _operations.GetOrAdd(member, m =>
        {
            var syntax = m.DeclaringSyntaxReferences[0].GetSyntax();
            ExpressionSyntax? value = syntax switch
            {
                VariableDeclaratorSyntax { Initializer.Value: var initializer } => initializer,
                PropertyDeclarationSyntax { Initializer.Value: var initializer } => initializer,
                PropertyDeclarationSyntax { ExpressionBody.Expression: var body } => body,
                _ => null,
            };
            return value is null ? null : Operation(value);
        });
    }

    private IOperation? Operation(SyntaxNode syntax)
    {
        // A semantic model for a tree other than the one being analysed: asked only for the few members a call-site fact
        // looks into, and the answer is kept for every rule.
#pragma warning disable RS1030
        var model = _compilation.GetSemanticModel(syntax.SyntaxTree);
#pragma warning restore RS1030
        return model.GetOperation(syntax);
    }

    private static bool InsideNestedFunction(IOperation operation, IOperation body)
    {
        for (var current = operation.Parent; current is not null && current != body; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                return true;
        }

        return false;
    }
}
