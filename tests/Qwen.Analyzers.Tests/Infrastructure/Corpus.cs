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

    public static readonly string[] All = { OpenAI, ExtensionsAI, SemanticKernel, Http };
}
