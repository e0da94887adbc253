using Microsoft.CodeAnalysis;
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
