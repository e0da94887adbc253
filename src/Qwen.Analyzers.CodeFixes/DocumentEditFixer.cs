using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;

namespace Qwen.Analyzers.CodeFixes;

/// <summary>
/// Base of the fixers: each diagnostic plans one <see cref="SyntaxEdit"/>; a fix (single or Fix All) applies the
/// plans of a document through one editor, so edits that nest (a call inside another call's arguments) compose, and
/// two diagnostics that plan the same node (calls sharing one options object) edit it once.
/// </summary>
public abstract class DocumentEditFixer : CodeFixProvider
{
    /// <summary>The code action's title for this diagnostic.</summary>
    private protected abstract string Title(Diagnostic diagnostic);

    /// <summary>One key per rule (and variant): Fix All groups by it, and dotnet format needs it non-null.</summary>
    private protected abstract string EquivalenceKey(Diagnostic diagnostic);

    /// <summary>The edit that fixes <paramref name="diagnostic"/>; null where no safe edit exists (then no fix is offered).</summary>
    private protected abstract SyntaxEdit? Plan(SyntaxNode root, SemanticModel model, SyntaxGenerator generator, Diagnostic diagnostic, CancellationToken cancellationToken);

    /// <summary>
    /// A reference to <paramref name="type"/> that Roslyn simplifies and whose namespace it imports (the generator's
    /// type expression carries the symbol the import adder needs).
    /// </summary>
    private protected static Microsoft.CodeAnalysis.CSharp.Syntax.TypeSyntax TypeReference(SyntaxGenerator generator, ITypeSymbol type)
        => (Microsoft.CodeAnalysis.CSharp.Syntax.TypeSyntax)generator.TypeExpression(type)
            .WithAdditionalAnnotations(Microsoft.CodeAnalysis.Simplification.Simplifier.Annotation, Microsoft.CodeAnalysis.Simplification.Simplifier.AddImportsAnnotation);

    public sealed override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(async (context, document, diagnostics) =>
        await ApplyAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
            return;
        var generator = SyntaxGenerator.GetGenerator(context.Document);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (Plan(root, model, generator, diagnostic, context.CancellationToken) is null)
                continue;
            context.RegisterCodeFix(
                CodeAction.Create(Title(diagnostic), ct => ApplyAsync(context.Document, ImmutableArray.Create(diagnostic), ct), EquivalenceKey(diagnostic)),
                diagnostic);
        }
    }

    private async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var edited = new HashSet<SyntaxNode>();
        foreach (var diagnostic in diagnostics)
        {
            if (Plan(editor.OriginalRoot, editor.SemanticModel, editor.Generator, diagnostic, cancellationToken) is not { } edit || !edited.Add(edit.Node))
                continue;
            if (edit.Apply is not null)
            {
                edit.Apply(editor);
                continue;
            }

            if (edit.InsertBefore is not null && edit.Inserted is not null)
                editor.InsertBefore(edit.InsertBefore, edit.Inserted.WithAdditionalAnnotations(Formatter.Annotation));
            editor.ReplaceNode(edit.Node, (current, _) => edit.Rewrite(current).WithAdditionalAnnotations(Formatter.Annotation));
        }

        return editor.GetChangedDocument();
    }

    /// <summary>The node at a diagnostic's first additional location (the analyzer's pointer to what to edit).</summary>
    private protected static T? AdditionalNode<T>(SyntaxNode root, Diagnostic diagnostic)
        where T : SyntaxNode
        => diagnostic.AdditionalLocations.Count == 0
            ? null
            : root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true) as T;
}
