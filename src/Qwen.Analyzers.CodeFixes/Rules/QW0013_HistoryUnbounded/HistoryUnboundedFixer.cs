using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Qwen.Analyzers.ApiModel;
using Qwen.Analyzers.Rules;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Qwen.Analyzers.CodeFixes;

/// <summary>
/// QW0013: sends a window of the history instead of all of it — <c>chat.GetResponseAsync(_history)</c> →
/// <c>chat.GetResponseAsync(QwenHistory.Recent(_history))</c> (Qwen.Latency.OpenAI; Semantic Kernel's <c>ChatHistory</c>
/// through <c>SemanticKernelHistory.Recent</c>, Qwen.Latency.SemanticKernel): the system prefix and the newest
/// turns within a token budget; the list itself keeps the whole transcript. One at a time only: the model then no longer
/// sees the oldest turns, which changes what it can answer from — a choice for a person, with the budget in view.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(HistoryUnboundedFixer)), Shared]
public sealed class HistoryUnboundedFixer : DocumentEditFixer
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.HistoryUnbounded);

    private protected override string Title(Diagnostic diagnostic) => "Send the recent turns within a token budget (QwenHistory.Recent)";

    private protected override string EquivalenceKey(Diagnostic diagnostic) => RuleIds.HistoryUnbounded;

    private protected override bool InFixAll(Diagnostic diagnostic, string? equivalenceKey) => false;

    private protected override SyntaxEdit? Plan(SyntaxNode root, SemanticModel model, SyntaxGenerator generator, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var helperName = HistoryUnboundedFix.Read(diagnostic.Properties)?.Surface switch
        {
            ClientSurface.OpenAI or ClientSurface.ExtensionsAI => "Qwen.Latency.QwenHistory",
            ClientSurface.SemanticKernel => "Qwen.Latency.SemanticKernelHistory",
            _ => null,
        };
        if (helperName is null
            || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<ArgumentSyntax>() is not { } argument
            || TypeLookup.Named(model.Compilation, helperName) is not { } helper)
        {
            return null;
        }

        var window = InvocationExpression(
            MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, TypeReference(generator, helper), IdentifierName("Recent")),
            ArgumentList(SingletonSeparatedList(Argument(argument.Expression.WithoutTrivia()))));
        return new SyntaxEdit(argument, current => ((ArgumentSyntax)current).WithExpression(window.WithTriviaFrom(argument.Expression)));
    }
}
