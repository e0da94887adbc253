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
        // The list itself, not a window of it (history.TakeLast(10), a copy, a helper's result): a member, or a local
        // holding one session's list from a member dictionary (sessions.GetOrAdd(id, …), sessions[id]).
        var sent = ValueFlow.Unwrap(argument.Value);
        ISymbol? member = MemberOf(sent);
        ISymbol? list = member;
        ISymbol? sessions = null;
        if (member is null && sent is ILocalReferenceOperation local && SessionEntry(local, out var dictionary))
        {
            sessions = dictionary;
            list = local.Local;
        }

        var owner = (member ?? sessions)?.ContainingType;
        if (list is null || owner is null || !(sessions is null ? IsList(member!) : IsSessionDictionary(sessions)) || !LivesAcrossCalls(member ?? sessions!, owner, api))
            return;
        var root = ValueFlow.GetRoot(call.Invocation);
        var appended = AppendsIn(root, list);
        if (appended == 0)
            return;
        // A session's list is read in its method; the dictionary in the whole type (an evicted session may bound it).
        var trimming = sessions is null
            ? Trimming.Read(list.Name, owner.DeclaringSyntaxReferences.Select(r => r.GetSyntax(context.CancellationToken)), context.CancellationToken)
            : Trimming.Read(list.Name, new[] { root.Syntax }, context.CancellationToken);
        if (sessions is not null && !Trimming.Read(sessions.Name, owner.DeclaringSyntaxReferences.Select(r => r.GetSyntax(context.CancellationToken)), context.CancellationToken, sessionDictionary: true).IsEmpty)
            return;
        string growth;
        if (trimming.Unknown)
            return;
        if (trimming.DropsSystemPrompt)
            growth = "but its trimming drops the system prompt first, so the prefix the context cache reuses changes every turn";
        else if (trimming.RemovedPerCall == 0)
            growth = "and grows on every call";
        else if (trimming.RemovedPerCall < appended)
            growth = $"and its trimming removes {trimming.RemovedPerCall} message(s) per call while {appended} are added, so it still grows";
        else
            return;

        // A history that loses its system prompt needs its trimming changed, not a window on top: no fix there.
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.QW0013_HistoryUnbounded, argument.Syntax.GetLocation(),
            trimming.DropsSystemPrompt ? null : new HistoryUnboundedFix(call.Surface).ToProperties(),
            sessions is null ? list.Name : sessions.Name + "[…]", call.DisplayName, growth));
    }

    private static ISymbol? MemberOf(IOperation value) => value switch
    {
        IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field => field.Field,
        IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation, Property.Parameters.IsEmpty: true } property => property.Property,
        _ => null,
    };

    /// <summary><c>var history = sessions.GetOrAdd(id, …);</c> or <c>var history = sessions[id];</c>, <c>sessions</c> a member.</summary>
    private static bool SessionEntry(ILocalReferenceOperation local, out ISymbol dictionary)
    {
        dictionary = null!;
        if (local.Local.DeclaringSyntaxReferences.Length != 1
            || local.SemanticModel?.GetOperation(local.Local.DeclaringSyntaxReferences[0].GetSyntax()) is not IVariableDeclaratorOperation { Initializer.Value: { } initial })
        {
            return false;
        }

        var source = ValueFlow.Unwrap(initial) switch
        {
            IInvocationOperation { TargetMethod.Name: "GetOrAdd", Instance: { } instance } => instance,
            IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } instance } => instance,
            _ => null,
        };
        if (source is null || MemberOf(ValueFlow.Unwrap(source)) is not { } member)
            return false;
        dictionary = member;
        return true;
    }

    /// <summary>A dictionary (concurrent or not) whose values are message lists or chat histories.</summary>
    private static bool IsSessionDictionary(ISymbol member)
        => TypeOf(member) is INamedTypeSymbol { Name: "Dictionary" or "ConcurrentDictionary" or "IDictionary", TypeArguments.Length: 2 } dictionary
           && IsHistory(dictionary.TypeArguments[1]);

    /// <summary><c>List&lt;ChatMessage&gt;</c> (OpenAI's or Microsoft.Extensions.AI's), Semantic Kernel's <c>ChatHistory</c>: a list the code adds to.</summary>
    private static bool IsList(ISymbol member) => IsHistory(TypeOf(member));

    private static ITypeSymbol? TypeOf(ISymbol member) => (member as IFieldSymbol)?.Type ?? (member as IPropertySymbol)?.Type;

    private static bool IsHistory(ITypeSymbol? type) => type switch
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
        if (member.IsStatic || api.Interactive.IsComponent(type))
            return true;
        if (api.Services.IsBuiltPerRequest(type))
            return false;
        return api.Services.IsSingleton(type) || !api.Interactive.HasWebFramework;
    }

    /// <summary>How many appends (<c>Add</c>, <c>AddRange</c>, <c>AddMessages</c>, <c>Add…Message</c>) the method that sends the list makes to it.</summary>
    private static int AppendsIn(IOperation root, ISymbol member)
    {
        var count = 0;
        foreach (var operation in root.Descendants())
        {
            if (operation is IInvocationOperation add && Array.IndexOf(Appends, add.TargetMethod.Name) >= 0
                && (add.Instance ?? (add.TargetMethod.IsExtensionMethod && add.Arguments.Length > 0 ? add.Arguments[0].Value : null)) is { } list
                && SymbolEqualityComparer.Default.Equals(ValueFlow.Symbol(list), member))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// What the type's source does to keep the list short, read from syntax, by name. Removals the rule can count
    /// (<c>RemoveAt(k)</c>, <c>RemoveRange(k, n)</c>, <c>Remove(list[k])</c>, with constants, outside any loop) are added up
    /// as if each ran once per call; anything else — <c>Clear</c>, a loop, a computed count, a reassignment, the list
    /// handed to a method that is neither an append nor a chat call (a trimming helper, a reducer) — makes the trimming
    /// unknown, and the rule silent.
    /// </summary>
    private sealed class Trimming
    {
        public bool Unknown { get; private set; }
        public int RemovedPerCall { get; private set; }
        public bool DropsSystemPrompt { get; private set; }

        /// <summary>Nothing but harmless uses: no removal, nothing unknown.</summary>
        public bool IsEmpty => !Unknown && RemovedPerCall == 0;

        /// <param name="sessionDictionary">Reading a dictionary of sessions: its lookups are harmless, anything else unknown.</param>
        public static Trimming Read(string name, System.Collections.Generic.IEnumerable<SyntaxNode> scopes, System.Threading.CancellationToken cancellationToken, bool sessionDictionary = false)
        {
            var trimming = new Trimming();
            var removesFront = false;
            var startsWithSystem = false;
            foreach (var declaration in scopes)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var declarator in declaration.DescendantNodes().OfType<VariableDeclaratorSyntax>())
                {
                    if (declarator.Identifier.ValueText == name && declarator.Initializer is { } initializer)
                        startsWithSystem |= StartsWithSystem(initializer.Value);
                }

                foreach (var identifier in declaration.DescendantNodes().OfType<IdentifierNameSyntax>())
                {
                    if (identifier.Identifier.ValueText != name)
                        continue;
                    SyntaxNode use = identifier.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } self && self.Name == identifier ? self : identifier;
                    if (sessionDictionary ? IsLookup(use) : IsHarmless(use))
                        continue;
                    if (sessionDictionary || Removal(use, name) is not { } removal)
                    {
                        trimming.Unknown = true;
                        return trimming;
                    }

                    trimming.RemovedPerCall += removal.Count;
                    removesFront |= removal.FromFront;
                }
            }

            trimming.DropsSystemPrompt = removesFront && startsWithSystem;
            return trimming;
        }

        /// <summary><c>sessions.GetOrAdd(…)</c>, <c>TryGetValue</c>, <c>ContainsKey</c>, <c>sessions[id]</c> read: a lookup, not an eviction.</summary>
        private static bool IsLookup(SyntaxNode use) => use.Parent switch
        {
            MemberAccessExpressionSyntax access when access.Expression == use => access.Name.Identifier.ValueText is "GetOrAdd" or "TryGetValue" or "ContainsKey" or "Count",
            ElementAccessExpressionSyntax element when element.Expression == use => element.Parent is not AssignmentExpressionSyntax assignment || assignment.Left != element,
            VariableDeclaratorSyntax => true,
            _ => false,
        };

        /// <summary><c>list.RemoveAt(k)</c>, <c>list.RemoveRange(k, n)</c>, <c>list.Remove(list[k])</c> with constants, outside a loop.</summary>
        private static (int Count, bool FromFront)? Removal(SyntaxNode use, string name)
        {
            if (use.Parent is not MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax call } access || access.Expression != use
                || use.Ancestors().TakeWhile(a => a is not MemberDeclarationSyntax).Any(a => a is WhileStatementSyntax or ForStatementSyntax or DoStatementSyntax or ForEachStatementSyntax))
            {
                return null;
            }

            var arguments = call.ArgumentList.Arguments;
            int? Constant(int index) => arguments.Count > index && arguments[index].Expression is LiteralExpressionSyntax { Token.Value: int value } ? value : null;
            switch (access.Name.Identifier.ValueText)
            {
                case "RemoveAt" when arguments.Count == 1 && Constant(0) is { } at:
                    return (1, at == 0);
                case "RemoveRange" when arguments.Count == 2 && Constant(0) is { } start && Constant(1) is { } count:
                    return (count, start == 0);
                case "Remove" when arguments.Count == 1 && arguments[0].Expression is ElementAccessExpressionSyntax { Expression: IdentifierNameSyntax list } element
                                   && list.Identifier.ValueText == name && element.ArgumentList.Arguments.Count == 1
                                   && element.ArgumentList.Arguments[0].Expression is LiteralExpressionSyntax { Token.Value: int index }:
                    return (1, index == 0);
                default:
                    return null;
            }
        }

        /// <summary>The list's initializer puts a system message first: <c>new ChatHistory("…")</c>, <c>[new SystemChatMessage(…), …]</c>, <c>{ new(ChatRole.System, …) }</c> (read from syntax).</summary>
        private static bool StartsWithSystem(ExpressionSyntax initializer)
        {
            switch (initializer)
            {
                case BaseObjectCreationExpressionSyntax { Initializer: { Expressions.Count: > 0 } items }:
                    return IsSystemMessage(items.Expressions[0]);
                // new ChatHistory("You are …") or new("You are …"): the one constructor of a history that takes a string is
                // ChatHistory's, whose string is the system message (a List has none).
                case BaseObjectCreationExpressionSyntax { ArgumentList.Arguments: { Count: 1 } arguments }
                    when arguments[0].Expression is InterpolatedStringExpressionSyntax or LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression }:
                    return true;
                case CollectionExpressionSyntax { Elements.Count: > 0 } collection:
                    return collection.Elements[0] is ExpressionElementSyntax element && IsSystemMessage(element.Expression);
                default:
                    return false;
            }
        }

        private static bool IsSystemMessage(ExpressionSyntax expression)
        {
            var text = expression.ToString();
            return text.Contains("SystemChatMessage") || text.Contains("ChatRole.System") || text.Contains("AuthorRole.System");
        }
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
