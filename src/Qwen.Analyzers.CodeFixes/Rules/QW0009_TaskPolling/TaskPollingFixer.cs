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
/// waits 3 s, 4.5 s, 6.75 s … (capped, jittered). The first action adds no deadline (<c>Timeout.InfiniteTimeSpan</c>):
/// the loop stops when it stopped before, so merging it unread changes only the pacing. Where the loop had no deadline,
/// a second action also gives up after 2 minutes (an image task) or 10 minutes (a video task, or one whose kind the
/// method does not show: videos take 1–5 minutes to render).
/// Offered only when the project references Qwen.Latency and the loop has exactly one awaited Task.Delay statement.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(TaskPollingFixer)), Shared]
public sealed class TaskPollingFixer : DocumentEditFixer
{
    private const string ScheduleType = "Qwen.Latency.TaskPollingSchedule";
    private const string OptionsType = "Qwen.Latency.TaskPollingOptions";
    private const string DeadlineKey = RuleIds.TaskPolling + ".Deadline";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.TaskPolling);

    private protected override string Title(Diagnostic diagnostic) => TaskPollingFix.Read(diagnostic)?.HasDeadline != false
        ? "Wait on a TaskPollingSchedule (exponential backoff from 3 s; the loop's own deadline stays)"
        : "Wait on a TaskPollingSchedule (exponential backoff from 3 s; still no deadline)";

    private protected override string EquivalenceKey(Diagnostic diagnostic) => RuleIds.TaskPolling;

    private protected override SyntaxEdit? Plan(SyntaxNode root, SemanticModel model, SyntaxGenerator generator, Diagnostic diagnostic, CancellationToken cancellationToken)
        => PlanSchedule(root, model, generator, diagnostic, deadlineMinutes: null, cancellationToken);

    private protected override (string Title, string EquivalenceKey, SyntaxEdit Edit)? PlanAlternative(SyntaxNode root, SemanticModel model, SyntaxGenerator generator, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (TaskPollingFix.Read(diagnostic) is not { } fix || fix.HasDeadline || PlanSchedule(root, model, generator, diagnostic, fix.DeadlineMinutes, cancellationToken) is not { } edit)
            return null;
        var task = fix.Submitted switch { CallKind.ImageGeneration => "an image task", CallKind.VideoGeneration => "a video task", _ => "a task that may be a video" };
        return ($"Wait on a TaskPollingSchedule and give up after {fix.DeadlineMinutes} minutes ({task}; TimeoutException)", DeadlineKey, edit);
    }

    private static SyntaxEdit? PlanSchedule(SyntaxNode root, SemanticModel model, SyntaxGenerator generator, Diagnostic diagnostic, int? deadlineMinutes, CancellationToken cancellationToken)
    {
        if (TaskPollingFix.Read(diagnostic) is not { } fix
            || TypeLookup.Named(model.Compilation, ScheduleType) is not { } scheduleType
            || TypeLookup.Named(model.Compilation, OptionsType) is not { } optionsType
            || TypeLookup.Named(model.Compilation, "System.Threading.Timeout") is not { } timeoutType
            || TypeLookup.Named(model.Compilation, "System.TimeSpan") is not { } timeSpanType)
        {
            return null;
        }

        var delayStatement = root.FindNode(fix.Delay.SourceSpan) as ExpressionStatementSyntax;
        var loop = root.FindNode(fix.Loop.SourceSpan, getInnermostNodeForTie: true) as StatementSyntax;
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

        // new TaskPollingSchedule(new TaskPollingOptions { Timeout = Timeout.InfiniteTimeSpan | TimeSpan.FromMinutes(n) })
        ExpressionSyntax timeout = deadlineMinutes is { } minutes
            ? InvocationExpression(MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, TypeReference(generator, timeSpanType), IdentifierName("FromMinutes")),
                ArgumentList(SingletonSeparatedList(Argument(LiteralExpression(SyntaxKind.NumericLiteralExpression, Literal(minutes))))))
            : MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, TypeReference(generator, timeoutType), IdentifierName("InfiniteTimeSpan"));
        var options = ObjectCreationExpression(TypeReference(generator, optionsType))
            .WithInitializer(InitializerExpression(SyntaxKind.ObjectInitializerExpression, SingletonSeparatedList<ExpressionSyntax>(
                AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, IdentifierName("Timeout"), timeout))));
        var declaration = LocalDeclarationStatement(VariableDeclaration(IdentifierName("var"), SingletonSeparatedList(
            VariableDeclarator(name).WithInitializer(EqualsValueClause(ObjectCreationExpression(TypeReference(generator, scheduleType))
                .WithArgumentList(ArgumentList(SingletonSeparatedList(Argument(options)))))))));

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
