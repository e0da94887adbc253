using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Qwen.Analyzers.ApiModel;

/// <summary>The BCL types a hand-built DashScope request is made of, resolved once per compilation.</summary>
internal sealed class HttpTypes
{
    private readonly HashSet<IMethodSymbol> _sendMethods = new(SymbolEqualityComparer.Default);
    private readonly HashSet<IMethodSymbol> _syncMethods = new(SymbolEqualityComparer.Default);
    private readonly HashSet<IMethodSymbol> _streamingHelpers = new(SymbolEqualityComparer.Default);

    private HttpTypes(TypeLookup types, INamedTypeSymbol httpClient)
    {
        HttpClient = httpClient;
        HttpRequestMessage = types.Bcl("System.Net.Http.HttpRequestMessage");
        StringContent = types.Bcl("System.Net.Http.StringContent");
        JsonContent = types.Bcl("System.Net.Http.Json.JsonContent");
        JsonObject = types.Bcl("System.Text.Json.Nodes.JsonObject");
        JsonNode = types.Bcl("System.Text.Json.Nodes.JsonNode");
        JsonSerializer = types.Bcl("System.Text.Json.JsonSerializer");
        Uri = types.Bcl("System.Uri");
        Dictionary = types.Bcl("System.Collections.Generic.Dictionary`2");
        JObject = types.Find("Newtonsoft.Json.Linq.JObject", "Newtonsoft.Json");
        JsonConvert = types.Find("Newtonsoft.Json.JsonConvert", "Newtonsoft.Json");

        foreach (var name in new[] { "PostAsync", "SendAsync", "GetAsync", "GetStringAsync" })
            AddAll(httpClient, name, _sendMethods);
        AddAll(httpClient, "Send", _sendMethods);
        AddAll(httpClient, "Send", _syncMethods);

        var jsonExtensions = types.Bcl("System.Net.Http.Json.HttpClientJsonExtensions");
        if (jsonExtensions is not null)
        {
            AddAll(jsonExtensions, "PostAsJsonAsync", _sendMethods);
            AddAll(jsonExtensions, "GetFromJsonAsync", _sendMethods);
        }

        // Qwen.Latency's streamed sends (what QW0002's fix writes): the same request, sent streamed.
        StreamingHelper = types.Find("Qwen.Latency.DashScopeHttpStreaming", Assemblies.QwenLatency);
        if (StreamingHelper is not null)
        {
            foreach (var name in StreamingHelperNames)
            {
                AddAll(StreamingHelper, name, _sendMethods);
                AddAll(StreamingHelper, name, _streamingHelpers);
            }
        }
    }

    private static readonly string[] StreamingHelperNames = { "SendStreamingAsync", "PostStreamingAsync", "PostAsJsonStreamingAsync" };

    /// <summary><c>Qwen.Latency.DashScopeHttpStreaming</c>, when the project references Qwen.Latency.</summary>
    public INamedTypeSymbol? StreamingHelper { get; }

    /// <summary>True for a Qwen.Latency send that streams the request it is given.</summary>
    public bool IsStreamingHelper(IMethodSymbol method) => _streamingHelpers.Contains((method.ReducedFrom ?? method).OriginalDefinition);

    /// <summary>The names of every send method (for a cheap first check by name).</summary>
    public static readonly string[] SendMethodNames = { "PostAsync", "SendAsync", "GetAsync", "GetStringAsync", "Send", "PostAsJsonAsync", "GetFromJsonAsync",
        "SendStreamingAsync", "PostStreamingAsync", "PostAsJsonStreamingAsync" };

    public INamedTypeSymbol HttpClient { get; }
    public INamedTypeSymbol? HttpRequestMessage { get; }
    public INamedTypeSymbol? StringContent { get; }
    public INamedTypeSymbol? JsonContent { get; }
    public INamedTypeSymbol? JsonObject { get; }
    public INamedTypeSymbol? JsonNode { get; }
    public INamedTypeSymbol? JsonSerializer { get; }
    public INamedTypeSymbol? Uri { get; }
    public INamedTypeSymbol? Dictionary { get; }

    /// <summary>Newtonsoft's <c>JObject</c>, when the project references Newtonsoft.Json.</summary>
    public INamedTypeSymbol? JObject { get; }

    /// <summary>Newtonsoft's <c>JsonConvert</c>.</summary>
    public INamedTypeSymbol? JsonConvert { get; }

    public static HttpTypes? Create(TypeLookup types)
        => types.Bcl("System.Net.Http.HttpClient") is { } httpClient ? new HttpTypes(types, httpClient) : null;

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
