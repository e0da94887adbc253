using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Qwen.Analyzers.Flow;

namespace Qwen.Analyzers.ApiModel;

/// <summary>
/// How many times the client a chat call goes through retries a request whose answer was lost — System.ClientModel's
/// <c>ClientRetryPolicy</c> under the OpenAI SDK, Microsoft.Extensions.AI's OpenAI adapter and Semantic Kernel's OpenAI
/// connector — read where the client is built (<see cref="ClientChain"/>): 3 by default; the number a visible
/// <c>RetryPolicy = new ClientRetryPolicy(n)</c> gives; 0 for a Semantic Kernel connector that has an <c>HttpClient</c> —
/// one given to <c>new OpenAIChatCompletionService(…)</c>, and always through <c>AddOpenAIChatCompletion(…)</c>, which takes
/// one from the service provider (the connector turns the SDK's retries off then: proven by the fix-equivalence tests).
/// Null — unknown — for a client whose construction
/// or options are not in view, any other retry policy, Azure's client, or a chain with middleware in between (a function-
/// invoking or caching client: what a retry repeats is no longer one request).
/// </summary>
internal static class ClientRetries
{
    private const int LibraryDefault = 3;

    public static int? Read(CallSite call)
    {
        if (call.Surface is not (ClientSurface.OpenAI or ClientSurface.ExtensionsAI or ClientSurface.SemanticKernel))
            return null;
        var api = call.Api;
        foreach (var link in ClientChain.Links(CallModel.Receiver(call.Invocation), api))
        {
            switch (link)
            {
                case IObjectCreationOperation creation when IsType(creation.Type, "OpenAI.Chat.ChatClient") || IsType(creation.Type, "OpenAI.OpenAIClient"):
                    return FromOptions(Argument(creation.Arguments, "options"), api);
                case IObjectCreationOperation creation when IsType(creation.Type, "Microsoft.SemanticKernel.Connectors.OpenAI.OpenAIChatCompletionService"):
                    if (Argument(creation.Arguments, "openAIClient") is not null)
                        continue;   // the next links are that client's
                    return Argument(creation.Arguments, "httpClient") is { } httpClient && ValueFlow.Unwrap(httpClient) is not ILiteralOperation { ConstantValue.Value: null }
                        ? 0 : LibraryDefault;
                case IInvocationOperation { TargetMethod.Name: "AddOpenAIChatCompletion" } registration:
                    if (Argument(registration.Arguments, "openAIClient") is not null)
                        continue;
                    return 0;   // the kernel builder's extension always hands the connector an HttpClient
                case IInvocationOperation { TargetMethod: var method } when IsTransparent(method):
                    continue;
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>Links that hand the same requests on: <c>GetChatClient</c>, <c>AsIChatClient</c>, a kernel's build and its chat service.</summary>
    private static bool IsTransparent(IMethodSymbol method)
        => method.Name == "GetChatClient" && IsType(method.ContainingType, "OpenAI.OpenAIClient")
           || method.Name == "AsIChatClient" && method.ContainingType?.Name == "OpenAIClientExtensions"
           || method.Name == "Build" && IsType(method.ReturnType, "Microsoft.SemanticKernel.Kernel")
           || method.Name == "CreateBuilder" && IsType(method.ContainingType, "Microsoft.SemanticKernel.Kernel")
           || method.Name == "GetRequiredService" && IsType(method.ContainingType, "Microsoft.SemanticKernel.Kernel")
           || ServiceRegistrations.IsAddKernel(method);

    /// <summary>The options a client is built with: none, or a new object whose RetryPolicy (if set) is a <c>new ClientRetryPolicy(n)</c>.</summary>
    private static int? FromOptions(IOperation? options, QwenApi api)
    {
        if (options is null)
            return LibraryDefault;
        var value = ValueFlow.Unwrap(options);
        // A local holding the options: read its value only when nothing else touches it.
        if (value is ILocalReferenceOperation local)
        {
            var references = ValueFlow.References(local.Local, ValueFlow.GetRoot(local));
            if (references.Count != 1 || ValueFlow.GetSingleValue(local.Local, ValueFlow.GetRoot(local)) is not { } single)
                return null;
            value = ValueFlow.Unwrap(single);
        }

        if (value is not IObjectCreationOperation creation)
            return null;
        foreach (var initializer in creation.Initializer?.Initializers ?? default)
        {
            if (initializer is not ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: var name } } assignment)
                return null;
            if (name != "RetryPolicy")
                continue;
            return ValueFlow.Unwrap(assignment.Value) is IObjectCreationOperation retry && IsType(retry.Type, "System.ClientModel.Primitives.ClientRetryPolicy")
                ? Argument(retry.Arguments, "maxRetries") is { } count ? count.ConstantValue.Value as int? : LibraryDefault
                : null;
        }

        return LibraryDefault;
    }

    private static IOperation? Argument(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, string parameter)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter?.Name == parameter && argument.ArgumentKind == ArgumentKind.Explicit)
                return argument.Value;
        }

        return null;
    }

    private static bool IsType(ITypeSymbol? type, string fullName) => type?.OriginalDefinition.ToDisplayString() == fullName;
}
