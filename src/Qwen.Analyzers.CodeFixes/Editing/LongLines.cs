using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Qwen.Analyzers.CodeFixes;

/// <summary>
/// A rewrite makes a call longer (a collector around it, an options argument, a helper call on the options); where a
/// rewritten line would pass the file's longest line (or 120 characters, whichever is more), the arguments of the
/// outermost call on it go one to a line, one indentation deeper than the line — and again, inside, while a line is still
/// too long — where that helps: calls inside an initializer (<c>new[] { Ask(a), … }</c>) are not split, and a wrap whose
/// lines would still be nearly as long (one huge argument) is not made. Lines the fix did not write are left as they are.
/// </summary>
internal static class LongLines
{
    private const string Kind = "Qwen.Rewritten";
    private const int MinimumLimit = 120;

    /// <summary>Marks a node a fix wrote: its lines may be wrapped.</summary>
    public static readonly SyntaxAnnotation Rewritten = new(Kind);

    /// <summary>The longest line the file had before the fix (at least 120 characters): rewritten lines stay within it.</summary>
    public static int Limit(SourceText original)
        => Math.Max(MinimumLimit, original.Lines.Count == 0 ? 0 : original.Lines.Max(l => l.Span.Length));

    public static SyntaxNode Wrap(SyntaxNode root, int limit)
    {
        var unit = IndentUnit(root);
        var tried = new System.Collections.Generic.HashSet<int>();
        // Each pass wraps one argument list; positions are read again after each.
        for (var pass = 0; pass < 16; pass++)
        {
            var text = SourceText.From(root.ToFullString());
            var target = root.GetAnnotatedNodes(Kind)
                .SelectMany(node => text.Lines.Where(l => l.Span.Length > limit && l.Span.IntersectsWith(node.Span) && !tried.Contains(l.Start))
                    .Select(line => (Line: line, List: Outermost(node, line))))
                .FirstOrDefault(c => c.List is not null);
            if (target.List is null)
                return root;
            tried.Add(target.Line.Start);
            var lineIndent = text.ToString(TextSpan.FromBounds(target.Line.Start, target.Line.Start + LeadingWhitespace(text.ToString(target.Line.Span))));
            var wrapped = root.ReplaceNode(target.List, OneToALine(target.List, lineIndent, unit, EndOfLineOf(root)));
            if (Helps(wrapped, target.Line, target.List.Arguments.Count, limit))
            {
                root = wrapped;
                tried.Clear();
            }
        }

        return root;
    }

    /// <summary>The wrapped lines (the line split after the open parenthesis and after each argument) fit, or are at most four fifths of the line they came from.</summary>
    private static bool Helps(SyntaxNode wrapped, TextLine before, int arguments, int limit)
    {
        var text = SourceText.From(wrapped.ToFullString());
        var first = text.Lines.GetLineFromPosition(before.Start).LineNumber;
        var longest = 0;
        for (var i = first; i <= first + arguments && i < text.Lines.Count; i++)
            longest = Math.Max(longest, text.Lines[i].Span.Length);
        return longest <= limit || longest * 5 <= before.Span.Length * 4;
    }

    /// <summary>
    /// The outermost call on <paramref name="line"/> around or inside the rewritten <paramref name="node"/> (the leftmost
    /// argument list that opens on the line and is not yet wrapped): <c>Ask(question, options.WithThinkingBudget(256))</c>
    /// wraps <c>Ask</c>'s arguments, not the helper's.
    /// </summary>
    private static ArgumentListSyntax? Outermost(SyntaxNode node, TextLine line)
    {
        var around = node.Ancestors().TakeWhile(a => a is not (StatementSyntax or MemberDeclarationSyntax)).OfType<ArgumentListSyntax>();
        return around.Concat(node.DescendantNodesAndSelf().OfType<ArgumentListSyntax>())
            .Where(a => a.Arguments.Count > 0 && line.Span.Contains(a.OpenParenToken.SpanStart)
                        && !a.Ancestors().TakeWhile(x => x is not (StatementSyntax or MemberDeclarationSyntax)).Any(x => x is InitializerExpressionSyntax)
                        && !a.OpenParenToken.TrailingTrivia.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia))
                        && !a.Arguments[0].GetLeadingTrivia().Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia)))
            .OrderBy(a => a.OpenParenToken.SpanStart)
            .FirstOrDefault();
    }

    /// <summary>
    /// One argument to a line at <paramref name="lineIndent"/> + <paramref name="unit"/>; the lines an argument already
    /// spanned move right by the same step, so what continued under the call still continues under the argument.
    /// </summary>
    private static ArgumentListSyntax OneToALine(ArgumentListSyntax list, string lineIndent, string unit, SyntaxTrivia endOfLine)
    {
        var items = new SyntaxNodeOrTokenList();
        for (var i = 0; i < list.Arguments.Count; i++)
        {
            var argument = ShiftContinuationLines(list.Arguments[i], unit);
            items = items.Add(argument.WithLeadingTrivia(Whitespace(lineIndent + unit)).WithTrailingTrivia());
            if (i < list.Arguments.Count - 1)
                items = items.Add(Token(SyntaxKind.CommaToken).WithTrailingTrivia(endOfLine));
        }

        return list.WithOpenParenToken(list.OpenParenToken.WithTrailingTrivia(endOfLine))
            .WithArguments(SeparatedList<ArgumentSyntax>(items));
    }

    /// <summary>Every line break inside <paramref name="argument"/> (not before it) gets one more <paramref name="unit"/> of indentation after it.</summary>
    private static ArgumentSyntax ShiftContinuationLines(ArgumentSyntax argument, string unit)
    {
        var first = argument.GetFirstToken();
        return argument.ReplaceTokens(argument.DescendantTokens(), (original, token) =>
        {
            if (original == first)
                return token;
            var afterBreak = original.GetPreviousToken().TrailingTrivia.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia))
                             || original.LeadingTrivia.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
            if (!afterBreak)
                return token;
            var leading = token.LeadingTrivia;
            var last = leading.Count - 1;
            return last >= 0 && leading[last].IsKind(SyntaxKind.WhitespaceTrivia)
                ? token.WithLeadingTrivia(leading.Replace(leading[last], Whitespace(leading[last].ToString() + unit)))
                : token.WithLeadingTrivia(leading.Add(Whitespace(unit)));
        });
    }

    private static int LeadingWhitespace(string line)
    {
        var i = 0;
        while (i < line.Length && (line[i] == ' ' || line[i] == '\t'))
            i++;
        return i;
    }

    /// <summary>A tab where the file indents with tabs, else four spaces.</summary>
    private static string IndentUnit(SyntaxNode root)
        => root.DescendantTrivia().Any(t => t.IsKind(SyntaxKind.WhitespaceTrivia) && t.ToString().StartsWith("\t", StringComparison.Ordinal)) ? "\t" : "    ";

    private static SyntaxTrivia EndOfLineOf(SyntaxNode root)
        => root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia)) is { RawKind: not 0 } found ? found : EndOfLine("\n");
}
