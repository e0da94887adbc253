using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Qwen.Analyzers.ApiModel;
using Qwen.Analyzers.Flow;

namespace Qwen.Analyzers.Rules;

/// <summary>
/// QW0003: LLM calls awaited one after another in one block where a later call does not depend on an earlier one.
/// Reported on the later call(s) of each group; the additional locations list the group's statements in order.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SequentialAwaitsAnalyzer : QwenDiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.QW0003_SequentialAwaits);

    private protected override void Register(QwenRegistration registration)
    {
        var api = registration.Api;
        registration.OnOperation(c => Analyze(c, api), OperationKind.Block);
    }

    private static void Analyze(OperationAnalysisContext context, QwenApi api)
    {
        var block = (IBlockOperation)context.Operation;
        // Most blocks await fewer than two things: they are left before any call is looked up.
        if (!AwaitsTwice(block))
            return;
        var group = new List<AwaitedCall>();
        var between = new List<IOperation>();
        Independence? facts = null;

        foreach (var statement in block.Operations)
        {
            var call = AwaitedCall.TryRead(statement, api);
            // A conversation handed to a later call may grow while the statements between still run: keep those apart.
            if (call is not null && facts is not null && (between.Count == 0 || !PassesConversation(call, api)) && facts.IsIndependent(call))
            {
                group.Add(call);
                facts.RecordCall(call, api);
                continue;
            }

            if (call is null && facts is not null && facts.TryRecordStatement(statement))
            {
                between.Add(statement);
                continue;
            }

            if (group.Count > 0)
            {
                Report(context, api, group);
                group = new List<AwaitedCall>();
                between.Clear();
                facts = null;
            }

            if (call is not null)
            {
                group.Add(call);
                facts = new Independence(api.Sources);
                facts.RecordCall(call, api);
            }
        }

        Report(context, api, group);
    }

    /// <summary>True when at least two of the block's statements are awaits of the shape <see cref="AwaitedCall"/> reads, whatever they await.</summary>
    private static bool AwaitsTwice(IBlockOperation block)
    {
        var awaits = 0;
        foreach (var statement in block.Operations)
        {
            if (AwaitedCall.AwaitOf(statement, out _) is not null && ++awaits == 2)
                return true;
        }

        return false;
    }

    private static bool PassesConversation(AwaitedCall call, QwenApi api)
        => call.Call.Invocation.Arguments.Any(a => api.IsConversationState(a.Value.Type));

    private static void Report(OperationAnalysisContext context, QwenApi api, List<AwaitedCall> group)
    {
        if (group.Count < 2)
            return;

        var fix = new SequentialAwaitsFix(SharesOptionsUnsafely(group, api) ? "shared ChatCompletionOptions before OpenAI 2.9" : null,
            group.Select(c => c.Statement.Syntax.GetLocation()).ToArray());
        var (properties, locations) = (fix.ToProperties(), fix.Locations());
        var rule = Descriptors.QW0003_SequentialAwaits;
        string? otherProject = group[0].Call.OtherProject;
        for (var i = 1; i < group.Count; i++)
        {
            var earlier = i == 1 ? "call" : $"{i} calls";
            otherProject ??= group[i].Call.OtherProject;
            context.ReportDiagnostic(Diagnostic.Create(rule, group[i].Call.NameLocation, OtherProjectFinding.Severity(rule, otherProject), locations, properties,
                group[i].Call.DisplayName, earlier));
        }
    }

    /// <summary>
    /// Sharing one ChatCompletionOptions instance across concurrent calls corrupted it before OpenAI 2.9.0 (its
    /// changelog): no fix then.
    /// </summary>
    private static bool SharesOptionsUnsafely(List<AwaitedCall> group, QwenApi api)
    {
        if (api.OpenAI.ChatCompletionOptions?.ContainingAssembly.Identity.Version is not { } version || version >= new System.Version(2, 9, 0, 0))
            return false;
        var seen = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var call in group)
        {
            if (call.Call.Call.OptionsKind == OptionsKind.ChatCompletionOptions
                && call.Call.Call.OptionsArgument?.Value is { } options && ValueFlow.Unwrap(options) is ILocalReferenceOperation local
                && !seen.Add(local.Local))
            {
                return true;
            }
        }

        return false;
    }
}
