using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Qwen.Analyzers.CodeFixes;

/// <summary>
/// The <c>using</c> directives a fix needs, added by one rule whatever the fix and whatever order fixes run in (Fix All
/// and <c>dotnet format</c> apply rules in an order of their own): a new directive takes its sorted place when the file's
/// directives are sorted (System namespaces first, when the file keeps them first), and goes last when they are not;
/// a file with none gets it at the top. The same input gives the same bytes on every run.
/// </summary>
internal static class Imports
{
    private const string Kind = "Qwen.Import";

    /// <summary>A reference to <paramref name="type"/>, simplified to its name once its namespace is imported.</summary>
    public static TypeSyntax TypeReference(SyntaxGenerator generator, ITypeSymbol type)
    {
        var reference = (TypeSyntax)generator.TypeExpression(type).WithAdditionalAnnotations(Simplifier.Annotation);
        return type.ContainingNamespace is { IsGlobalNamespace: false } ns ? reference.WithAdditionalAnnotations(For(ns.ToDisplayString())) : reference;
    }

    /// <summary>Marks a node as needing <c>using <paramref name="ns"/>;</c> (an extension method call: no type reference says so).</summary>
    public static SyntaxAnnotation For(string ns) => new(Kind, ns);

    /// <summary>
    /// The directives the annotated nodes of <paramref name="root"/> need and the file does not have yet — in its own
    /// directives, or in scope already (global usings, the SDK's implicit usings), which <paramref name="model"/> of the
    /// file before the fix tells.
    /// </summary>
    public static SyntaxNode AddNeeded(SyntaxNode root, SemanticModel model)
    {
        if (root is not CompilationUnitSyntax unit)
            return root;
        var needed = unit.GetAnnotatedNodesAndTokens(Kind).SelectMany(n => n.GetAnnotations(Kind)).Select(a => a.Data!)
            .Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal).ToList();
        if (needed.Count == 0)
            return root;
        var inScope = new HashSet<string>(model.GetImportScopes(model.SyntaxTree.GetRoot().FullSpan.End)
            .SelectMany(scope => scope.Imports).Select(i => i.NamespaceOrType.ToDisplayString()), StringComparer.Ordinal);
        foreach (var ns in needed)
        {
            if (!inScope.Contains(ns) && !IsImported(unit, ns))
                unit = Add(unit, ns);
        }

        return unit;
    }

    private static bool IsImported(CompilationUnitSyntax unit, string ns)
        => unit.Usings.Concat(unit.Members.OfType<BaseNamespaceDeclarationSyntax>().SelectMany(n => n.Usings))
               .Any(u => u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None) && u.Name?.ToString() == ns)
           || unit.Members.OfType<BaseNamespaceDeclarationSyntax>().Any(n => n.Name.ToString() == ns || n.Name.ToString().StartsWith(ns + ".", StringComparison.Ordinal));

    private static CompilationUnitSyntax Add(CompilationUnitSyntax unit, string ns)
    {
        var usings = unit.Usings;
        var directive = UsingDirective(ParseName(ns).WithLeadingTrivia(Space)).WithUsingKeyword(Token(SyntaxKind.UsingKeyword));
        if (usings.Count == 0)
        {
            // At the top, before the first member, keeping the file's header comment above it.
            var newLine = EndOfLine(NewLine(unit));
            var first = unit.GetLeadingTrivia();
            return unit.WithoutLeadingTrivia().WithUsings(SingletonList(directive.WithLeadingTrivia(first).WithTrailingTrivia(newLine, newLine)));
        }

        var at = Position(usings, ns);
        var lineEnd = usings[Math.Max(0, Math.Min(at, usings.Count) - 1)].GetTrailingTrivia();
        directive = directive.WithTrailingTrivia(lineEnd);
        if (at == 0)
        {
            // The first directive's leading trivia (a header comment) stays at the top of the file.
            var header = usings[0].GetLeadingTrivia();
            return unit.WithUsings(usings.Replace(usings[0], usings[0].WithLeadingTrivia()).Insert(0, directive.WithLeadingTrivia(header)));
        }

        return unit.WithUsings(usings.Insert(at, directive));
    }

    /// <summary>Where <paramref name="ns"/> goes among the plain directives: its sorted place if they are sorted, else the end.</summary>
    private static int Position(SyntaxList<UsingDirectiveSyntax> usings, string ns)
    {
        var plain = usings.Select((u, i) => (Using: u, Index: i))
            .Where(p => p.Using.Alias is null && p.Using.StaticKeyword.IsKind(SyntaxKind.None) && p.Using.GlobalKeyword.IsKind(SyntaxKind.None) && p.Using.Name is not null)
            .ToList();
        if (plain.Count == 0)
            return usings.Count;
        foreach (var systemFirst in new[] { true, false })
        {
            var keys = plain.Select(p => Key(p.Using.Name!.ToString(), systemFirst)).ToList();
            if (!IsSorted(keys))
                continue;
            var key = Key(ns, systemFirst);
            var after = plain.LastOrDefault(p => Compare(Key(p.Using.Name!.ToString(), systemFirst), key) <= 0);
            return after.Using is null ? plain[0].Index : after.Index + 1;
        }

        return plain[plain.Count - 1].Index + 1;
    }

    private static (int Group, string Name) Key(string name, bool systemFirst)
        => (systemFirst && (name == "System" || name.StartsWith("System.", StringComparison.Ordinal)) ? 0 : 1, name);

    private static int Compare((int Group, string Name) a, (int Group, string Name) b)
        => a.Group != b.Group ? a.Group.CompareTo(b.Group) : string.Compare(a.Name, b.Name, StringComparison.OrdinalIgnoreCase);

    private static bool IsSorted(List<(int Group, string Name)> keys)
    {
        for (var i = 1; i < keys.Count; i++)
        {
            if (Compare(keys[i - 1], keys[i]) > 0)
                return false;
        }

        return true;
    }

    /// <summary>The file's own line ending.</summary>
    private static string NewLine(SyntaxNode root)
        => root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia)).ToString() is { Length: > 0 } found ? found : "\n";
}
