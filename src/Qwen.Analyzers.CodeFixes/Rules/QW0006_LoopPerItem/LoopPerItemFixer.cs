using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Qwen.Analyzers.ApiModel;
using Qwen.Analyzers.Rules;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Qwen.Analyzers.CodeFixes;

/// <summary>
/// QW0006: turns the loop into ordered, bounded concurrency through <c>Qwen.Latency.QwenConcurrency</c>: the body
/// becomes an async lambda; a list filled in order by the loop is filled from the ordered results instead.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LoopPerItemFixer)), Shared]
public sealed class LoopPerItemFixer : DocumentEditFixer
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.LoopPerItem);

    private protected override string Title(Diagnostic diagnostic)
        => $"Run with bounded concurrency ({LoopPerItemFix.Read(diagnostic.Properties)?.MaxConcurrency.ToString(CultureInfo.InvariantCulture) ?? "?"} at a time, results in order)";

    private protected override string EquivalenceKey(Diagnostic diagnostic) => RuleIds.LoopPerItem;

    private protected override SyntaxEdit? Plan(SyntaxNode root, SemanticModel model, SyntaxGenerator generator, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (LoopPerItemFix.Read(diagnostic.Properties) is not { } fix
            || TypeLookup.Named(model.Compilation, "Qwen.Latency.QwenConcurrency") is not { } helper
            || root.FindToken(diagnostic.Location.SourceSpan.Start).Parent is not StatementSyntax loop)
        {
            return null;
        }

        var bound = fix.MaxConcurrency;
        var (identifier, collection, statement) = fix.Shape == LoopShape.IndexRange ? IndexRange(loop, model, generator) : Item(loop, model);
        if (statement is null || collection is null)
            return null;

        var body = statement as BlockSyntax ?? Block(statement);
        var configureFalse = body.DescendantNodes().OfType<AwaitExpressionSyntax>().Any(a => ConfigureAwaitSyntax.IsFalse(ConfigureAwaitSyntax.Split(a.Expression).ConfigureAwait));
        var helperType = TypeReference(generator, helper);

        // The loop's cancellation token: handed to the helper, and inside the body replaced by the token the helper gives
        // each item (canceled too when another item fails, so the calls still running stop).
        var token = LoopToken(loop, body, model, cancellationToken);
        var itemToken = token is null ? null : FreeName(model, loop.SpanStart, body, "ct", "itemToken", "cancellation");
        if (token is not null && itemToken is null)
            token = null;
        if (token is not null)
        {
            // By name: the token is declared outside the loop and nothing in the loop declares the same name (LoopToken checked).
            var uses = body.DescendantNodes().OfType<IdentifierNameSyntax>()
                .Where(n => n.Identifier.ValueText == token.Name && !(n.Parent is MemberAccessExpressionSyntax member && member.Name == n) && n.Parent is not NameColonSyntax)
                .ToList();
            body = body.ReplaceNodes(uses, (original, _) => IdentifierName(itemToken!).WithTriviaFrom(original));
        }

        ExpressionSyntax Call(string method, BlockSyntax lambdaBody)
        {
            LambdaExpressionSyntax lambda = token is null
                ? SimpleLambdaExpression(Parameter(identifier.WithoutTrivia()), lambdaBody.WithoutTrivia())
                : ParenthesizedLambdaExpression(ParameterList(SeparatedList(new[] { Parameter(identifier.WithoutTrivia()), Parameter(Identifier(itemToken!)) })), lambdaBody.WithoutTrivia());
            lambda = lambda.WithAsyncKeyword(Token(SyntaxKind.AsyncKeyword));
            var arguments = new List<ArgumentSyntax>
            {
                Argument(collection!.WithoutTrivia()),
                Argument(lambda),
                Argument(NameColon("maxConcurrency"), default, LiteralExpression(SyntaxKind.NumericLiteralExpression, Literal(bound))),
            };
            if (token is not null)
                arguments.Add(Argument(NameColon("cancellationToken"), default, IdentifierName(token.Name)));
            ExpressionSyntax call = InvocationExpression(
                MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, helperType, IdentifierName(method)),
                ArgumentList(SeparatedList(arguments)));
            if (configureFalse)
                call = ConfigureAwaitSyntax.False(call);
            return AwaitExpression(call);
        }

        if (fix.Shape is LoopShape.ForEach or LoopShape.IndexRange)
        {
            var replacement = ExpressionStatement(Call("ForEachConcurrentlyAsync", body)).WithTriviaFrom(loop).WithAdditionalAnnotations(Formatter.Annotation, LongLines.Rewritten);
            return new SyntaxEdit(loop, _ => replacement);
        }

        // Collect: the list declared just before the loop is created from the ordered results.
        if (loop.Parent is not BlockSyntax block || body.Statements.LastOrDefault() is not ExpressionStatementSyntax { Expression: InvocationExpressionSyntax add }
            || add.ArgumentList.Arguments.Count != 1)
        {
            return null;
        }

        var index = block.Statements.IndexOf(loop);
        if (index < 1 || block.Statements[index - 1] is not LocalDeclarationStatementSyntax declaration
            || declaration.Declaration.Variables.Count != 1
            || declaration.Declaration.Variables[0].Initializer?.Value is not BaseObjectCreationExpressionSyntax creation)
        {
            return null;
        }

        var selectorBody = body.WithStatements(body.Statements.RemoveAt(body.Statements.Count - 1)
            .Add(ReturnStatement(add.ArgumentList.Arguments[0].Expression.WithoutTrivia())));
        var filled = creation.WithArgumentList(ArgumentList(SingletonSeparatedList(Argument(Call("SelectConcurrentlyAsync", selectorBody)))));
        return new SyntaxEdit(loop, editor =>
        {
            editor.ReplaceNode(creation, filled.WithAdditionalAnnotations(Formatter.Annotation, LongLines.Rewritten));
            editor.RemoveNode(loop, SyntaxRemoveOptions.KeepNoTrivia);
        });
    }

    /// <summary>
    /// For an indexed <c>for</c> whose body needs the index: the index itself as the lambda's parameter, over
    /// <c>Enumerable.Range(0, xs.Count)</c>, the body as written.
    /// </summary>
    private static (SyntaxToken Identifier, ExpressionSyntax? Collection, StatementSyntax? Body) IndexRange(StatementSyntax loop, SemanticModel model, SyntaxGenerator generator)
    {
        if (loop is not ForStatementSyntax { Declaration.Variables.Count: 1, Condition: BinaryExpressionSyntax { Right: var count } } forLoop
            || TypeLookup.Named(model.Compilation, "System.Linq.Enumerable") is not { } enumerable)
        {
            return (default, null, null);
        }

        var range = InvocationExpression(
            MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, TypeReference(generator, enumerable), IdentifierName("Range")),
            ArgumentList(SeparatedList(new[] { Argument(LiteralExpression(SyntaxKind.NumericLiteralExpression, Literal(0))), Argument(count.WithoutTrivia()) })));
        return (forLoop.Declaration.Variables[0].Identifier, range, forLoop.Statement);
    }

    /// <summary>The one <c>CancellationToken</c> (a parameter or a local declared before the loop) the body passes on; null when none or several.</summary>
    private static ISymbol? LoopToken(StatementSyntax loop, BlockSyntax body, SemanticModel model, CancellationToken cancellationToken)
    {
        ISymbol? found = null;
        foreach (var name in loop.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (model.GetSymbolInfo(name, cancellationToken).Symbol is not (IParameterSymbol or ILocalSymbol) || model.GetTypeInfo(name, cancellationToken).Type?.ToDisplayString() != "System.Threading.CancellationToken")
                continue;
            var symbol = model.GetSymbolInfo(name, cancellationToken).Symbol!;
            if (symbol.DeclaringSyntaxReferences.Any(r => loop.Span.Contains(r.Span)))
                continue;   // declared in the loop
            if (found is not null && !SymbolEqualityComparer.Default.Equals(found, symbol))
                return null;
            found = symbol;
        }

        // Replaced by name: nothing in the loop may declare that name too.
        if (found is not null && loop.DescendantTokens().Any(t => t.ValueText == found.Name && t.Parent is VariableDeclaratorSyntax or ParameterSyntax or SingleVariableDesignationSyntax))
            return null;
        _ = body;
        return found;
    }

    private static string? FreeName(SemanticModel model, int position, SyntaxNode body, params string[] candidates)
        => candidates.FirstOrDefault(n => model.LookupSymbols(position, name: n).IsEmpty && !body.DescendantTokens().Any(t => t.ValueText == n));

    /// <summary>
    /// The lambda's parameter, the collection and the body: a foreach's own; for <c>for (var i = 0; i &lt; xs.Count; i++)</c>
    /// a fresh <c>item</c> with every <c>xs[i]</c> of the body replaced by it.
    /// </summary>
    private static (SyntaxToken Identifier, ExpressionSyntax? Collection, StatementSyntax? Body) Item(StatementSyntax loop, SemanticModel model)
    {
        switch (loop)
        {
            case ForEachStatementSyntax forEach:
                return (forEach.Identifier, forEach.Expression, forEach.Statement);
            case ForStatementSyntax { Declaration.Variables.Count: 1, Condition: BinaryExpressionSyntax { Right: MemberAccessExpressionSyntax count } } forLoop:
            {
                var index = forLoop.Declaration.Variables[0].Identifier.ValueText;
                var collection = count.Expression;
                var name = new[] { "item", "element", "entry" }.FirstOrDefault(n => model.LookupSymbols(forLoop.Statement.SpanStart, name: n).IsEmpty
                    && !forLoop.Statement.DescendantTokens().Any(t => t.ValueText == n));
                if (name is null)
                    return (default, null, null);
                var accesses = forLoop.Statement.DescendantNodes().OfType<ElementAccessExpressionSyntax>()
                    .Where(e => e.ArgumentList.Arguments.Count == 1 && e.ArgumentList.Arguments[0].Expression is IdentifierNameSyntax { Identifier.ValueText: var i } && i == index
                                && SyntaxFactory.AreEquivalent(e.Expression, collection))
                    .ToList();
                var body = forLoop.Statement.ReplaceNodes(accesses, (original, _) => IdentifierName(name).WithTriviaFrom(original));
                return (Identifier(name), collection, body);
            }

            default:
                return (default, null, null);
        }
    }
}
