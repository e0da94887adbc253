using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
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
    /// An optional second fix for the same diagnostic, offered after the main one (which keeps behaviour, so Fix All
    /// and <c>dotnet format</c>, which take the first, apply that). Null when there is none here.
    /// </summary>
    private protected virtual (string Title, string EquivalenceKey, SyntaxEdit Edit)? PlanAlternative(SyntaxNode root, SemanticModel model, SyntaxGenerator generator, Diagnostic diagnostic, CancellationToken cancellationToken)
        => null;

    /// <summary>
    /// True when the project chose the alternative for this diagnostic (<c>qwen_analyzers.streaming_fix = forward</c>):
    /// it is offered first and takes the rule's key, and the main fix moves to <see cref="DeferredSuffix"/>. Fix All
    /// with no action named, or with the rule's key (<c>dotnet format</c> names the first action of one finding), then
    /// applies the alternative where it exists and the main fix elsewhere (where <see cref="InFixAll"/> lets it in).
    /// </summary>
    private protected virtual bool AlternativeFirst(Diagnostic diagnostic) => false;

    /// <summary>The key suffix of the main fix where <see cref="AlternativeFirst"/> put the alternative first.</summary>
    private protected const string DeferredSuffix = ".Deferred";

    /// <summary>A reference to <paramref name="type"/>, its namespace imported by <see cref="Imports"/> and the name simplified.</summary>
    private protected static Microsoft.CodeAnalysis.CSharp.Syntax.TypeSyntax TypeReference(SyntaxGenerator generator, ITypeSymbol type)
        => Imports.TypeReference(generator, type);

    /// <summary>
    /// False for a finding whose fix a person must look at (the value depends on what the code does not show): Fix All
    /// and <c>dotnet format</c> (which asks with no equivalence key: the first action) leave it, the single code action
    /// still applies it. <paramref name="equivalenceKey"/> is the action Fix All was asked for.
    /// </summary>
    private protected virtual bool InFixAll(Diagnostic diagnostic, string? equivalenceKey) => true;

    public sealed override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(async (context, document, diagnostics) =>
    {
        var included = diagnostics.Where(d => InFixAll(d, context.CodeActionEquivalenceKey)).ToImmutableArray();
        return included.IsEmpty ? null : await ApplyAsync(document, included, context.CodeActionEquivalenceKey, context.CancellationToken).ConfigureAwait(false);
    });

    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
            return;
        var generator = SyntaxGenerator.GetGenerator(context.Document);
        foreach (var diagnostic in context.Diagnostics)
        {
            var actions = new List<CodeAction>(2);
            var alternative = PlanAlternative(root, model, generator, diagnostic, context.CancellationToken);
            // The main fix moves aside only where an alternative is offered: a finding without one keeps the rule's key,
            // so whichever finding dotnet format takes its key from, the others are fixed the same way.
            var first = alternative is not null && AlternativeFirst(diagnostic);
            if (Plan(root, model, generator, diagnostic, context.CancellationToken) is not null)
            {
                var key = EquivalenceKey(diagnostic) + (first ? DeferredSuffix : "");
                actions.Add(CodeAction.Create(Title(diagnostic), ct => ApplyAsync(context.Document, ImmutableArray.Create(diagnostic), key, ct), key));
            }

            if (alternative is { } offered)
            {
                var key = first ? EquivalenceKey(diagnostic) : offered.EquivalenceKey;
                actions.Insert(first ? 0 : actions.Count, CodeAction.Create(offered.Title, ct => ApplyAsync(context.Document, ImmutableArray.Create(diagnostic), key, ct), key));
            }

            foreach (var action in actions)
                context.RegisterCodeFix(action, diagnostic);
        }
    }

    private async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string? equivalenceKey, CancellationToken cancellationToken)
    {
        var limit = LongLines.Limit(await document.GetTextAsync(cancellationToken).ConfigureAwait(false));
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var edited = new HashSet<SyntaxNode>();
        // In source order, whatever order the diagnostics came in: the same input gives the same edits.
        foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id, System.StringComparer.Ordinal))
        {
            var mainKey = EquivalenceKey(diagnostic);
            SyntaxEdit? edit;
            if (AlternativeFirst(diagnostic))
            {
                var alternative = PlanAlternative(editor.OriginalRoot, editor.SemanticModel, editor.Generator, diagnostic, cancellationToken);
                if (equivalenceKey == mainKey + DeferredSuffix)
                    edit = Plan(editor.OriginalRoot, editor.SemanticModel, editor.Generator, diagnostic, cancellationToken);
                else if (equivalenceKey is null || equivalenceKey == mainKey || equivalenceKey == alternative?.EquivalenceKey)
                    edit = alternative?.Edit ?? (InFixAll(diagnostic, mainKey + DeferredSuffix) ? Plan(editor.OriginalRoot, editor.SemanticModel, editor.Generator, diagnostic, cancellationToken) : null);
                else
                    edit = null;
            }
            else if (equivalenceKey is not null && equivalenceKey != mainKey && equivalenceKey != mainKey + DeferredSuffix)
            {
                edit = PlanAlternative(editor.OriginalRoot, editor.SemanticModel, editor.Generator, diagnostic, cancellationToken) is { } alternative && alternative.EquivalenceKey == equivalenceKey ? alternative.Edit : null;
            }
            else
            {
                edit = Plan(editor.OriginalRoot, editor.SemanticModel, editor.Generator, diagnostic, cancellationToken);
            }
            if (edit is null || !edited.Add(edit.Node))
                continue;
            if (edit.Apply is not null)
            {
                edit.Apply(editor);
                continue;
            }

            if (edit.InsertBefore is not null && edit.Inserted is not null)
            {
                // The new statement takes the place's leading lines (a blank line above it stays above it); the statement
                // it goes before keeps only its indentation.
                var leading = edit.InsertBefore.GetLeadingTrivia();
                editor.InsertBefore(edit.InsertBefore, edit.Inserted.WithLeadingTrivia(leading).WithAdditionalAnnotations(Formatter.Annotation, LongLines.Rewritten));
                editor.ReplaceNode(edit.InsertBefore, (current, _) => current.WithLeadingTrivia(Indentation(leading)));
            }

            editor.ReplaceNode(edit.Node, (current, _) => edit.Rewrite(current).WithAdditionalAnnotations(Formatter.Annotation, LongLines.Rewritten));
        }

        var changed = editor.GetChangedDocument();
        var root = await changed.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
            return changed;
        // Imports first, then the simplified, formatted text whose lines LongLines measures (as the code action's own
        // clean-up would leave them; it runs again after this and changes nothing more).
        changed = changed.WithSyntaxRoot(Imports.AddNeeded(root, editor.SemanticModel));
        changed = await Microsoft.CodeAnalysis.Simplification.Simplifier.ReduceAsync(changed, Microsoft.CodeAnalysis.Simplification.Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        changed = await Formatter.FormatAsync(changed, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        root = await changed.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
            return changed;
        root = LongLines.Wrap(MultiLine.RestoreBraces(root), limit);
        // Formatted here, once: the code action's own clean-up must not format the layout above again.
        root = root.ReplaceNodes(root.GetAnnotatedNodes(Formatter.Annotation), (_, current) => current.WithoutAnnotations(Formatter.Annotation));
        return changed.WithSyntaxRoot(root);
    }

    /// <summary>The whitespace after the last line break of <paramref name="leading"/>: a statement's own indentation.</summary>
    private protected static SyntaxTriviaList Indentation(SyntaxTriviaList leading)
    {
        var lastLineBreak = -1;
        for (var i = 0; i < leading.Count; i++)
        {
            if (leading[i].IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.EndOfLineTrivia))
                lastLineBreak = i;
        }

        return new SyntaxTriviaList(leading.Skip(lastLineBreak + 1).Where(t => t.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.WhitespaceTrivia)));
    }

    /// <summary>The node the analyzer pointed the fix at (<see cref="Rules.FixData.EditTarget"/>).</summary>
    private protected static T? AdditionalNode<T>(SyntaxNode root, Diagnostic diagnostic)
        where T : SyntaxNode
        => Rules.FixData.EditTargetNode<T>(root, diagnostic);
}
