using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Qwen.Analyzers.Rules;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Qwen.Analyzers.CodeFixes;

/// <summary>
/// QW0011: moves a dropped Qwen field to <c>.WithQwenField(name, value)</c> (Qwen.Latency.OpenAI for ChatOptions,
/// Qwen.Latency.SemanticKernel for execution settings), which writes it where the library sends it.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DroppedFieldFixer)), Shared]
public sealed class DroppedFieldFixer : DocumentEditFixer
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.DroppedField);

    private protected override string Title(Diagnostic diagnostic) => $"Send '{DroppedFieldFix.Read(diagnostic).Name}' with WithQwenField";

    private protected override string EquivalenceKey(Diagnostic diagnostic) => RuleIds.DroppedField;

    private protected override SyntaxEdit? Plan(SyntaxNode root, SemanticModel model, SyntaxGenerator generator, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var write = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        if (!TryRead(write, out var key, out var value))
            return null;
        var fix = DroppedFieldFix.Read(diagnostic);
        switch (fix.Shape)
        {
            // options.AdditionalProperties["k"] = v;  →  options.WithQwenField("k", v);
            case DroppedFieldShape.Statement when write is AssignmentExpressionSyntax { Left: ElementAccessExpressionSyntax { Expression: var held } }
                                  && WithoutSuppression(held) is MemberAccessExpressionSyntax dictionary
                                  && write.Parent is ExpressionStatementSyntax statement:
                return ExtensionCallEdit.WithImport(statement, current =>
                    ((ExpressionStatementSyntax)current).WithExpression(WithQwenField(dictionary.Expression.WithoutTrivia(), key, value)));

            // new ChatOptions { AdditionalProperties = new() { ["k"] = v } }  →  new ChatOptions { }.WithQwenField("k", v)
            case DroppedFieldShape.Initializer when root.FindNode(fix.Member!.SourceSpan, getInnermostNodeForTie: true) is AssignmentExpressionSyntax member
                                    && root.FindNode(fix.Options!.SourceSpan, getInnermostNodeForTie: true) is ObjectCreationExpressionSyntax options
                                    && member.Parent is InitializerExpressionSyntax initializer:
                return ExtensionCallEdit.WithImport(options, current =>
                {
                    var creation = (ObjectCreationExpressionSyntax)current;
                    var currentInitializer = creation.Initializer!;
                    var index = initializer.Expressions.IndexOf(member);
                    var kept = currentInitializer.Expressions.RemoveAt(index);
                    var trimmed = kept.Count == 0
                        ? creation.WithInitializer(null).WithArgumentList(creation.ArgumentList ?? ArgumentList())
                        : creation.WithInitializer(currentInitializer.WithExpressions(kept));
                    return WithQwenField(trimmed.WithoutTrivia(), key, value).WithTriviaFrom(creation);
                });
            default:
                return null;
        }
    }

    /// <summary><c>options.AdditionalProperties!</c>: the dictionary without the null-forgiving operator.</summary>
    private static ExpressionSyntax WithoutSuppression(ExpressionSyntax expression)
        => expression is PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } suppressed ? suppressed.Operand : expression;

    private static bool TryRead(SyntaxNode write, out ExpressionSyntax key, out ExpressionSyntax value)
    {
        switch (write)
        {
            case AssignmentExpressionSyntax { Left: ElementAccessExpressionSyntax { ArgumentList.Arguments.Count: 1 } access } assignment:
                key = access.ArgumentList.Arguments[0].Expression;
                value = assignment.Right;
                return true;
            case AssignmentExpressionSyntax { Left: ImplicitElementAccessSyntax { ArgumentList.Arguments.Count: 1 } implicitAccess } entry:   // ["k"] = v
                key = implicitAccess.ArgumentList.Arguments[0].Expression;
                value = entry.Right;
                return true;
            case InitializerExpressionSyntax { Expressions.Count: 2 } pair:   // { "k", v }
                key = pair.Expressions[0];
                value = pair.Expressions[1];
                return true;
            case InvocationExpressionSyntax { ArgumentList.Arguments.Count: 2 } add:
                key = add.ArgumentList.Arguments[0].Expression;
                value = add.ArgumentList.Arguments[1].Expression;
                return true;
            default:
                key = value = null!;
                return false;
        }
    }

    private static InvocationExpressionSyntax WithQwenField(ExpressionSyntax receiver, ExpressionSyntax key, ExpressionSyntax value)
        => ExtensionCallEdit.Call(receiver, "WithQwenField", key, value);
}
