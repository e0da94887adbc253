using Microsoft.CodeAnalysis;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Qwen.Analyzers.ApiModel;

internal static class SyntaxHelpers
{
    /// <summary>The location of the invoked member's name (<c>CompleteChatAsync</c> in <c>client.CompleteChatAsync(…)</c>).</summary>
    public static Location GetNameLocation(SyntaxNode invocationSyntax)
    {
        if (invocationSyntax is InvocationExpressionSyntax invocation)
        {
            switch (invocation.Expression)
            {
                case MemberAccessExpressionSyntax member:
                    return member.Name.GetLocation();
                case MemberBindingExpressionSyntax binding:
                    return binding.Name.GetLocation();
                case SimpleNameSyntax name:
                    return name.GetLocation();
            }
        }

        return invocationSyntax.GetLocation();
    }
}

/// <summary>The <c>.ConfigureAwait(c)</c> around an awaited expression, read and written in one place (analyzers and fixes).</summary>
internal static class ConfigureAwaitSyntax
{
    /// <summary><c>x.ConfigureAwait(c)</c> → (<c>x</c>, the ConfigureAwait call); anything else → (itself, null).</summary>
    public static (ExpressionSyntax Inner, InvocationExpressionSyntax? ConfigureAwait) Split(ExpressionSyntax awaited)
        => awaited is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } member } configure
            ? (member.Expression, configure)
            : (awaited, null);

    /// <summary><paramref name="inner"/> wrapped in the same <c>.ConfigureAwait(c)</c> as before (or as it is when there was none).</summary>
    public static ExpressionSyntax Rewrap(InvocationExpressionSyntax? configureAwait, ExpressionSyntax inner)
        => configureAwait is null ? inner : configureAwait.WithExpression(((MemberAccessExpressionSyntax)configureAwait.Expression).WithExpression(inner));

    /// <summary>True for <c>.ConfigureAwait(false)</c>.</summary>
    public static bool IsFalse(InvocationExpressionSyntax? configureAwait)
        => configureAwait?.ArgumentList.Arguments.FirstOrDefault()?.Expression.IsKind(SyntaxKind.FalseLiteralExpression) == true;

    /// <summary><c>expression.ConfigureAwait(false)</c>.</summary>
    public static ExpressionSyntax False(ExpressionSyntax expression)
        => SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, expression, SyntaxFactory.IdentifierName("ConfigureAwait")),
            SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.FalseLiteralExpression)))));
}
