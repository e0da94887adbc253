using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using Qwen.Analyzers.ApiModel;
using Qwen.Analyzers.Flow;
using Qwen.Analyzers.Rules;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Qwen.Analyzers.CodeFixes;

/// <summary>QW0001: adds an output-token cap in the shape of the surrounding code.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MissingMaxTokensFixer)), Shared]
public sealed class MissingMaxTokensFixer : DocumentEditFixer
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.MissingMaxTokens);

    private protected override string Title(Diagnostic diagnostic) => MissingMaxTokensFix.Read(diagnostic.Properties)?.Title() ?? "Cap output tokens";

    /// <summary>A cap that depends on what the code cannot show (a translation's length, a model's reasoning) is applied one at a time, never in bulk.</summary>
    private protected override bool InFixAll(Diagnostic diagnostic, string? equivalenceKey) => MissingMaxTokensFix.Read(diagnostic.Properties)?.Bulk == true;

    private protected override string EquivalenceKey(Diagnostic diagnostic) => RuleIds.MissingMaxTokens;

    private protected override SyntaxEdit? Plan(SyntaxNode root, SemanticModel model, SyntaxGenerator generator, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (MissingMaxTokensFix.Read(diagnostic.Properties) is not { } fix)
            return null;

        var builder = new OptionsBuilder(model.Compilation, generator, fix.Tokens);
        switch (fix.Kind)
        {
            case CapFixKind.AddArgument:
            case CapFixKind.ReplaceArgument:
            {
                var invocation = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)
                    .FirstAncestorOrSelf<InvocationExpressionSyntax>();
                var options = builder.Options(fix);
                if (invocation is null || options is null || fix.Parameter is null)
                    return null;
                return fix.Kind == CapFixKind.AddArgument
                    ? OptionsArgumentEdit.PlanAdd(invocation, model, generator, fix.Parameter, options, cancellationToken)
                    : PlanReplaceArgument(invocation, model, fix.Parameter, options, cancellationToken);
            }

            case CapFixKind.AddToCreation:
            {
                var creation = AdditionalNode<BaseObjectCreationExpressionSyntax>(root, diagnostic);
                var assignment = builder.CapAssignment(fix.Member);
                if (creation is null || assignment is null)
                    return null;
                return new SyntaxEdit(creation, current => Initializers.Add((BaseObjectCreationExpressionSyntax)current, assignment));
            }

            case CapFixKind.AddSettingsToKernelArguments:
            {
                var creation = AdditionalNode<ObjectCreationExpressionSyntax>(root, diagnostic);
                var settings = builder.Settings(fix);
                if (creation is null || settings is null || creation.ArgumentList?.Arguments.Count > 0)
                    return null;
                return new SyntaxEdit(creation, current => ((ObjectCreationExpressionSyntax)current).WithArgumentList(ArgumentList(SingletonSeparatedList(Argument(settings)))));
            }

            case CapFixKind.AddToJsonBody when fix.Json is { } json:
                return JsonBodyEdits.Plan(root, model, generator, diagnostic, json);
            default:
                return null;
        }
    }

    private static SyntaxEdit? PlanReplaceArgument(InvocationExpressionSyntax invocation, SemanticModel model, string parameterName, ExpressionSyntax options, CancellationToken cancellationToken)
    {
        if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method)
            return null;
        var parameter = method.Parameters.FirstOrDefault(p => p.Name == parameterName);
        if (parameter is null)
            return null;
        var arguments = invocation.ArgumentList.Arguments;
        for (var i = 0; i < arguments.Count; i++)
        {
            var matches = arguments[i].NameColon is { } nameColon
                ? nameColon.Name.Identifier.ValueText == parameterName
                : i == parameter.Ordinal && arguments.Take(i).All(a => a.NameColon is null);
            if (matches)
                return new SyntaxEdit(arguments[i].Expression, _ => options);
        }

        return null;
    }

    /// <summary>Builds <c>new ChatCompletionOptions { MaxOutputTokenCount = N }</c> and its siblings.</summary>
    private sealed class OptionsBuilder
    {
        private readonly Compilation _compilation;
        private readonly SyntaxGenerator _generator;
        private readonly int _tokens;

        public OptionsBuilder(Compilation compilation, SyntaxGenerator generator, int tokens)
        {
            _compilation = compilation;
            _generator = generator;
            _tokens = tokens;
        }

        private TypeSyntax Type(ITypeSymbol type) => TypeReference(_generator, type);

        public ExpressionSyntax? Options(MissingMaxTokensFix fix)
        {
            if (fix.OptionsType is not { } typeName)
                return null;
            // A wrapper that carries the settings: new KernelArguments(settings), new ChatClientAgentRunOptions(chatOptions).
            if (fix.SettingsType is not null)
            {
                var settings = Settings(fix);
                var wrapper = TypeLookup.Named(_compilation, typeName);
                return settings is null || wrapper is null
                    ? null
                    : ObjectCreationExpression(Type(wrapper)).WithArgumentList(ArgumentList(SingletonSeparatedList(Argument(settings))));
            }

            return Create(typeName, fix.Member);
        }

        public ExpressionSyntax? Settings(MissingMaxTokensFix fix)
            => fix.SettingsType is { } typeName ? Create(typeName, fix.Member) : null;

        public ExpressionSyntax? CapAssignment(string member)
        {
            ExpressionSyntax? value = member == "ExtensionData" ? ExtensionData() : Tokens();
            return value is null ? null : AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, IdentifierName(member), value);
        }

        private ExpressionSyntax? Create(string typeName, string? member)
        {
            var type = TypeLookup.Named(_compilation, typeName);
            var assignment = member is null ? null : CapAssignment(member);
            if (type is null || assignment is null)
                return null;
            return ObjectCreationExpression(Type(type))
                .WithArgumentList(null)
                .WithInitializer(InitializerExpression(SyntaxKind.ObjectInitializerExpression, SingletonSeparatedList(assignment)));
        }

        /// <summary><c>new Dictionary&lt;string, object&gt; { ["max_tokens"] = N }</c>: the cap of a base PromptExecutionSettings.</summary>
        private ExpressionSyntax? ExtensionData()
        {
            var dictionary = TypeLookup.Named(_compilation, "System.Collections.Generic.Dictionary`2");
            if (dictionary is null)
                return null;
            var constructed = dictionary.Construct(_compilation.GetSpecialType(SpecialType.System_String), _compilation.GetSpecialType(SpecialType.System_Object));
            return ObjectCreationExpression(Type(constructed))
                .WithArgumentList(null)
                .WithInitializer(InitializerExpression(SyntaxKind.ObjectInitializerExpression, SingletonSeparatedList<ExpressionSyntax>(
                    AssignmentExpression(SyntaxKind.SimpleAssignmentExpression,
                        ImplicitElementAccess(BracketedArgumentList(SingletonSeparatedList(Argument(LiteralExpression(SyntaxKind.StringLiteralExpression, Literal("max_tokens")))))),
                        Tokens()))));
        }

        private LiteralExpressionSyntax Tokens() => LiteralExpression(SyntaxKind.NumericLiteralExpression, Literal(_tokens));
    }
}
