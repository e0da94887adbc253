using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Qwen.Analyzers.ApiModel;
using Qwen.Analyzers.Flow;

namespace Qwen.Analyzers.Rules;

/// <summary>
/// QW0016: a hand-built request that asks for a streamed answer (<c>"stream": true</c>, <c>X-DashScope-SSE: enable</c>,
/// <c>Accept: text/event-stream</c>) whose events still reach the code all at once: sent without
/// <c>HttpCompletionOption.ResponseHeadersRead</c> (HttpClient then reads the whole event stream before the send returns),
/// or read whole with <c>ReadAsStringAsync</c>. Advice that holds for any provider: reported on hosts the code does not show too.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class StreamBufferedAnalyzer : QwenDiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.QW0016_StreamBuffered);

    private protected override void Register(QwenRegistration registration)
    {
        if (registration.Api.HandBuilt.Reads)
            registration.OnCall((c, call, _) => Analyze(c, call));
    }

    private static void Analyze(OperationAnalysisContext context, CallSite call)
    {
        if (call.Http is not { IsSdk: false, StreamedByHelper: false, IsStreaming: true })
            return;
        var invocation = call.Invocation;
        // A completion option the code computes: whether the send waits for the whole body is not known here.
        if (BuffersBody(invocation) is not { } buffered)
            return;
        var read = ResponseReads.Of(invocation);
        var name = invocation.TargetMethod.Name;
        if (buffered && read.Kind is BodyRead.Stream or BodyRead.Unknown)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.QW0016_StreamBuffered, call.NameLocation, additionalLocations: null,
                new StreamBufferedFix(RewriteFor(invocation)).ToProperties(),
                call.DisplayName, $"{name} returns only after HttpClient has read the whole event stream (it is sent without HttpCompletionOption.ResponseHeadersRead)", ""));
        }
        else if (read.Kind == BodyRead.WholeIntoEvents)
        {
            // The code handles event by event, but only once the last one is in: a person could have been reading.
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.QW0016_StreamBuffered, call.NameLocation, additionalLocations: null, properties: null,
                call.DisplayName, $"its events are split out of a body read whole with {read.Method}", "; read them from ReadAsStreamAsync line by line (after a send with ResponseHeadersRead), or send it with Qwen.Latency's DashScopeHttpStreaming"));
        }
        else if (read.Kind == BodyRead.Whole)
        {
            // The code wants the whole body: the stream buys nothing here. A suggestion, not a warning.
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.QW0016_StreamBuffered, call.NameLocation, DiagnosticSeverity.Info, additionalLocations: null, properties: null,
                call.DisplayName, $"the body is read whole with {read.Method}", "; hand each piece on as it arrives, or ask for no stream if only the whole answer is needed"));
        }
    }

    /// <summary>
    /// True when the send returns only after the whole body is read: no <c>HttpCompletionOption</c> parameter (PostAsync,
    /// PostAsJsonAsync), an omitted one, or <c>ResponseContentRead</c>; false for <c>ResponseHeadersRead</c>; null when the value is not a constant.
    /// </summary>
    private static bool? BuffersBody(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Type is not INamedTypeSymbol { Name: "HttpCompletionOption", TypeKind: TypeKind.Enum })
                continue;
            if (argument.ArgumentKind == ArgumentKind.DefaultValue)
                return true;
            return ValueFlow.Unwrap(argument.Value).ConstantValue is { HasValue: true, Value: int option } ? option == 0 : null;
        }

        return true;
    }

    /// <summary>The rewrite that adds <c>ResponseHeadersRead</c> with the call's own arguments, when its shape allows one.</summary>
    private static StreamBufferedRewrite RewriteFor(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            // An explicit argument the rewrite has no place for (serializer options): no rewrite.
            if (argument.ArgumentKind == ArgumentKind.Explicit
                && argument.Parameter?.Name is not ("client" or "requestUri" or "value" or "content" or "request" or "completionOption" or "cancellationToken"))
            {
                return StreamBufferedRewrite.None;
            }
        }

        return invocation.TargetMethod.Name switch
        {
            "SendAsync" or "Send" => StreamBufferedRewrite.AddCompletionOption,
            "PostAsync" => StreamBufferedRewrite.PostAsSend,
            "PostAsJsonAsync" when invocation.TargetMethod.IsExtensionMethod || invocation.TargetMethod.ReducedFrom is not null => StreamBufferedRewrite.PostAsJsonAsSend,
            _ => StreamBufferedRewrite.None,
        };
    }
}
