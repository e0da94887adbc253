using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Qwen.Analyzers.ApiModel;
using Qwen.Analyzers.Flow;

namespace Qwen.Analyzers.Rules;

/// <summary>
/// QW0004: the leading part of a prompt — a system or developer message, Microsoft.Extensions.AI
/// <c>ChatOptions.Instructions</c> (sent first), a Semantic Kernel <c>ChatHistory</c> system message — holds varying
/// content ahead of cacheable static text, or a value that changes on every request.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PromptPrefixAnalyzer : QwenDiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.QW0004_PromptPrefix);

    private protected override void Register(QwenRegistration registration)
    {
        var api = registration.Api;
        if (!api.HasClientLibrary)
            return;
        registration.OnOperation(c => AnalyzeCreation(c, api), OperationKind.ObjectCreation);
        registration.OnOperation(c => AnalyzeInvocation(c, api), OperationKind.Invocation);
        registration.OnOperation(c => AnalyzeAssignment(c, api), OperationKind.SimpleAssignment);
        registration.OnOperation(c => AnalyzeList(c, api), OperationKind.ArrayInitializer, OperationKind.ObjectOrCollectionInitializer);
    }

    /// <summary>A message list (array or collection initializer) that puts another message ahead of a static system message.</summary>
    private static void AnalyzeList(OperationAnalysisContext context, QwenApi api)
    {
        var elements = context.Operation switch
        {
            IArrayInitializerOperation array => array.ElementValues,
            IObjectOrCollectionInitializerOperation collection => collection.Initializers
                .Select(i => i is IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 1 } add ? add.Arguments[0].Value : null)
                .Where(v => v is not null).Select(v => v!).ToImmutableArray(),
            _ => ImmutableArray<IOperation>.Empty,
        };

        var sawOther = false;
        foreach (var element in elements)
        {
            var role = Role(ValueFlow.Unwrap(element), api, out var text);
            if (role is null)
                return;   // something that is not a message built here: order unknown
            if (role == false)
            {
                sawOther = true;
                continue;
            }

            if (sawOther && PromptText.Read(text, api) is { } prompt && !prompt.Parts.Any(p => p.Varies) && PromptText.IsCacheable(prompt.Parts.ToList()))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.QW0004_PromptPrefix, element.Syntax.GetLocation(), PromptPrefixFix.Locations(context.Operation.Syntax.GetLocation()),
                    PromptPrefixFix.SystemFirst().ToProperties(), "message list", "puts another message ahead of the static system message"));
                return;
            }
        }
    }

    /// <summary>True for a system or developer message, false for any other message, null for anything else; <paramref name="text"/> is a system message's text.</summary>
    private static bool? Role(IOperation element, QwenApi api, out IOperation? text)
    {
        text = null;
        if (element is not IObjectCreationOperation creation)
            return null;
        var type = creation.Type;
        if (QwenApi.Is(type, api.Prompts.SystemChatMessage) || QwenApi.Is(type, api.Prompts.DeveloperChatMessage))
        {
            text = StringArgument(creation.Arguments);
            return true;
        }

        if (api.OpenAI.ChatMessage is not null && QwenApi.InheritsFrom(type, api.OpenAI.ChatMessage))
            return false;
        if (QwenApi.Is(type, api.Prompts.ExtensionsAIChatMessage) && creation.Arguments.Length == 2)
        {
            if (!IsSystemRole(creation.Arguments[0].Value, api))
                return false;
            text = creation.Arguments[1].Value;
            return true;
        }

        return null;
    }

    private static void AnalyzeCreation(OperationAnalysisContext context, QwenApi api)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        var type = creation.Type;
        string? what = null;
        IOperation? text = null;
        if ((QwenApi.Is(type, api.Prompts.SystemChatMessage) || QwenApi.Is(type, api.Prompts.DeveloperChatMessage)) && StringArgument(creation.Arguments) is { } openAI)
            (what, text) = ("system message", openAI);
        else if (QwenApi.Is(type, api.Prompts.ExtensionsAIChatMessage) && creation.Arguments.Length == 2 && IsSystemRole(creation.Arguments[0].Value, api))
            (what, text) = ("system message", creation.Arguments[1].Value);
        else if (QwenApi.Is(type, api.SemanticKernel.ChatHistory) && StringArgument(creation.Arguments) is { } history)
            (what, text) = ("ChatHistory system message", history);
        else if (QwenApi.Is(type, api.Agents.ChatClientAgent) && Named(creation.Arguments, "instructions") is { } agentInstructions)
            (what, text) = ("agent's instructions (sent as the first system message)", agentInstructions);
        if (what is not null)
            Check(context, api, what, text);
    }

    /// <summary>The explicit argument for the parameter named <paramref name="name"/>.</summary>
    private static IOperation? Named(ImmutableArray<IArgumentOperation> arguments, string name)
        => arguments.FirstOrDefault(a => a.Parameter?.Name == name && a.ArgumentKind == ArgumentKind.Explicit)?.Value;

    private static void AnalyzeInvocation(OperationAnalysisContext context, QwenApi api)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (method.Name is "CreateSystemMessage" or "CreateDeveloperMessage" && QwenApi.Is(method.ContainingType, api.OpenAI.ChatMessage))
            Check(context, api, "system message", StringArgument(invocation.Arguments));
        else if (method.Name is "AddSystemMessage" or "AddDeveloperMessage" && api.SemanticKernel.ChatHistory is not null && QwenApi.InheritsFrom(method.ContainingType, api.SemanticKernel.ChatHistory))
            Check(context, api, "ChatHistory system message", StringArgument(invocation.Arguments));
        else if (method.Name is "AsAIAgent" or "BuildAIAgent" && api.Agents.ChatClientAgent is not null && Named(invocation.Arguments, "instructions") is { } instructions)
            Check(context, api, "agent's instructions (sent as the first system message)", instructions);
        else if (method.Name is "CreateFunctionFromPrompt" or "CreateFromPrompt" && method.ContainingType.Name is "KernelExtensions" or "KernelFunctionFactory")
            CheckTemplate(context, invocation);
        else if (method.Name.StartsWith("InvokePrompt", System.StringComparison.Ordinal) && api.TryGetCall(invocation, out var call) && call.Surface == ClientSurface.SemanticKernel)
            CheckTemplate(context, invocation);
    }

    /// <summary>
    /// A Semantic Kernel prompt template that opens with a variable (<c>"{{$doc}} …long instructions…"</c>): the
    /// instructions after it can never be a cached prefix.
    /// </summary>
    private static void CheckTemplate(OperationAnalysisContext context, IInvocationOperation invocation)
    {
        var template = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "promptTemplate")?.Value;
        if (template is null || ValueFlow.Unwrap(template).ConstantValue.Value is not string text)
            return;
        var leading = TemplateVariables.Match(text);
        if (!leading.Success || leading.Length == 0)
            return;
        var next = text.IndexOf("{{", leading.Length, System.StringComparison.Ordinal);
        var staticLength = (next < 0 ? text.Length : next) - leading.Length;
        if (QwenLimits.EstimateTokens(text.Substring(leading.Length, staticLength)) < QwenLimits.ImplicitCacheMinimumTokens)
            return;

        var properties = FixData.Empty;
        var literal = ValueFlow.Unwrap(template).Syntax;
        if (literal is Microsoft.CodeAnalysis.CSharp.Syntax.LiteralExpressionSyntax { Token.RawKind: (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.StringLiteralToken } token
            && !token.Token.Text.StartsWith("@", System.StringComparison.Ordinal))
        {
            properties = PromptPrefixFix.Template(leading.Value.Trim(), leading.Length).ToProperties();
        }

        context.ReportDiagnostic(Diagnostic.Create(Descriptors.QW0004_PromptPrefix, template.Syntax.GetLocation(), PromptPrefixFix.Locations(literal.GetLocation()), properties,
            "prompt template", $"opens with {leading.Value.Trim()}, ahead of its static instructions"));
    }

    private static readonly System.Text.RegularExpressions.Regex TemplateVariables = new(@"^\s*(\{\{\s*\$[A-Za-z_][A-Za-z0-9_]*\s*\}\}\s*)+", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static void AnalyzeAssignment(OperationAnalysisContext context, QwenApi api)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is IPropertyReferenceOperation { Property.Name: "Instructions" } property && QwenApi.Is(property.Property.ContainingType, api.ExtensionsAI.ChatOptions))
            Check(context, api, "ChatOptions.Instructions (sent as the first system message)", assignment.Value);
    }

    private static void Check(OperationAnalysisContext context, QwenApi api, string what, IOperation? value)
    {
        if (value is null)
            return;
        // Through a local assigned once: the fix edits its initializer.
        var resolved = ValueFlow.Resolve(value) ?? value;
        if (PromptText.Read(resolved, api) is not { } text)
            return;

        string problem;
        var severity = DiagnosticSeverity.Warning;
        if (text.VaryingAheadOfCacheableText)
        {
            problem = text.HasVolatile ? "puts a value that changes on every request ahead of its static text" : "puts varying content ahead of its static text";
        }
        else if (text.HasVolatile && PromptText.IsCacheable(text.Parts.ToList()))
        {
            // Behind the static text it costs only what follows the message (a multi-turn history): a suggestion.
            problem = "ends with a value that changes on every request, so the conversation after it is never cached; move it into the latest user message";
            severity = DiagnosticSeverity.Info;
        }
        else
        {
            return;
        }

        var properties = FixData.Empty;
        var tail = text.StaticTail.ToList();
        if (text.VaryingAheadOfCacheableText && !text.IsFormat && tail.Count > 0 && tail.Count < text.Parts.Count && resolved.Syntax.SyntaxTree == value.Syntax.SyntaxTree)
            properties = PromptPrefixFix.Parts(Describe(text, text.Parts.Count - tail.Count), text.Parts.Count - tail.Count).ToProperties();

        context.ReportDiagnostic(Diagnostic.Create(Descriptors.QW0004_PromptPrefix, value.Syntax.GetLocation(), severity, PromptPrefixFix.Locations(text.Syntax.GetLocation()), properties, what, problem));
    }

    /// <summary>The source text of the parts that move, shortened for a code action title.</summary>
    private static string Describe(PromptText text, int count)
    {
        var moved = string.Concat(text.Parts.Take(count).Select(p => p.Syntax.ToString())).Trim().Trim('"');
        return moved.Length <= 40 ? moved : moved.Substring(0, 37) + "...";
    }

    private static IOperation? StringArgument(ImmutableArray<IArgumentOperation> arguments)
        => arguments.Length == 1 && arguments[0].Value.Type?.SpecialType == SpecialType.System_String ? arguments[0].Value : null;

    private static bool IsSystemRole(IOperation role, QwenApi api)
        => ValueFlow.Unwrap(role) is IPropertyReferenceOperation { Property.Name: "System" } property && QwenApi.Is(property.Property.ContainingType, api.Prompts.ChatRole);
}
