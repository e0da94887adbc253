using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Qwen.Analyzers.ApiModel;
using Qwen.Analyzers.Rules;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Qwen.Analyzers.CodeFixes;

/// <summary>
/// QW0009: puts the polling loop on <c>Qwen.Latency.TaskPollingSchedule</c>: a schedule declared before the loop,
/// and its <c>WaitAsync</c> in place of the loop's <c>Task.Delay</c>. The loop's own logic stays as written; it now
/// waits 3 s, 4.5 s, 6.75 s … (capped, jittered) and gives up with a TimeoutException after 2 minutes.
/// Offered only when the project references Qwen.Latency and the loop has exactly one awaited Task.Delay statement.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(TaskPollingFixer)), Shared]
public sealed class TaskPollingFixer : DocumentEditFixer
{
    private const string ScheduleType = "Qwen.Latency.TaskPollingSchedule";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.TaskPolling);

    private protected override string Title(Diagnostic diagnostic) => "Wait on a TaskPollingSchedule (exponential backoff, 2-minute deadline)";

    private protected override string EquivalenceKey(Diagnostic diagnostic) => RuleIds.TaskPolling;

    private protected override SyntaxEdit? Plan(SyntaxNode root, SemanticModel model, SyntaxGenerator generator, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (!TaskPollingFix.Read(diagnostic.Properties).Schedule || diagnostic.AdditionalLocations.Count < 2
            || FixerTypes.Find(model.Compilation, ScheduleType) is not { } scheduleType)
        {
            return null;
        }

        var delayStatement = root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan) as ExpressionStatementSyntax;
        var loop = root.FindNode(diagnostic.AdditionalLocations[1].SourceSpan, getInnermostNodeForTie: true) as StatementSyntax;
        if (delayStatement?.Expression is not AwaitExpressionSyntax await || loop?.Parent is not BlockSyntax)
            return null;

        // await Task.Delay(x[, token])[.ConfigureAwait(c)]
        var (awaited, configureAwait) = ConfigureAwaitSyntax.Split(await.Expression);

        if (awaited is not InvocationExpressionSyntax delay)
            return null;
        var token = delay.ArgumentList.Arguments.Skip(1)
            .FirstOrDefault(a => model.GetTypeInfo(a.Expression, cancellationToken).Type?.ToDisplayString() == "System.Threading.CancellationToken");

        var name = FreeName(model, new[] { loop.SpanStart, delayStatement.SpanStart }, "polling", "taskPolling", "pollingSchedule");
        if (name is null)
            return null;

        var scheduleTypeSyntax = TypeReference(generator, scheduleType);
        var declaration = LocalDeclarationStatement(VariableDeclaration(IdentifierName("var"), SingletonSeparatedList(
            VariableDeclarator(name).WithInitializer(EqualsValueClause(ObjectCreationExpression(scheduleTypeSyntax).WithArgumentList(ArgumentList()))))));

        ExpressionSyntax wait = InvocationExpression(
            MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, IdentifierName(name), IdentifierName("WaitAsync")),
            token is null ? ArgumentList() : ArgumentList(SingletonSeparatedList(Argument(token.Expression.WithoutTrivia()))));
        wait = ConfigureAwaitSyntax.Rewrap(configureAwait, wait);

        return new SyntaxEdit(delayStatement,
            current => ((ExpressionStatementSyntax)current).WithExpression(AwaitExpression(wait)).WithTriviaFrom(current),
            insertBefore: loop,
            inserted: declaration);
    }

    /// <summary>A name no symbol in scope at any of <paramref name="positions"/> uses.</summary>
    private static string? FreeName(SemanticModel model, int[] positions, params string[] candidates)
        => candidates.FirstOrDefault(candidate => positions.All(position => model.LookupSymbols(position, name: candidate).IsEmpty));
}
