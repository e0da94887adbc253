using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Qwen.Analyzers.Rules;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Qwen.Analyzers.CodeFixes;

/// <summary>
/// QW0012: shares the client. A client built in the method (a local, with or without <c>using</c>, or inline) moves to
/// a <c>private static readonly</c> field of the type, built exactly as before, and the local takes the field (no longer
/// disposed: it is shared); identical clients in one type share one field. A readonly instance field of a type built
/// per request becomes <c>static</c>. The analyzer offers the fix only when the client is built from constants and
/// never changed afterwards, so every call sees the same client it saw before.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ClientPerCallFixer)), Shared]
public sealed class ClientPerCallFixer : DocumentEditFixer
{
    private const string FieldName = "SharedHttpClient";

    // The fields one Fix All pass has added: (type, the client's text) → field name, so identical clients share one.
    private static readonly ConditionalWeakTable<DocumentEditor, Dictionary<(TypeDeclarationSyntax, string), string>> Added = new();

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.ClientPerCall);

    private protected override string Title(Diagnostic diagnostic) => ClientPerCallFix.Read(diagnostic.Properties).Share == ClientShare.MakeFieldStatic
        ? "Make the HttpClient field static (one client for every request)"
        : "Share one HttpClient in a static readonly field";

    private protected override string EquivalenceKey(Diagnostic diagnostic) => RuleIds.ClientPerCall;

    private protected override SyntaxEdit? Plan(SyntaxNode root, SemanticModel model, SyntaxGenerator generator, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not BaseObjectCreationExpressionSyntax creation
            || model.GetTypeInfo(creation, cancellationToken).Type is not INamedTypeSymbol clientType
            || creation.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } type)
        {
            return null;
        }

        switch (ClientPerCallFix.Read(diagnostic.Properties).Share)
        {
            case ClientShare.MakeFieldStatic when creation.FirstAncestorOrSelf<FieldDeclarationSyntax>() is { Declaration.Variables.Count: 1 } field:
                return new SyntaxEdit(field, current => generator.WithModifiers(current, generator.GetModifiers(current).WithIsStatic(true)));
            case ClientShare.StaticField:
                return PlanStaticField(creation, clientType, type, model, generator, cancellationToken);
            default:
                return null;
        }
    }

    private static SyntaxEdit? PlanStaticField(BaseObjectCreationExpressionSyntax creation, INamedTypeSymbol clientType, TypeDeclarationSyntax type, SemanticModel model, SyntaxGenerator generator, CancellationToken cancellationToken)
    {
        var declarator = creation.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax d } ? d : null;
        var declaration = declarator?.Parent as VariableDeclarationSyntax;
        if (declaration is { Variables.Count: > 1 })
            return null;
        if (declaration?.Parent is UsingStatementSyntax { Parent: not BlockSyntax })
            return null;

        var text = creation.WithoutTrivia().ToString();
        var typeSymbol = model.GetDeclaredSymbol(type, cancellationToken);
        return new SyntaxEdit(creation, editor =>
        {
            var added = Added.GetOrCreateValue(editor);
            if (!added.TryGetValue((type, text), out var name) && ExistingField(type, text) is { } existing)
                added[(type, text)] = name = existing;
            if (name is null)
            {
                name = FreeName(typeSymbol, added.Values);
                added[(type, text)] = name;
                var field = generator.FieldDeclaration(name, TypeReference(generator, clientType), Accessibility.Private,
                    DeclarationModifiers.Static | DeclarationModifiers.ReadOnly, InitializerFor(creation));
                editor.InsertMembers(type, 0, new[] { field.WithAdditionalAnnotations(Formatter.Annotation, LongLines.Rewritten) });
            }

            var shared = IdentifierName(name);
            switch (declaration?.Parent)
            {
                case LocalDeclarationStatementSyntax statement:
                    // using var http = new HttpClient(); → var http = SharedHttpClient; (a shared client is not disposed here)
                    editor.ReplaceNode(statement, (current, _) =>
                    {
                        var local = (LocalDeclarationStatementSyntax)current;
                        var variable = local.Declaration.Variables[0];
                        var rewritten = local.WithDeclaration(local.Declaration.WithVariables(SingletonSeparatedList(variable.WithInitializer(variable.Initializer!.WithValue(shared)))))
                            .WithUsingKeyword(default).WithAwaitKeyword(default);
                        return local.UsingKeyword.IsKind(SyntaxKind.None) ? rewritten : rewritten.WithLeadingTrivia(local.GetLeadingTrivia());
                    });
                    break;
                case UsingStatementSyntax usingStatement:
                    // using (var http = new HttpClient()) { … } → var http = SharedHttpClient; … (the block's statements, in place)
                    var local = LocalDeclarationStatement(declaration!.WithVariables(SingletonSeparatedList(declarator!.WithInitializer(declarator.Initializer!.WithValue(shared)))))
                        .WithLeadingTrivia(usingStatement.GetLeadingTrivia());
                    var body = usingStatement.Statement is BlockSyntax block ? block.Statements.ToArray() : new[] { usingStatement.Statement };
                    editor.InsertBefore(usingStatement, new SyntaxNode[] { local.WithAdditionalAnnotations(Formatter.Annotation, LongLines.Rewritten) }.Concat(body.Select(s => s.WithAdditionalAnnotations(Formatter.Annotation, LongLines.Rewritten))));
                    editor.RemoveNode(usingStatement);
                    break;
                default:
                    editor.ReplaceNode(creation, shared.WithTriviaFrom(creation));
                    break;
            }
        });
    }

    /// <summary>A <c>static readonly</c> field of the type already holding the same client (an earlier fix).</summary>
    private static string? ExistingField(TypeDeclarationSyntax type, string text)
    {
        foreach (var member in type.Members)
        {
            if (member is FieldDeclarationSyntax { Declaration.Variables.Count: 1 } field
                && field.Modifiers.Any(SyntaxKind.StaticKeyword) && field.Modifiers.Any(SyntaxKind.ReadOnlyKeyword)
                && field.Declaration.Variables[0] is { Initializer: { } initializer } variable
                && initializer.Value.WithoutTrivia().ToString() == text)
            {
                return variable.Identifier.ValueText;
            }
        }

        return null;
    }

    /// <summary>The creation as the field's initializer; <c>new()</c> stays target-typed (the field names the type).</summary>
    private static SyntaxNode InitializerFor(BaseObjectCreationExpressionSyntax creation) => creation.WithoutTrivia();

    /// <summary><c>SharedHttpClient</c>, or the first numbered name no member of the type (nor this pass) uses.</summary>
    private static string FreeName(INamedTypeSymbol? type, IEnumerable<string> taken)
    {
        var used = new HashSet<string>(taken);
        for (var n = 1; ; n++)
        {
            var name = n == 1 ? FieldName : FieldName + n;
            if (!used.Contains(name) && (type is null || type.GetMembers(name).IsEmpty))
                return name;
        }
    }
}
