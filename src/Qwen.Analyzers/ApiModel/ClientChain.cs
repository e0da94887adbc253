using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Qwen.Analyzers.Flow;

namespace Qwen.Analyzers.ApiModel;

/// <summary>
/// How a client a call is made on was built, link by link from the call's receiver to the root: the constructions and
/// calls it went through — <c>new ChatClient(…)</c>, <c>openAI.GetChatClient(…)</c>, <c>….AsIChatClient()</c>, builder
/// chains, <c>Kernel.CreateBuilder().AddOpenAIChatCompletion(…).Build()</c>, the wrapped client of a
/// <c>ChatClientAgent</c> or an <c>OpenAIChatCompletionService(modelId, openAIClient)</c> — through locals, fields assigned
/// once, and the app's dependency-injection registrations (a parameter the container fills, <c>GetRequiredService</c>,
/// a kernel from <c>AddKernel()</c> with the chat service registered beside it). Facts about the client (its model,
/// how its requests are retried) read the links they understand and stop at the first they do not.
/// </summary>
internal static class ClientChain
{
    private const int MaximumDepth = 6;

    public static IEnumerable<IOperation> Links(IOperation? client, QwenApi api) => Links(client, api, 0);

    private static IEnumerable<IOperation> Links(IOperation? client, QwenApi api, int depth)
    {
        if (client is null || depth > MaximumDepth)
            yield break;
        switch (CallModel.Origin(client, api))
        {
            case IObjectCreationOperation creation:
                yield return creation;
                if (WrappedClient(creation, api) is { } wrapped)
                {
                    foreach (var link in Links(wrapped, api, depth + 1))
                        yield return link;
                }

                break;
            case IParameterReferenceOperation parameter:
                // A client the container hands over: the expression the app registered for its type.
                foreach (var link in Links(api.Services.Injected(parameter, api), api, depth + 1))
                    yield return link;
                break;
            case IInvocationOperation { TargetMethod: { Name: "GetRequiredService" or "GetService", TypeArguments.Length: 1 } resolve } fromProvider
                when resolve.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.DependencyInjection" && !IsKernelServices(CallModel.Receiver(fromProvider)):
                // app.Services.GetRequiredService<IChatClient>(): the app's one registration (kernel.Services holds the kernel's own).
                foreach (var link in Links(api.Services.Registered(resolve.TypeArguments[0]), api, depth + 1))
                    yield return link;
                break;
            case IInvocationOperation { TargetMethod: { Name: "GetRequiredKeyedService" or "GetKeyedService", TypeArguments.Length: 1 } resolve } keyed
                when resolve.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.DependencyInjection"
                     && keyed.Arguments.FirstOrDefault(a => a.Parameter?.Name == "serviceKey") is { } keyArgument
                     && ValueFlow.Unwrap(keyArgument.Value).ConstantValue.Value is string key:
                foreach (var link in Links(api.Services.Registered(resolve.TypeArguments[0], key), api, depth + 1))
                    yield return link;
                break;
            case IInvocationOperation invocation:
                yield return invocation;
                if (WrappedClient(invocation, api) is { } inner)
                {
                    foreach (var link in Links(inner, api, depth + 1))
                        yield return link;
                }

                // A kernel the container builds (AddKernel()) talks through the chat service registered beside it.
                if (ServiceRegistrations.IsAddKernel(invocation.TargetMethod) && api.SemanticKernel.ChatCompletionService is { } chatService)
                {
                    foreach (var link in Links(api.Services.Registered(chatService), api, depth + 1))
                        yield return link;
                    break;
                }

                // Builder and adapter chains carry what they wrap: AsIChatClient(), AsBuilder().Use…().Build(),
                // kernel.GetRequiredService<IChatCompletionService>(), Kernel.CreateBuilder().Add…(modelId).Build().
                var receiver = CallModel.Receiver(invocation);
                foreach (var link in Links(receiver, api, depth + 1))
                    yield return link;
                foreach (var link in BuilderLocalCalls(receiver))
                    yield return link;
                break;
        }
    }

    /// <summary>
    /// The client another one is built over, passed as an argument: <c>new ChatClientAgent(chatClient, …)</c>,
    /// <c>new OpenAIChatCompletionService(modelId, openAIClient)</c>, <c>AddOpenAIChatCompletion(modelId, openAIClient)</c>,
    /// <c>new ChatClientBuilder(innerClient)</c>.
    /// </summary>
    private static IOperation? WrappedClient(IOperation link, QwenApi api)
    {
        var arguments = link switch
        {
            IObjectCreationOperation creation => creation.Arguments,
            IInvocationOperation invocation => invocation.Arguments,
            _ => default,
        };
        if (link is IObjectCreationOperation agent && QwenApi.Is(agent.Type, api.Agents.ChatClientAgent) && arguments.Length > 0)
            return arguments[0].Value;
        foreach (var argument in arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.Explicit && argument.Parameter?.Name is "openAIClient" or "innerClient")
                return argument.Value;
        }

        return null;
    }

    private static bool IsKernelServices(IOperation? provider)
        => provider is not null && ValueFlow.Unwrap(provider) is IPropertyReferenceOperation { Instance.Type.Name: "Kernel" };

    /// <summary>
    /// <c>var builder = Kernel.CreateBuilder(); builder.AddOpenAIChatCompletion("qwen-plus", …); var kernel = builder.Build();</c>:
    /// the extension calls made on a builder held in a local, elsewhere in the method.
    /// </summary>
    private static IEnumerable<IOperation> BuilderLocalCalls(IOperation? receiver)
    {
        if (receiver is null || ValueFlow.Unwrap(receiver) is not ILocalReferenceOperation local)
            yield break;
        foreach (var reference in ValueFlow.References(local.Local, ValueFlow.GetRoot(local)))
        {
            if (reference.Parent is IArgumentOperation { Parent: IInvocationOperation call } argument
                && call.TargetMethod.IsExtensionMethod && call.Arguments.Length > 0 && call.Arguments[0] == argument)
            {
                yield return call;
            }
        }
    }
}
