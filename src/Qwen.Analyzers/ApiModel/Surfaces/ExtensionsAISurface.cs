using Microsoft.CodeAnalysis;

namespace Qwen.Analyzers.ApiModel;

/// <summary>Microsoft.Extensions.AI: <c>IChatClient</c> and its extension methods, including structured output.</summary>
internal sealed class ExtensionsAISurface
{
    private readonly INamedTypeSymbol? _extensions;

    public ExtensionsAISurface(TypeLookup types)
    {
        IChatClient = types.Find("Microsoft.Extensions.AI.IChatClient", Assemblies.ExtensionsAIAbstractions);
        ChatOptions = types.Find("Microsoft.Extensions.AI.ChatOptions", Assemblies.ExtensionsAIAbstractions);
        StructuredOutput = types.Find("Microsoft.Extensions.AI.ChatClientStructuredOutputExtensions", Assemblies.ExtensionsAI);
        _extensions = IChatClient is null ? null : types.Find("Microsoft.Extensions.AI.ChatClientExtensions", Assemblies.ExtensionsAIAbstractions);
    }

    public INamedTypeSymbol? IChatClient { get; }
    public INamedTypeSymbol? ChatOptions { get; }
    public INamedTypeSymbol? StructuredOutput { get; }

    public void Register(MethodTable table)
    {
        if (IChatClient is null)
            return;
        table.AddInterface(IChatClient);
        table.Add(IChatClient, "GetResponseAsync", ClientSurface.ExtensionsAI, streaming: false, sync: false);
        table.Add(IChatClient, "GetStreamingResponseAsync", ClientSurface.ExtensionsAI, streaming: true, sync: false);
        table.Add(_extensions, "GetResponseAsync", ClientSurface.ExtensionsAI, streaming: false, sync: false);
        table.Add(_extensions, "GetStreamingResponseAsync", ClientSurface.ExtensionsAI, streaming: true, sync: false);
        table.Add(StructuredOutput, "GetResponseAsync", ClientSurface.ExtensionsAI, streaming: false, sync: false);
    }
}
