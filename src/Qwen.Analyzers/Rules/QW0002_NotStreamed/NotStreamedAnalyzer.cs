using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Qwen.Analyzers.ApiModel;
using Qwen.Analyzers.Flow;

namespace Qwen.Analyzers.Rules;

/// <summary>
/// QW0002: a non-streamed chat call. A warning where a person waits for it (see <see cref="InteractiveSurfaces"/>),
/// an IDE suggestion (Info) elsewhere, so batch jobs never get a build warning.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NotStreamedAnalyzer : QwenDiagnosticAnalyzer
{
    /// <summary>At or under this cap the whole answer arrives about as fast as its first token: streaming buys nothing.</summary>
    public const int SmallCap = 64;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.QW0002_NotStreamed);

    private protected override void Register(QwenRegistration registration)
    {
        var api = registration.Api;
        registration.OnCall((c, call, options) => Analyze(c, call, api, options));
    }

    private static void Analyze(OperationAnalysisContext context, CallSite call, QwenApi api, Options.QwenOptions options)
    {
        if (call.IsStreaming)
            return;
        var invocation = call.Invocation;
        // A body that cannot be read may stream: nothing is known, so nothing is said.
        if (call.Http is { Body: null })
            return;
        // Structured output (GetResponseAsync<T>, InvokePromptAsync<T>) is parsed whole: nobody reads it token by token.
        if (call.Http is null && (invocation.TargetMethod.IsGenericMethod || QwenApi.Is(invocation.TargetMethod.ContainingType, api.ExtensionsAI.StructuredOutput)))
            return;
        if (call.Cap is { State: CapState.Capped, Tokens: <= SmallCap })
            return;
        // A prompt that asks for a label or a single word: as short as a small cap makes it, written yet or not.
        if (call.Intent is { Kind: IntentKind.Short, Tokens: <= SmallCap })
            return;
        // The non-streamed branch of a choice whose other branch streams (a proxy honouring its client's stream: false).
        if (IsTheNonStreamedBranch(call.Invocation, api))
            return;
        // Code that is itself a client (an IChatClient forwarding to an inner one): its caller chooses.
        if (context.ContainingSymbol is IMethodSymbol member && api.IsClientMethod(member))
            return;
        // An answer that is only parsed or fed into another model call is read whole: streaming it helps nobody.
        if (call.Answer == AnswerFate.Consumed)
            return;

        var surface = api.Interactive.Reach(invocation, context.ContainingSymbol);
        // A library method beside its streaming twin, with no one waiting on it here: its caller chooses.
        if (surface is null && context.ContainingSymbol is IMethodSymbol libraryMethod && HasStreamingTwin(libraryMethod))
            return;
        var rewrite = RewriteFor(call, api);
        var forwardable = surface is { Kind: SurfaceKind.MinimalApi or SurfaceKind.BlazorComponent or SurfaceKind.SignalRHub, ReachedThroughCalls: false } && call.Surface is ClientSurface.OpenAI or ClientSurface.ExtensionsAI;
        var fix = new NotStreamedFix(rewrite,
            forwardable ? call.Surface : null,
            forwardable ? surface!.Kind : null,
            rewrite is null or StreamingRewrite.DashScopeHttp or StreamingRewrite.AgentFramework ? null : call.Retries,
            api.Bcl.ChatClientStreaming is not null,
            options.ForwardStreams);
        var where = surface?.InMessage ?? "";
        var note = fix.Rewrite is null ? HelperPackage.Note(MissingHelper(call, api)) : "";
        context.ReportDiagnostic(surface is null
            ? Diagnostic.Create(Descriptors.QW0002_NotStreamed, call.NameLocation, DiagnosticSeverity.Info, additionalLocations: null, fix.ToProperties(), call.DisplayName, where, note)
            : Diagnostic.Create(Descriptors.QW0002_NotStreamed, call.NameLocation, additionalLocations: null, fix.ToProperties(), call.DisplayName, where, note));
    }

    /// <summary>
    /// <c>if (request.Stream) … streamed … else … non-streamed …</c> (or <c>?:</c>, or the streamed branch returning
    /// early): the code chose per request, and the non-streamed branch is the choice its caller asked for.
    /// </summary>
    private static bool IsTheNonStreamedBranch(IInvocationOperation invocation, QwenApi api)
    {
        IOperation current = invocation;
        for (var parent = current.Parent; parent is not null and not IAnonymousFunctionOperation and not ILocalFunctionOperation; current = parent, parent = parent.Parent)
        {
            if (parent is IConditionalOperation conditional
                && (conditional.WhenTrue == current ? conditional.WhenFalse : conditional.WhenTrue) is { } other && StreamsAChat(other, api))
            {
                return true;
            }

            if (parent is IBlockOperation block)
            {
                var index = block.Operations.IndexOf(current);
                for (var i = 0; i < index; i++)
                {
                    if (block.Operations[i] is IConditionalOperation { WhenFalse: null, WhenTrue: var early } && EndsInReturn(early) && StreamsAChat(early, api))
                        return true;
                }
            }
        }

        return false;
    }

    private static bool EndsInReturn(IOperation branch)
        => branch is IReturnOperation || branch is IBlockOperation { Operations.Length: > 0 } block && block.Operations[block.Operations.Length - 1] is IReturnOperation;

    private static bool StreamsAChat(IOperation branch, QwenApi api)
    {
        foreach (var operation in branch.DescendantsAndSelf())
        {
            if (operation is IInvocationOperation candidate && api.TryGetCall(candidate, out var other) && other.IsStreaming && other.Kind == CallKind.Chat)
                return true;
        }

        return false;
    }

    /// <summary>A public method of a type that also offers a public streaming method (<c>ChatAsync</c> beside <c>ChatStreamingAsync</c>).</summary>
    private static bool HasStreamingTwin(IMethodSymbol method)
    {
        if (method.DeclaredAccessibility != Accessibility.Public || method.ContainingType is not { } type)
            return false;
        foreach (var other in type.GetMembers())
        {
            if (other is IMethodSymbol { DeclaredAccessibility: Accessibility.Public } twin && !SymbolEqualityComparer.Default.Equals(twin, method)
                && twin.Name.IndexOf("Stream", System.StringComparison.Ordinal) >= 0
                && twin.ReturnType is INamedTypeSymbol { Name: "IAsyncEnumerable" or "AsyncCollectionResult" or "IEnumerable" })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Inside a <c>try</c> whose <c>catch</c> picks exceptions by type or filter (anything but <c>Exception</c> and
    /// cancellation): a different exception type on failure would slip past it.
    /// </summary>
    private static bool InsideNarrowCatch(SyntaxNode node)
    {
        for (var child = node; child.Parent is { } parent; child = parent)
        {
            if (parent is not TryStatementSyntax tryStatement || child != tryStatement.Block)
                continue;
            foreach (var clause in tryStatement.Catches)
            {
                if (clause.Filter is not null)
                    return true;
                var type = clause.Declaration?.Type is QualifiedNameSyntax qualified ? qualified.Right.Identifier.ValueText
                    : (clause.Declaration?.Type as IdentifierNameSyntax)?.Identifier.ValueText;
                if (clause.Declaration is not null && type is not ("Exception" or "OperationCanceledException" or "TaskCanceledException"))
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The helper package whose absence alone keeps a rewrite from being offered: the rewrite that would be offered if
    /// every helper were referenced, and the package that rewrite calls.
    /// </summary>
    private static string? MissingHelper(CallSite call, QwenApi api)
        => RewriteFor(call, api, assumeHelpers: true) switch
        {
            StreamingRewrite.OpenAI => HelperPackage.OpenAI,
            StreamingRewrite.SemanticKernel or StreamingRewrite.KernelPrompt or StreamingRewrite.KernelFunction => HelperPackage.SemanticKernel,
            StreamingRewrite.DashScopeHttp => HelperPackage.Latency,
            _ => null,   // Microsoft.Extensions.AI and Agent Framework stream with their own extensions
        };

    /// <summary>Which streaming rewrite keeps behaviour here, if any (the fixer re-checks the syntax).</summary>
    private static StreamingRewrite? RewriteFor(CallSite call, QwenApi api, bool assumeHelpers = false)
    {
        var method = call.Invocation.TargetMethod;
        if (call.IsSynchronous)
            return null;
        switch (call.Surface)
        {
            // ToChatResponseAsync raises what the inner client's stream raises: a connection lost mid-answer is an
            // IOException there but the client's own exception (ClientResultException, HttpRequestException) unstreamed.
            case ClientSurface.ExtensionsAI when method.Name == "GetResponseAsync" && !InsideNarrowCatch(call.Invocation.Syntax):
                return StreamingRewrite.ExtensionsAI;
            // The agent's updates come from its chat client's stream: the same exception caveat as above.
            case ClientSurface.AgentFramework when method.Name == "RunAsync" && !method.IsGenericMethod && !InsideNarrowCatch(call.Invocation.Syntax):
                return StreamingRewrite.AgentFramework;
            case ClientSurface.OpenAI when method.Name == "CompleteChatAsync"
                                           && (assumeHelpers || api.Bcl.OpenAIStreaming is not null)
                                           && ResultUses.AllRewritable(call, ResultUses.OpenAIMembers):
                return StreamingRewrite.OpenAI;
            case ClientSurface.SemanticKernel when method.Name == "GetChatMessageContentAsync"
                                                   && (assumeHelpers || api.Bcl.SemanticKernelStreaming is not null)
                                                   && ResultUses.AllRewritable(call, ResultUses.SemanticKernelMembers):
                return StreamingRewrite.SemanticKernel;
            // InvokeStreamingAsync takes exactly the parameters of InvokeAsync (on the kernel and on the function).
            case ClientSurface.SemanticKernel when call.PromptFunction is not null && method.Name == "InvokeAsync" && !method.IsGenericMethod
                                                   && (assumeHelpers || api.Bcl.SemanticKernelStreaming is not null)
                                                   && ResultUses.AllRewritable(call, ResultUses.KernelPromptMembers):
                return StreamingRewrite.KernelFunction;
            // InvokePromptStreamingAsync takes exactly the parameters of InvokePromptAsync; the generic form is structured output.
            case ClientSurface.SemanticKernel when method.Name == "InvokePromptAsync" && !method.IsGenericMethod
                                                   && (assumeHelpers || api.Bcl.SemanticKernelStreaming is not null)
                                                   && ResultUses.AllRewritable(call, ResultUses.KernelPromptMembers):
                return StreamingRewrite.KernelPrompt;
            case ClientSurface.DashScopeHttp when (assumeHelpers || api.Http?.StreamingHelper is not null) && HandBuiltSendKeepsItsShape(call):
                return StreamingRewrite.DashScopeHttp;
            default:
                return null;
        }
    }

    /// <summary>
    /// <c>PostAsJsonAsync(uri, value[, ct])</c>, <c>PostAsync(uri, content[, ct])</c>, <c>SendAsync(request[, ct])</c>: the
    /// forms the streaming helper takes with the same arguments (no serializer options, no completion option).
    /// </summary>
    private static bool HandBuiltSendKeepsItsShape(CallSite call)
    {
        var method = call.Invocation.TargetMethod;
        if (method.Name is not ("PostAsJsonAsync" or "PostAsync" or "SendAsync"))
            return false;
        foreach (var argument in call.Invocation.Arguments)
        {
            // Defaults (an omitted options = null) are fine; an explicit one the helper has no place for is not.
            if (argument.ArgumentKind == ArgumentKind.Explicit
                && argument.Parameter?.Name is not ("client" or "requestUri" or "value" or "content" or "request" or "cancellationToken"))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>
/// The result of <c>var x = await call;</c> used only in ways a streaming aggregate can answer:
/// <c>x.Content[0].Text</c> / <c>x.FinishReason</c> / <c>x.Usage</c> (OpenAI, through <c>.Value</c> too), <c>x.Content</c> (SK),
/// <c>x.GetValue&lt;string&gt;()</c> / <c>x.ToString()</c> (SK <c>FunctionResult</c>).
/// </summary>
internal static class ResultUses
{
    public static readonly string[] OpenAIMembers = { "Content[0].Text", "FinishReason", "Usage" };
    public static readonly string[] SemanticKernelMembers = { "Content" };
    public static readonly string[] KernelPromptMembers = { "GetValue<string>()", "ToString()" };

    public static bool AllRewritable(CallSite call, string[] members)
    {
        if (Declaration(call) is not { } local)
            return false;
        var root = ValueFlow.GetRoot(call.Invocation);
        var references = ValueFlow.References(local, root);
        return references.Count > 0 && references.All(r => IsRewritable(r, members));
    }

    /// <summary>The local of <c>var x = await call[.ConfigureAwait(c)];</c> / <c>T x = …</c>; null for any other shape.</summary>
    public static ILocalSymbol? Declaration(CallSite call)
    {
        if (Awaits.WithConfigureAwait(call.Invocation).Parent is not IAwaitOperation await)
            return null;
        IOperation value = await;
        while (value.Parent is IConversionOperation conversion)
            value = conversion;
        return value.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }
               && declarator.Parent is IVariableDeclarationOperation { Declarators.Length: 1, Parent: IVariableDeclarationGroupOperation }
            ? declarator.Symbol
            : null;
    }

    private static bool IsRewritable(ILocalReferenceOperation reference, string[] members)
    {
        if (ValueFlow.IsWrite(reference))
            return false;
        IOperation current = reference;
        // ClientResult<ChatCompletion>.Value: look through it.
        if (current.Parent is IPropertyReferenceOperation { Property.Name: "Value" } value && value.Instance == current && members == OpenAIMembers)
            current = value;
        // FunctionResult.GetValue<string>() / ToString(): the prompt's text, which the collected stream holds.
        if (members == KernelPromptMembers)
        {
            return current.Parent is IInvocationOperation { Arguments.Length: 0 } read && read.Instance == current
                   && (read.TargetMethod is { Name: "GetValue", TypeArguments.Length: 1 } getValue && getValue.TypeArguments[0].SpecialType == SpecialType.System_String
                       || read.TargetMethod.Name == "ToString");
        }

        if (current.Parent is not IPropertyReferenceOperation property || property.Instance != current)
            return false;
        if (property.Property.Name == "Content" && members == OpenAIMembers)
        {
            // Content[0].Text
            return property.Parent is IPropertyReferenceOperation { Property.IsIndexer: true } indexer
                   && indexer.Arguments.Length == 1 && indexer.Arguments[0].Value.ConstantValue.Value is 0
                   && indexer.Parent is IPropertyReferenceOperation { Property.Name: "Text" } text && text.Instance == indexer
                   && !IsAssigned(text);
        }

        return members.Contains(property.Property.Name) && !IsAssigned(property);
    }

    private static bool IsAssigned(IOperation operation) => operation.Parent is IAssignmentOperation assignment && assignment.Target == operation;
}
