using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace Qwen.Latency;

/// <summary>A streamed DashScope response that broke after it started; <see cref="PartialText"/> keeps what had arrived.</summary>
/// <remarks>An <see cref="HttpRequestException"/>, as a lost connection is for the same request sent unstreamed.</remarks>
public sealed class DashScopeStreamInterruptedException : HttpRequestException
{
    /// <summary>Creates the exception with what arrived before the failure.</summary>
    public DashScopeStreamInterruptedException(string message, string partialText, Exception? innerException)
        : base(message, innerException) => PartialText = partialText;

    /// <summary>The answer text that arrived before the stream broke.</summary>
    public string PartialText { get; }
}

/// <summary>
/// Streams a hand-built DashScope chat request and hands back the response the unstreamed request would have had, so
/// the code after the call (<c>ReadAsStringAsync</c>, <c>ReadFromJsonAsync</c>, <c>JsonDocument.Parse</c>) keeps
/// working while each delta reaches <c>onDelta</c> at the time to first token. Streaming is turned on the way the
/// endpoint needs it: native (<c>…/services/aigc/text-generation|multimodal-generation/generation</c>) with
/// <c>X-DashScope-SSE: enable</c> and <c>parameters.incremental_output: true</c>; compatible mode
/// (<c>…/chat/completions</c>) with <c>stream: true</c> and <c>stream_options.include_usage: true</c>. Events are read
/// with <see cref="SseParser"/>. Any other request (another endpoint, a body that is not a JSON object, a request that
/// already streams) is sent unchanged.
/// </summary>
public static class DashScopeHttpStreaming
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>Sends <paramref name="request"/> streamed; returns the unstreamed response's status, headers and JSON body.</summary>
    /// <exception cref="DashScopeStreamInterruptedException">The stream broke after it started (connection lost, malformed event).</exception>
    /// <exception cref="StreamCanceledException"><paramref name="cancellationToken"/> was canceled mid-stream; the partial text is kept.</exception>
    public static Task<HttpResponseMessage> SendStreamingAsync(this HttpClient http, HttpRequestMessage request,
        Action<string>? onDelta = null, CancellationToken cancellationToken = default)
        => SendStreamingCoreAsync(http, request, StreamCollector.Sync(onDelta), cancellationToken);

    /// <summary>
    /// Like <see cref="SendStreamingAsync(HttpClient, HttpRequestMessage, Action{string}, CancellationToken)"/>, awaiting
    /// <paramref name="onDeltaAsync"/> for each delta (a write to a response, a hub, a socket) before reading the next.
    /// </summary>
    public static Task<HttpResponseMessage> SendStreamingAsync(this HttpClient http, HttpRequestMessage request,
        Func<string, CancellationToken, ValueTask> onDeltaAsync, CancellationToken cancellationToken = default)
        => SendStreamingCoreAsync(http, request, onDeltaAsync ?? throw new ArgumentNullException(nameof(onDeltaAsync)), cancellationToken);

    private static async Task<HttpResponseMessage> SendStreamingCoreAsync(HttpClient http, HttpRequestMessage request,
        Func<string, CancellationToken, ValueTask>? onDelta, CancellationToken cancellationToken)
    {
        if (http is null)
            throw new ArgumentNullException(nameof(http));
        if (request is null)
            throw new ArgumentNullException(nameof(request));

        var kind = KindOf(request.RequestUri, http.BaseAddress);
        JsonObject? body = null;
        if (kind != EndpointKind.Other && request.Content is not null && !request.Headers.Contains("X-DashScope-SSE"))
        {
            var text = await request.Content.ReadAsStringAsync().ConfigureAwait(false);
            body = Parse(text) as JsonObject;
        }

        if (body is null || AlreadyStreams(body, kind))
            return await http.SendAsync(request, cancellationToken).ConfigureAwait(false);

        if (kind == EndpointKind.Native)
        {
            if (body["parameters"] is not JsonObject parameters)
                body["parameters"] = parameters = new JsonObject();
            parameters["incremental_output"] = true;
            request.Headers.Add("X-DashScope-SSE", "enable");
        }
        else
        {
            body["stream"] = true;
            body["stream_options"] = new JsonObject { ["include_usage"] = true };
        }

        var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        foreach (var header in request.Content!.Headers.Where(h => !string.Equals(h.Key, "Content-Type", StringComparison.OrdinalIgnoreCase) && !string.Equals(h.Key, "Content-Length", StringComparison.OrdinalIgnoreCase)))
            content.Headers.TryAddWithoutValidation(header.Key, header.Value);
        request.Content = content;

        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            return response;   // an error before the stream started: the same status and body the unstreamed call gets

        using (response)
        {
            var assembly = kind == EndpointKind.Native ? (Assembly)new NativeAssembly() : new CompatibleAssembly();
            try
            {
#if NET8_0_OR_GREATER
                var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
                var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
                await foreach (var item in SseParser.Create(stream).EnumerateAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (item.Data == "[DONE]")
                        break;
                    if (Parse(item.Data) is not JsonObject chunk)
                        throw new JsonException("A stream event is not a JSON object: " + Shorten(item.Data));
                    if (IsError(item.EventType, chunk))
                        return Finish(response, HttpStatusCode.InternalServerError, chunk);   // the service's error, as an unstreamed call reports it
                    var delta = assembly.Add(chunk);
                    if (delta.Length > 0 && onDelta is not null)
                        await onDelta(delta, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException canceled) when (cancellationToken.IsCancellationRequested)
            {
                throw new StreamCanceledException(assembly.Text, cancellationToken, canceled);
            }
            catch (Exception failure) when (failure is System.IO.IOException or HttpRequestException or JsonException)
            {
                throw new DashScopeStreamInterruptedException("The DashScope stream broke after it started: " + failure.Message, assembly.Text, failure);
            }

            return Finish(response, response.StatusCode, assembly.Result());
        }
    }

    /// <summary>POSTs <paramref name="content"/> to <paramref name="requestUri"/> streamed, as <see cref="SendStreamingAsync(HttpClient, HttpRequestMessage, Action{string}, CancellationToken)"/>.</summary>
    public static Task<HttpResponseMessage> PostStreamingAsync(this HttpClient http, string? requestUri, HttpContent content,
        Action<string>? onDelta = null, CancellationToken cancellationToken = default)
        => SendStreamingAsync(http, new HttpRequestMessage(HttpMethod.Post, requestUri) { Content = content }, onDelta, cancellationToken);

    /// <summary>POSTs <paramref name="content"/> to <paramref name="requestUri"/> streamed, as <see cref="SendStreamingAsync(HttpClient, HttpRequestMessage, Action{string}, CancellationToken)"/>.</summary>
    public static Task<HttpResponseMessage> PostStreamingAsync(this HttpClient http, Uri? requestUri, HttpContent content,
        Action<string>? onDelta = null, CancellationToken cancellationToken = default)
        => SendStreamingAsync(http, new HttpRequestMessage(HttpMethod.Post, requestUri) { Content = content }, onDelta, cancellationToken);

    /// <summary>POSTs <paramref name="content"/> streamed, awaiting <paramref name="onDeltaAsync"/> for each delta.</summary>
    public static Task<HttpResponseMessage> PostStreamingAsync(this HttpClient http, string? requestUri, HttpContent content,
        Func<string, CancellationToken, ValueTask> onDeltaAsync, CancellationToken cancellationToken = default)
        => SendStreamingAsync(http, new HttpRequestMessage(HttpMethod.Post, requestUri) { Content = content }, onDeltaAsync, cancellationToken);

    /// <summary>POSTs <paramref name="content"/> streamed, awaiting <paramref name="onDeltaAsync"/> for each delta.</summary>
    public static Task<HttpResponseMessage> PostStreamingAsync(this HttpClient http, Uri? requestUri, HttpContent content,
        Func<string, CancellationToken, ValueTask> onDeltaAsync, CancellationToken cancellationToken = default)
        => SendStreamingAsync(http, new HttpRequestMessage(HttpMethod.Post, requestUri) { Content = content }, onDeltaAsync, cancellationToken);

    /// <summary>
    /// POSTs <paramref name="value"/> serialized as <c>PostAsJsonAsync</c> does (web defaults: camelCase names) to
    /// <paramref name="requestUri"/>, streamed, as <see cref="SendStreamingAsync(HttpClient, HttpRequestMessage, Action{string}, CancellationToken)"/>.
    /// </summary>
    public static Task<HttpResponseMessage> PostAsJsonStreamingAsync<TValue>(this HttpClient http, string? requestUri, TValue value,
        Action<string>? onDelta = null, CancellationToken cancellationToken = default)
        => PostStreamingAsync(http, requestUri, Json(value), onDelta, cancellationToken);

    /// <summary>As the string overload.</summary>
    public static Task<HttpResponseMessage> PostAsJsonStreamingAsync<TValue>(this HttpClient http, Uri? requestUri, TValue value,
        Action<string>? onDelta = null, CancellationToken cancellationToken = default)
        => PostStreamingAsync(http, requestUri, Json(value), onDelta, cancellationToken);

    /// <summary>POSTs <paramref name="value"/> as JSON streamed, awaiting <paramref name="onDeltaAsync"/> for each delta.</summary>
    public static Task<HttpResponseMessage> PostAsJsonStreamingAsync<TValue>(this HttpClient http, string? requestUri, TValue value,
        Func<string, CancellationToken, ValueTask> onDeltaAsync, CancellationToken cancellationToken = default)
        => PostStreamingAsync(http, requestUri, Json(value), onDeltaAsync, cancellationToken);

    /// <summary>As the string overload.</summary>
    public static Task<HttpResponseMessage> PostAsJsonStreamingAsync<TValue>(this HttpClient http, Uri? requestUri, TValue value,
        Func<string, CancellationToken, ValueTask> onDeltaAsync, CancellationToken cancellationToken = default)
        => PostStreamingAsync(http, requestUri, Json(value), onDeltaAsync, cancellationToken);

    private static StringContent Json<TValue>(TValue value)
        => new(JsonSerializer.Serialize(value, Web), Encoding.UTF8, "application/json");

    private enum EndpointKind
    {
        Other,
        Native,
        Compatible,
    }

    private static EndpointKind KindOf(Uri? uri, Uri? baseAddress)
    {
        if (uri is not null && !uri.IsAbsoluteUri && baseAddress is not null)
            uri = new Uri(baseAddress, uri);
        var path = uri is null ? "" : uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString;
        if (path.EndsWith("/services/aigc/text-generation/generation", StringComparison.OrdinalIgnoreCase)
            || path.EndsWith("/services/aigc/multimodal-generation/generation", StringComparison.OrdinalIgnoreCase))
        {
            return EndpointKind.Native;
        }

        return path.EndsWith("/chat/completions", StringComparison.OrdinalIgnoreCase) ? EndpointKind.Compatible : EndpointKind.Other;
    }

    private static bool AlreadyStreams(JsonObject body, EndpointKind kind)
        => kind == EndpointKind.Compatible && body["stream"] is JsonValue stream && stream.TryGetValue<bool>(out var on) && on;

    /// <summary>Native streams report a failure as an <c>error</c> event (or a <c>code</c>); compatible mode as an <c>error</c> member.</summary>
    private static bool IsError(string eventType, JsonObject chunk)
        => string.Equals(eventType, "error", StringComparison.OrdinalIgnoreCase) || chunk["error"] is JsonObject
           || (chunk["code"] is JsonValue code && code.ToString().Length > 0 && chunk["output"] is null);

    private static HttpResponseMessage Finish(HttpResponseMessage streamed, HttpStatusCode status, JsonObject body)
    {
        var response = new HttpResponseMessage(status)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
            RequestMessage = streamed.RequestMessage,
            ReasonPhrase = status == streamed.StatusCode ? streamed.ReasonPhrase : null,
            Version = streamed.Version,
        };
        foreach (var header in streamed.Headers)
            response.Headers.TryAddWithoutValidation(header.Key, header.Value);
        return response;
    }

    private static JsonNode? Parse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text.Substring(0, 200) + "…";

    /// <summary>Folds stream events into the unstreamed response: the answer text (and any reasoning) joined, the last event's metadata and usage.</summary>
    private abstract class Assembly
    {
        /// <summary>Adds one event; returns the answer text it added (empty for reasoning, usage and metadata).</summary>
        public abstract string Add(JsonObject chunk);

        public abstract string Text { get; }

        public abstract JsonObject Result();
    }

    /// <summary>
    /// Native events with incremental output each carry the new piece in <c>output.text</c> (result_format text) or
    /// <c>output.choices[0].message.content</c> (message); the last one carries <c>finish_reason</c> and the usage.
    /// The result is the last event with the joined text in place of its piece.
    /// </summary>
    private sealed class NativeAssembly : Assembly
    {
        private readonly StringBuilder _text = new();
        private readonly StringBuilder _reasoning = new();
        private JsonObject? _last;

        public override string Text => _text.ToString();

        public override string Add(JsonObject chunk)
        {
            _last = chunk;
            var output = chunk["output"] as JsonObject;
            var message = (output?["choices"] as JsonArray)?.FirstOrDefault()?["message"] as JsonObject;
            var piece = message?["content"] is JsonValue content ? content.ToString() : output?["text"] is JsonValue text ? text.ToString() : "";
            if (message?["reasoning_content"] is JsonValue reasoning)
                _reasoning.Append(reasoning.ToString());
            _text.Append(piece);
            return piece;
        }

        public override JsonObject Result()
        {
            var result = _last is null ? new JsonObject() : (JsonObject)JsonNode.Parse(_last.ToJsonString())!;
            if (result["output"] is not JsonObject output)
                result["output"] = output = new JsonObject();
            if ((output["choices"] as JsonArray)?.FirstOrDefault()?["message"] is JsonObject message)
            {
                message["content"] = Text;
                if (message.ContainsKey("reasoning_content") || _reasoning.Length > 0)
                    message["reasoning_content"] = _reasoning.ToString();
            }
            else
            {
                output["text"] = Text;
            }

            return result;
        }
    }

    /// <summary>
    /// Compatible-mode chunks carry <c>choices[i].delta</c> per choice and, with <c>include_usage</c>, a last chunk with
    /// the usage; the result is a <c>chat.completion</c> with one message per choice.
    /// </summary>
    private sealed class CompatibleAssembly : Assembly
    {
        private readonly SortedDictionary<int, (StringBuilder Content, StringBuilder Reasoning, JsonNode? FinishReason)> _choices = new();
        private JsonObject? _first;
        private JsonNode? _usage;

        public override string Text => _choices.TryGetValue(0, out var first) ? first.Content.ToString() : "";

        public override string Add(JsonObject chunk)
        {
            _first ??= chunk;
            if (chunk["usage"] is JsonObject usage)
                _usage = usage.DeepClone();
            var added = "";
            foreach (var choice in chunk["choices"] as JsonArray ?? new JsonArray())
            {
                var index = choice?["index"] is JsonValue i && i.TryGetValue<int>(out var n) ? n : 0;
                if (!_choices.TryGetValue(index, out var state))
                    state = (new StringBuilder(), new StringBuilder(), null);
                var delta = choice?["delta"] as JsonObject;
                var piece = delta?["content"] is JsonValue content ? content.ToString() : "";
                state.Content.Append(piece);
                if (delta?["reasoning_content"] is JsonValue reasoning)
                    state.Reasoning.Append(reasoning.ToString());
                if (choice?["finish_reason"] is JsonValue finish)
                    state.FinishReason = finish.DeepClone();
                _choices[index] = state;
                if (index == 0)
                    added += piece;
            }

            return added;
        }

        public override JsonObject Result()
        {
            var choices = new JsonArray();
            foreach (var pair in _choices)
            {
                var message = new JsonObject { ["role"] = "assistant", ["content"] = pair.Value.Content.ToString() };
                if (pair.Value.Reasoning.Length > 0)
                    message["reasoning_content"] = pair.Value.Reasoning.ToString();
                choices.Add(new JsonObject { ["index"] = pair.Key, ["message"] = message, ["finish_reason"] = pair.Value.FinishReason?.DeepClone() });
            }

            var result = new JsonObject
            {
                ["id"] = _first?["id"]?.DeepClone(),
                ["object"] = "chat.completion",
                ["created"] = _first?["created"]?.DeepClone(),
                ["model"] = _first?["model"]?.DeepClone(),
                ["choices"] = choices,
            };
            if (_usage is not null)
                result["usage"] = _usage.DeepClone();
            return result;
        }
    }
}
