using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Qwen.Analyzers.ApiModel;

/// <summary>The BCL types a hand-built DashScope request is made of, resolved once per compilation.</summary>
internal sealed class HttpTypes
{
    private readonly HashSet<IMethodSymbol> _sendMethods = new(SymbolEqualityComparer.Default);
    private readonly HashSet<IMethodSymbol> _syncMethods = new(SymbolEqualityComparer.Default);

    private HttpTypes(Compilation compilation, INamedTypeSymbol httpClient)
    {
        HttpClient = httpClient;
        HttpRequestMessage = compilation.GetTypeByMetadataName("System.Net.Http.HttpRequestMessage");
        StringContent = compilation.GetTypeByMetadataName("System.Net.Http.StringContent");
        JsonContent = compilation.GetTypeByMetadataName("System.Net.Http.Json.JsonContent");
        JsonObject = compilation.GetTypeByMetadataName("System.Text.Json.Nodes.JsonObject");
        JsonNode = compilation.GetTypeByMetadataName("System.Text.Json.Nodes.JsonNode");
        JsonSerializer = compilation.GetTypeByMetadataName("System.Text.Json.JsonSerializer");
        Uri = compilation.GetTypeByMetadataName("System.Uri");
        Dictionary = compilation.GetTypeByMetadataName("System.Collections.Generic.Dictionary`2");

        foreach (var name in new[] { "PostAsync", "SendAsync", "GetAsync", "GetStringAsync" })
            AddAll(httpClient, name, _sendMethods);
        AddAll(httpClient, "Send", _sendMethods);
        AddAll(httpClient, "Send", _syncMethods);

        var jsonExtensions = compilation.GetTypeByMetadataName("System.Net.Http.Json.HttpClientJsonExtensions");
        if (jsonExtensions is not null)
        {
            AddAll(jsonExtensions, "PostAsJsonAsync", _sendMethods);
            AddAll(jsonExtensions, "GetFromJsonAsync", _sendMethods);
        }
    }

    public INamedTypeSymbol HttpClient { get; }
    public INamedTypeSymbol? HttpRequestMessage { get; }
    public INamedTypeSymbol? StringContent { get; }
    public INamedTypeSymbol? JsonContent { get; }
    public INamedTypeSymbol? JsonObject { get; }
    public INamedTypeSymbol? JsonNode { get; }
    public INamedTypeSymbol? JsonSerializer { get; }
    public INamedTypeSymbol? Uri { get; }
    public INamedTypeSymbol? Dictionary { get; }

    public static HttpTypes? Create(Compilation compilation)
        => compilation.GetTypeByMetadataName("System.Net.Http.HttpClient") is { } httpClient ? new HttpTypes(compilation, httpClient) : null;

    public bool IsSendMethod(IMethodSymbol method) => _sendMethods.Contains((method.ReducedFrom ?? method).OriginalDefinition);

    public bool IsSynchronous(IMethodSymbol method) => _syncMethods.Contains((method.ReducedFrom ?? method).OriginalDefinition);

    private static void AddAll(INamedTypeSymbol type, string name, HashSet<IMethodSymbol> set)
    {
        foreach (var member in type.GetMembers(name))
        {
            if (member is IMethodSymbol { DeclaredAccessibility: Accessibility.Public } method)
                set.Add(method.OriginalDefinition);
        }
    }
}
