using Microsoft.CodeAnalysis;

namespace Qwen.Analyzers.ApiModel;

/// <summary>
/// Semantic Kernel: <c>IChatCompletionService</c> and its extensions, <c>kernel.InvokePromptAsync</c>, and prompt
/// functions (<c>kernel.InvokeAsync(function)</c> is a chat call when the function is made from a prompt in view;
/// <see cref="QwenApi.TryGetCall"/> checks that).
/// </summary>
internal sealed class SemanticKernelSurface
{
    private readonly TypeLookup _types;

    public SemanticKernelSurface(TypeLookup types)
    {
        _types = types;
        ChatCompletionService = types.Find("Microsoft.SemanticKernel.ChatCompletion.IChatCompletionService", Assemblies.SemanticKernelAbstractions);
        PromptExecutionSettings = types.Find("Microsoft.SemanticKernel.PromptExecutionSettings", Assemblies.SemanticKernelAbstractions);
        OpenAIPromptExecutionSettings = types.Find("Microsoft.SemanticKernel.Connectors.OpenAI.OpenAIPromptExecutionSettings", Assemblies.SemanticKernelOpenAI);
        KernelArguments = types.Find("Microsoft.SemanticKernel.KernelArguments", Assemblies.SemanticKernelAbstractions);
        ChatHistory = types.Find("Microsoft.SemanticKernel.ChatCompletion.ChatHistory", Assemblies.SemanticKernelAbstractions);
        Kernel = types.Find("Microsoft.SemanticKernel.Kernel", Assemblies.SemanticKernelAbstractions);
    }

    public INamedTypeSymbol? ChatCompletionService { get; }
    public INamedTypeSymbol? PromptExecutionSettings { get; }
    public INamedTypeSymbol? OpenAIPromptExecutionSettings { get; }
    public INamedTypeSymbol? KernelArguments { get; }
    public INamedTypeSymbol? ChatHistory { get; }
    public INamedTypeSymbol? Kernel { get; }

    public void Register(MethodTable table)
    {
        if (ChatCompletionService is not null)
        {
            table.AddInterface(ChatCompletionService);
            table.Add(ChatCompletionService, "GetChatMessageContentsAsync", ClientSurface.SemanticKernel, streaming: false, sync: false);
            table.Add(ChatCompletionService, "GetStreamingChatMessageContentsAsync", ClientSurface.SemanticKernel, streaming: true, sync: false);
            var extensions = _types.Find("Microsoft.SemanticKernel.ChatCompletion.ChatCompletionServiceExtensions", Assemblies.SemanticKernelAbstractions);
            table.Add(extensions, "GetChatMessageContentAsync", ClientSurface.SemanticKernel, streaming: false, sync: false);
            table.Add(extensions, "GetChatMessageContentsAsync", ClientSurface.SemanticKernel, streaming: false, sync: false);
            table.Add(extensions, "GetStreamingChatMessageContentsAsync", ClientSurface.SemanticKernel, streaming: true, sync: false);
        }

        var kernelFunction = _types.Find("Microsoft.SemanticKernel.KernelFunction", Assemblies.SemanticKernelAbstractions);
        foreach (var owner in new[] { Kernel, kernelFunction })
        {
            table.AddPromptFunction(owner, "InvokeAsync", streaming: false);
            table.AddPromptFunction(owner, "InvokeStreamingAsync", streaming: true);
        }

        var kernelExtensions = _types.Find("Microsoft.SemanticKernel.KernelExtensions", Assemblies.SemanticKernelCore);
        table.Add(kernelExtensions, "InvokePromptAsync", ClientSurface.SemanticKernel, streaming: false, sync: false);
        table.Add(kernelExtensions, "InvokePromptStreamingAsync", ClientSurface.SemanticKernel, streaming: true, sync: false);
    }
}
