using Microsoft.CodeAnalysis;

namespace Qwen.Analyzers.ApiModel;

/// <summary>The OpenAI .NET SDK: <c>ChatClient.CompleteChat*</c>, its options and messages.</summary>
internal sealed class OpenAISurface
{
    public OpenAISurface(TypeLookup types)
    {
        ChatClient = types.Find("OpenAI.Chat.ChatClient", Assemblies.OpenAI);
        ChatCompletionOptions = types.Find("OpenAI.Chat.ChatCompletionOptions", Assemblies.OpenAI);
        ChatMessage = types.Find("OpenAI.Chat.ChatMessage", Assemblies.OpenAI);
        BinaryContent = types.Find("System.ClientModel.BinaryContent", Assemblies.ClientModel);
    }

    public INamedTypeSymbol? ChatClient { get; }
    public INamedTypeSymbol? ChatCompletionOptions { get; }
    public INamedTypeSymbol? ChatMessage { get; }

    /// <summary>The protocol methods' raw body type: methods taking it are not registered.</summary>
    public INamedTypeSymbol? BinaryContent { get; }

    public void Register(MethodTable table)
    {
        if (ChatClient is null)
            return;
        table.Add(ChatClient, "CompleteChat", ClientSurface.OpenAI, streaming: false, sync: true);
        table.Add(ChatClient, "CompleteChatAsync", ClientSurface.OpenAI, streaming: false, sync: false);
        table.Add(ChatClient, "CompleteChatStreaming", ClientSurface.OpenAI, streaming: true, sync: true);
        table.Add(ChatClient, "CompleteChatStreamingAsync", ClientSurface.OpenAI, streaming: true, sync: false);
    }
}
