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
using Qwen.Analyzers.ApiModel;
using Qwen.Analyzers.Rules;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Qwen.Analyzers.CodeFixes;

/// <summary>
/// QW0016: sends the streamed request with <c>HttpCompletionOption.ResponseHeadersRead</c>, so the send returns at the
/// response headers and the code's own stream reading sees each event as it arrives. <c>SendAsync(request[, ct])</c>
/// gains the option (or has <c>ResponseContentRead</c> replaced); <c>PostAsync(url, content[, ct])</c> and
/// <c>PostAsJsonAsync(url, value[, ct])</c> become <c>SendAsync(new HttpRequestMessage(HttpMethod.Post, url) { Content = … },
/// HttpCompletionOption.ResponseHeadersRead[, ct])</c> (<c>JsonContent.Create</c> serializes with the web defaults
/// <c>PostAsJsonAsync</c> uses). One at a time only: a connection lost mid-answer then surfaces from the read as an
/// <c>IOException</c> instead of an <c>HttpRequestException</c> from the send (tested), and <c>HttpClient.Timeout</c>
/// stops at the headers (as HttpClient documents); whether the caller's <c>catch</c> and deadline still hold is for a person to see.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(StreamBufferedFixer)), Shared]
public sealed class StreamBufferedFixer : DocumentEditFixer
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.StreamBuffered);

    private protected override string Title(Diagnostic diagnostic) => "Send with ResponseHeadersRead (read each event as it arrives)";

    private protected override string EquivalenceKey(Diagnostic diagnostic) => RuleIds.StreamBuffered;

    private protected override bool InFixAll(Diagnostic diagnostic, string? equivalenceKey) => false;

    private protected override SyntaxEdit? Plan(SyntaxNode root, SemanticModel model, SyntaxGenerator generator, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var rewrite = StreamBufferedFix.Read(diagnostic.Properties).Rewrite;
        if (rewrite == StreamBufferedRewrite.None
            || root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { Expression: MemberAccessExpressionSyntax member } invocation
            || invocation.ArgumentList.Arguments.Any(a => a.NameColon is not null)
            || TypeLookup.Named(model.Compilation, "System.Net.Http.HttpCompletionOption") is not { } optionType)
        {
            return null;
        }

        var headersRead = MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, TypeReference(generator, optionType), IdentifierName("ResponseHeadersRead"));
        var arguments = invocation.ArgumentList.Arguments;
        switch (rewrite)
        {
            case StreamBufferedRewrite.AddCompletionOption:
            {
                var optionIndex = arguments.IndexOf(a => model.GetTypeInfo(a.Expression, cancellationToken).Type is { Name: "HttpCompletionOption" });
                var list = optionIndex >= 0
                    ? arguments.Replace(arguments[optionIndex], arguments[optionIndex].WithExpression(headersRead.WithTriviaFrom(arguments[optionIndex].Expression)))
                    : arguments.Insert(1, Argument(headersRead));
                return new SyntaxEdit(invocation, current => ((InvocationExpressionSyntax)current).WithArgumentList(invocation.ArgumentList.WithArguments(list)));
            }

            case StreamBufferedRewrite.PostAsSend or StreamBufferedRewrite.PostAsJsonAsSend when arguments.Count is 2 or 3:
            {
                var message = TypeLookup.Named(model.Compilation, "System.Net.Http.HttpRequestMessage");
                var method = TypeLookup.Named(model.Compilation, "System.Net.Http.HttpMethod");
                var jsonContent = TypeLookup.Named(model.Compilation, "System.Net.Http.Json.JsonContent");
                if (message is null || method is null || jsonContent is null && rewrite == StreamBufferedRewrite.PostAsJsonAsSend)
                    return null;
                // PostAsJsonAsync is an extension called on the client; called through its class there is no receiver to keep.
                if (rewrite == StreamBufferedRewrite.PostAsJsonAsSend && model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol { ReducedFrom: not null })
                    return null;
                ExpressionSyntax content = arguments[1].Expression.WithoutTrivia();
                if (rewrite == StreamBufferedRewrite.PostAsJsonAsSend)
                {
                    SimpleNameSyntax create = member.Name is GenericNameSyntax generic ? generic.WithIdentifier(Identifier("Create")) : IdentifierName("Create");
                    content = InvocationExpression(MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, TypeReference(generator, jsonContent!), create),
                        ArgumentList(SingletonSeparatedList(Argument(content))));
                }

                var request = ObjectCreationExpression(TypeReference(generator, message))
                    .WithArgumentList(ArgumentList(SeparatedList(new[]
                    {
                        Argument(MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, TypeReference(generator, method), IdentifierName("Post"))),
                        Argument(arguments[0].Expression.WithoutTrivia()),
                    })))
                    .WithInitializer(InitializerExpression(SyntaxKind.ObjectInitializerExpression, SingletonSeparatedList<ExpressionSyntax>(
                        AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, IdentifierName("Content"), content))));
                var list = new List<ArgumentSyntax> { Argument(request), Argument(headersRead) };
                if (arguments.Count == 3)
                    list.Add(arguments[2].WithoutTrivia());
                var send = member.WithName(IdentifierName("SendAsync").WithTriviaFrom(member.Name));
                return new SyntaxEdit(invocation, current => ((InvocationExpressionSyntax)current)
                    .WithExpression(send)
                    .WithArgumentList(invocation.ArgumentList.WithArguments(SeparatedList(list))));
            }

            default:
                return null;
        }
    }
}
