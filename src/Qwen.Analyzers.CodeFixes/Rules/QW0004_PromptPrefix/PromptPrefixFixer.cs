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
using Qwen.Analyzers.Rules;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Qwen.Analyzers.CodeFixes;

/// <summary>
/// QW0004: moves the varying leading part of a prompt string behind its static text, within the same string, keeping
/// every piece; the line breaks that ended the moved part separate it from the static text (a blank line where there were
/// none): <c>$"Today is {now}.\n\n{Manual}"</c> → <c>$"{Manual}\n\nToday is {now}."</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PromptPrefixFixer)), Shared]
public sealed class PromptPrefixFixer : DocumentEditFixer
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.PromptPrefix);

    private protected override string Title(Diagnostic diagnostic)
        => PromptPrefixFix.Read(diagnostic) is { MoveSystemFirst: false } fix
            ? $"Move '{fix.Moves}' after the static text"
            : "Move the static system message to the front";

    private protected override string EquivalenceKey(Diagnostic diagnostic) => RuleIds.PromptPrefix;

    private protected override SyntaxEdit? Plan(SyntaxNode root, SemanticModel model, SyntaxGenerator generator, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (PromptPrefixFix.Read(diagnostic) is not { } fix)
            return null;
        // The prompt may be a constant declared in another file: this fixer edits the diagnostic's document only.
        if (fix.Target!.SourceTree?.FilePath != root.SyntaxTree.FilePath || fix.Target.SourceSpan.End > root.FullSpan.End)
            return null;
        var target = root.FindNode(fix.Target.SourceSpan, getInnermostNodeForTie: true);
        if (fix.MoveSystemFirst)
            return MoveFirst(root, diagnostic, target);
        if (fix.TemplateLead is { } lead)
            return MoveTemplateLead(target, lead);
        if (fix.MoveCount is not { } count)
            return null;

        var node = target;
        return node switch
        {
            InterpolatedStringExpressionSyntax interpolated when count > 0 && count < interpolated.Contents.Count => ReorderInterpolated(interpolated, count),
            BinaryExpressionSyntax concatenation when concatenation.IsKind(SyntaxKind.AddExpression) => ReorderConcatenation(concatenation, model, count, cancellationToken),
            _ => null,
        };
    }

    /// <summary><c>"{{$doc}}\nInstructions…"</c> → <c>"Instructions…\n\n{{$doc}}"</c>: the variable moves behind the static text.</summary>
    private static SyntaxEdit? MoveTemplateLead(SyntaxNode target, int lead)
    {
        if (target is not LiteralExpressionSyntax literal
            || lead <= 0 || lead >= literal.Token.ValueText.Length)
        {
            return null;
        }

        var text = literal.Token.ValueText;
        var reordered = text.Substring(lead).TrimEnd() + "\n\n" + text.Substring(0, lead).Trim();
        return new SyntaxEdit(literal, _ => literal.WithToken(Literal(reordered).WithTriviaFrom(literal.Token)));
    }

    /// <summary>The static system message becomes the list's first element; the others keep their order.</summary>
    private static SyntaxEdit? MoveFirst(SyntaxNode root, Diagnostic diagnostic, SyntaxNode target)
    {
        if (target is not InitializerExpressionSyntax list
            || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax system
            || !list.Expressions.Contains(system))
        {
            return null;
        }

        var reordered = new[] { system }.Concat(list.Expressions.Where(e => e != system)).ToList();
        var separators = list.Expressions.GetSeparators().ToList();
        var items = new List<SyntaxNodeOrToken>();
        for (var i = 0; i < reordered.Count; i++)
        {
            // Each position keeps the trivia (line breaks, indentation) of the element that stood there.
            items.Add(reordered[i].WithTriviaFrom(list.Expressions[i]));
            if (i < separators.Count)
                items.Add(separators[i]);
        }

        var rewritten = list.WithExpressions(SeparatedList<ExpressionSyntax>(items));
        return new SyntaxEdit(list, _ => rewritten);
    }

    private static SyntaxEdit ReorderInterpolated(InterpolatedStringExpressionSyntax interpolated, int count)
    {
        var head = interpolated.Contents.Take(count).ToList();
        var tail = interpolated.Contents.Skip(count).ToList();
        var regular = interpolated.StringStartToken.IsKind(SyntaxKind.InterpolatedStringStartToken);
        // The line breaks that ended the moved part now separate it from the static text: "{Manual}\n\nToday is …".
        // Without one, a blank line (a space where the literal cannot hold an escape).
        var (moved, separator) = SplitTrailingBreaks(head, regular);
        var contents = new List<InterpolatedStringContentSyntax>(tail);
        if (!EndsWithWhitespace(tail))
            contents.Add(separator ?? Text(regular ? "\\n\\n" : " ", regular ? "\n\n" : " "));
        contents.AddRange(moved);
        var rewritten = interpolated.WithContents(List(Merge(contents)));
        return new SyntaxEdit(interpolated, _ => rewritten);
    }

    /// <summary>The moved part without the whitespace it ended with, and that whitespace when it holds a line break.</summary>
    private static (List<InterpolatedStringContentSyntax> Moved, InterpolatedStringTextSyntax? Separator) SplitTrailingBreaks(List<InterpolatedStringContentSyntax> head, bool regular)
    {
        if (head.LastOrDefault() is not InterpolatedStringTextSyntax last)
            return (head, null);
        var source = last.TextToken.Text;
        var value = last.TextToken.ValueText;
        var sourceEnd = source.Length;
        var valueEnd = value.Length;
        // Strip trailing whitespace in step, in the source's spelling (an escape in a regular string) and in its value.
        while (valueEnd > 0 && char.IsWhiteSpace(value[valueEnd - 1]))
        {
            var escaped = regular && sourceEnd >= 2 && source[sourceEnd - 2] == '\\' && value[valueEnd - 1] is '\n' or '\r' or '\t';
            var width = escaped ? 2 : 1;
            if (sourceEnd < width || !escaped && source[sourceEnd - 1] != value[valueEnd - 1])
                break;
            sourceEnd -= width;
            valueEnd--;
        }

        var trailing = value.Substring(valueEnd);
        if (trailing.Length == 0)
            return (head, null);
        var moved = head.Take(head.Count - 1).ToList();
        if (valueEnd > 0)
            moved.Add(Text(source.Substring(0, sourceEnd), value.Substring(0, valueEnd)));
        var separator = trailing.IndexOf('\n') >= 0 ? Text(source.Substring(sourceEnd), trailing) : null;
        return (moved, separator);
    }

    private static InterpolatedStringTextSyntax Text(string source, string value)
        => InterpolatedStringText(Token(default, SyntaxKind.InterpolatedStringTextToken, source, value, default));

    private static SyntaxEdit? ReorderConcatenation(BinaryExpressionSyntax concatenation, SemanticModel model, int count, CancellationToken cancellationToken)
    {
        var operands = new List<ExpressionSyntax>();
        Flatten(concatenation, operands, model, cancellationToken);
        if (count <= 0 || count >= operands.Count || model.GetTypeInfo(operands[count], cancellationToken).Type?.SpecialType != SpecialType.System_String)
            return null;

        IEnumerable<ExpressionSyntax> ordered = operands.Skip(count)
            .Append(LiteralExpression(SyntaxKind.StringLiteralExpression, Literal("\n\n")))
            .Concat(operands.Take(count));
        var rewritten = ordered.Select(o => o.WithoutTrivia()).Aggregate((left, right) => BinaryExpression(SyntaxKind.AddExpression, left, right));
        return new SyntaxEdit(concatenation, _ => rewritten.WithTriviaFrom(concatenation));
    }

    /// <summary>Mirrors the analyzer: a string concatenation flattens into operands, stopping at constants and non-string additions.</summary>
    private static void Flatten(ExpressionSyntax expression, List<ExpressionSyntax> operands, SemanticModel model, CancellationToken cancellationToken)
    {
        var inner = expression is ParenthesizedExpressionSyntax parenthesized ? parenthesized.Expression : expression;
        if (inner is BinaryExpressionSyntax binary && binary.IsKind(SyntaxKind.AddExpression)
            && model.GetTypeInfo(binary, cancellationToken).Type?.SpecialType == SpecialType.System_String
            && !model.GetConstantValue(binary, cancellationToken).HasValue)
        {
            Flatten(binary.Left, operands, model, cancellationToken);
            Flatten(binary.Right, operands, model, cancellationToken);
            return;
        }

        operands.Add(expression);
    }

    private static bool EndsWithWhitespace(List<InterpolatedStringContentSyntax> contents)
        => contents.LastOrDefault() is InterpolatedStringTextSyntax text && text.TextToken.ValueText.Length > 0 && char.IsWhiteSpace(text.TextToken.ValueText[text.TextToken.ValueText.Length - 1]);

    /// <summary>Adjacent text pieces become one token, as the compiler would have parsed them.</summary>
    private static IEnumerable<InterpolatedStringContentSyntax> Merge(List<InterpolatedStringContentSyntax> contents)
    {
        InterpolatedStringTextSyntax? pending = null;
        foreach (var content in contents)
        {
            if (content is InterpolatedStringTextSyntax text)
            {
                pending = pending is null ? text : InterpolatedStringText(Token(default, SyntaxKind.InterpolatedStringTextToken,
                    pending.TextToken.Text + text.TextToken.Text, pending.TextToken.ValueText + text.TextToken.ValueText, default));
                continue;
            }

            if (pending is not null)
            {
                yield return pending;
                pending = null;
            }

            yield return content;
        }

        if (pending is not null)
            yield return pending;
    }
}
