using System;
using Microsoft.CodeAnalysis;

namespace Qwen.Analyzers.CodeFixes;

/// <summary>One planned edit: which node of the original tree changes, and how its (possibly already edited) current form is rewritten.</summary>
internal sealed class SyntaxEdit
{
    public SyntaxEdit(SyntaxNode node, Func<SyntaxNode, SyntaxNode> rewrite)
    {
        Node = node;
        Rewrite = rewrite;
    }

    public SyntaxNode Node { get; }
    public Func<SyntaxNode, SyntaxNode> Rewrite { get; }
}
