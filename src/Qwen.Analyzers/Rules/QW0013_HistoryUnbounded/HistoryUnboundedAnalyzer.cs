using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Qwen.Analyzers.ApiModel;
using Qwen.Analyzers.Flow;

namespace Qwen.Analyzers.Rules;

/// <summary>
/// QW0013: a message list kept across calls (a field or property that outlives one request), appended to in the method
/// that sends it whole, with nothing in its type that could bound it. Every turn makes the next request longer: more
/// prefill before the first token, more input tokens. OpenAI SDK and Microsoft.Extensions.AI message lists, Semantic
/// Kernel's <c>ChatHistory</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HistoryUnboundedAnalyzer : QwenDiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.QW0013_HistoryUnbounded);

    /// <summary>The chat calls a history is sent to (read syntactically in the rest of the type).</summary>
    private static readonly string[] ChatMethods =
    {
        "GetResponseAsync", "GetStreamingResponseAsync", "CompleteChatAsync", "CompleteChatStreamingAsync", "CompleteChat", "CompleteChatStreaming",
        "GetChatMessageContentAsync", "GetChatMessageContentsAsync", "GetStreamingChatMessageContentsAsync",
    };

    /// <summary>What appends to a history: the list's own methods, Microsoft.Extensions.AI's <c>AddMessages</c>, Semantic Kernel's <c>Add…Message</c>.</summary>
    private static readonly string[] Appends = { "Add", "AddRange", "AddMessages", "AddUserMessage", "AddAssistantMessage", "AddSystemMessage", "AddDeveloperMessage", "AddMessage" };

    private protected override void Register(QwenRegistration registration)
    {
        var api = registration.Api;
        registration.OnCall((c, call, _) => Analyze(c, call, api));
    }

    private static void Analyze(OperationAnalysisContext context, CallSite call, QwenApi api)
    {
        if (call.Surface is not (ClientSurface.OpenAI or ClientSurface.ExtensionsAI or ClientSurface.SemanticKernel))
            return;
        var argument = call.Invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name is "messages" or "chatHistory" && a.ArgumentKind == ArgumentKind.Explicit);
        if (argument is null)
            return;
        // The list itself, not a window of it (history.TakeLast(10), a copy, a helper's result).
        ISymbol? member = ValueFlow.Unwrap(argument.Value) switch
        {
            IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field => field.Field,
            IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation, Property.Parameters.IsEmpty: true } property => property.Property,
            _ => null,
        };
        if (member is null || member.ContainingType is not { } type || !IsList(member) || !LivesAcrossCalls(member, type, api))
            return;
        if (!AppendedIn(ValueFlow.GetRoot(call.Invocation), member))
            return;
        if (MayBeBounded(member, type, context.CancellationToken))
            return;

        context.ReportDiagnostic(Diagnostic.Create(Descriptors.QW0013_HistoryUnbounded, argument.Syntax.GetLocation(),
            new HistoryUnboundedFix(call.Surface).ToProperties(), member.Name, call.DisplayName));
    }

    /// <summary><c>List&lt;ChatMessage&gt;</c> (OpenAI's or Microsoft.Extensions.AI's), Semantic Kernel's <c>ChatHistory</c>: a list the code adds to.</summary>
    private static bool IsList(ISymbol member)
        => ((member as IFieldSymbol)?.Type ?? (member as IPropertySymbol)?.Type) switch
        {
            INamedTypeSymbol { Name: "List", TypeArguments.Length: 1 } list => list.TypeArguments[0] is INamedTypeSymbol { Name: "ChatMessage" } message
                                                                            && message.ContainingNamespace?.ToDisplayString() is "OpenAI.Chat" or "Microsoft.Extensions.AI",
            INamedTypeSymbol { Name: "ChatHistory" } history => history.ContainingNamespace?.ToDisplayString() == "Microsoft.SemanticKernel.ChatCompletion",
            _ => false,
        };

    /// <summary>
    /// A static member; a Blazor component's (one per person's session); a singleton service's. Not a controller's, a
    /// hub's, a page model's or a scoped or transient service's (built per request: the list starts empty each time). In
    /// a web app, a type whose lifetime the code does not show is unknown; elsewhere (a desktop or console app) an object
    /// that keeps a list it appends to is taken to keep it.
    /// </summary>
    private static bool LivesAcrossCalls(ISymbol member, INamedTypeSymbol type, QwenApi api)
    {
        if (member.IsStatic || ServiceRegistrations.IsComponent(type))
            return true;
        if (api.Services.IsBuiltPerRequest(type))
            return false;
        return api.Services.IsSingleton(type) || !api.Interactive.HasWebFramework;
    }

    /// <summary><c>history.Add(…)</c> / <c>AddRange(…)</c> / <c>AddMessages(response)</c> in the method that sends it.</summary>
    private static bool AppendedIn(IOperation root, ISymbol member)
    {
        foreach (var operation in root.Descendants())
        {
            if (operation is IInvocationOperation add && Array.IndexOf(Appends, add.TargetMethod.Name) >= 0
                && (add.Instance ?? (add.TargetMethod.IsExtensionMethod && add.Arguments.Length > 0 ? add.Arguments[0].Value : null)) is { } list
                && SymbolEqualityComparer.Default.Equals(ValueFlow.Symbol(list), member))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Anything in the type's source that could keep the list short: a removal, a reassignment outside its declaration,
    /// or the list handed to anything but an Add or a chat call (a trimming helper, a reducer, a copy that replaces it).
    /// Read from syntax, by name: a use the rule does not recognise counts as a possible bound, so it stays silent.
    /// </summary>
    private static bool MayBeBounded(ISymbol member, INamedTypeSymbol type, System.Threading.CancellationToken cancellationToken)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            foreach (var identifier in reference.GetSyntax(cancellationToken).DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (identifier.Identifier.ValueText != member.Name)
                    continue;
                SyntaxNode use = identifier.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } self && self.Name == identifier ? self : identifier;
                if (!IsHarmless(use))
                    return true;
            }
        }

        return false;
    }

    private static bool IsHarmless(SyntaxNode use)
    {
        switch (use.Parent)
        {
            // history.Add(…), history.AddRange(…), history.AddMessages(response), history.Count, history[i], foreach (var m in history)
            case MemberAccessExpressionSyntax access when access.Expression == use:
                return Array.IndexOf(Appends, access.Name.Identifier.ValueText) >= 0
                       || access.Name.Identifier.ValueText is "Count" or "Any" or "Last" or "LastOrDefault" or "First" or "FirstOrDefault";
            case ElementAccessExpressionSyntax element when element.Expression == use:
                return element.Parent is not AssignmentExpressionSyntax assignment || assignment.Left != element;
            case ForEachStatementSyntax loop when loop.Expression == use:
                return true;
            // Sent to a chat call as the messages.
            case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } }:
                return (call.Expression as MemberAccessExpressionSyntax)?.Name.Identifier.ValueText is { } name && Array.IndexOf(ChatMethods, name) >= 0;
            // Its own declaration: private readonly List<ChatMessage> _history = new() { … };
            case VariableDeclaratorSyntax:
                return true;
            // Handed out read-only for display: public IReadOnlyList<ChatMessage> Transcript => _history;
            case ArrowExpressionClauseSyntax { Parent: PropertyDeclarationSyntax { Type: GenericNameSyntax { Identifier.ValueText: "IReadOnlyList" or "IReadOnlyCollection" or "IEnumerable" } } }:
                return true;
            default:
                return false;
        }
    }
}
