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
            || FixerTypes.Find(model.Compilation, "Qwen.Latency.QwenConcurrency") is not { } helper
            || root.FindToken(diagnostic.Location.SourceSpan.Start).Parent is not StatementSyntax loop)
        {
            return null;
        }

        var bound = fix.MaxConcurrency;
        var (identifier, collection, statement) = Item(loop, model);
        if (statement is null || collection is null)
            return null;

        var body = statement as BlockSyntax ?? Block(statement);
        var configureFalse = body.DescendantNodes().OfType<AwaitExpressionSyntax>().Any(a => ConfigureAwaitSyntax.IsFalse(ConfigureAwaitSyntax.Split(a.Expression).ConfigureAwait));
        var helperType = TypeReference(generator, helper);

        ExpressionSyntax Call(string method, BlockSyntax lambdaBody)
        {
            var lambda = SimpleLambdaExpression(Parameter(identifier.WithoutTrivia()), lambdaBody.WithoutTrivia())
                .WithAsyncKeyword(Token(SyntaxKind.AsyncKeyword));
            ExpressionSyntax call = InvocationExpression(
                MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, helperType, IdentifierName(method)),
                ArgumentList(SeparatedList(new[]
                {
                    Argument(collection!.WithoutTrivia()),
                    Argument(lambda),
                    Argument(LiteralExpression(SyntaxKind.NumericLiteralExpression, Literal(bound))),
                })));
            if (configureFalse)
                call = ConfigureAwaitSyntax.False(call);
            return AwaitExpression(call);
        }

        if (fix.Shape == LoopShape.ForEach)
        {
            var replacement = ExpressionStatement(Call("ForEachConcurrentlyAsync", body)).WithTriviaFrom(loop);
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
            editor.ReplaceNode(creation, filled.WithAdditionalAnnotations(Formatter.Annotation));
            editor.RemoveNode(loop, SyntaxRemoveOptions.KeepNoTrivia);
        });
    }

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
