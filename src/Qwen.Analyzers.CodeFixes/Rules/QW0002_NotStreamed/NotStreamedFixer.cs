using System;
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
/// QW0002: rewrites a non-streamed chat call to the streaming form and keeps what the code reads. The client libraries'
/// calls go through a Qwen.Latency collector given the request as a factory (<c>() =&gt; client.…StreamingAsync(…)</c>), so
/// a stream that breaks mid-answer is requested again as the client's retry policy re-sends the non-streamed request:
/// OpenAI through <c>OpenAIStreaming.CollectAsync</c> (uses of <c>.Content[0].Text</c> become <c>.Text</c>),
/// Microsoft.Extensions.AI through <c>ChatClientStreaming.CollectAsync</c> (the same <c>ChatResponse</c>), Semantic Kernel
/// through <c>SemanticKernelStreaming.CollectAsync</c> (uses of <c>.Content</c> become <c>.Text</c>). Fix All and
/// <c>dotnet format</c> apply it only where the client's retries are known (<see cref="NotStreamedFix.Bulk"/>).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NotStreamedFixer)), Shared]
public sealed class NotStreamedFixer : DocumentEditFixer
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.NotStreamed);

    private protected override string Title(Diagnostic diagnostic) => "Stream the answer (same result, first token sooner)";

    private protected override string EquivalenceKey(Diagnostic diagnostic) => RuleIds.NotStreamed;

    /// <summary>
    /// The collecting rewrite only where it keeps the client's retries (known from the code) or there are none to keep;
    /// the stream-returning one whenever Fix All is asked for it by name (it is never the first action).
    /// </summary>
    private protected override bool InFixAll(Diagnostic diagnostic, string? equivalenceKey)
        => equivalenceKey == ReturnStreamKey
           || NotStreamedFix.Read(diagnostic.Properties) is var fix && (fix.Bulk || fix.ForwardPreferred && equivalenceKey is null or RuleIds.NotStreamed);

    /// <summary><c>qwen_analyzers.streaming_fix = forward</c>: the stream-returning rewrite first, and the one <c>dotnet format</c> applies.</summary>
    private protected override bool AlternativeFirst(Diagnostic diagnostic) => NotStreamedFix.Read(diagnostic.Properties).ForwardPreferred;

    private const string ReturnStreamKey = RuleIds.NotStreamed + ".ReturnStream";

    private protected override SyntaxEdit? Plan(SyntaxNode root, SemanticModel model, SyntaxGenerator generator, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (NotStreamedFix.Read(diagnostic.Properties).Rewrite is not { } rewrite
            || root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { Expression: MemberAccessExpressionSyntax member } invocation)
        {
            return null;
        }

        var retries = NotStreamedFix.Read(diagnostic.Properties).MaxRetries;
        return rewrite switch
        {
            StreamingRewrite.ExtensionsAI when TypeLookup.Named(model.Compilation, "Qwen.Latency.ChatClientStreaming") is { } collector
                => PlanFactory(model, generator, invocation, member, "GetStreamingResponseAsync", collector, retries, cancellationToken),
            StreamingRewrite.ExtensionsAI => PlanCollected(model, generator, invocation, member, "GetStreamingResponseAsync", "Microsoft.Extensions.AI.ChatResponseUpdate", "Microsoft.Extensions.AI.ChatResponseExtensions", "ToChatResponseAsync"),
            StreamingRewrite.AgentFramework => PlanCollected(model, generator, invocation, member, "RunStreamingAsync", "Microsoft.Agents.AI.AgentResponseUpdate", "Microsoft.Agents.AI.AgentResponseExtensions", "ToAgentResponseAsync"),
            StreamingRewrite.OpenAI => PlanAggregate(model, generator, invocation, member, "CompleteChatStreamingAsync", "Qwen.Latency.OpenAIStreaming", retries, cancellationToken),
            StreamingRewrite.SemanticKernel => PlanAggregate(model, generator, invocation, member, "GetStreamingChatMessageContentsAsync", "Qwen.Latency.SemanticKernelStreaming", retries, cancellationToken),
            StreamingRewrite.KernelFunction => PlanAggregate(model, generator, invocation, member, "InvokeStreamingAsync", "Qwen.Latency.SemanticKernelStreaming", retries, cancellationToken),
            StreamingRewrite.KernelPrompt => PlanAggregate(model, generator, invocation, member, "InvokePromptStreamingAsync", "Qwen.Latency.SemanticKernelStreaming", retries, cancellationToken),
            StreamingRewrite.DashScopeHttp => PlanHandBuilt(model, invocation, member),
            _ => null,
        };
    }

    /// <summary>
    /// <c>Helper.CollectAsync(() =&gt; client.StreamingCall(a)[, maxRetries: n][, cancellationToken: ct])</c>: the collector
    /// starts the request itself, so it can start it again when the stream breaks; the token the call was given also
    /// cancels the collection and the waits between retries. <paramref name="retries"/> is left out at the library's default.
    /// </summary>
    private static InvocationExpressionSyntax Collect(SemanticModel model, SyntaxGenerator generator, InvocationExpressionSyntax invocation, MemberAccessExpressionSyntax member,
        string streamingName, INamedTypeSymbol helper, int? retries, CancellationToken cancellationToken)
    {
        var streaming = invocation.WithExpression(member.WithName(IdentifierName(streamingName).WithTriviaFrom(member.Name))).WithoutTrivia();
        var arguments = new List<ArgumentSyntax> { Argument(ParenthesizedLambdaExpression(streaming)) };
        if (retries is { } count && count != DefaultRetries)
            arguments.Add(Argument(NameColon("maxRetries"), default, LiteralExpression(SyntaxKind.NumericLiteralExpression, Literal(count))));
        var token = invocation.ArgumentList.Arguments.FirstOrDefault(a => model.GetTypeInfo(a.Expression, cancellationToken).Type?.ToDisplayString() == "System.Threading.CancellationToken");
        if (token is not null)
            arguments.Add(Argument(NameColon("cancellationToken"), default, token.Expression.WithoutTrivia()));
        return InvocationExpression(
            MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, TypeReference(generator, helper), IdentifierName("CollectAsync")),
            ArgumentList(SeparatedList(arguments)));
    }

    /// <summary>System.ClientModel's default: the helpers' default too, so it is not written.</summary>
    private const int DefaultRetries = 3;

    /// <summary><c>chat.GetResponseAsync(a)</c> → <c>ChatClientStreaming.CollectAsync(() =&gt; chat.GetStreamingResponseAsync(a))</c>: the same <c>ChatResponse</c>, so every use stays.</summary>
    private static SyntaxEdit PlanFactory(SemanticModel model, SyntaxGenerator generator, InvocationExpressionSyntax invocation, MemberAccessExpressionSyntax member,
        string streamingName, INamedTypeSymbol helper, int? retries, CancellationToken cancellationToken)
    {
        var collect = Collect(model, generator, invocation, member, streamingName, helper, retries, cancellationToken);
        return new SyntaxEdit(invocation, _ => collect.WithTriviaFrom(invocation));
    }

    /// <summary>
    /// <c>http.PostAsJsonAsync(url, body, ct)</c> → <c>http.PostAsJsonStreamingAsync(url, body, cancellationToken: ct)</c>
    /// (and <c>PostAsync</c> / <c>SendAsync</c> alike): the helper sends the same request streamed and returns the same
    /// JSON, so the code that reads the response is left as it is. The token is named, because the helper's third
    /// parameter is the delta callback.
    /// </summary>
    private static SyntaxEdit? PlanHandBuilt(SemanticModel model, InvocationExpressionSyntax invocation, MemberAccessExpressionSyntax member)
    {
        if (TypeLookup.Named(model.Compilation, "Qwen.Latency.DashScopeHttpStreaming") is null)
            return null;
        var name = member.Name.Identifier.ValueText switch
        {
            "PostAsJsonAsync" => "PostAsJsonStreamingAsync",
            "PostAsync" => "PostStreamingAsync",
            "SendAsync" => "SendStreamingAsync",
            _ => null,
        };
        if (name is null)
            return null;
        // Positional CancellationToken arguments, found on the original call: the rewrite names them.
        var tokens = invocation.ArgumentList.Arguments
            .Select((argument, index) => (argument, index))
            .Where(a => a.argument.NameColon is null && model.GetTypeInfo(a.argument.Expression).Type is { Name: "CancellationToken" })
            .Select(a => a.index)
            .ToImmutableHashSet();
        return ExtensionCallEdit.WithImport(invocation, current =>
        {
            var call = (InvocationExpressionSyntax)current;
            var access = (MemberAccessExpressionSyntax)call.Expression;
            var arguments = call.ArgumentList.Arguments;
            var named = SeparatedList(arguments.Select((a, i) => tokens.Contains(i) ? a.WithNameColon(NameColon("cancellationToken")) : a), arguments.GetSeparators());
            // The helper is an extension of HttpClient: member access keeps the receiver; generic arguments are inferred.
            SimpleNameSyntax newName = access.Name is GenericNameSyntax generic ? generic.WithIdentifier(Identifier(name).WithTriviaFrom(generic.Identifier)) : IdentifierName(name).WithTriviaFrom(access.Name);
            return call.WithExpression(access.WithName(newName)).WithArgumentList(call.ArgumentList.WithArguments(named));
        });
    }

    /// <summary>
    /// A minimal API handler that only returns the answer's text (as it is, or in <c>Results.Ok</c> / <c>Results.Text</c>)
    /// can stream it on: <c>async q =&gt; (await chat.GetResponseAsync(q)).Text</c> →
    /// <c>q =&gt; TypedResults.ServerSentEvents(QwenStreaming.DeltasAsync(chat.GetStreamingResponseAsync(q), u =&gt; u.Text))</c>
    /// on ASP.NET Core 10 (one server-sent event per piece), the bare <c>IAsyncEnumerable&lt;string&gt;</c> before it (a
    /// JSON array written piece by piece). A change of the response's contract: the second choice, applied in bulk only
    /// where <c>qwen_analyzers.streaming_fix = forward</c> says the team owns the endpoint's callers.
    /// </summary>
    private protected override (string Title, string EquivalenceKey, SyntaxEdit Edit)? PlanAlternative(SyntaxNode root, SemanticModel model, SyntaxGenerator generator, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var fix = NotStreamedFix.Read(diagnostic.Properties);
        if (fix.ForwardClient is not { } surface
            || root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { Expression: MemberAccessExpressionSyntax member } invocation)
        {
            return null;
        }

        var openAI = surface == ClientSurface.OpenAI;
        if (member.Name.Identifier.ValueText != (openAI ? "CompleteChatAsync" : "GetResponseAsync"))
            return null;
        return fix.ForwardSurface switch
        {
            SurfaceKind.BlazorComponent => PlanComponentForward(model, generator, invocation, member, openAI, cancellationToken),
            SurfaceKind.SignalRHub => PlanHubForward(model, generator, invocation, member, openAI, cancellationToken),
            _ => PlanHandlerForward(model, generator, invocation, member, openAI, cancellationToken),
        };
    }

    private static (string Title, string EquivalenceKey, SyntaxEdit Edit)? PlanHandlerForward(SemanticModel model, SyntaxGenerator generator, InvocationExpressionSyntax invocation,
        MemberAccessExpressionSyntax member, bool openAI, CancellationToken cancellationToken)
    {
        if (invocation.FirstAncestorOrSelf<LambdaExpressionSyntax>() is not { } handler
            || !handler.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword)
            || handler.Parent is not ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax map } } }
            || !map.Name.Identifier.ValueText.StartsWith("Map", System.StringComparison.Ordinal))
        {
            return null;
        }

        if (ReturnsOnlyTheText(handler, handler.ExpressionBody, handler.Block, invocation, model, openAI, cancellationToken) is not { } declarationStatement)
            return null;

        if (Deltas(model, generator, invocation, member, openAI) is not { } deltas)
            return null;
        // ASP.NET Core 10 writes an IAsyncEnumerable<string> as server-sent events, one event per piece, each flushed:
        // what a browser's EventSource or a fetch reader reads as it comes. Earlier, the stream is written as a JSON array.
        var serverSentEvents = TypeLookup.Named(model.Compilation, "Microsoft.AspNetCore.Http.TypedResults") is { } typedResults
                               && typedResults.GetMembers("ServerSentEvents").OfType<IMethodSymbol>().Any(m => !m.IsGenericMethod && m.Parameters.Length >= 1)
            ? typedResults
            : null;
        if (serverSentEvents is not null)
        {
            deltas = InvocationExpression(
                MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, TypeReference(generator, serverSentEvents), IdentifierName("ServerSentEvents")),
                ArgumentList(SingletonSeparatedList(Argument(deltas))));
        }

        var asyncKeyword = handler.AsyncKeyword;
        SyntaxNode rewritten = handler.ExpressionBody is not null
            ? handler.WithExpressionBody(deltas.WithTriviaFrom(handler.ExpressionBody))
            : handler.WithBlock(handler.Block!.WithStatements(handler.Block.Statements.RemoveAt(handler.Block.Statements.Count - 1).RemoveAt(handler.Block.Statements.Count - 2)
                .Add(ReturnStatement(deltas).WithTriviaFrom(declarationStatement.Statement!))));
        rewritten = ((LambdaExpressionSyntax)rewritten).WithAsyncKeyword(default).WithLeadingTrivia(asyncKeyword.LeadingTrivia);
        return (serverSentEvents is not null
                ? "Stream the answer to the caller (server-sent events: the response becomes text/event-stream, one event per piece)"
                : "Stream the answer to the caller (IAsyncEnumerable<string>: the response becomes a JSON array of text pieces)",
            ReturnStreamKey,
            new SyntaxEdit(handler, _ => rewritten));
    }

    /// <summary>
    /// True (as a non-null result) when a body awaits only <paramref name="invocation"/> and returns the answer's text and
    /// nothing else: <c>=&gt; (await call).Text</c>, or <c>var r = await call; return r.Text;</c> at its end (then
    /// <see cref="ReturnedText.Statement"/> is the declaration), the text possibly in <c>Results.Ok</c> / <c>Results.Text</c>.
    /// </summary>
    private static ReturnedText? ReturnsOnlyTheText(SyntaxNode body, ExpressionSyntax? expressionBody, BlockSyntax? block, InvocationExpressionSyntax invocation,
        SemanticModel model, bool openAI, CancellationToken cancellationToken)
    {
        var awaits = body.DescendantNodes(n => n == body || n is not AnonymousFunctionExpressionSyntax).OfType<AwaitExpressionSyntax>().ToList();
        if (awaits.Count != 1 || awaits[0].Expression != invocation)
            return null;

        ExpressionSyntax? returned;
        StatementSyntax? declarationStatement = null;
        if (expressionBody is not null)
        {
            returned = expressionBody;
        }
        else if (block is { Statements.Count: >= 2 } && block.Statements[block.Statements.Count - 1] is ReturnStatementSyntax { Expression: { } value }
                 && block.Statements[block.Statements.Count - 2] is LocalDeclarationStatementSyntax { Declaration.Variables.Count: 1 } declaration
                 && declaration.Declaration.Variables[0].Initializer?.Value == awaits[0])
        {
            var name = declaration.Declaration.Variables[0].Identifier.ValueText;
            if (block.DescendantNodes().OfType<IdentifierNameSyntax>().Count(i => i.Identifier.ValueText == name) != 1)
                return null;
            returned = value;
            declarationStatement = declaration;
        }
        else
        {
            return null;
        }

        // Results.Ok(text), TypedResults.Ok(text), Results.Text(text): the text is the response all the same.
        if (returned is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 1 } wrapped && wrapped.ArgumentList.Arguments[0] is { NameColon: null } only
            && model.GetSymbolInfo(wrapped, cancellationToken).Symbol is IMethodSymbol { Name: "Ok" or "Text", ContainingType: { Name: "Results" or "TypedResults" } results }
            && results.ContainingNamespace.ToDisplayString() == "Microsoft.AspNetCore.Http")
        {
            returned = only.Expression;
        }

        return IsTextOf(returned, declarationStatement is null ? awaits[0] : null, openAI) ? new ReturnedText(declarationStatement) : null;
    }

    private sealed class ReturnedText
    {
        public ReturnedText(StatementSyntax? statement) => Statement = statement;

        /// <summary>The <c>var r = await call;</c> before the <c>return</c>; null for an expression body.</summary>
        public StatementSyntax? Statement { get; }
    }

    /// <summary>
    /// A SignalR hub method that returns the answer's text (<c>async Task&lt;string&gt; Ask(q) =&gt; (await chat.GetResponseAsync(q)).Text</c>)
    /// becomes a streaming hub method: <c>IAsyncEnumerable&lt;string&gt; Ask(q) =&gt; QwenStreaming.DeltasAsync(…)</c>. The
    /// client then calls it with <c>connection.stream("Ask", q)</c> / <c>StreamAsync&lt;string&gt;</c> instead of
    /// <c>invoke</c>: a change of the hub's contract, so the second choice.
    /// </summary>
    private static (string Title, string EquivalenceKey, SyntaxEdit Edit)? PlanHubForward(SemanticModel model, SyntaxGenerator generator, InvocationExpressionSyntax invocation,
        MemberAccessExpressionSyntax member, bool openAI, CancellationToken cancellationToken)
    {
        if (invocation.FirstAncestorOrSelf<AnonymousFunctionExpressionSyntax>() is not null
            || invocation.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method
            || !method.Modifiers.Any(SyntaxKind.AsyncKeyword)
            || model.GetDeclaredSymbol(method, cancellationToken) is not { DeclaredAccessibility: Accessibility.Public, IsStatic: false, ReturnType: INamedTypeSymbol { Name: "Task" or "ValueTask", TypeArguments.Length: 1 } returnType } symbol
            || returnType.TypeArguments[0].SpecialType != SpecialType.System_String
            || symbol.IsOverride || symbol.IsVirtual || !symbol.ExplicitInterfaceImplementations.IsEmpty
            || TypeLookup.Named(model.Compilation, "System.Collections.Generic.IAsyncEnumerable`1") is not { } asyncEnumerable
            || ReturnsOnlyTheText(method, method.ExpressionBody?.Expression, method.Body, invocation, model, openAI, cancellationToken) is not { } returned
            || Deltas(model, generator, invocation, member, openAI) is not { } deltas)
        {
            return null;
        }

        var returnTypeSyntax = TypeReference(generator, asyncEnumerable.Construct(model.Compilation.GetSpecialType(SpecialType.System_String))).WithTriviaFrom(method.ReturnType);
        MethodDeclarationSyntax rewritten = method.ExpressionBody is not null
            ? method.WithExpressionBody(method.ExpressionBody.WithExpression(deltas.WithTriviaFrom(method.ExpressionBody.Expression)))
            : method.WithBody(method.Body!.WithStatements(method.Body.Statements.RemoveAt(method.Body.Statements.Count - 1).RemoveAt(method.Body.Statements.Count - 2)
                .Add(ReturnStatement(deltas).WithTriviaFrom(returned.Statement!))));
        var asyncModifier = rewritten.Modifiers.First(m => m.IsKind(SyntaxKind.AsyncKeyword));
        rewritten = rewritten.WithModifiers(rewritten.Modifiers.Remove(asyncModifier)).WithReturnType(returnTypeSyntax);
        return ("Stream the answer to the hub's caller (a streaming hub method: the client calls stream instead of invoke)",
            ReturnStreamKey,
            new SyntaxEdit(method, _ => rewritten));
    }

    /// <summary>
    /// The answer's pieces as they come: <c>OpenAIStreaming.TextDeltasAsync(chat.CompleteChatStreamingAsync(…))</c> or
    /// <c>QwenStreaming.DeltasAsync(chat.GetStreamingResponseAsync(…), u =&gt; u.Text)</c>, with the call's own arguments.
    /// </summary>
    private static ExpressionSyntax? Deltas(SemanticModel model, SyntaxGenerator generator, InvocationExpressionSyntax invocation, MemberAccessExpressionSyntax member, bool openAI)
    {
        var helper = TypeLookup.Named(model.Compilation, openAI ? "Qwen.Latency.OpenAIStreaming" : "Qwen.Latency.QwenStreaming");
        if (helper is null)
            return null;
        var streaming = invocation.WithExpression(member.WithName(IdentifierName(openAI ? "CompleteChatStreamingAsync" : "GetStreamingResponseAsync").WithTriviaFrom(member.Name)));
        var arguments = new List<ArgumentSyntax> { Argument(streaming.WithoutTrivia()) };
        if (!openAI)
            arguments.Add(Argument(SimpleLambdaExpression(Parameter(Identifier("u")), MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, IdentifierName("u"), IdentifierName("Text")))));
        return InvocationExpression(
            MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, TypeReference(generator, helper), IdentifierName(openAI ? "TextDeltasAsync" : "DeltasAsync")),
            ArgumentList(SeparatedList(arguments)));
    }

    /// <summary>
    /// A Blazor component's method that puts the answer's text into one of its string members, to be rendered:
    /// <c>Answer = (await chat.GetResponseAsync(q)).Text;</c> (or <c>var r = await …; Answer = r.Text;</c>) →
    /// <c>Answer = ""; await foreach (var delta in QwenStreaming.DeltasAsync(chat.GetStreamingResponseAsync(q), u =&gt; u.Text)) { Answer += delta; StateHasChanged(); }</c>:
    /// the page re-renders with each piece. The member holds the partial answer while it comes (and if the stream
    /// breaks), where it kept its old value until the whole answer was in: a change of what the page shows, so the
    /// second choice, applied in bulk only with <c>qwen_analyzers.streaming_fix = forward</c>. The method's await must
    /// resume on the renderer's context (no <c>ConfigureAwait(false)</c>), which is where <c>StateHasChanged</c> belongs.
    /// </summary>
    private static (string Title, string EquivalenceKey, SyntaxEdit Edit)? PlanComponentForward(SemanticModel model, SyntaxGenerator generator, InvocationExpressionSyntax invocation,
        MemberAccessExpressionSyntax member, bool openAI, CancellationToken cancellationToken)
    {
        if (invocation.Parent is not AwaitExpressionSyntax awaited
            || invocation.FirstAncestorOrSelf<AnonymousFunctionExpressionSyntax>() is not null
            || invocation.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { Body: { } } method
            || !method.Modifiers.Any(SyntaxKind.AsyncKeyword))
        {
            return null;
        }

        // Shape A: Target = (await call).Text;   Shape B: var r = await call; Target = r.Text;
        StatementSyntax first;
        ExpressionStatementSyntax assignment;
        if (awaited.Parent is ParenthesizedExpressionSyntax parenthesized && parenthesized.FirstAncestorOrSelf<ExpressionStatementSyntax>() is { Expression: AssignmentExpressionSyntax } statementA
            && IsTextOf(((AssignmentExpressionSyntax)statementA.Expression).Right, awaited, openAI))
        {
            first = assignment = statementA;
        }
        else if (awaited.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } && declarator.Parent?.Parent is LocalDeclarationStatementSyntax { Declaration.Variables.Count: 1, Parent: BlockSyntax block } declaration
                 && block.Statements.IndexOf(declaration) is var index && index + 1 < block.Statements.Count
                 && block.Statements[index + 1] is ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax nextAssignment } statementB
                 && IsTextOf(nextAssignment.Right, null, openAI) && FirstIdentifier(nextAssignment.Right) == declarator.Identifier.ValueText
                 && method.Body.DescendantNodes().OfType<IdentifierNameSyntax>().Count(i => i.Identifier.ValueText == declarator.Identifier.ValueText) == 1)
        {
            first = declaration;
            assignment = statementB;
        }
        else
        {
            return null;
        }

        var target = (AssignmentExpressionSyntax)assignment.Expression;
        if (!target.IsKind(SyntaxKind.SimpleAssignmentExpression)
            || model.GetSymbolInfo(target.Left, cancellationToken).Symbol switch
               {
                   IFieldSymbol { IsStatic: false, IsReadOnly: false } field => field.Type.SpecialType != SpecialType.System_String,
                   IPropertySymbol { IsStatic: false, SetMethod: not null, GetMethod: not null } property => property.Type.SpecialType != SpecialType.System_String,
                   _ => true,
               }
            || model.GetDeclaredSymbol(method, cancellationToken)?.ContainingType is not { } component
            || TypeLookup.Named(model.Compilation, "Microsoft.AspNetCore.Components.ComponentBase") is not { } componentBase
            || !QwenApi.InheritsFrom(component, componentBase)
            || Deltas(model, generator, invocation, member, openAI) is not { } deltas)
        {
            return null;
        }

        var name = FreeName(model, assignment.SpanStart, "delta");
        var loop = ForEachStatement(IdentifierName("var"), Identifier(name), deltas,
                Block(
                    ExpressionStatement(AssignmentExpression(SyntaxKind.AddAssignmentExpression, target.Left.WithoutTrivia(), IdentifierName(name))),
                    ExpressionStatement(InvocationExpression(IdentifierName("StateHasChanged")))))
            .WithAwaitKeyword(Token(SyntaxKind.AwaitKeyword));
        var reset = ExpressionStatement(AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, target.Left.WithoutTrivia(),
            LiteralExpression(SyntaxKind.StringLiteralExpression, Literal(""))));
        return ("Stream the answer onto the page (append each piece and re-render)",
            ReturnStreamKey,
            new SyntaxEdit(first, editor =>
            {
                editor.InsertBefore(first, new SyntaxNode[]
                {
                    reset.WithLeadingTrivia(first.GetLeadingTrivia()).WithAdditionalAnnotations(Formatter.Annotation),
                    loop.WithAdditionalAnnotations(Formatter.Annotation),
                });
                editor.RemoveNode(first);
                if (assignment != first)
                    editor.RemoveNode(assignment);
            }));
    }

    /// <summary>The local a read starts from: <c>r</c> in <c>r.Text</c> or <c>r.Value.Content[0].Text</c>.</summary>
    private static string? FirstIdentifier(ExpressionSyntax expression)
    {
        var current = expression;
        while (true)
        {
            switch (current)
            {
                case MemberAccessExpressionSyntax access: current = access.Expression; break;
                case ElementAccessExpressionSyntax element: current = element.Expression; break;
                case IdentifierNameSyntax identifier: return identifier.Identifier.ValueText;
                default: return null;
            }
        }
    }

    /// <summary><paramref name="name"/>, or <paramref name="name"/>2, 3, … where the name is taken at <paramref name="position"/>.</summary>
    private static string FreeName(SemanticModel model, int position, string name)
    {
        var candidate = name;
        for (var i = 2; !model.LookupSymbols(position, name: candidate).IsEmpty; i++)
            candidate = name + i;
        return candidate;
    }

    /// <summary><c>x.Text</c> (M.E.AI) or <c>x[.Value].Content[0].Text</c> (OpenAI), where x is the local or, for an expression body, <c>(await call)</c>.</summary>
    private static bool IsTextOf(ExpressionSyntax expression, AwaitExpressionSyntax? awaited, bool openAI)
    {
        if (expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Text" } text)
            return false;
        var target = text.Expression;
        if (openAI)
        {
            if (target is not ElementAccessExpressionSyntax { ArgumentList.Arguments.Count: 1 } index
                || index.ArgumentList.Arguments[0].Expression is not LiteralExpressionSyntax { Token.ValueText: "0" }
                || index.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Content" } content)
            {
                return false;
            }

            target = content.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Value" } value ? value.Expression : content.Expression;
        }

        if (awaited is null)
            return target is IdentifierNameSyntax;
        while (target is ParenthesizedExpressionSyntax parenthesized)
            target = parenthesized.Expression;
        return target == awaited;
    }

    /// <summary>
    /// <c>chat.GetResponseAsync(a)</c> → <c>chat.GetStreamingResponseAsync(a).ToChatResponseAsync()</c>, and
    /// <c>agent.RunAsync(a)</c> → <c>agent.RunStreamingAsync(a).ToAgentResponseAsync()</c>: the same result type, so every use stays.
    /// </summary>
    private static SyntaxEdit? PlanCollected(SemanticModel model, SyntaxGenerator generator, InvocationExpressionSyntax invocation, MemberAccessExpressionSyntax member,
        string streamingName, string updateType, string extensionsType, string collector)
    {
        var update = TypeLookup.Named(model.Compilation, updateType);
        var asyncEnumerable = TypeLookup.Named(model.Compilation, "System.Collections.Generic.IAsyncEnumerable`1");
        var extensions = TypeLookup.Named(model.Compilation, extensionsType);
        if (update is null || asyncEnumerable is null || extensions is null)
            return null;

        var streaming = invocation.WithExpression(member.WithName(IdentifierName(streamingName).WithTriviaFrom(member.Name)));
        var inScope = !model.LookupSymbols(invocation.SpanStart, container: asyncEnumerable.Construct(update), name: collector, includeReducedExtensionMethods: true).IsEmpty;
        // Where the extension is not in scope, call it through its class: Roslyn then adds the using.
        ExpressionSyntax collected = inScope
            ? InvocationExpression(MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, streaming, IdentifierName(collector)))
            : InvocationExpression(MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, TypeReference(generator, extensions), IdentifierName(collector)),
                ArgumentList(SingletonSeparatedList(Argument(streaming))));
        return new SyntaxEdit(invocation, _ => collected.WithTriviaFrom(invocation));
    }

    /// <summary>
    /// <c>T x = await client.Call(a);</c> → <c>var x = await Helper.CollectAsync(() =&gt; client.StreamingCall(a)[, …]);</c>,
    /// and each use of <c>x</c> read through the aggregate's members.
    /// </summary>
    private static SyntaxEdit? PlanAggregate(SemanticModel model, SyntaxGenerator generator, InvocationExpressionSyntax invocation, MemberAccessExpressionSyntax member,
        string streamingName, string helperName, int? retries, CancellationToken cancellationToken)
    {
        if (TypeLookup.Named(model.Compilation, helperName) is not { } helper
            || invocation.FirstAncestorOrSelf<LocalDeclarationStatementSyntax>() is not { Declaration.Variables.Count: 1 } declaration
            || model.GetDeclaredSymbol(declaration.Declaration.Variables[0], cancellationToken) is not ILocalSymbol local
            || declaration.Parent is not BlockSyntax block)
        {
            return null;
        }

        var collect = Collect(model, generator, invocation, member, streamingName, helper, retries, cancellationToken);

        // Reads of the result, rewritten to the aggregate's members.
        var rewrites = new List<(SyntaxNode Old, SyntaxNode New)>();
        foreach (var identifier in block.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (identifier.Identifier.ValueText != local.Name || !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, local))
                continue;
            if (ReadThroughAggregate(identifier) is not { } rewrite)
                return null;
            rewrites.Add(rewrite);
        }

        return new SyntaxEdit(declaration, editor =>
        {
            foreach (var (old, replacement) in rewrites)
                editor.ReplaceNode(old, replacement.WithTriviaFrom(old));
            editor.ReplaceNode(invocation, collect.WithTriviaFrom(invocation).WithAdditionalAnnotations(Formatter.Annotation, LongLines.Rewritten));
            editor.ReplaceNode(declaration.Declaration.Type, IdentifierName("var").WithTriviaFrom(declaration.Declaration.Type));
        });
    }

    /// <summary><c>x.Content[0].Text</c>, <c>x.Value.Content[0].Text</c> → <c>x.Text</c>; <c>x.Content</c> (SK) → <c>x.Text</c>; <c>x[.Value].FinishReason</c>/<c>Usage</c> → <c>x.FinishReason</c>/<c>Usage</c>; <c>x.GetValue&lt;string&gt;()</c>, <c>x.ToString()</c> (SK) → <c>x.Text</c>.</summary>
    private static (SyntaxNode Old, SyntaxNode New)? ReadThroughAggregate(IdentifierNameSyntax identifier)
    {
        SyntaxNode current = identifier;
        if (current.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Value" } value && value.Expression == current)
            current = value;
        if (current.Parent is not MemberAccessExpressionSyntax access || access.Expression != current)
            return null;
        var name = access.Name.Identifier.ValueText;
        ExpressionSyntax Read(string member) => MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, IdentifierName(identifier.Identifier), IdentifierName(member));
        switch (name)
        {
            case "Content" when access.Parent is ElementAccessExpressionSyntax { Parent: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Text" } text }:
                return (text, Read("Text"));
            case "Content":
                return (access, Read("Text"));
            case "FinishReason" or "Usage":
                return (access, Read(name));
            case "GetValue" or "ToString" when access.Parent is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0 } call:
                return (call, Read("Text"));
            default:
                return null;
        }
    }
}
