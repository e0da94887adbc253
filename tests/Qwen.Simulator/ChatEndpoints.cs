using System.Text.Json.Nodes;

namespace Qwen.Simulator;

/// <summary><c>POST /compatible-mode/v1/chat/completions</c> and the native <c>text-generation/generation</c>.</summary>
public sealed class ChatEndpoints(SimulatorState state)
{
    public async Task CompatibleAsync(HttpContext context)
    {
        var (body, error) = await Wire.ReadJsonAsync(context.Request);
        state.LastChatRequest = body?.ToJsonString();
        if (body is null)
        {
            state.Stats.Error();
            await Wire.CompatibleErrorAsync(context, 400, "invalid_request_error", error!);
            return;
        }

        var (request, problem) = ReadCompatible(body);
        if (request is null)
        {
            state.Stats.Error();
            await Wire.CompatibleErrorAsync(context, 400, problem!.Value.Code, problem.Value.Message);
            return;
        }

        var stream = Wire.ReadBool(body["stream"]) == true;
        var includeUsage = Wire.ReadBool(body["stream_options"]?["include_usage"]) == true;
        if (RejectThinkingWithoutStream(request, stream) is { } rejection)
        {
            state.Stats.Error();
            await Wire.CompatibleErrorAsync(context, 400, "invalid_parameter_error", rejection);
            return;
        }

        await RunAsync(context, request, stream, native: false, async (plan, fault, start) =>
        {
            if (!stream)
            {
                await Faults.WriteOrAsync(context, state, fault, native: false, () => Wire.WriteJsonAsync(context, 200, CompatibleCompletion(request, plan)));
                return;
            }

            await StreamCompatibleAsync(context, request, plan, includeUsage, fault, start);
        });
    }

    public async Task NativeAsync(HttpContext context)
    {
        var (body, error) = await Wire.ReadJsonAsync(context.Request);
        state.LastChatRequest = body?.ToJsonString();
        if (body is null)
        {
            state.Stats.Error();
            await Wire.NativeErrorAsync(context, 400, "InvalidParameter", error!);
            return;
        }

        var (request, problem) = ReadNative(body);
        if (request is null)
        {
            state.Stats.Error();
            await Wire.NativeErrorAsync(context, 400, "InvalidParameter", problem!.Value.Message);
            return;
        }

        var parameters = body["parameters"] as JsonObject;
        var stream = string.Equals(context.Request.Headers["X-DashScope-SSE"], "enable", StringComparison.OrdinalIgnoreCase)
                     || context.Request.Headers.Accept.ToString().Contains("text/event-stream", StringComparison.OrdinalIgnoreCase);
        var incremental = Wire.ReadBool(parameters?["incremental_output"]) == true;
        var messageFormat = Wire.ReadString(parameters?["result_format"]) == "message";
        var thinking = request.Profile.ThinkingOnly || (request.EnableThinking ?? request.Profile.ThinkingByDefault);
        var rejection = RejectThinkingWithoutStream(request, stream)
                        ?? (stream && thinking && !incremental ? "The thinking mode only supports incremental output (set incremental_output to true)." : null);
        if (rejection is not null)
        {
            state.Stats.Error();
            await Wire.NativeErrorAsync(context, 400, "InvalidParameter", rejection);
            return;
        }

        await RunAsync(context, request, stream, native: true, async (plan, fault, start) =>
        {
            var choice = plan.Choices[0];
            if (!stream)
            {
                await Faults.WriteOrAsync(context, state, fault, native: true, () => Wire.WriteJsonAsync(context, 200, NativeEvent(plan, messageFormat, choice.AnswerText, choice.ReasoningText, choice.FinishReason, choice.TokenCount)));
                return;
            }

            await StreamNativeAsync(context, plan, incremental, messageFormat, fault, start);
        });
    }

    /// <summary>Open-source Qwen3 needs streaming while thinking; QwQ and -thinking models only stream.</summary>
    private static string? RejectThinkingWithoutStream(ChatRequest request, bool stream)
    {
        if (stream)
            return null;
        if (request.Profile.ThinkingOnly)
            return "This model only supports stream mode; set stream to true.";
        if (request.Profile.Family == "open-source" && (request.EnableThinking ?? true))
            return "parameter.enable_thinking must be set to false for non-streaming calls.";
        return null;
    }

    private async Task RunAsync(HttpContext context, ChatRequest request, bool stream, bool native, Func<ChatPlan, string?, double, Task> respond)
    {
        var apiKey = Wire.ApiKey(context.Request) ?? "";
        using var inFlight = state.Stats.InFlight();
        using var logging = state.Calls.Begin(apiKey);
        var start = state.Clock.NowMs;
        var scope = apiKey + "|" + request.Model;
        var cache = state.Cache.Lookup(scope, request.Segments, start);
        var plan = ChatEngine.Plan(request, cache);
        var fault = state.TakeFault(context.Request);
        state.Stats.Chat(stream, native);

        // The model's own figures, in simulated milliseconds: deterministic, so tests can assert on them.
        context.Response.Headers["X-Sim-Ttft-Ms"] = plan.TtftMs.ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers["X-Sim-Total-Ms"] = plan.TotalMs.ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers["X-Sim-Cached-Tokens"] = plan.Cache.CachedTokens.ToString(System.Globalization.CultureInfo.InvariantCulture);

        if (fault is "429" or "500")
        {
            state.Stats.Fault();
            await Faults.WriteStatusAsync(context, fault, native);
            return;
        }

        if (fault == "drop-early")
        {
            // The connection is lost before the first response byte: no status, no headers.
            state.Stats.Fault();
            context.Abort();
            return;
        }

        if (fault == "stall" && !stream)
        {
            state.Stats.Fault();
            await Faults.StallAsync(context);
            return;
        }

        if (!stream)
            await state.Clock.WaitUntilAsync(start + plan.TotalMs, context.RequestAborted);
        state.Stats.Usage(plan.PromptTokens, plan.Cache.CachedTokens, plan.CompletionTokens, plan.ReasoningTokens);
        await respond(plan, fault, start);
        var end = state.Clock.NowMs;
        state.Cache.Store(cache, end);
        if (fault is null)
        {
            // A stream delivers its first answer token after the reasoning trace; a non-streamed reply delivers every token at once.
            var firstToken = stream ? start + plan.FirstAnswerMs : end;
            state.Calls.Add(new ModelCall(apiKey, request.Model, stream, native, start, firstToken, end,
                plan.PromptTokens, plan.Cache.CachedTokens, plan.CompletionTokens, context.Items[Wire.StreamBytesKey] as long? ?? 0, plan.ReasoningTokens));
        }
    }

    private async Task StreamCompatibleAsync(HttpContext context, ChatRequest request, ChatPlan plan, bool includeUsage, string? fault, double start)
    {
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        await context.Response.Body.FlushAsync();

        var id = Wire.NewId("chatcmpl-");
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var longest = plan.Choices.Max(c => c.TokenCount);
        var sent = 0;
        for (var i = 0; i < longest; i++)
        {
            await state.Clock.WaitUntilAsync(start + plan.ArrivalMs(i), context.RequestAborted);
            for (var c = 0; c < plan.Choices.Count; c++)
            {
                var choice = plan.Choices[c];
                if (i >= choice.TokenCount)
                    continue;
                if (await FaultMidStreamAsync(context, fault, ++sent))
                    return;
                var delta = new JsonObject();
                if (i == 0)
                    delta["role"] = "assistant";
                if (i < choice.Reasoning.Count)
                    delta["reasoning_content"] = choice.Reasoning[i];
                else
                    delta["content"] = choice.Answer[i - choice.Reasoning.Count];
                await Wire.WriteEventAsync(context, state.Stats, "data: " + Chunk(id, created, request.Model, c, delta, null).ToJsonString() + "\n\n");
            }
        }

        for (var c = 0; c < plan.Choices.Count; c++)
        {
            var delta = plan.Choices[c].TokenCount == 0 ? new JsonObject { ["role"] = "assistant", ["content"] = "" } : new JsonObject();
            await Wire.WriteEventAsync(context, state.Stats, "data: " + Chunk(id, created, request.Model, c, delta, plan.Choices[c].FinishReason).ToJsonString() + "\n\n");
        }

        if (includeUsage)
        {
            var usage = new JsonObject
            {
                ["id"] = id, ["object"] = "chat.completion.chunk", ["created"] = created, ["model"] = request.Model,
                ["choices"] = new JsonArray(), ["usage"] = CompatibleUsage(plan),
            };
            await Wire.WriteEventAsync(context, state.Stats, "data: " + usage.ToJsonString() + "\n\n");
        }

        await Wire.WriteEventAsync(context, state.Stats, "data: [DONE]\n\n");
    }

    private async Task StreamNativeAsync(HttpContext context, ChatPlan plan, bool incremental, bool messageFormat, string? fault, double start)
    {
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        await context.Response.Body.FlushAsync();

        var choice = plan.Choices[0];
        var requestId = Guid.NewGuid().ToString();
        var answer = new System.Text.StringBuilder();
        var reasoning = new System.Text.StringBuilder();
        for (var i = 0; i < choice.TokenCount; i++)
        {
            await state.Clock.WaitUntilAsync(start + plan.ArrivalMs(i), context.RequestAborted);
            if (await FaultMidStreamAsync(context, fault, i + 1))
                return;
            string piece;
            if (i < choice.Reasoning.Count)
            {
                piece = choice.Reasoning[i];
                reasoning.Append(piece);
            }
            else
            {
                piece = choice.Answer[i - choice.Reasoning.Count];
                answer.Append(piece);
            }

            var isReasoning = i < choice.Reasoning.Count;
            var last = i == choice.TokenCount - 1;
            // Without incremental_output every event repeats the whole text so far.
            var content = incremental ? (isReasoning ? "" : piece) : answer.ToString();
            var reasoningContent = incremental ? (isReasoning ? piece : "") : reasoning.ToString();
            var payload = NativeEvent(plan, messageFormat, content, reasoningContent, last ? choice.FinishReason : "null", outputTokens: i + 1);
            payload["request_id"] = requestId;
            await Wire.WriteEventAsync(context, state.Stats, $"id:{i + 1}\nevent:result\n:HTTP_STATUS/200\ndata:{payload.ToJsonString()}\n\n");
        }
    }

    /// <summary>Injects a mid-stream fault after the third event: a dropped connection, a stall, or a chunk that is not JSON.</summary>
    private async Task<bool> FaultMidStreamAsync(HttpContext context, string? fault, int eventNumber)
    {
        if (eventNumber != 4 || fault is not ("drop" or "drop-mid" or "malformed" or "stall"))
            return false;
        state.Stats.Fault();
        if (fault == "stall")
        {
            await Faults.StallAsync(context);
            return true;
        }

        if (fault is "drop" or "drop-mid")
        {
            // Give the client a moment to read what was sent, as a real connection loss would.
            await Task.Delay(100);
            context.Abort();
            return true;
        }

        await Wire.WriteEventAsync(context, state.Stats, "data: {\"id\":\"chatcmpl-broken\",\"choices\":[{\"delta\":\n\n");
        return true;
    }

    private static JsonObject Chunk(string id, long created, string model, int index, JsonObject delta, string? finishReason) => new()
    {
        ["id"] = id,
        ["object"] = "chat.completion.chunk",
        ["created"] = created,
        ["model"] = model,
        ["choices"] = new JsonArray(new JsonObject { ["index"] = index, ["delta"] = delta, ["finish_reason"] = finishReason, ["logprobs"] = null }),
    };

    private static JsonObject CompatibleCompletion(ChatRequest request, ChatPlan plan)
    {
        var choices = new JsonArray();
        for (var i = 0; i < plan.Choices.Count; i++)
        {
            var choice = plan.Choices[i];
            var message = new JsonObject { ["role"] = "assistant", ["content"] = choice.AnswerText };
            if (choice.Reasoning.Count > 0)
                message["reasoning_content"] = choice.ReasoningText;
            choices.Add(new JsonObject { ["index"] = i, ["message"] = message, ["finish_reason"] = choice.FinishReason, ["logprobs"] = null });
        }

        return new JsonObject
        {
            ["id"] = Wire.NewId("chatcmpl-"),
            ["object"] = "chat.completion",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["model"] = request.Model,
            ["choices"] = choices,
            ["usage"] = CompatibleUsage(plan),
        };
    }

    private static JsonObject CompatibleUsage(ChatPlan plan)
    {
        var details = new JsonObject { ["cached_tokens"] = plan.Cache.CachedTokens };
        if (plan.Cache.CreationTokens > 0 || plan.Cache.Mode == "ephemeral")
        {
            details["cache_creation_input_tokens"] = plan.Cache.CreationTokens;
            details["cache_type"] = "ephemeral";
        }

        return new JsonObject
        {
            ["prompt_tokens"] = plan.PromptTokens,
            ["completion_tokens"] = plan.CompletionTokens,
            ["total_tokens"] = plan.PromptTokens + plan.CompletionTokens,
            ["prompt_tokens_details"] = details,
            ["completion_tokens_details"] = new JsonObject { ["reasoning_tokens"] = plan.ReasoningTokens },
        };
    }

    private static JsonObject NativeEvent(ChatPlan plan, bool messageFormat, string content, string reasoningContent, string finishReason, int outputTokens)
    {
        JsonObject output;
        if (messageFormat)
        {
            var message = new JsonObject { ["role"] = "assistant", ["content"] = content };
            if (reasoningContent.Length > 0 || plan.ReasoningTokens > 0)
                message["reasoning_content"] = reasoningContent;
            output = new JsonObject { ["choices"] = new JsonArray(new JsonObject { ["finish_reason"] = finishReason, ["message"] = message }) };
        }
        else
        {
            output = new JsonObject { ["text"] = content, ["finish_reason"] = finishReason };
        }

        return new JsonObject
        {
            ["output"] = output,
            ["usage"] = new JsonObject
            {
                ["input_tokens"] = plan.PromptTokens,
                ["output_tokens"] = outputTokens,
                ["total_tokens"] = plan.PromptTokens + outputTokens,
                ["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = plan.Cache.CachedTokens },
            },
            ["request_id"] = Guid.NewGuid().ToString(),
        };
    }

    private static (ChatRequest? Request, (string Code, string Message)? Problem) ReadCompatible(JsonObject body)
        => Read(body, body["messages"] as JsonArray, prompt: null, body);

    private static (ChatRequest? Request, (string Code, string Message)? Problem) ReadNative(JsonObject body)
    {
        var input = body["input"] as JsonObject;
        if (input is null)
            return (null, ("invalid_request_error", "input is required."));
        return Read(body, input["messages"] as JsonArray, Wire.ReadString(input["prompt"]), body["parameters"] as JsonObject ?? new JsonObject());
    }

    private static (ChatRequest? Request, (string Code, string Message)? Problem) Read(JsonObject body, JsonArray? messages, string? prompt, JsonObject parameters)
    {
        var model = Wire.ReadString(body["model"]);
        if (model is null)
            return (null, ("invalid_request_error", "model is required."));
        var profile = LatencyModel.Find(model);
        if (profile is null)
            return (null, ("model_not_found", $"The model `{model}` does not exist or you do not have access to it."));

        var segments = new List<PromptSegment>();
        string lastUser;
        if (prompt is not null && messages is null)
        {
            segments.Add(new PromptSegment("user:" + prompt, false));
            lastUser = prompt;
        }
        else if (ChatEngine.ReadMessages(messages, segments, out lastUser) is { } messageError)
        {
            return (null, ("invalid_request_error", messageError));
        }

        if (ContextCache.MarkerCount(segments) > ContextCache.MaxMarkers)
            return (null, ("invalid_request_error", $"A request supports at most {ContextCache.MaxMarkers} cache_control markers."));

        var maxTokens = Wire.ReadInt(parameters["max_completion_tokens"]) ?? Wire.ReadInt(parameters["max_tokens"]);
        if (maxTokens is <= 0)
            return (null, ("invalid_request_error", "max_tokens must be greater than 0."));
        var n = Wire.ReadInt(parameters["n"]) ?? 1;
        if (n is < 1 or > 4)
            return (null, ("invalid_request_error", "n must be between 1 and 4."));

        return (new ChatRequest
        {
            Model = model,
            Profile = profile,
            Segments = segments,
            LastUserText = lastUser,
            MaxTokens = maxTokens,
            Stop = Wire.ReadStop(parameters["stop"]),
            N = n,
            EnableThinking = Wire.ReadBool(parameters["enable_thinking"]),
            ThinkingBudget = Wire.ReadInt(parameters["thinking_budget"]),
        }, null);
    }
}
