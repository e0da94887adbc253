using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace FaqBot;

/// <summary>The bot's prompt functions, made once from their templates.</summary>
public sealed class FaqFunctions(Kernel kernel)
{
    public Kernel Kernel { get; } = kernel;

    public KernelFunction Answer { get; } = kernel.CreateFunctionFromPrompt(
        "You answer questions about our product from the FAQ below.\n{{$faq}}\nQuestion: {{$question}}");

    public KernelFunction Category { get; } = KernelFunctionFactory.CreateFromPrompt(
        "Which FAQ category fits this question: account, billing or product? Answer with one word.\n{{$question}}",
        new OpenAIPromptExecutionSettings { MaxTokens = 4, Temperature = 0 });

    public KernelFunction Rewrite { get; } = kernel.CreateFunctionFromPrompt(
        "Rewrite this FAQ answer in plain words:\n{{$answer}}",
        new OpenAIPromptExecutionSettings { MaxTokens = 600 });
}
