using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Qwen.Analyzers.CodeFixes;

/// <summary>
/// Inserts a JSON member into a string literal that holds a JSON object, in the literal's own syntax (regular,
/// verbatim or raw). The analyzer names the object by how many <c>{</c> precede it in the literal's value; braces
/// are never escaped in C# literals, so the same count finds it in the source text.
/// </summary>
internal static class StringLiteralEdit
{
    public static LiteralExpressionSyntax? Insert(LiteralExpressionSyntax literal, int braceOrdinal, string jsonMember)
    {
        var token = literal.Token;
        var text = token.Text;
        if (!token.IsKind(SyntaxKind.StringLiteralToken) && !token.IsKind(SyntaxKind.SingleLineRawStringLiteralToken) && !token.IsKind(SyntaxKind.MultiLineRawStringLiteralToken))
            return null;
        if (token.ValueText is not { } value || Count(value, '{') != Count(text, '{'))
            return null;

        var position = IndexOfBrace(text, braceOrdinal);
        if (position < 0)
            return null;

        // An empty object takes the member alone; otherwise the member goes first, followed by a comma.
        var rest = text.Substring(position + 1).TrimStart();
        var isEmpty = rest.StartsWith("}", System.StringComparison.Ordinal);
        var escaped = token.IsKind(SyntaxKind.StringLiteralToken)
            ? (text.StartsWith("@", System.StringComparison.Ordinal) ? jsonMember.Replace("\"", "\"\"") : jsonMember.Replace("\\", "\\\\").Replace("\"", "\\\""))
            : jsonMember;
        var insertion = isEmpty ? escaped : escaped + ", ";
        var newText = text.Substring(0, position + 1) + insertion + text.Substring(position + 1);

        var parsed = SyntaxFactory.ParseExpression(newText) as LiteralExpressionSyntax;
        if (parsed is null || parsed.ContainsDiagnostics)
            return null;
        return literal.WithToken(parsed.Token.WithTriviaFrom(token));
    }

    /// <summary>
    /// Replaces the scalar after the <paramref name="keyOrdinal"/>-th occurrence of <paramref name="key"/> (a JSON key;
    /// names never contain escapes) with <paramref name="json"/>: <c>"prompt_extend": true</c> → <c>false</c>.
    /// </summary>
    public static LiteralExpressionSyntax? ReplaceValue(LiteralExpressionSyntax literal, string key, int keyOrdinal, string json)
    {
        var token = literal.Token;
        var text = token.Text;
        var position = -1;
        for (var i = 0; i <= keyOrdinal; i++)
        {
            position = text.IndexOf(key, position + 1, System.StringComparison.Ordinal);
            if (position < 0)
                return null;
        }

        // Skip the closing quote (escaped or doubled), the colon and white space to reach the value.
        var start = position + key.Length;
        while (start < text.Length && (text[start] is '"' or '\\' or ':' || char.IsWhiteSpace(text[start])))
            start++;
        var end = start;
        while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] is '-' or '.'))
            end++;
        if (end == start)
            return null;

        var newText = text.Substring(0, start) + json + text.Substring(end);
        var parsed = SyntaxFactory.ParseExpression(newText) as LiteralExpressionSyntax;
        if (parsed is null || parsed.ContainsDiagnostics || parsed.Token.ValueText == token.ValueText)
            return null;
        return literal.WithToken(parsed.Token.WithTriviaFrom(token));
    }

    private static int Count(string text, char c)
    {
        var count = 0;
        foreach (var ch in text)
        {
            if (ch == c)
                count++;
        }

        return count;
    }

    private static int IndexOfBrace(string text, int ordinal)
    {
        var seen = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '{')
                continue;
            if (seen == ordinal)
                return i;
            seen++;
        }

        return -1;
    }
}
