using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Qwen.Analyzers.Flow;

namespace Qwen.Analyzers.ApiModel;

/// <summary>
/// The model a call targets, read where the code shows it: the <c>model</c> of a raw body; the per-call
/// <c>ModelId</c> of <c>ChatOptions</c> or execution settings; else where the client was built —
/// the first link of the client's <see cref="ClientChain"/> that names one (<c>new ChatClient("qwen3.5-plus", …)</c>,
/// <c>GetChatClient(…)</c>, <c>new OpenAIChatCompletionService(modelId, …)</c>, <c>AddOpenAIChatCompletion(modelId, …)</c>,
/// in code or in the app's DI registrations), as a constant, a static readonly field or property. Anything else
/// (configuration, a type registered twice) is unknown: null.
/// </summary>
internal static class CallModel
{
    private const int MaximumDepth = 6;

    public static string? Read(CallSite call)
    {
        switch (call.Surface)
        {
            case ClientSurface.DashScopeHttp or ClientSurface.DashScopeSdk:
                return call.Http?.Model;
            case ClientSurface.ExtensionsAI or ClientSurface.SemanticKernel or ClientSurface.AgentFramework
                when call.Options.Effective is { IsKnown: true } options && options.Assigned.TryGetValue("ModelId", out var modelId):
                return Text(modelId, call.Api, 0);
            default:
                return FromClient(Receiver(call.Invocation), call.Api);
        }
    }

    /// <summary>The object a call is made on: the instance, or an extension method's <c>this</c> argument.</summary>
    internal static IOperation? Receiver(IInvocationOperation invocation)
        => invocation.Instance ?? (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);

    /// <summary>The model of the client <paramref name="client"/> evaluates to: the first link of its chain that names one.</summary>
    private static string? FromClient(IOperation? client, QwenApi api)
    {
        foreach (var link in ClientChain.Links(client, api))
        {
            var arguments = link switch
            {
                IObjectCreationOperation creation => creation.Arguments,
                IInvocationOperation invocation => invocation.Arguments,
                _ => default,
            };
            if (!arguments.IsDefault && ModelArgument(arguments, api) is { } model)
                return model;
        }

        return null;
    }

    /// <summary>A <c>model</c> / <c>modelId</c> / <c>deploymentName</c> argument of a client constructor or factory.</summary>
    private static string? ModelArgument(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, QwenApi api)
    {
        foreach (var argument in arguments)
        {
            if (argument.ArgumentKind != ArgumentKind.DefaultValue && argument.Parameter?.Type.SpecialType == SpecialType.System_String
                && argument.Parameter.Name is "model" or "modelId" or "deploymentName" or "defaultModelId")
            {
                return Text(argument.Value, api, 1);
            }
        }

        return null;
    }

    /// <summary>What a client-valued expression comes from: a local's one value, a field's initializer or its one constructor assignment.</summary>
    public static IOperation? Origin(IOperation? operation, QwenApi api)
    {
        if (operation is null)
            return null;
        var resolved = ValueFlow.Resolve(operation);
        switch (resolved)
        {
            case IFieldReferenceOperation { Field: { IsReadOnly: true } field }:
                return (api.Sources.Initializer(field) ?? ConstructorAssignment(field, api)) is { } fieldValue ? ValueFlow.Unwrap(fieldValue) : null;
            case IPropertyReferenceOperation { Property: { IsIndexer: false, SetMethod: null or { IsInitOnly: true } } property }:
                return (api.Sources.Initializer(property) ?? ConstructorAssignment(property, api)) is { } propertyValue ? ValueFlow.Unwrap(propertyValue) : null;
            case IFieldReferenceOperation or IPropertyReferenceOperation:
                return null;   // settable after construction: any value may be there
            default:
                return resolved;
        }
    }

    /// <summary>The value a readonly field (or get-only property) is given in its type's constructors, when they all give the same one.</summary>
    private static IOperation? ConstructorAssignment(ISymbol member, QwenApi api)
    {
        IOperation? value = null;
        foreach (var constructor in member.ContainingType.InstanceConstructors)
        {
            if (api.Sources.Body(constructor) is not { } body)
                continue;
            foreach (var operation in body.Descendants())
            {
                if (operation is ISimpleAssignmentOperation assignment
                    && (ValueFlow.Unwrap(assignment.Target) is IFieldReferenceOperation { Field: var f } && SymbolEqualityComparer.Default.Equals(f, member)
                        || ValueFlow.Unwrap(assignment.Target) is IPropertyReferenceOperation { Property: var p } && SymbolEqualityComparer.Default.Equals(p, member)))
                {
                    if (value is not null)
                        return null;   // assigned twice: which one is not known here
                    value = assignment.Value;
                }
            }
        }

        return value;
    }

    /// <summary>A model name: a constant, or a static readonly field / static property of the project holding one.</summary>
    private static string? Text(IOperation value, QwenApi api, int depth)
    {
        if (depth > MaximumDepth)
            return null;
        if (value.ConstantValue is { HasValue: true, Value: string constant })
            return constant;
        switch (ValueFlow.Resolve(value))
        {
            case { ConstantValue: { HasValue: true, Value: string resolved } }:
                return resolved;
            case IFieldReferenceOperation { Field: { IsStatic: true, IsReadOnly: true } field } when api.Sources.Initializer(field) is { } initializer:
                return Text(initializer, api, depth + 1);
            case IPropertyReferenceOperation { Property: { IsStatic: true, SetMethod: null, IsIndexer: false } property } when api.Sources.Initializer(property) is { } initializer:
                return Text(initializer, api, depth + 1);
            case { } other:
                // configuration["DashScope:Model"] and its kin, from the project's settings files.
                return ConfigurationValue.Read(other, api);
            default:
                return null;
        }
    }
}
