using Microsoft.CodeAnalysis;

namespace Qwen.Analyzers.ApiModel;

/// <summary>The message types that carry the leading part of a prompt.</summary>
internal sealed class PromptTypes
{
    public PromptTypes(TypeLookup types)
    {
        SystemChatMessage = types.Find("OpenAI.Chat.SystemChatMessage", Assemblies.OpenAI);
        DeveloperChatMessage = types.Find("OpenAI.Chat.DeveloperChatMessage", Assemblies.OpenAI);
        ExtensionsAIChatMessage = types.Find("Microsoft.Extensions.AI.ChatMessage", Assemblies.ExtensionsAIAbstractions);
        ChatRole = types.Find("Microsoft.Extensions.AI.ChatRole", Assemblies.ExtensionsAIAbstractions);
    }

    public INamedTypeSymbol? SystemChatMessage { get; }
    public INamedTypeSymbol? DeveloperChatMessage { get; }
    public INamedTypeSymbol? ExtensionsAIChatMessage { get; }
    public INamedTypeSymbol? ChatRole { get; }
}
