using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Qwen.Analyzers.CodeFixes;

/// <summary>
/// The layout of an argument list written one argument to a line, so what a fix builds from it keeps that layout:
/// braces of a new initializer on lines of their own at the arguments' indentation, its elements one step deeper.
/// </summary>
internal sealed class MultiLine
{
    private MultiLine(SyntaxTriviaList indentation, SyntaxTrivia endOfLine, string unit)
    {
        Indentation = indentation;
        EndOfLine = endOfLine;
        Unit = unit;
    }

    /// <summary>The arguments' own indentation.</summary>
    public SyntaxTriviaList Indentation { get; }
    public SyntaxTrivia EndOfLine { get; }
    private string Unit { get; }

    /// <summary>The layout when the first argument starts on a line of its own; null for arguments on the call's line.</summary>
    public static MultiLine? StartsOnItsOwnLine(ArgumentListSyntax list)
    {
        var endOfLine = list.OpenParenToken.TrailingTrivia.FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        if (list.Arguments.Count == 0 || !endOfLine.IsKind(SyntaxKind.EndOfLineTrivia))
            return null;
        // Comments among the arguments stay where they are written: the fix keeps the layout it found.
        if (list.Arguments.Any(a => a.GetLeadingTrivia().Concat(a.GetTrailingTrivia()).Any(t => !t.IsKind(SyntaxKind.WhitespaceTrivia) && !t.IsKind(SyntaxKind.EndOfLineTrivia))))
            return null;
        var indentation = new SyntaxTriviaList(list.Arguments[0].GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)));
        var unit = indentation.ToString().StartsWith("\t", System.StringComparison.Ordinal) ? "\t" : "    ";
        return new MultiLine(indentation, endOfLine, unit);
    }

    /// <summary><c>{</c>, the elements one to a line one step deeper, <c>}</c>, each brace on its own line at the arguments' indentation.</summary>
    public InitializerExpressionSyntax Block(SyntaxKind kind, IEnumerable<ExpressionSyntax> elements)
    {
        var inner = Indentation.Add(Whitespace(Unit));
        var items = elements.Select(e => e.WithoutTrivia().WithLeadingTrivia(inner)).ToList();
        var separators = Enumerable.Repeat(Token(SyntaxKind.CommaToken).WithTrailingTrivia(EndOfLine), items.Count - 1);
        return InitializerExpression(kind,
            Token(SyntaxKind.OpenBraceToken).WithLeadingTrivia(new SyntaxTriviaList(EndOfLine).AddRange(Indentation)).WithTrailingTrivia(EndOfLine),
            SeparatedList(items, separators),
            Token(SyntaxKind.CloseBraceToken).WithLeadingTrivia(new SyntaxTriviaList(EndOfLine).AddRange(Indentation)))
            .WithAdditionalAnnotations(BraceOnItsOwnLine);
    }

    private static readonly SyntaxAnnotation BraceOnItsOwnLine = new("Qwen.BraceOnItsOwnLine");

    /// <summary>
    /// After formatting (which puts an initializer's brace back on its expression's line inside an argument list): each
    /// block this class built opens on a line of its own again, at the indentation of the line its expression starts on.
    /// </summary>
    public static SyntaxNode RestoreBraces(SyntaxNode root)
    {
        var blocks = root.GetAnnotatedNodes(BraceOnItsOwnLine).OfType<InitializerExpressionSyntax>().ToList();
        if (blocks.Count == 0)
            return root;
        var text = root.GetText();
        var endOfLine = root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        return root.ReplaceTokens(blocks.SelectMany(b => new[] { b.OpenBraceToken, b.OpenBraceToken.GetPreviousToken() }), (original, current) =>
        {
            if (original.IsKind(SyntaxKind.OpenBraceToken))
            {
                var line = text.Lines.GetLineFromPosition(original.Parent!.Parent!.SpanStart).ToString();
                var indentation = line.Substring(0, line.Length - line.TrimStart().Length);
                return current.WithLeadingTrivia(endOfLine, Whitespace(indentation));
            }

            return current.WithTrailingTrivia(current.TrailingTrivia.Where(t => !t.IsKind(SyntaxKind.WhitespaceTrivia)));
        });
    }
}
