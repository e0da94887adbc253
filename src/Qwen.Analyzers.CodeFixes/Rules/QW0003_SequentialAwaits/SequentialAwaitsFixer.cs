using System.Collections.Generic;
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
using Qwen.Analyzers.ApiModel;
using Qwen.Analyzers.Rules;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Qwen.Analyzers.CodeFixes;

/// <summary>
/// QW0003: starts every call of the group, awaits them together with <c>Task.WhenAll</c>, then reads each result
/// where it was read before. Names, declared types, <c>ConfigureAwait</c> and cancellation tokens are kept; the
/// statements between the calls stay where they were. BCL only.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SequentialAwaitsFixer)), Shared]
public sealed class SequentialAwaitsFixer : DocumentEditFixer
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.SequentialAwaits);

    private protected override string Title(Diagnostic diagnostic) => "Start the calls together and await Task.WhenAll";

    private protected override string EquivalenceKey(Diagnostic diagnostic) => RuleIds.SequentialAwaits;

    private protected override SyntaxEdit? Plan(SyntaxNode root, SemanticModel model, SyntaxGenerator generator, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var fix = SequentialAwaitsFix.Read(diagnostic);
        if (fix.NoFixReason is not null || fix.Statements.Count < 2
            || TypeLookup.Named(model.Compilation, "System.Threading.Tasks.Task") is not { } taskType)
        {
            return null;
        }

        var members = new List<Member>();
        foreach (var location in fix.Statements)
        {
            if (root.FindNode(location.SourceSpan, getInnermostNodeForTie: true) is not StatementSyntax statement || Member.TryRead(statement) is not { } member)
                return null;
            members.Add(member);
        }

        // Task names: "{result}Task", or task1, task2 … for discarded results; never one already in scope.
        var taken = new HashSet<string>();
        foreach (var member in members)
        {
            var baseName = member.ResultName is { } result ? result + "Task" : "task";
            var name = baseName;
            for (var n = member.ResultName is null ? 1 : 2; taken.Contains(name) || !IsFree(model, members, name); n++)
                name = baseName + n;
            taken.Add(name);
            member.TaskName = name;
        }

        var first = members[0].Statement;
        var allConfigured = members.All(m => m.ConfigureAwait is not null);
        var configureFalse = allConfigured && members.All(m => ConfigureAwaitSyntax.IsFalse(m.ConfigureAwait));

        var inserted = new List<SyntaxNode>();
        foreach (var member in members)
        {
            inserted.Add(LocalDeclarationStatement(VariableDeclaration(IdentifierName("var"), SingletonSeparatedList(
                VariableDeclarator(member.TaskName!).WithInitializer(EqualsValueClause(member.Call.WithoutTrivia()))))));
        }

        ExpressionSyntax whenAll = InvocationExpression(
            MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, TypeReference(generator, taskType), IdentifierName("WhenAll")),
            ArgumentList(SeparatedList(members.Select(m => Argument(IdentifierName(m.TaskName!))))));
        if (configureFalse)
            whenAll = ConfigureAwaitSyntax.False(whenAll);
        inserted.Add(ExpressionStatement(AwaitExpression(whenAll)));

        // The starts take the first call's leading lines (a comment, a blank line above it stays above the group).
        var leading = first.GetLeadingTrivia();
        inserted[0] = inserted[0].WithLeadingTrivia(leading);
        return new SyntaxEdit(first, editor =>
        {
            editor.InsertBefore(first, inserted.Select(s => s.WithAdditionalAnnotations(Formatter.Annotation, LongLines.Rewritten)));
            foreach (var member in members)
            {
                var awaiting = member.AwaitingTask();
                if (member.Statement == first)
                    awaiting = awaiting.WithLeadingTrivia(Indentation(leading));
                editor.ReplaceNode(member.Statement, awaiting.WithAdditionalAnnotations(Formatter.Annotation, LongLines.Rewritten));
            }
        });
    }

    private static bool IsFree(SemanticModel model, List<Member> members, string name)
        => members.All(m => model.LookupSymbols(m.Statement.SpanStart, name: name).IsEmpty);

    /// <summary>One call statement of the group, in its three shapes.</summary>
    private sealed class Member
    {
        private Member(StatementSyntax statement, AwaitExpressionSyntax await, ExpressionSyntax call, InvocationExpressionSyntax? configureAwait, string? resultName)
        {
            Statement = statement;
            Await = await;
            Call = call;
            ConfigureAwait = configureAwait;
            ResultName = resultName;
        }

        public StatementSyntax Statement { get; }
        public AwaitExpressionSyntax Await { get; }
        public ExpressionSyntax Call { get; }
        public InvocationExpressionSyntax? ConfigureAwait { get; }
        public string? ResultName { get; }
        public string? TaskName { get; set; }

        public static Member? TryRead(StatementSyntax statement)
        {
            ExpressionSyntax? value;
            string? result = null;
            switch (statement)
            {
                case LocalDeclarationStatementSyntax { Declaration.Variables.Count: 1 } declaration:
                    value = declaration.Declaration.Variables[0].Initializer?.Value;
                    result = declaration.Declaration.Variables[0].Identifier.ValueText;
                    break;
                case ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { Left: IdentifierNameSyntax target } assignment }:
                    value = assignment.Right;
                    result = target.Identifier.ValueText;
                    break;
                case ExpressionStatementSyntax expression:
                    value = expression.Expression;
                    break;
                default:
                    return null;
            }

            while (value is ParenthesizedExpressionSyntax parenthesized)
                value = parenthesized.Expression;
            if (value is not AwaitExpressionSyntax await)
                return null;
            var (call, configureAwait) = ConfigureAwaitSyntax.Split(await.Expression);

            return new Member(statement, await, call, configureAwait, result);
        }

        /// <summary>The statement with <c>await call</c> replaced by <c>await {task}</c> (keeping ConfigureAwait).</summary>
        public StatementSyntax AwaitingTask()
        {
            var task = ConfigureAwaitSyntax.Rewrap(ConfigureAwait, IdentifierName(TaskName!));
            return Statement.ReplaceNode(Await, Await.WithExpression(task.WithTriviaFrom(Await.Expression)));
        }
    }
}
