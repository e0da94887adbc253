namespace Qwen.Analyzers.Tests;

/// <summary>
/// Realistic sources touching every recognised surface, for tests that run all analyzers over many shapes of code
/// (the half-typed-code robustness test truncates each of them at every position).
/// </summary>
internal static class Corpus
{
    public const string OpenAI = Sources.OpenAI + """
        #pragma warning disable SCME0001
        class OpenAISample
        {
            readonly ChatClient _client = new("qwen-plus", new ApiKeyCredential("k"), new OpenAIClientOptions { Endpoint = new Uri("https://dashscope-intl.aliyuncs.com/compatible-mode/v1") });
            async Task<string> Ask(List<ChatMessage> messages, CancellationToken ct)
            {
                var options = new ChatCompletionOptions { Temperature = 0.1f };
                options.StopSequences.Add("###");
                ChatCompletion first = await _client.CompleteChatAsync(messages, options, ct).ConfigureAwait(false);
                messages.Add(new AssistantChatMessage(first));
                var second = await _client?.CompleteChatAsync(new SystemChatMessage("s"), new UserChatMessage($"Now {first.Content[0].Text}"));
                await foreach (var update in _client.CompleteChatStreamingAsync(messages, null, ct)) Console.Write(update.ContentUpdate.Count);
                return second.Value.Content[0].Text;
            }
        }
        """;

    public const string ExtensionsAI = Sources.ExtensionsAI + """
        record Verdict(string Label);
        class ExtensionsAISample(IChatClient client)
        {
            async Task<string> Ask(string question, ChatOptions? shared)
            {
                var response = await client.GetResponseAsync(question, new() { Temperature = 0, Instructions = $"Today is {DateTime.UtcNow}" });
                var verdict = await client.GetResponseAsync<Verdict>([new ChatMessage(ChatRole.User, question)], shared);
                await foreach (var u in client.GetStreamingResponseAsync(question)) Console.Write(u.Text);
                return response.Text + verdict.Result.Label;
            }
        }
        """;

    public const string SemanticKernel = Sources.SemanticKernel + """
        class SemanticKernelSample
        {
            async Task<string?> Ask(Kernel kernel, IChatCompletionService chat, string doc)
            {
                var settings = new OpenAIPromptExecutionSettings { Temperature = 0 };
                var history = new ChatHistory($"Summarize {doc}");
                history.AddUserMessage("go");
                var reply = await chat.GetChatMessageContentAsync(history, settings, kernel);
                history.AddAssistantMessage(reply.Content ?? "");
                var result = await kernel.InvokePromptAsync("{{$doc}} Summarize.", new KernelArguments(settings) { ["doc"] = doc });
                return result.GetValue<string>();
            }
        }
        """;

    public const string Http = Sources.Http + """"
        class HttpSample
        {
            const string Native = "https://dashscope.aliyuncs.com/api/v1/services/aigc/text-generation/generation";
            async Task<string> Ask(HttpClient http, string question)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, Native);
                request.Headers.Add("X-DashScope-SSE", "enable");
                request.Content = JsonContent.Create(new { model = "qwen-plus", input = new { prompt = question }, parameters = new { result_format = "message" } });
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                var body = new JsonObject { ["model"] = "wan2.2-t2i-flash", ["input"] = new JsonObject { ["prompt"] = question } };
                await http.PostAsync("https://dashscope.aliyuncs.com/api/v1/services/aigc/text2image/image-synthesis", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
                await http.PostAsync("https://dashscope-intl.aliyuncs.com/compatible-mode/v1/chat/completions", new StringContent("""{"model":"qwen-plus","messages":[]}"""));
                return await http.GetStringAsync("https://dashscope.aliyuncs.com/api/v1/tasks/" + question);
            }
        }
        """";

    /// <summary>The shapes the flow rules reason about: handlers, loops, polling, prompt prefixes, message lists.</summary>
    public const string Patterns = "using System; using System.Collections.Generic; using System.Net.Http; using System.Threading; using System.Threading.Tasks; using Microsoft.AspNetCore.Builder; using Microsoft.Extensions.AI; using Qwen.Latency;\n" + """
        static class PatternsSample
        {
            const string Manual = "Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy. Refund policy.";

            public static void Map(WebApplication app, IChatClient chat) =>
                app.MapGet("/digest", async (string doc) =>
                {
                    var options = new ChatOptions { Instructions = $"Today is {DateTime.UtcNow}. {Manual}" };
                    var summary = await chat.GetResponseAsync("Summarize " + doc, options);
                    var translation = await chat.GetResponseAsync("Translate " + doc, options);
                    return summary.Text + translation.Text;
                });

            public static async Task<List<string>> Label(IChatClient chat, string[] tickets)
            {
                var labels = new List<string>();
                foreach (var ticket in tickets)
                {
                    var response = await chat.GetResponseAsync(new List<ChatMessage> { new(ChatRole.User, ticket), new(ChatRole.System, Manual) });
                    labels.Add(response.Text);
                }

                return labels;
            }

            public static async Task<string> Poll(HttpClient http, string id, CancellationToken ct)
            {
                var polling = 0;
                while (true)
                {
                    var json = await http.GetStringAsync("https://dashscope.aliyuncs.com/api/v1/tasks/" + id);
                    if (json.Contains("SUCCEEDED") || ++polling > 40) return json;
                    await Task.Delay(2000);
                }
            }
        }
        """;

    /// <summary>Cache markers in their effective and ineffective places.</summary>
    public const string CacheMarkers = "#pragma warning disable SCME0001\nusing System; using OpenAI.Chat; using Qwen.Latency;\n" + """
        static class CacheSample
        {
            static readonly BinaryData Ephemeral = BinaryData.FromString("{\"type\":\"ephemeral\"}");
            static ChatMessage Lone(string customer)
            {
                var part = ChatMessageContentPart.CreateTextPart("Short rules.");
                part.Patch.Set("$.cache_control"u8, Ephemeral);
                var system = new SystemChatMessage(part);
                var mixed = new SystemChatMessage(ChatMessageContentPart.CreateTextPart("Customer " + customer), part);
                var options = new Microsoft.Extensions.AI.ChatOptions { AdditionalProperties = new() };
                options.AdditionalProperties["cache_control"] = "ephemeral";
                return QwenCache.SystemMessage("prefix", customer);
            }
        }
        """;

    public static readonly string[] All = { OpenAI, ExtensionsAI, SemanticKernel, Http, Patterns, CacheMarkers };
}
