using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Qwen.Analyzers.ApiModel;
using Qwen.Analyzers.Flow;

namespace Qwen.Analyzers.Rules;

/// <summary>QW0009: a loop that polls a DashScope task with a fixed (or no) delay, or with no deadline or cancellation.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TaskPollingAnalyzer : QwenDiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.QW0009_TaskPolling);

    private protected override void Register(QwenRegistration registration)
    {
        var api = registration.Api;
        // Task queries are read from request bodies: this project's, or another project's a helper of it makes.
        if (api.ReadsRequestBodies || api.Projects.Any)
            registration.OnOperation(c => Analyze(c, api), OperationKind.Loop);
    }

    private static void Analyze(OperationAnalysisContext context, QwenApi api)
    {
        var loop = (ILoopOperation)context.Operation;
        if (loop is IForEachLoopOperation)
            return;   // iterating a collection is not polling

        var own = LoopFacts.OwnOperations(loop).ToList();
        if (!TryFindTaskQuery(own, api, out var otherProject))
            return;
        var rule = Descriptors.QW0009_TaskPolling;
        var severity = OtherProjectFinding.Severity(rule, otherProject);

        var bcl = api.Bcl;
        if (own.FirstOrDefault(o => o is IInvocationOperation i && QwenApi.Is(i.TargetMethod.ContainingType, bcl.TaskPollingSchedule)) is IInvocationOperation paced)
        {
            // Already on the helper's schedule; still without a deadline when the schedule was told to have none.
            if (WithoutDeadline(paced) && !HasDeadline(loop, bcl))
                context.ReportDiagnostic(Diagnostic.Create(rule, LoopKeyword(loop.Syntax), severity, additionalLocations: null, properties: null, NoDeadline, OtherProjectFinding.Note(otherProject)));
            return;
        }

        var delays = own.OfType<IInvocationOperation>().Where(i => bcl.IsDelay(i.TargetMethod)).ToList();
        // while (await timer.WaitForNextTickAsync(ct)): a PeriodicTimer waits its fixed period between queries.
        var ticks = own.OfType<IInvocationOperation>().Where(i => i.TargetMethod.Name == "WaitForNextTickAsync" && i.TargetMethod.ContainingType?.Name == "PeriodicTimer").ToList();
        var written = LoopFacts.WrittenSymbols(loop);
        var problems = new List<string>();
        if (delays.Count == 0 && ticks.Count == 0)
            problems.Add("without any delay");
        else if (ticks.Count > 0 && delays.Count == 0)
            problems.Add("on a fixed timer period");
        else if (delays.All(d => d.Arguments.Length > 0 && IsFixed(d.Arguments[0].Value, written, bcl)))
            problems.Add("with a fixed delay");
        if (!HasDeadline(loop, bcl))
            problems.Add(NoDeadline);
        if (problems.Count == 0)
            return;

        var fix = delays.Count == 1 && ticks.Count == 0 && FixableDelay(delays[0], bcl) is { } statement
            ? new TaskPollingFix(schedule: true, hasDeadline: problems[problems.Count - 1] != NoDeadline, SubmittedKind(loop, api), statement.GetLocation(), loop.Syntax.GetLocation())
            : null;

        // The one-delay loop the fix rewrites, in a project without the schedule's package.
        var missing = bcl.TaskPollingSchedule is null && delays.Count == 1 && ticks.Count == 0 && !bcl.IsSleep(delays[0].TargetMethod) ? HelperPackage.Latency : null;
        context.ReportDiagnostic(Diagnostic.Create(rule, LoopKeyword(loop.Syntax), severity, fix?.Locations(), fix?.ToProperties() ?? FixData.Empty,
            string.Join(" and ", problems), HelperPackage.Note(missing) + OtherProjectFinding.Note(otherProject)));
    }

    /// <summary>
    /// A task query in the loop, or through a helper (<c>PollOnceAsync(taskId)</c>) that makes one; <paramref name="otherProject"/>
    /// names the project whose source showed it when only another project's helper does.
    /// </summary>
    private static bool TryFindTaskQuery(List<IOperation> own, QwenApi api, out string? otherProject)
    {
        var found = false;
        otherProject = null;
        foreach (var operation in own)
        {
            if (operation is not IInvocationOperation invocation)
                continue;
            string? project;
            if (api.TryGetCall(invocation, out var call))
            {
                if (call.Kind != CallKind.TaskQuery)
                    continue;
                project = null;
            }
            else if (api.Wrappers.Of(invocation) is { Call.Kind: CallKind.TaskQuery } wrapper)
            {
                project = wrapper.OtherProject;
            }
            else
            {
                continue;
            }

            // This project's own code shows a query: that settles it.
            otherProject = project;
            if (project is null)
                return true;
            found = true;
        }

        return found;
    }

    private const string NoDeadline = "with no deadline or cancellation";

    /// <summary><c>schedule.WaitAsync()</c> on a schedule built here with <c>Timeout = Timeout.InfiniteTimeSpan</c>.</summary>
    private static bool WithoutDeadline(IInvocationOperation wait)
    {
        if (wait.Instance is null || ValueFlow.Resolve(wait.Instance) is not IObjectCreationOperation { Arguments.Length: > 0 } schedule)
            return false;
        var options = ObjectFacts.Describe(schedule.Arguments[0].Value, _ => false);
        return options.IsKnown && options.Assigned.TryGetValue("Timeout", out var timeout)
               && ValueFlow.Unwrap(timeout) is IFieldReferenceOperation { Field: { Name: "InfiniteTimeSpan", ContainingType.Name: "Timeout" } };
    }

    /// <summary>What the method submits before polling: a video task takes minutes, an image task seconds.</summary>
    private static CallKind SubmittedKind(ILoopOperation loop, QwenApi api)
    {
        foreach (var operation in ValueFlow.GetRoot(loop).Descendants())
        {
            if (operation is IInvocationOperation invocation && api.TryGetCall(invocation, out var call) && call.Kind is CallKind.VideoGeneration or CallKind.ImageGeneration)
                return call.Kind;
        }

        return CallKind.Unknown;
    }

    /// <summary>A wait whose length cannot change between iterations: constants, and locals the loop never writes.</summary>
    private static bool IsFixed(IOperation argument, HashSet<ISymbol> written, BclTypes bcl)
    {
        foreach (var operation in argument.DescendantsAndSelf())
        {
            switch (operation)
            {
                case ILiteralOperation or IConversionOperation or IParenthesizedOperation or IBinaryOperation or IArgumentOperation:
                    continue;
                case IFieldReferenceOperation field when field.Field.IsConst || field.Field.IsReadOnly:
                    continue;
                case ILocalReferenceOperation local when !written.Contains(local.Local):
                    continue;
                case IParameterReferenceOperation parameter when !written.Contains(parameter.Parameter):
                    continue;
                case IInvocationOperation invocation when QwenApi.Is(invocation.TargetMethod.ContainingType, bcl.TimeSpan) || QwenApi.Is(invocation.TargetMethod.ContainingType, bcl.Math):
                    continue;
                case IObjectCreationOperation creation when QwenApi.Is(creation.Type, bcl.TimeSpan):
                    continue;
                default:
                    return false;   // anything computed (a random jitter, a method call) may vary
            }
        }

        return true;
    }

    /// <summary>
    /// A bound on the loop: a cancellation token, a clock (Stopwatch, DateTime.Now, Environment.TickCount) anywhere in
    /// it, or an attempt counter compared in its condition or in an <c>if</c> that leaves the loop.
    /// </summary>
    private static bool HasDeadline(ILoopOperation loop, BclTypes bcl)
    {
        foreach (var operation in loop.DescendantsAndSelf())
        {
            // A token the code holds (not default, CancellationToken.None or an optional argument left out), or a stopwatch.
            if ((QwenApi.Is(operation.Type, bcl.CancellationToken) && !operation.IsImplicit
                 && operation is ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation { Property.Name: not "None" })
                || QwenApi.Is(operation.Type, bcl.Stopwatch))
                return true;
            if (operation is IPropertyReferenceOperation property
                && (property.Property.ContainingType.Equals(bcl.DateTime, SymbolEqualityComparer.Default)
                    || QwenApi.Is(property.Property.ContainingType, bcl.DateTimeOffset)
                    || QwenApi.Is(property.Property.ContainingType, bcl.Environment))
                && property.Property.Name is "Now" or "UtcNow" or "TickCount" or "TickCount64")
            {
                return true;
            }
        }

        var condition = loop switch
        {
            IWhileLoopOperation whileLoop => whileLoop.Condition,
            IForLoopOperation forLoop => forLoop.Condition,
            _ => null,
        };
        if (condition is not null && ComparesIntegers(condition))
            return true;

        foreach (var operation in loop.Descendants())
        {
            if (operation is IConditionalOperation { WhenTrue: { } whenTrue } conditional && ComparesIntegers(conditional.Condition)
                && whenTrue.DescendantsAndSelf().Any(o => o is IBranchOperation { BranchKind: BranchKind.Break } or IReturnOperation or IThrowOperation))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ComparesIntegers(IOperation condition)
        => condition.DescendantsAndSelf().OfType<IBinaryOperation>().Any(b =>
            b.OperatorKind is BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual
            && IsIntegral(b.LeftOperand.Type) && IsIntegral(b.RightOperand.Type));

    private static bool IsIntegral(ITypeSymbol? type)
        => type?.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Int16 or SpecialType.System_UInt32 or SpecialType.System_Byte;

    /// <summary>
    /// The statement <c>await Task.Delay(x[, token])[.ConfigureAwait(…)];</c> that the fix can replace, when it is a
    /// statement of a block (so a schedule can be declared before the loop); null otherwise.
    /// </summary>
    private static SyntaxNode? FixableDelay(IInvocationOperation delay, BclTypes bcl)
    {
        if (bcl.IsSleep(delay.TargetMethod) || bcl.TaskPollingSchedule is null)
            return null;
        var statement = delay.Syntax.FirstAncestorOrSelf<ExpressionStatementSyntax>();
        if (statement?.Expression is not AwaitExpressionSyntax await)
            return null;
        return ConfigureAwaitSyntax.Split(await.Expression).Inner == delay.Syntax ? statement : null;
    }

    private static Location LoopKeyword(SyntaxNode loop) => loop switch
    {
        WhileStatementSyntax whileStatement => whileStatement.WhileKeyword.GetLocation(),
        DoStatementSyntax doStatement => doStatement.DoKeyword.GetLocation(),
        ForStatementSyntax forStatement => forStatement.ForKeyword.GetLocation(),
        _ => loop.GetLocation(),
    };
}
