using System;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Qwen.Analyzers.Rules;
using Qwen.Analyzers.ApiModel;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Qwen.Analyzers.CodeFixes;

/// <summary>
/// QW0010: turns thinking off where each library sends it — <c>enable_thinking: false</c> in a raw or typed body (the
/// Cnblogs SDK's <c>EnableThinking</c>), <c>.WithoutThinking()</c> from Qwen.Latency.OpenAI / Qwen.Latency.SemanticKernel
/// on the options object (new options when the call passes none). The second action sets a thinking budget instead.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ThinkingLeftOnFixer)), Shared]
public sealed class ThinkingLeftOnFixer : DocumentEditFixer
{
    private const string BudgetKey = RuleIds.ThinkingLeftOn + ".Budget";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.ThinkingLeftOn);

    private protected override string Title(Diagnostic diagnostic) => "Turn thinking off (enable_thinking: false)";

    private protected override string EquivalenceKey(Diagnostic diagnostic) => RuleIds.ThinkingLeftOn;

    private protected override SyntaxEdit? Plan(SyntaxNode root, SemanticModel model, SyntaxGenerator generator, Diagnostic diagnostic, CancellationToken cancellationToken)
        => Edit(root, model, generator, diagnostic, "WithoutThinking", cancellationToken);

    private protected override (string Title, string EquivalenceKey, SyntaxEdit Edit)? PlanAlternative(SyntaxNode root, SemanticModel model, SyntaxGenerator generator, Diagnostic diagnostic, CancellationToken cancellationToken)
        => ThinkingLeftOnFix.Read(diagnostic.Properties)?.Kind is ThinkingFixKind.Wrap or ThinkingFixKind.AddArgument or ThinkingFixKind.KernelArgumentsSettings
           && Edit(root, model, generator, diagnostic, "WithThinkingBudget", cancellationToken) is { } edit
            ? ($"Keep thinking, within a budget of {ThinkingLeftOnFix.SuggestedBudget} tokens", BudgetKey, edit)
            : null;

    private static SyntaxEdit? Edit(SyntaxNode root, SemanticModel model, SyntaxGenerator generator, Diagnostic diagnostic, string helper, CancellationToken cancellationToken)
    {
        switch (ThinkingLeftOnFix.Read(diagnostic.Properties))
        {
            case { Kind: ThinkingFixKind.Json, Json: { } json } when helper == "WithoutThinking":
                return JsonBodyEdits.Plan(root, model, generator, diagnostic, json);

            case { Kind: ThinkingFixKind.Wrap }:
            {
                if (AdditionalNode<ExpressionSyntax>(root, diagnostic) is not { } creation)
                    return null;
                return ExtensionCallEdit.WithImport(creation, current => Call((ExpressionSyntax)current, helper));
            }

            case { Kind: ThinkingFixKind.AddArgument, Parameter: { } parameter, OptionsType: { } typeName }:
            {
                if (NewOptions(model, generator, typeName, helper) is not { } options)
                    return null;
                return AddArgument(root, model, generator, diagnostic, parameter, options, cancellationToken);
            }

            case { Kind: ThinkingFixKind.KernelArgumentsSettings, OptionsType: { } typeName } fix:
            {
                if (NewOptions(model, generator, typeName, helper) is not { } settings)
                    return null;
                if (fix.Parameter is { } parameter)
                {
                    // No arguments passed: new KernelArguments(settings).
                    if (TypeLookup.Named(model.Compilation, "Microsoft.SemanticKernel.KernelArguments") is not { } argumentsType)
                        return null;
                    var arguments = ObjectCreationExpression(TypeReference(generator, argumentsType))
                        .WithArgumentList(ArgumentList(SingletonSeparatedList(Argument(settings))));
                    return AddArgument(root, model, generator, diagnostic, parameter, arguments, cancellationToken);
                }

                if (AdditionalNode<ObjectCreationExpressionSyntax>(root, diagnostic) is not { } creation || creation.ArgumentList?.Arguments.Count > 0)
                    return null;
                return ExtensionCallEdit.WithImport(creation,
                    current => ((ObjectCreationExpressionSyntax)current).WithArgumentList(ArgumentList(SingletonSeparatedList(Argument(settings)))));
            }

            default:
                return null;
        }
    }

    /// <summary><c>new ChatOptions().WithoutThinking()</c>: new options of the named type with the helper called on them.</summary>
    private static ExpressionSyntax? NewOptions(SemanticModel model, SyntaxGenerator generator, string typeName, string helper)
        => TypeLookup.Named(model.Compilation, typeName) is { } type
            ? Call(ObjectCreationExpression(TypeReference(generator, type)).WithArgumentList(ArgumentList()), helper)
            : null;

    private static SyntaxEdit? AddArgument(SyntaxNode root, SemanticModel model, SyntaxGenerator generator, Diagnostic diagnostic, string parameter, ExpressionSyntax value, CancellationToken cancellationToken)
    {
        var invocation = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<InvocationExpressionSyntax>();
        if (invocation is null || OptionsArgumentEdit.PlanAdd(invocation, model, generator, parameter, value, cancellationToken) is not { } added)
            return null;
        return ExtensionCallEdit.WithImport(added.Node, added.Rewrite);
    }

    /// <summary><c>target.WithoutThinking()</c> or <c>target.WithThinkingBudget(256)</c>, keeping the target's trivia.</summary>
    private static ExpressionSyntax Call(ExpressionSyntax target, string helper)
        => ExtensionCallEdit.Call(target, helper, helper == "WithThinkingBudget"
                ? new ExpressionSyntax[] { LiteralExpression(SyntaxKind.NumericLiteralExpression, Literal(ThinkingLeftOnFix.SuggestedBudget)) }
                : Array.Empty<ExpressionSyntax>())
            .WithTriviaFrom(target);
}
