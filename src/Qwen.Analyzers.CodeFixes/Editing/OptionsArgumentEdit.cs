using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Qwen.Analyzers.CodeFixes;

/// <summary>
/// Passes an options object to a client call that takes none yet: in the parameter's own place, named where the
/// arguments before it are, or (OpenAI's <c>params ChatMessage[]</c>) after the messages gathered into an array.
/// Used by QW0001 (a cap) and QW0010 (thinking off).
/// </summary>
internal static class OptionsArgumentEdit
{
    public static SyntaxEdit? PlanAdd(InvocationExpressionSyntax invocation, SemanticModel model, SyntaxGenerator generator, string parameterName, ExpressionSyntax options, CancellationToken cancellationToken)
    {
        if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method)
            return null;
        var arguments = invocation.ArgumentList.Arguments;
        var parameter = method.Parameters.FirstOrDefault(p => p.Name == parameterName);

        if (parameter is null)
        {
            // OpenAI's CompleteChat*(params ChatMessage[]): pass the messages as an array, then the options.
            var last = method.Parameters.LastOrDefault();
            if (last is not { IsParams: true, Type: IArrayTypeSymbol arrayType } || arguments.Count == 0 || arguments.Any(a => a.NameColon is not null || !a.RefKindKeyword.IsKind(SyntaxKind.None)))
                return null;
            var passesArray = arguments.Count == 1
                && model.GetTypeInfo(arguments[0].Expression, cancellationToken).ConvertedType is IArrayTypeSymbol;
            return new SyntaxEdit(invocation, current =>
            {
                var call = (InvocationExpressionSyntax)current;
                var list = call.ArgumentList;
                if (passesArray)
                    return call.WithArgumentList(list.WithArguments(SeparatedList(new[] { Argument(list.Arguments[0].Expression), Argument(options) })));
                var type = ArrayType(Imports.TypeReference(generator, arrayType.ElementType), SingletonList(ArrayRankSpecifier(SingletonSeparatedList<ExpressionSyntax>(OmittedArraySizeExpression()))));
                if (MultiLine.StartsOnItsOwnLine(list) is { } layout)
                {
                    // Messages one to a line stay so: the array's braces on lines of their own, the options on the next line.
                    var array = ArrayCreationExpression(type, layout.Block(SyntaxKind.ArrayInitializerExpression, list.Arguments.Select(a => a.Expression)))
                        .WithLeadingTrivia(list.Arguments[0].GetLeadingTrivia());
                    return call.WithArgumentList(list.WithArguments(SeparatedList(
                        new[] { Argument(array), Argument(options.WithLeadingTrivia(layout.Indentation)) },
                        new[] { Token(SyntaxKind.CommaToken).WithTrailingTrivia(layout.EndOfLine) })));
                }

                // On one line: the messages keep their separators; the array starts where the first one did.
                var messages = ArrayCreationExpression(type, InitializerExpression(SyntaxKind.ArrayInitializerExpression, SeparatedList(list.Arguments.Select(a => a.Expression), list.Arguments.GetSeparators())))
                    .WithLeadingTrivia(list.Arguments[0].GetLeadingTrivia());
                return call.WithArgumentList(list.WithArguments(SeparatedList(new[] { Argument(messages), Argument(options) })));
            });
        }

        // In its own place when the arguments before it are positional (…, options, cancellationToken: ct keeps the order
        // the parameters have); named at the end otherwise.
        var ordinal = parameter.Ordinal;
        var leading = arguments.TakeWhile(a => a.NameColon is null).Count();
        var positional = leading == ordinal;
        var argument = positional ? Argument(options) : Argument(NameColon(IdentifierName(parameterName)), default, options);
        // A named argument goes before the first named one whose parameter comes after it.
        var at = positional ? ordinal : arguments.Count;
        for (var i = leading; !positional && i < arguments.Count; i++)
        {
            if (arguments[i].NameColon?.Name.Identifier.ValueText is { } name && method.Parameters.FirstOrDefault(p => p.Name == name) is { } named && named.Ordinal > ordinal)
            {
                at = i;
                break;
            }
        }

        return new SyntaxEdit(invocation, current =>
        {
            var call = (InvocationExpressionSyntax)current;
            return call.WithArgumentList(call.ArgumentList.WithArguments(call.ArgumentList.Arguments.Insert(at, argument)));
        });
    }}
