using Microsoft.CodeAnalysis;

namespace Qwen.Analyzers.ApiModel;

/// <summary>The message types that carry the leading part of a prompt.</summary>
internal sealed class PromptTypes
{
    public PromptTypes(Compilation compilation, bool openAI, bool extensionsAI)
    {
        if (openAI)
        {
            SystemChatMessage = compilation.GetTypeByMetadataName("OpenAI.Chat.SystemChatMessage");
            DeveloperChatMessage = compilation.GetTypeByMetadataName("OpenAI.Chat.DeveloperChatMessage");
        }

        if (extensionsAI)
        {
            ExtensionsAIChatMessage = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.ChatMessage");
            ChatRole = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.ChatRole");
        }
    }

    public INamedTypeSymbol? SystemChatMessage { get; }
    public INamedTypeSymbol? DeveloperChatMessage { get; }
    public INamedTypeSymbol? ExtensionsAIChatMessage { get; }
    public INamedTypeSymbol? ChatRole { get; }
}
