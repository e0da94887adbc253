using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Qwen.Analyzers.ApiModel;
using Qwen.Analyzers.Options;
using Qwen.Analyzers.Flow;

namespace Qwen.Analyzers.Rules;

/// <summary>
/// QW0010: a chat call to a model that thinks by default (Qwen3.5, Qwen3.6, open-source Qwen3), or with thinking
/// switched on, and no budget. A warning where a person waits or the cap is small (the trace may use the whole cap),
/// a suggestion elsewhere. Silent when the model, the options or the body cannot be read.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ThinkingLeftOnAnalyzer : QwenDiagnosticAnalyzer
{
    /// <summary>At or under this cap the call is a label, an extraction or a routing decision: reasoning only delays it (and may eat the cap).</summary>
    public const int SmallCap = 256;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.QW0010_ThinkingLeftOn);

    private protected override void Register(QwenRegistration registration)
    {
        var api = registration.Api;
        registration.OnCall((c, call, options) => Analyze(c, call, options, api));
    }

    private static void Analyze(OperationAnalysisContext context, CallSite call, QwenOptions options, QwenApi api)
    {
        var invocation = call.Invocation;
        if (context.ContainingSymbol is IMethodSymbol member && api.IsClientMethod(member))
            return;   // a client implementation forwards what its caller asked for
        var setting = call.Thinking;
        if (setting is not (ThinkingSetting.Default or ThinkingSetting.On))
            return;
        var model = call.ModelOr(options);
        var thinks = Models.ThinkingOf(model);
        // Thinking-only models cannot turn it off; models that do not think by default only when asked to.
        if (thinks == ThinkingDefault.Always || (setting == ThinkingSetting.Default ? thinks != ThinkingDefault.On : thinks is ThinkingDefault.Unknown))
            return;

        var surface = api.Interactive.Reach(invocation, context.ContainingSymbol);
        var cap = call.Cap is { State: CapState.Capped, Tokens: { } tokens } ? tokens : (int?)null;
        var where = surface is not null ? surface.InMessage
            : cap <= SmallCap ? $" with an output cap of {cap} tokens, which the reasoning counts against"
            : "";
        var severity = surface is not null || cap <= SmallCap ? DiagnosticSeverity.Warning : DiagnosticSeverity.Info;
        var named = setting == ThinkingSetting.On ? model + " with enable_thinking: true" : model + (call.Model is null ? " (qwen_analyzers.default_model)" : "");

        var fix = FixFor(call, setting, api, out var node);
        var additional = node is null ? null : FixData.EditTarget(node);
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.QW0010_ThinkingLeftOn, call.NameLocation, severity, additional, fix?.ToProperties() ?? FixData.Empty,
            call.DisplayName, named, where, fix is null ? HelperPackage.Note(MissingHelper(call, setting, api)) : ""));
    }

    /// <summary>The helper package the fix would call on this surface, when the project lacks it.</summary>
    private static string? MissingHelper(CallSite call, ThinkingSetting setting, QwenApi api)
    {
        if (call.Http is not null || setting != ThinkingSetting.Default)
            return null;
        return call.Surface switch
        {
            ClientSurface.SemanticKernel when api.Bcl.SemanticKernelRequestFields is null => HelperPackage.SemanticKernel,
            ClientSurface.OpenAI or ClientSurface.ExtensionsAI when api.Bcl.OpenAIRequestFields is null => HelperPackage.OpenAI,
            _ => null,
        };
    }

    private static ThinkingLeftOnFix? FixFor(CallSite call, ThinkingSetting setting, QwenApi api, out SyntaxNode? node)
    {
        node = null;
        if (call.Http is { Body: { } body } http && http.TryGetParameters(out var container))
        {
            var edit = setting == ThinkingSetting.On && (container ?? body).Get("enable_thinking") is { } member
                ? JsonBodyFix.ReplaceMember(container ?? body, member, "false")
                : JsonBodyFix.Add(body, container, "enable_thinking", "false");
            if (edit is not { } planned)
                return null;
            node = planned.Node;
            return new ThinkingLeftOnFix(ThinkingFixKind.Json, json: planned.Fix);
        }

        if (setting != ThinkingSetting.Default)
            return null;   // switched on in an options object: turning it off there is the author's edit
        var helpers = call.Surface == ClientSurface.SemanticKernel ? api.Bcl.SemanticKernelRequestFields : api.Bcl.OpenAIRequestFields;
        if (helpers is null)
            return null;
        // The OpenAI-side helpers write through ChatCompletionOptions.Patch, which OpenAI 2.6 added.
        if (call.Surface != ClientSurface.SemanticKernel && api.OpenAI.ChatCompletionOptions?.GetMembers("Patch").IsDefaultOrEmpty != false)
            return null;
        // KernelArguments without settings: give them settings that turn thinking off. A prompt function made with settings
        // of its own is left alone (settings here would replace those).
        if (call.Surface == ClientSurface.SemanticKernel && call.OptionsKind == OptionsKind.KernelArguments && call.PromptFunction is null
            && api.SemanticKernel.OpenAIPromptExecutionSettings is { } settingsType)
        {
            if (call.OptionsArgument is null)
                return call.OptionsParameter is { } parameter ? new ThinkingLeftOnFix(ThinkingFixKind.KernelArgumentsSettings, parameter.Name, settingsType.ToDisplayString()) : null;
            if (call.Options.Settings is null && call.Options.Argument.Creation is { } arguments && QwenApi.Is(arguments.Type, api.SemanticKernel.KernelArguments)
                && ValueFlow.ExplicitArgumentCount(arguments.Arguments) == 0 && arguments.Syntax.SyntaxTree == call.Invocation.Syntax.SyntaxTree
                && arguments.Syntax is not Microsoft.CodeAnalysis.CSharp.Syntax.ImplicitObjectCreationExpressionSyntax)
            {
                node = arguments.Syntax;
                return new ThinkingLeftOnFix(ThinkingFixKind.KernelArgumentsSettings, optionsType: settingsType.ToDisplayString());
            }

            return null;
        }

        if (call.OptionsArgument is null)
        {
            var type = call.Surface switch
            {
                ClientSurface.OpenAI => api.OpenAI.ChatCompletionOptions,
                ClientSurface.ExtensionsAI => api.ExtensionsAI.ChatOptions,
                ClientSurface.SemanticKernel when call.OptionsKind == OptionsKind.PromptExecutionSettings => api.SemanticKernel.OpenAIPromptExecutionSettings,
                _ => null,
            };
            return type is null || call.OptionsParameter is null && call.Surface != ClientSurface.OpenAI
                ? null
                : new ThinkingLeftOnFix(ThinkingFixKind.AddArgument, call.OptionsParameter?.Name ?? "options", type.ToDisplayString());
        }

        if (call.Options.Effective.Creation is { } creation && (call.OptionsKind != OptionsKind.KernelArguments || call.Options.Settings is not null)
            && creation.Syntax.SyntaxTree == call.Invocation.Syntax.SyntaxTree
            && creation.Syntax is not Microsoft.CodeAnalysis.CSharp.Syntax.ImplicitObjectCreationExpressionSyntax)   // new() { … }.X() has no type to call on
        {
            node = creation.Syntax;
            return new ThinkingLeftOnFix(ThinkingFixKind.Wrap);
        }

        return null;
    }
}
