using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Qwen.Analyzers.CodeFixes;

/// <summary>
/// Fixes that call a Qwen.Latency extension method on an expression (<c>options.WithoutThinking()</c>): the call, and
/// <c>using Qwen.Latency;</c> once per file through <see cref="Imports"/> (an extension method carries no type reference).
/// </summary>
internal static class ExtensionCallEdit
{
    private const string HelperNamespace = "Qwen.Latency";

    /// <summary><c>receiver.method(arguments)</c>, the receiver parenthesized where member access needs it.</summary>
    public static InvocationExpressionSyntax Call(ExpressionSyntax receiver, string method, params ExpressionSyntax[] arguments)
    {
        var target = receiver.WithoutTrivia();
        if (target is not (IdentifierNameSyntax or MemberAccessExpressionSyntax or ObjectCreationExpressionSyntax or InvocationExpressionSyntax or ThisExpressionSyntax))
            target = ParenthesizedExpression(target);
        return InvocationExpression(MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, target, IdentifierName(method)),
            ArgumentList(SeparatedList(arguments.Select(a => Argument(a.WithoutTrivia())))));
    }

    /// <summary>The edit of <paramref name="node"/>, marked as needing the helpers' namespace.</summary>
    public static SyntaxEdit WithImport(SyntaxNode node, Func<SyntaxNode, SyntaxNode> rewrite)
        => new(node, editor => editor.ReplaceNode(node, (current, _) => rewrite(current).WithAdditionalAnnotations(Formatter.Annotation, LongLines.Rewritten, Imports.For(HelperNamespace))));
}
