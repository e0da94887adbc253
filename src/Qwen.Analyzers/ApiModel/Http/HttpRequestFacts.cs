using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Qwen.Analyzers.Flow;

namespace Qwen.Analyzers.ApiModel;

/// <summary>Which DashScope endpoint a hand-built request goes to.</summary>
internal enum DashScopeEndpoint
{
    /// <summary><c>/compatible-mode/v1/chat/completions</c>: the OpenAI-compatible body, caps at the top level.</summary>
    CompatibleChat,
    /// <summary><c>/compatible-mode/v1/embeddings</c>.</summary>
    CompatibleEmbeddings,
    /// <summary><c>/api/v1/services/aigc/text-generation/generation</c>: the native body, caps under <c>parameters</c>.</summary>
    NativeText,
    /// <summary><c>/api/v1/services/aigc/multimodal-generation/generation</c>: vision and omni chat, Qwen3.5, TTS, ASR, image models.</summary>
    NativeMultimodal,
    /// <summary><c>text2image/image-synthesis</c> and <c>image-generation/generation</c>.</summary>
    ImageGeneration,
    /// <summary><c>video-generation/video-synthesis</c>.</summary>
    VideoGeneration,
    /// <summary><c>/api/v1/services/audio/…</c> (file transcription, speech synthesis).</summary>
    NativeAudio,
    /// <summary><c>/api/v1/services/embeddings/…</c>.</summary>
    NativeEmbeddings,
    /// <summary><c>/api/v1/tasks/{id}</c>.</summary>
    TaskQuery,
}

/// <summary>
/// A hand-built HTTP request to DashScope, as far as the code that sends it shows. The URL (what makes it a DashScope
/// request at all) is read when the call is classified; the body, headers, streaming and kind are read the first time a
/// rule asks.
/// </summary>
internal sealed class HttpRequestFacts
{
    private readonly IInvocationOperation _invocation;
    private readonly QwenApi _api;
    private readonly IOperation? _value;
    private readonly IOperation? _content;
    private readonly RequestMessage? _message;
    private JsonBody? _body;
    private bool _bodyRead;
    private IReadOnlyDictionary<string, string>? _headers;
    private int _kind = -1;
    private int _streaming = -1;
    private readonly JsonNaming _naming = JsonNaming.Web;

    private HttpRequestFacts(IInvocationOperation invocation, QwenApi api, string url, DashScopeEndpoint endpoint, IOperation? value, IOperation? content, RequestMessage? message)
    {
        _invocation = invocation;
        _api = api;
        Url = url;
        Endpoint = endpoint;
        _value = value;
        _content = content;
        _message = message;
    }

    /// <summary>The URL text; parts not known here read as <c>{}</c>.</summary>
    public string Url { get; }
    public DashScopeEndpoint Endpoint { get; }

    /// <summary>
    /// False for an OpenAI-compatible chat request (<c>model</c> and <c>messages</c> to a <c>…/chat/completions</c> path)
    /// whose host the code does not show: the advice that holds for any provider applies to it (QW0001, QW0002, QW0003,
    /// QW0006, QW0012), the Qwen-specific advice only when <see cref="IsQwen"/> says it goes to Qwen.
    /// </summary>
    public bool HostKnown { get; private set; } = true;

    /// <summary>A DashScope host or path, a configured gateway, or — where the host is not shown — a Qwen model in the body.</summary>
    public bool IsQwen => HostKnown || Models.IsQwen(Model);

    /// <summary>The JSON body, when it is built in a shape the model reads; null otherwise (then nothing is known about it).</summary>
    public JsonBody? Body
    {
        get
        {
            if (!Volatile.Read(ref _bodyRead))
            {
                _body = _value is not null ? JsonBody.TryRead(_value, _api, NamingOf(_invocation, _naming)) : ReadContent(_content, _api);
                Volatile.Write(ref _bodyRead, true);
            }

            return _body;
        }
    }

    /// <summary>Constant headers set on the request message, or on the client, in this method.</summary>
    public IReadOnlyDictionary<string, string> Headers => LazyInitializer.EnsureInitialized(ref _headers, ReadHeaders)!;

    public bool IsNative => Endpoint is not (DashScopeEndpoint.CompatibleChat or DashScopeEndpoint.CompatibleEmbeddings);

    /// <summary>The model, when the body names a constant one.</summary>
    public string? Model => Body?.Get("model") switch
    {
        { HasConstant: true, Constant: string model } => model,
        // "model": configuration["DashScope:Model"], read from the project's settings files.
        { Value: { } value } => ConfigurationValue.Read(Flow.ValueFlow.Resolve(value) ?? value, _api),
        _ => null,
    };

    /// <summary>Sent by Qwen.Latency's <c>DashScopeHttpStreaming</c>, which turns streaming on the way the endpoint needs it.</summary>
    public bool StreamedByHelper => _api.Http!.IsStreamingHelper(_invocation.TargetMethod);

    /// <summary>
    /// Streamed: sent by the Qwen.Latency streaming helper; a compatible-mode body with <c>stream: true</c>; a native request with <c>X-DashScope-SSE: enable</c> or
    /// <c>Accept: text/event-stream</c> (set by name or through the typed header API).
    /// </summary>
    public bool IsStreaming
    {
        get
        {
            if (_streaming < 0)
            {
                var streaming = StreamedByHelper || (Endpoint == DashScopeEndpoint.CompatibleChat
                    ? Body?.Get("stream")?.IsTrue == true
                    : (Headers.TryGetValue("X-DashScope-SSE", out var sse) && string.Equals(sse, "enable", StringComparison.OrdinalIgnoreCase))
                      || (Headers.TryGetValue("Accept", out var accept) && accept.IndexOf("text/event-stream", StringComparison.OrdinalIgnoreCase) >= 0));
                _streaming = streaming ? 1 : 0;
            }

            return _streaming == 1;
        }
    }

    /// <summary>What the request does: the endpoint says it where it can; on a shared endpoint the model does; otherwise unknown.</summary>
    public CallKind Kind
    {
        get
        {
            if (_kind < 0)
                _kind = (int)ReadKind();
            return (CallKind)_kind;
        }
    }

    private CallKind ReadKind()
    {
        switch (Endpoint)
        {
            case DashScopeEndpoint.CompatibleChat:
                // The path says chat; a speech-recognition model on it (qwen3-asr-flash) is not one.
                var byModel = Models.KindOf(Model);
                return byModel is CallKind.SpeechRecognition or CallKind.SpeechSynthesis ? byModel : CallKind.Chat;
            case DashScopeEndpoint.NativeText:
                return CallKind.Chat;
            case DashScopeEndpoint.NativeMultimodal:
                return Models.KindOf(Model);
            case DashScopeEndpoint.ImageGeneration:
                return CallKind.ImageGeneration;
            case DashScopeEndpoint.VideoGeneration:
                return CallKind.VideoGeneration;
            case DashScopeEndpoint.TaskQuery:
                return CallKind.TaskQuery;
            case DashScopeEndpoint.CompatibleEmbeddings or DashScopeEndpoint.NativeEmbeddings:
                return CallKind.Embedding;
            case DashScopeEndpoint.NativeAudio:
                return Url.IndexOf("/tts", StringComparison.OrdinalIgnoreCase) >= 0 ? CallKind.SpeechSynthesis : CallKind.SpeechRecognition;
            default:
                return CallKind.Unknown;
        }
    }

    /// <summary>
    /// Where request parameters live: under <c>parameters</c> for the native API, at the top level for the compatible
    /// one. False when there is no readable body, or <c>parameters</c> is there but cannot be read;
    /// <paramref name="container"/> is null when a native body has no <c>parameters</c> yet.
    /// </summary>
    public bool TryGetParameters(out JsonBody? container)
    {
        container = null;
        var body = Body;
        if (body is null)
            return false;
        if (!IsNative)
        {
            container = body;
            return true;
        }

        var parameters = body.Get("parameters");
        if (parameters is not null && parameters.Object is null)
            return false;
        container = parameters?.Object;
        return true;
    }

    /// <summary>
    /// A DashScope SDK call: <paramref name="request"/> (a <c>ModelRequest</c>) is serialized snake_case into the native
    /// body; the method decides the endpoint and whether the response streams (SSE).
    /// </summary>
    public static HttpRequestFacts ForSdk(IInvocationOperation invocation, QwenApi api, DashScopeEndpoint endpoint, IOperation? request, bool streaming)
        => new(invocation, api, SdkPaths(endpoint), endpoint, request, content: null, message: null, JsonNaming.SnakeCaseLower) { _streaming = streaming ? 1 : 0, _headers = EmptyHeaders };

    private static readonly IReadOnlyDictionary<string, string> EmptyHeaders = new Dictionary<string, string>();

    private HttpRequestFacts(IInvocationOperation invocation, QwenApi api, string url, DashScopeEndpoint endpoint, IOperation? value, IOperation? content, RequestMessage? message, JsonNaming naming)
        : this(invocation, api, url, endpoint, value, content, message)
    {
        _naming = naming;
        IsSdk = true;
    }

    /// <summary>True for a DashScope SDK call (the request object is the body; <c>NamingOf</c> has nothing to read).</summary>
    public bool IsSdk { get; }

    private static string SdkPaths(DashScopeEndpoint endpoint) => endpoint switch
    {
        DashScopeEndpoint.NativeText => "/api/v1/services/aigc/text-generation/generation",
        DashScopeEndpoint.NativeMultimodal => "/api/v1/services/aigc/multimodal-generation/generation",
        DashScopeEndpoint.ImageGeneration => "/api/v1/services/aigc/text2image/image-synthesis",
        DashScopeEndpoint.TaskQuery => "/api/v1/tasks/{}",
        DashScopeEndpoint.NativeEmbeddings => "/api/v1/services/embeddings/text-embedding/text-embedding",
        _ => "",
    };

    /// <summary>Reads the request an HttpClient call sends; null when it is not recognisably a DashScope request.</summary>
    public static HttpRequestFacts? TryRead(IInvocationOperation invocation, QwenApi api)
    {
        var types = api.Http!;
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

        RequestMessage? message = null;
        if (request is not null)
        {
            message = RequestMessage.TryRead(request, api);
            if (message is null)
                return null;
            url = message.Url;
            content = message.Content;
        }

        var urlText = url is null ? "" : UrlText.Read(url, api);
        if (urlText is null)
            return null;
        // A relative URI goes to the client's base address, when the project sets it where the client is built.
        if (!UrlText.IsAbsolute(urlText) && Client(invocation) is { } client
            && api.BaseAddresses.Of(client, invocation.SemanticModel?.GetEnclosingSymbol(invocation.Syntax.SpanStart), api) is { } baseAddress)
        {
            urlText = UrlText.Resolve(baseAddress, urlText);
        }

        if (Classify(urlText, api.HandBuilt.GatewayHosts) is { } endpoint)
            return new HttpRequestFacts(invocation, api, urlText, endpoint, value, content, message);

        // An OpenAI-compatible chat request to a host the code does not show (baseUrl + "/chat/completions"): read as one
        // when its body says so, for the rules whose advice holds for any provider.
        if (HostOf(urlText.ToLowerInvariant()) is not null || urlText.IndexOf("/chat/completions", StringComparison.OrdinalIgnoreCase) < 0)
            return null;
        var generic = new HttpRequestFacts(invocation, api, urlText, DashScopeEndpoint.CompatibleChat, value, content, message) { HostKnown = false };
        return generic.Body is { } body && body.Get("model") is not null && body.Get("messages") is not null ? generic : null;
    }

    /// <summary>The client a send goes through: the receiver, or the first argument of an extension (<c>PostAsJsonAsync</c>).</summary>
    private static IOperation? Client(IInvocationOperation invocation)
        => invocation.Instance ?? (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);

    /// <summary>
    /// Recognises DashScope by host, or by a path no other service uses (a relative URL on a configured BaseAddress).
    /// An explicit host that is not DashScope's wins over a DashScope-looking path.
    /// </summary>
    internal static DashScopeEndpoint? Classify(string url, IReadOnlyList<string> gatewayHosts)
    {
        var lower = url.ToLowerInvariant();
        var host = HostOf(lower);
        var isGateway = host is not null && IsGateway(host, gatewayHosts);
        if (!isGateway && host is not null && !IsDashScopeHost(host))
            return null;   // an explicit host that is not DashScope's wins over a DashScope-looking path
        var isDashScopeHost = isGateway || lower.Contains(HandBuiltHttpSurface.DashScopeHostSuffix) && (lower.Contains("dashscope") || lower.Contains(".maas."));
        if (lower.Contains("compatible-mode/v1/chat/completions") || isDashScopeHost && lower.Contains("/chat/completions"))
            return DashScopeEndpoint.CompatibleChat;
        if (lower.Contains("compatible-mode/v1/embeddings"))
            return DashScopeEndpoint.CompatibleEmbeddings;
        if (lower.Contains("services/aigc/text-generation/generation"))
            return DashScopeEndpoint.NativeText;
        if (lower.Contains("services/aigc/multimodal-generation/generation"))
            return DashScopeEndpoint.NativeMultimodal;
        if (lower.Contains("services/aigc/text2image/image-synthesis") || lower.Contains("services/aigc/image-generation/generation")
            || lower.Contains("services/aigc/image2image/"))
            return DashScopeEndpoint.ImageGeneration;
        if (lower.Contains("services/aigc/video-generation/video-synthesis") || lower.Contains("services/aigc/image2video/"))
            return DashScopeEndpoint.VideoGeneration;
        if (lower.Contains("api/v1/services/audio/"))
            return DashScopeEndpoint.NativeAudio;
        if (lower.Contains("api/v1/services/embeddings/"))
            return DashScopeEndpoint.NativeEmbeddings;
        if (lower.Contains("api/v1/tasks/"))
            return DashScopeEndpoint.TaskQuery;
        return null;
    }

    /// <summary>The host an absolute URL writes out (<c>https://jobs.example.com/api/v1/tasks/…</c> → <c>jobs.example.com</c>); null when there is none or it is not known here.</summary>
    private static string? HostOf(string lower)
    {
        var scheme = lower.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0)
            return null;
        var start = scheme + 3;
        var end = lower.IndexOfAny(new[] { '/', '?', '#' }, start);
        var host = end < 0 ? lower.Substring(start) : lower.Substring(start, end - start);
        if (host.Length == 0 || host.Contains("{}"))
            return null;   // the host is not known here
        var port = host.IndexOf(':');
        return port >= 0 ? host.Substring(0, port) : host;
    }

    private static bool IsDashScopeHost(string host)
        => host.EndsWith("." + HandBuiltHttpSurface.DashScopeHostSuffix, StringComparison.Ordinal) && (host.Contains("dashscope") || host.Contains(".maas."));

    /// <summary>A host of <c>qwen_analyzers.endpoint_hosts</c>, or a subdomain of one.</summary>
    private static bool IsGateway(string host, IReadOnlyList<string> gatewayHosts)
    {
        foreach (var gateway in gatewayHosts)
        {
            if (host == gateway || host.EndsWith("." + gateway, StringComparison.Ordinal))
                return true;
        }

        return false;
    }

    private static JsonBody? ReadContent(IOperation? content, QwenApi api)
    {
        var types = api.Http!;
        if (content is null || ValueFlow.Resolve(content) is not { } resolved)
            return null;
        switch (resolved)
        {
            // JsonContent.Create(value[, mediaType][, options])
            case IInvocationOperation { TargetMethod.Name: "Create" } create
                when QwenApi.Is(create.TargetMethod.ContainingType, types.JsonContent) && create.Arguments.Length > 0:
                return JsonBody.TryRead(create.Arguments[0].Value, api, NamingOf(create, JsonNaming.Web, api));
            // new StringContent(json, …)
            case IObjectCreationOperation creation when QwenApi.Is(creation.Type, types.StringContent) && creation.Arguments.Length > 0:
                return ReadJsonText(creation.Arguments[0].Value, api);
            default:
                return null;
        }
    }

    /// <summary>
    /// A JSON string: a literal, <c>JsonSerializer.Serialize(value)</c>, Newtonsoft's <c>JsonConvert.SerializeObject(value)</c>,
    /// or a node's <c>ToJsonString()</c> / <c>ToString()</c>.
    /// </summary>
    private static JsonBody? ReadJsonText(IOperation text, QwenApi api)
    {
        var types = api.Http!;
        var resolved = ValueFlow.Resolve(text);
        switch (resolved)
        {
            case null:
                return null;
            case IInvocationOperation { TargetMethod.Name: "Serialize" } serialize
                when QwenApi.Is(serialize.TargetMethod.ContainingType, types.JsonSerializer) && serialize.Arguments.Length > 0:
                return JsonBody.TryRead(serialize.Arguments[0].Value, api, NamingOf(serialize, JsonNaming.AsWritten, api));
            case IInvocationOperation { TargetMethod.Name: "SerializeObject" } serialize
                when QwenApi.Is(serialize.TargetMethod.ContainingType, types.JsonConvert) && serialize.Arguments.Length > 0:
                return JsonBody.TryRead(serialize.Arguments[0].Value, api, NewtonsoftNamingOf(serialize));
            case IInvocationOperation { TargetMethod.Name: "ToJsonString" or "ToString", Instance: { } instance }:
                return JsonBody.TryRead(instance, api, JsonNaming.AsWritten);
            default:
                return JsonBody.TryRead(resolved, api, JsonNaming.AsWritten);
        }
    }

    /// <summary>The naming of a System.Text.Json call: its <c>JsonSerializerOptions</c> argument, or the call's default.</summary>
    private JsonNaming NamingOf(IInvocationOperation call, JsonNaming fallback) => NamingOf(call, fallback, _api);

    private static JsonNaming NamingOf(IInvocationOperation call, JsonNaming fallback, QwenApi api)
    {
        foreach (var argument in call.Arguments)
        {
            if (argument.Parameter?.Type.Name == "JsonSerializerOptions")
                return argument.ArgumentKind == ArgumentKind.DefaultValue || ValueFlow.Unwrap(argument.Value).ConstantValue is { HasValue: true, Value: null }
                    ? fallback
                    : JsonNaming.FromOptions(argument.Value, api);
            // The JsonTypeInfo / serializer-context overloads: member names are whatever the context says.
            if (argument.Parameter?.Type.Name is "JsonTypeInfo" or "JsonSerializerContext")
                return JsonNaming.Unknown;
        }

        return fallback;
    }

    /// <summary>Newtonsoft: names as written, unless settings (other than formatting) may rename them.</summary>
    private static JsonNaming NewtonsoftNamingOf(IInvocationOperation serialize)
    {
        foreach (var argument in serialize.Arguments)
        {
            if (argument.ArgumentKind != ArgumentKind.DefaultValue && argument.Parameter?.Type.Name is "JsonSerializerSettings" or "JsonConverter")
                return JsonNaming.Unknown;
        }

        return JsonNaming.Newtonsoft;
    }

    private IReadOnlyDictionary<string, string> ReadHeaders()
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        ReadClientHeaders(_invocation, headers);
        _message?.ReadHeaders(headers);
        return headers;
    }

    /// <summary>Headers set on the client itself in this method: <c>http.DefaultRequestHeaders.Add("X-DashScope-SSE", "enable")</c>.</summary>
    private static void ReadClientHeaders(IInvocationOperation invocation, Dictionary<string, string> headers)
    {
        var client = Client(invocation);
        var symbol = client is null ? null : ValueFlow.Symbol(client);
        if (symbol is null)
            return;
        foreach (var operation in ValueFlow.GetRoot(invocation).Descendants())
        {
            if (operation is IPropertyReferenceOperation { Property.Name: "DefaultRequestHeaders", Instance: { } instance } property
                && SymbolEqualityComparer.Default.Equals(ValueFlow.Symbol(instance), symbol))
            {
                ReadHeaderAdd(property, headers);
            }
        }
    }

    /// <summary>
    /// <c>headers.Add(name, value)</c>, <c>TryAddWithoutValidation(name, value)</c>, and the typed Accept header:
    /// <c>headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"))</c>, <c>headers.Accept.ParseAdd("…")</c>.
    /// </summary>
    internal static void ReadHeaderAdd(IPropertyReferenceOperation headersProperty, Dictionary<string, string> headers)
    {
        switch (headersProperty.Parent)
        {
            case IInvocationOperation { TargetMethod.Name: "Add" or "TryAddWithoutValidation", Arguments.Length: 2 } add
                when add.Arguments[0].Value.ConstantValue.Value is string name && ValueFlow.Unwrap(add.Arguments[1].Value).ConstantValue.Value is string value:
                headers[name] = value;
                break;
            case IPropertyReferenceOperation { Property.Name: "Accept" } accept when accept.Parent is IInvocationOperation { Arguments.Length: 1 } call:
                var media = call.TargetMethod.Name switch
                {
                    "ParseAdd" or "TryParseAdd" => ValueFlow.Unwrap(call.Arguments[0].Value).ConstantValue.Value as string,
                    "Add" when ValueFlow.Unwrap(call.Arguments[0].Value) is IObjectCreationOperation { Arguments.Length: >= 1 } created
                        => ValueFlow.Unwrap(created.Arguments[0].Value).ConstantValue.Value as string,
                    _ => null,
                };
                if (media is not null)
                    headers["Accept"] = headers.TryGetValue("Accept", out var existing) ? existing + ", " + media : media;
                break;
        }
    }

    /// <summary><c>new HttpRequestMessage(method, url) { Content = … }</c>, and what the method does to it afterwards.</summary>
    private sealed class RequestMessage
    {
        private readonly ILocalSymbol? _local;
        private readonly IOperation _root;
        private readonly ILocalSymbol? _callerLocal;
        private readonly IOperation? _callerRoot;

        private RequestMessage(IObjectCreationOperation creation, ILocalSymbol? local, IOperation root, ILocalSymbol? callerLocal, IOperation? callerRoot)
        {
            Creation = creation;
            _local = local;
            _root = root;
            _callerLocal = callerLocal;
            _callerRoot = callerRoot;
        }

        public IObjectCreationOperation Creation { get; }
        public IOperation? Url { get; private set; }
        public IOperation? Content { get; private set; }

        public static RequestMessage? TryRead(IOperation request, QwenApi api)
        {
            var types = api.Http!;
            var unwrapped = ValueFlow.Unwrap(request);
            var resolved = ValueFlow.Resolve(unwrapped);
            var callerLocal = (unwrapped as ILocalReferenceOperation)?.Local;
            var callerRoot = ValueFlow.GetRoot(unwrapped);
            // A request built by a small helper of the project: read it where the helper builds it, then what the caller adds.
            if (resolved is IInvocationOperation helper && api.Sources.IsOwn(helper.TargetMethod)
                && api.Sources.ReturnedValue(helper.TargetMethod) is { } returned)
            {
                unwrapped = ValueFlow.Unwrap(returned);
                resolved = ValueFlow.Resolve(unwrapped);
            }
            else
            {
                callerLocal = null;   // read below as the creation's own local
            }

            if (resolved is not IObjectCreationOperation creation || !QwenApi.Is(creation.Type, types.HttpRequestMessage))
                return null;

            var message = new RequestMessage(creation, (unwrapped as ILocalReferenceOperation)?.Local, ValueFlow.GetRoot(unwrapped), callerLocal, callerRoot);
            foreach (var argument in creation.Arguments)
            {
                if (argument.Parameter?.Name == "requestUri")
                    message.Url = argument.Value;
            }

            if (creation.Initializer is not null)
            {
                foreach (var initializer in creation.Initializer.Initializers)
                    message.ReadMemberAssignment(initializer);
            }

            foreach (var (local, root) in message.Locals())
            {
                foreach (var reference in ValueFlow.References(local, root))
                {
                    if (reference.Parent is IPropertyReferenceOperation { Property.Name: "Content" or "RequestUri" } property
                        && property.Parent is ISimpleAssignmentOperation assignment && assignment.Target == property)
                    {
                        message.ReadMemberAssignment(assignment);
                    }
                }
            }

            return message;
        }

        /// <summary>The locals that hold the request: where it is built, and (for a helper's request) where the caller keeps it.</summary>
        private IEnumerable<(ILocalSymbol Local, IOperation Root)> Locals()
        {
            if (_local is not null)
                yield return (_local, _root);
            if (_callerLocal is not null)
                yield return (_callerLocal, _callerRoot!);
        }

        public void ReadHeaders(Dictionary<string, string> headers)
        {
            foreach (var (local, root) in Locals())
            {
                foreach (var reference in ValueFlow.References(local, root))
                {
                    if (reference.Parent is IPropertyReferenceOperation { Property.Name: "Headers" } property)
                        ReadHeaderAdd(property, headers);
                }
            }
        }

        private void ReadMemberAssignment(IOperation operation)
        {
            if (operation is not ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment)
                return;
            if (property.Property.Name == "Content")
                Content = assignment.Value;
            else if (property.Property.Name == "RequestUri")
                Url = assignment.Value;
        }
    }
}
