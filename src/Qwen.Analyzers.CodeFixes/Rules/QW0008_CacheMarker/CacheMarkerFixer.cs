using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Qwen.Analyzers.Rules;
using Qwen.Analyzers.ApiModel;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Qwen.Analyzers.CodeFixes;

/// <summary>
/// QW0008, lone text part: <c>var part = ChatMessageContentPart.CreateTextPart(text); part.Patch.Set("$.cache_control"u8, …);
/// new SystemChatMessage(part)</c> becomes <c>QwenCache.SystemMessage(text)</c>, which sends the marker inside a content
/// array (and keeps <c>SCME0001</c> inside the helper).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CacheMarkerFixer)), Shared]
public sealed class CacheMarkerFixer : DocumentEditFixer
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.CacheMarker);

    private protected override string Title(Diagnostic diagnostic) => "Build the system message with QwenCache.SystemMessage (the marker is sent)";

    private protected override string EquivalenceKey(Diagnostic diagnostic) => RuleIds.CacheMarker;

    private protected override SyntaxEdit? Plan(SyntaxNode root, SemanticModel model, SyntaxGenerator generator, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (CacheMarkerFix.Read(diagnostic) is not { } fix
            || TypeLookup.Named(model.Compilation, "Qwen.Latency.QwenCache") is not { } helper
            || root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<ExpressionStatementSyntax>() is not { } setStatement
            || root.FindNode(fix.Message.SourceSpan, getInnermostNodeForTie: true) is not BaseObjectCreationExpressionSyntax message
            || root.FindNode(fix.Part.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax { ArgumentList.Arguments.Count: 1 } createPart)
        {
            return null;
        }

        var text = createPart.ArgumentList.Arguments[0].Expression;
        var call = InvocationExpression(
            MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, TypeReference(generator, helper), IdentifierName("SystemMessage")),
            ArgumentList(SingletonSeparatedList(Argument(text.WithoutTrivia()))));

        // The part's declaration goes too when nothing else reads the part.
        var declaration = createPart.FirstAncestorOrSelf<LocalDeclarationStatementSyntax>();
        var partName = declaration?.Declaration.Variables.FirstOrDefault()?.Identifier.ValueText;
        var removeDeclaration = declaration is { Declaration.Variables.Count: 1 } && declaration.Parent is BlockSyntax block
                                && block.DescendantNodes().OfType<IdentifierNameSyntax>().Count(i => i.Identifier.ValueText == partName) == 2;

        return new SyntaxEdit(setStatement, editor =>
        {
            editor.ReplaceNode(message, call.WithTriviaFrom(message).WithAdditionalAnnotations(Formatter.Annotation, LongLines.Rewritten));
            editor.RemoveNode(setStatement, SyntaxRemoveOptions.KeepNoTrivia);
            if (removeDeclaration)
                editor.RemoveNode(declaration!, SyntaxRemoveOptions.KeepNoTrivia);
        });
    }
}
