using Microsoft.CodeAnalysis;

namespace Qwen.Analyzers.ApiModel;

/// <summary>
/// The Cnblogs DashScope SDK: typed native requests (<c>ModelRequest&lt;TInput, TParameters&gt;</c>) serialized
/// snake_case, so the request object is read as the native JSON body it becomes; each method names its endpoint.
/// </summary>
internal sealed class DashScopeSdkSurface
{
    public DashScopeSdkSurface(TypeLookup types) => Client = types.Find("Cnblogs.DashScope.Core.IDashScopeClient", Assemblies.CnblogsDashScope);

    /// <summary>The SDK's client interface, when referenced.</summary>
    public INamedTypeSymbol? Client { get; }

    public void Register(MethodTable table)
    {
        if (Client is null)
            return;
        table.AddInterface(Client);
        table.AddSdk(Client, "GetTextCompletionAsync", DashScopeEndpoint.NativeText, streaming: false);
        table.AddSdk(Client, "GetTextCompletionStreamAsync", DashScopeEndpoint.NativeText, streaming: true);
        table.AddSdk(Client, "GetMultimodalGenerationAsync", DashScopeEndpoint.NativeMultimodal, streaming: false);
        table.AddSdk(Client, "GetMultimodalGenerationStreamAsync", DashScopeEndpoint.NativeMultimodal, streaming: true);
        table.AddSdk(Client, "CreateImageSynthesisTaskAsync", DashScopeEndpoint.ImageGeneration, streaming: false);
        table.AddSdk(Client, "GetTaskAsync", DashScopeEndpoint.TaskQuery, streaming: false);
        table.AddSdk(Client, "GetEmbeddingsAsync", DashScopeEndpoint.NativeEmbeddings, streaming: false);
    }
}
