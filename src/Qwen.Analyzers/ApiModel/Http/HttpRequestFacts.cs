using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Qwen.Analyzers.Flow;

namespace Qwen.Analyzers.ApiModel;

/// <summary>Which DashScope endpoint a hand-built request goes to.</summary>
internal enum DashScopeEndpoint
{
    /// <summary><c>/compatible-mode/v1/chat/completions</c>: the OpenAI-compatible body, caps at the top level.</summary>
    CompatibleChat,
    /// <summary><c>/api/v1/services/aigc/text-generation/generation</c>: the native body, caps under <c>parameters</c>.</summary>
    NativeText,
    /// <summary><c>/api/v1/services/aigc/multimodal-generation/generation</c>.</summary>
    NativeMultimodal,
    /// <summary><c>text2image/image-synthesis</c> and <c>image-generation/generation</c>.</summary>
    ImageGeneration,
    /// <summary><c>video-generation/video-synthesis</c>.</summary>
    VideoGeneration,
    /// <summary><c>/api/v1/tasks/{id}</c>.</summary>
    TaskQuery,
}

/// <summary>A hand-built HTTP request to DashScope, as far as the method that sends it shows.</summary>
internal sealed class HttpRequestFacts
{
    private HttpRequestFacts(string url, DashScopeEndpoint endpoint, JsonBody? body, IReadOnlyDictionary<string, string> headers)
    {
        Url = url;
        Endpoint = endpoint;
        Body = body;
        Headers = headers;
    }

    /// <summary>The URL text; parts not known here read as <c>{}</c>.</summary>
    public string Url { get; }
    public DashScopeEndpoint Endpoint { get; }
    public JsonBody? Body { get; }

    /// <summary>Constant headers set on the request message in this method.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    public bool IsNative => Endpoint != DashScopeEndpoint.CompatibleChat;

    public bool IsStreaming => Endpoint == DashScopeEndpoint.CompatibleChat
        ? Body?.Get("stream")?.IsTrue == true
        : (Headers.TryGetValue("X-DashScope-SSE", out var sse) && string.Equals(sse, "enable", StringComparison.OrdinalIgnoreCase))
          || (Headers.TryGetValue("Accept", out var accept) && accept.IndexOf("text/event-stream", StringComparison.OrdinalIgnoreCase) >= 0);

    public CallKind? CallKind => Endpoint switch
    {
        DashScopeEndpoint.CompatibleChat or DashScopeEndpoint.NativeText => ApiModel.CallKind.Chat,
        DashScopeEndpoint.NativeMultimodal => IsImageModel(Body?.Get("model")?.Constant as string) ? ApiModel.CallKind.ImageGeneration : ApiModel.CallKind.Chat,
        DashScopeEndpoint.ImageGeneration => ApiModel.CallKind.ImageGeneration,
        DashScopeEndpoint.VideoGeneration => ApiModel.CallKind.VideoGeneration,
        DashScopeEndpoint.TaskQuery => ApiModel.CallKind.TaskQuery,
        _ => null,
    };

    /// <summary>Reads the request an HttpClient call sends; null when it is not recognisably a DashScope request.</summary>
    public static HttpRequestFacts? TryRead(IInvocationOperation invocation, HttpTypes types)
    {
        IOperation? url = null;
        IOperation? content = null;
        IOperation? value = null;
        IOperation? request = null;
        foreach (var argument in invocation.Arguments)
        {
            switch (argument.Parameter?.Name)
            {
                case "requestUri": url = argument.Value; break;
                case "content": content = argument.Value; break;
                case "value": value = argument.Value; break;
                case "request": request = argument.Value; break;
            }
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        ReadClientHeaders(invocation, headers);
        if (request is not null && !ReadRequestMessage(request, types, headers, ref url, ref content))
            return null;

        var urlText = ValueFlow.ReadString(url, types.Uri);
        if (urlText is null || Classify(urlText) is not { } endpoint)
            return null;

        var body = value is not null ? JsonBody.TryRead(value, types) : ReadContent(content, types);
        return new HttpRequestFacts(urlText, endpoint, body, headers);
    }

    /// <summary>Recognises DashScope by host, or by a path no other service uses (a relative URL on a configured BaseAddress).</summary>
    internal static DashScopeEndpoint? Classify(string url)
    {
        var lower = url.ToLowerInvariant();
        var isDashScopeHost = lower.Contains(QwenApi.DashScopeHostSuffix) && (lower.Contains("dashscope") || lower.Contains(".maas."));
        if (lower.Contains("compatible-mode/v1/chat/completions"))
            return DashScopeEndpoint.CompatibleChat;
        if (isDashScopeHost && lower.Contains("/chat/completions"))
            return DashScopeEndpoint.CompatibleChat;
        if (lower.Contains("api/v1/services/aigc/text-generation/generation"))
            return DashScopeEndpoint.NativeText;
        if (lower.Contains("api/v1/services/aigc/multimodal-generation/generation"))
            return DashScopeEndpoint.NativeMultimodal;
        if (lower.Contains("api/v1/services/aigc/text2image/image-synthesis") || lower.Contains("api/v1/services/aigc/image-generation/generation"))
            return DashScopeEndpoint.ImageGeneration;
        if (lower.Contains("api/v1/services/aigc/video-generation/video-synthesis"))
            return DashScopeEndpoint.VideoGeneration;
        if (lower.Contains("api/v1/tasks/"))
            return DashScopeEndpoint.TaskQuery;
        return null;
    }

    private static bool IsImageModel(string? model)
        => model is not null && (model.StartsWith("wan", StringComparison.OrdinalIgnoreCase) || model.StartsWith("qwen-image", StringComparison.OrdinalIgnoreCase));

    private static JsonBody? ReadContent(IOperation? content, HttpTypes types)
    {
        if (content is null || ValueFlow.Resolve(content) is not { } resolved)
            return null;
        switch (resolved)
        {
            // JsonContent.Create(value)
            case IInvocationOperation { TargetMethod.Name: "Create" } create
                when types.JsonContent is not null && SymbolEqualityComparer.Default.Equals(create.TargetMethod.ContainingType, types.JsonContent)
                && create.Arguments.Length > 0:
                return JsonBody.TryRead(create.Arguments[0].Value, types);
            // new StringContent(json, …)
            case IObjectCreationOperation creation
                when types.StringContent is not null && SymbolEqualityComparer.Default.Equals(creation.Type, types.StringContent)
                && creation.Arguments.Length > 0:
                return ReadJsonText(creation.Arguments[0].Value, types);
            default:
                return null;
        }
    }

    /// <summary>A JSON string: a literal, <c>JsonSerializer.Serialize(value)</c>, or <c>node.ToJsonString()</c>.</summary>
    private static JsonBody? ReadJsonText(IOperation text, HttpTypes types)
    {
        var resolved = ValueFlow.Resolve(text);
        switch (resolved)
        {
            case null:
                return null;
            case IInvocationOperation { TargetMethod.Name: "Serialize" } serialize
                when types.JsonSerializer is not null && SymbolEqualityComparer.Default.Equals(serialize.TargetMethod.ContainingType, types.JsonSerializer)
                && serialize.Arguments.Length > 0:
                return JsonBody.TryRead(serialize.Arguments[0].Value, types);
            case IInvocationOperation { TargetMethod.Name: "ToJsonString" or "ToString", Instance: { } instance }:
                return JsonBody.TryRead(instance, types);
            default:
                return JsonBody.TryRead(resolved, types);
        }
    }

    /// <summary>Follows <c>new HttpRequestMessage(method, url) { Content = … }</c> and later assignments and header adds.</summary>
    private static bool ReadRequestMessage(IOperation request, HttpTypes types, Dictionary<string, string> headers, ref IOperation? url, ref IOperation? content)
    {
        var unwrapped = ValueFlow.Unwrap(request);
        if (ValueFlow.Resolve(unwrapped) is not IObjectCreationOperation creation
            || !SymbolEqualityComparer.Default.Equals(creation.Type, types.HttpRequestMessage))
        {
            return false;
        }

        foreach (var argument in creation.Arguments)
        {
            if (argument.Parameter?.Name == "requestUri")
                url = argument.Value;
        }

        if (creation.Initializer is not null)
        {
            foreach (var initializer in creation.Initializer.Initializers)
                ReadMemberAssignment(initializer, ref url, ref content);
        }

        if (unwrapped is not ILocalReferenceOperation local)
            return true;
        foreach (var reference in ValueFlow.References(local.Local, ValueFlow.GetRoot(local)))
        {
            switch (reference.Parent)
            {
                case IPropertyReferenceOperation { Property.Name: "Content" or "RequestUri" } property
                    when property.Parent is ISimpleAssignmentOperation assignment && assignment.Target == property:
                    ReadMemberAssignment(assignment, ref url, ref content);
                    break;
                case IPropertyReferenceOperation { Property.Name: "Headers" } property
                    when property.Parent is IInvocationOperation { TargetMethod.Name: "Add" or "TryAddWithoutValidation", Arguments.Length: 2 } add
                    && add.Arguments[0].Value.ConstantValue.Value is string name
                    && ValueFlow.Unwrap(add.Arguments[1].Value).ConstantValue.Value is string headerValue:
                    headers[name] = headerValue;
                    break;
            }
        }

        return true;
    }

    /// <summary>Headers set on the client itself in this method: <c>http.DefaultRequestHeaders.Add("X-DashScope-SSE", "enable")</c>.</summary>
    private static void ReadClientHeaders(IInvocationOperation invocation, Dictionary<string, string> headers)
    {
        var client = invocation.Instance ?? (invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
        var symbol = client is null ? null : ValueFlow.Unwrap(client) switch
        {
            ILocalReferenceOperation local => (ISymbol)local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            IFieldReferenceOperation field => field.Field,
            _ => null,
        };
        if (symbol is null)
            return;
        foreach (var operation in ValueFlow.GetRoot(invocation).Descendants())
        {
            if (operation is IPropertyReferenceOperation { Property.Name: "DefaultRequestHeaders", Instance: { } instance } property
                && ValueFlow.Unwrap(instance) switch
                {
                    ILocalReferenceOperation l => SymbolEqualityComparer.Default.Equals(l.Local, symbol),
                    IParameterReferenceOperation p => SymbolEqualityComparer.Default.Equals(p.Parameter, symbol),
                    IFieldReferenceOperation f => SymbolEqualityComparer.Default.Equals(f.Field, symbol),
                    _ => false,
                }
                && property.Parent is IInvocationOperation { TargetMethod.Name: "Add" or "TryAddWithoutValidation", Arguments.Length: 2 } add
                && add.Arguments[0].Value.ConstantValue.Value is string name
                && ValueFlow.Unwrap(add.Arguments[1].Value).ConstantValue.Value is string value)
            {
                headers[name] = value;
            }
        }
    }

    private static void ReadMemberAssignment(IOperation operation, ref IOperation? url, ref IOperation? content)
    {
        if (operation is not ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment)
            return;
        if (property.Property.Name == "Content")
            content = assignment.Value;
        else if (property.Property.Name == "RequestUri")
            url = assignment.Value;
    }
}
