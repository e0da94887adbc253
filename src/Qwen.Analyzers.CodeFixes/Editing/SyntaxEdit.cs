using System;
using Microsoft.CodeAnalysis;

namespace Qwen.Analyzers.CodeFixes;

/// <summary>One planned edit: which node of the original tree changes, and how its (possibly already edited) current form is rewritten.</summary>
internal sealed class SyntaxEdit
{
    public SyntaxEdit(SyntaxNode node, Func<SyntaxNode, SyntaxNode> rewrite, SyntaxNode? insertBefore = null, SyntaxNode? inserted = null)
    {
        Node = node;
        Rewrite = rewrite;
        InsertBefore = insertBefore;
        Inserted = inserted;
    }

    /// <summary>An edit of several nodes at once, applied through the editor; <paramref name="key"/> identifies it for de-duplication.</summary>
    public SyntaxEdit(SyntaxNode key, Action<Microsoft.CodeAnalysis.Editing.DocumentEditor> apply)
    {
        Node = key;
        Rewrite = node => node;
        Apply = apply;
    }

    /// <summary>For multi-node edits: applies everything (then <see cref="Rewrite"/> is not used).</summary>
    public Action<Microsoft.CodeAnalysis.Editing.DocumentEditor>? Apply { get; }

    public SyntaxNode Node { get; }
    public Func<SyntaxNode, SyntaxNode> Rewrite { get; }

    /// <summary>Optionally, a statement of the original tree before which <see cref="Inserted"/> goes (a declaration the rewrite uses).</summary>
    public SyntaxNode? InsertBefore { get; }
    public SyntaxNode? Inserted { get; }
}
