using System.Threading.Tasks;
using Qwen.Analyzers.CodeFixes;
using Qwen.Analyzers.Rules;
using VerifyCS = Qwen.Analyzers.Tests.Verify<Qwen.Analyzers.Rules.MissingMaxTokensAnalyzer, Qwen.Analyzers.CodeFixes.MissingMaxTokensFixer>;

namespace Qwen.Analyzers.Tests.Rules;

public class MissingMaxTokensAnalyzerTests
{
    // ---------- OpenAI .NET SDK ----------

    [Fact]
    public Task OpenAI_ParamsOverload_MovesMessagesIntoArrayAndAddsOptions() => VerifyCS.Code(Sources.OpenAI + """
        class C
        {
            async Task<string> Ask(ChatClient client)
            {
                ChatCompletion completion = await client.{|QW0001:CompleteChatAsync|}(new SystemChatMessage("Be brief."), new UserChatMessage("Hi"));
                return completion.Content[0].Text;
            }
        }
        """).FixedTo(Sources.OpenAI + """
        class C
        {
            async Task<string> Ask(ChatClient client)
            {
                ChatCompletion completion = await client.CompleteChatAsync(
                    new ChatMessage[] { new SystemChatMessage("Be brief."), new UserChatMessage("Hi") },
                    new ChatCompletionOptions { MaxOutputTokenCount = 1024 });
                return completion.Content[0].Text;
            }
        }
        """).OneAtATimeOnly().RunAsync();

    [Fact]
    public Task OpenAI_EnumerableOverload_AddsOptionsArgument() => VerifyCS.Code(Sources.OpenAI + """
        class C
        {
            ClientResult<ChatCompletion> Ask(ChatClient client, List<ChatMessage> messages)
                => client.{|QW0001:CompleteChat|}(messages);
        }
        """).FixedTo(Sources.OpenAI + """
        class C
        {
            ClientResult<ChatCompletion> Ask(ChatClient client, List<ChatMessage> messages)
                => client.CompleteChat(messages, new ChatCompletionOptions { MaxOutputTokenCount = 1024 });
        }
        """).OneAtATimeOnly().RunAsync();

    [Fact]
    public Task OpenAI_NamedCancellationToken_OptionsInTheirPlace() => VerifyCS.Code(Sources.OpenAI + """
        class C
        {
            async Task Ask(ChatClient client, List<ChatMessage> messages, CancellationToken ct)
            {
                await foreach (var update in client.{|QW0001:CompleteChatStreamingAsync|}(messages, cancellationToken: ct))
                    Console.Write(update.ContentUpdate.Count);
            }
        }
        """).FixedTo(Sources.OpenAI + """
        class C
        {
            async Task Ask(ChatClient client, List<ChatMessage> messages, CancellationToken ct)
            {
                await foreach (var update in client.CompleteChatStreamingAsync(
                    messages,
                    new ChatCompletionOptions { MaxOutputTokenCount = 1024 },
                    cancellationToken: ct))
                    Console.Write(update.ContentUpdate.Count);
            }
        }
        """).OneAtATimeOnly().RunAsync();

    [Fact]
    public Task OpenAI_OptionsWithoutCap_AddsToInitializer() => VerifyCS.Code(Sources.OpenAI + """
        class C
        {
            async Task Ask(ChatClient client, List<ChatMessage> messages)
            {
                var options = new ChatCompletionOptions { Temperature = 0.2f };
                options.StopSequences.Add("###");
                await client.{|QW0001:CompleteChatAsync|}(messages, options);
            }
        }
        """).FixedTo(Sources.OpenAI + """
        class C
        {
            async Task Ask(ChatClient client, List<ChatMessage> messages)
            {
                var options = new ChatCompletionOptions { Temperature = 0.2f, MaxOutputTokenCount = 1024 };
                options.StopSequences.Add("###");
                await client.CompleteChatAsync(messages, options);
            }
        }
        """).OneAtATimeOnly().RunAsync();

    [Fact]
    public Task OpenAI_OptionsWithoutInitializer_GetsOne() => VerifyCS.Code(Sources.OpenAI + """
        class C
        {
            void Ask(ChatClient client, List<ChatMessage> messages)
            {
                ChatCompletionOptions options = new ChatCompletionOptions();
                foreach (var update in client.{|QW0001:CompleteChatStreaming|}(messages, options)) { }
            }
        }
        """).FixedTo(Sources.OpenAI + """
        class C
        {
            void Ask(ChatClient client, List<ChatMessage> messages)
            {
                ChatCompletionOptions options = new ChatCompletionOptions { MaxOutputTokenCount = 1024 };
                foreach (var update in client.CompleteChatStreaming(messages, options)) { }
            }
        }
        """).OneAtATimeOnly().RunAsync();

    [Fact]
    public Task OpenAI_NullOptions_Replaced() => VerifyCS.Code(Sources.OpenAI + """
        class C
        {
            Task<ClientResult<ChatCompletion>> Ask(ChatClient client, List<ChatMessage> messages) => client.{|QW0001:CompleteChatAsync|}(messages, null);
        }
        """).FixedTo(Sources.OpenAI + """
        class C
        {
            Task<ClientResult<ChatCompletion>> Ask(ChatClient client, List<ChatMessage> messages) => client.CompleteChatAsync(
                messages,
                new ChatCompletionOptions { MaxOutputTokenCount = 1024 });
        }
        """).OneAtATimeOnly().RunAsync();

    [Fact]
    public Task OpenAI_TargetTypedNew_AddsToInitializer() => VerifyCS.Code(Sources.OpenAI + """
        class C
        {
            Task<ClientResult<ChatCompletion>> Ask(ChatClient client, List<ChatMessage> messages) => client.{|QW0001:CompleteChatAsync|}(messages, new() { Temperature = 0 });
        }
        """).FixedTo(Sources.OpenAI + """
        class C
        {
            Task<ClientResult<ChatCompletion>> Ask(ChatClient client, List<ChatMessage> messages) => client.CompleteChatAsync(
                messages,
                new() { Temperature = 0, MaxOutputTokenCount = 1024 });
        }
        """).OneAtATimeOnly().RunAsync();

    [Fact]
    public Task OpenAI_EditorConfigChoosesTheCap() => VerifyCS.Code(Sources.OpenAI + """
        class C
        {
            Task<ClientResult<ChatCompletion>> Ask(ChatClient client, List<ChatMessage> messages) => client.{|QW0001:CompleteChatAsync|}(messages);
        }
        """).WithEditorConfig("qwen_analyzers.default_max_output_tokens = 256").FixedTo(Sources.OpenAI + """
        class C
        {
            Task<ClientResult<ChatCompletion>> Ask(ChatClient client, List<ChatMessage> messages) => client.CompleteChatAsync(
                messages,
                new ChatCompletionOptions { MaxOutputTokenCount = 256 });
        }
        """).OneAtATimeOnly().RunAsync();

    [Theory]
    [InlineData("var options = new ChatCompletionOptions { MaxOutputTokenCount = 300 };")]
    [InlineData("var options = new ChatCompletionOptions(); options.MaxOutputTokenCount = 300;")]
    [InlineData("var options = new ChatCompletionOptions(); if (messages.Count > 2) options.MaxOutputTokenCount = 300;")]
    [InlineData("var options = Make();")]
    [InlineData("var options = _field;")]
    [InlineData("var options = new ChatCompletionOptions(); Configure(options);")]
    [InlineData("var options = new ChatCompletionOptions(); options = Make();")]
    [InlineData("var options = new MyOptions();")]
    [InlineData("var options = new ChatCompletionOptions(); options.Patch.Set(\"$.max_tokens\"u8, 10);")]
    public Task OpenAI_CappedOrUnknownOptions_NoDiagnostic(string setup) => VerifyCS.Code("#pragma warning disable SCME0001\n" + Sources.OpenAI + $$"""
        class MyOptions : ChatCompletionOptions { public MyOptions() { MaxOutputTokenCount = 5; } }
        class C
        {
            ChatCompletionOptions _field = new ChatCompletionOptions { MaxOutputTokenCount = 10 };
            static ChatCompletionOptions Make() => new ChatCompletionOptions { MaxOutputTokenCount = 10 };
            static void Configure(ChatCompletionOptions o) => o.MaxOutputTokenCount = 10;
            async Task Ask(ChatClient client, List<ChatMessage> messages)
            {
                {{setup}}
                await client.CompleteChatAsync(messages, options);
            }
        }
        """).RunAsync();

    [Fact]
    public Task OpenAI_OptionsFromParameter_NoDiagnostic() => VerifyCS.Code(Sources.OpenAI + """
        class C
        {
            Task<ClientResult<ChatCompletion>> Ask(ChatClient client, List<ChatMessage> messages, ChatCompletionOptions options) => client.CompleteChatAsync(messages, options);
        }
        """).RunAsync();

    [Fact]
    public Task OpenAI_ProtocolMethod_NoDiagnostic() => VerifyCS.Code(Sources.OpenAI + """
        class C
        {
            Task<ClientResult> Ask(ChatClient client) => client.CompleteChatAsync(BinaryContent.Create(BinaryData.FromString("{}")));
        }
        """).RunAsync();

    [Fact]
    public Task OpenAI_SubclassOverride_Recognised() => VerifyCS.Code(Sources.OpenAI + """
        class LoggingChatClient : ChatClient
        {
            public override Task<ClientResult<ChatCompletion>> CompleteChatAsync(IEnumerable<ChatMessage> messages, ChatCompletionOptions options = null, CancellationToken cancellationToken = default)
                => base.CompleteChatAsync(messages, options, cancellationToken);
        }
        class C
        {
            Task<ClientResult<ChatCompletion>> Ask(LoggingChatClient client, List<ChatMessage> messages) => client.{|QW0001:CompleteChatAsync|}(messages);
        }
        """).RunAsync();

    [Fact]
    public Task OpenAI_AzureChatClient_Recognised() => VerifyCS.Code(Sources.OpenAI + """
        class C
        {
            Task<ClientResult<ChatCompletion>> Ask(List<ChatMessage> messages)
            {
                var azure = new Azure.AI.OpenAI.AzureOpenAIClient(new Uri("https://myres.openai.azure.com"), new ApiKeyCredential("k"));
                return azure.GetChatClient("qwen-plus").{|QW0001:CompleteChatAsync|}(messages);
            }
        }
        """).RunAsync();

    [Fact]
    public Task LookAlikeUserType_NoDiagnostic() => VerifyCS.Code("""
        using System.Threading.Tasks;
        namespace MyCompany.Chat
        {
            class ChatCompletionOptions { public int? MaxOutputTokenCount { get; set; } }
            class ChatClient { public Task<string> CompleteChatAsync(string message, ChatCompletionOptions options = null) => Task.FromResult(message); }
            class C { Task<string> Ask(ChatClient client) => client.CompleteChatAsync("hi"); }
        }
        """).RunAsync();

    [Fact]
    public Task GeneratedCode_NoDiagnostic() => VerifyCS.Code("// <auto-generated/>\n" + Sources.OpenAI + """
        class C
        {
            Task<ClientResult<ChatCompletion>> Ask(ChatClient client, List<ChatMessage> messages) => client.CompleteChatAsync(messages);
        }
        """).RunAsync();

    // ---------- Microsoft.Extensions.AI ----------

    [Fact]
    public Task ExtensionsAI_StringOverload_AddsChatOptions() => VerifyCS.Code(Sources.ExtensionsAI + """
        class C
        {
            async Task<string> Ask(IChatClient client) => (await client.{|QW0001:GetResponseAsync|}("Summarize this.")).Text;
        }
        """).FixedTo(Sources.ExtensionsAI + """
        class C
        {
            async Task<string> Ask(IChatClient client) => (await client.GetResponseAsync(
                "Summarize this.",
                new ChatOptions { MaxOutputTokens = 1024 })).Text;
        }
        """).OneAtATimeOnly().RunAsync();

    [Fact]
    public Task ExtensionsAI_InterfaceAndStreamingAndStructured_AllReported() => VerifyCS.Code(Sources.ExtensionsAI + """
        record Ticket(string Category);
        class C
        {
            async Task Ask(IChatClient client, List<ChatMessage> messages, CancellationToken ct)
            {
                var response = await client.{|QW0001:GetResponseAsync|}(messages, cancellationToken: ct);
                await foreach (var update in client.{|QW0001:GetStreamingResponseAsync|}(messages)) { }
                var ticket = await client.{|QW0001:GetResponseAsync<Ticket>|}("Classify: printer on fire");
                var options = new ChatOptions { Temperature = 0 };
                await client.{|QW0001:GetResponseAsync|}(messages, options);
            }
        }
        """).FixedTo(Sources.ExtensionsAI + """
        record Ticket(string Category);
        class C
        {
            async Task Ask(IChatClient client, List<ChatMessage> messages, CancellationToken ct)
            {
                var response = await client.GetResponseAsync(messages, new ChatOptions { MaxOutputTokens = 1024 }, cancellationToken: ct);
                await foreach (var update in client.GetStreamingResponseAsync(messages, new ChatOptions { MaxOutputTokens = 1024 })) { }
                var ticket = await client.GetResponseAsync<Ticket>("Classify: printer on fire", new ChatOptions { MaxOutputTokens = 1024 });
                var options = new ChatOptions { Temperature = 0, MaxOutputTokens = 1024 };
                await client.GetResponseAsync(messages, options);
            }
        }
        """).OneAtATimeOnly().RunAsync();

    [Theory]
    [InlineData("new ChatOptions { MaxOutputTokens = 100 }")]
    [InlineData("new ChatOptions { RawRepresentationFactory = _ => new OpenAI.Chat.ChatCompletionOptions { MaxOutputTokenCount = 5 } }")]
    [InlineData("new ChatOptions { AdditionalProperties = new() { [\"max_tokens\"] = 5 } }")]
    [InlineData("options")]
    public Task ExtensionsAI_CappedOrUnknown_NoDiagnostic(string optionsExpression) => VerifyCS.Code(Sources.ExtensionsAI + $$"""
        class C
        {
            Task<ChatResponse> Ask(IChatClient client, ChatOptions options) => client.GetResponseAsync("hi", {{optionsExpression}});
        }
        """).RunAsync();

    [Fact]
    public Task ExtensionsAI_ClientDefaultsOption_SilencesCallsWithoutOptions() => VerifyCS.Code(Sources.ExtensionsAI + """
        class C
        {
            async Task M(IChatClient client)
            {
                await client.GetResponseAsync("no options: the builder's ConfigureOptions caps it");
                await client.{|QW0001:GetResponseAsync|}("options without a cap are still reported", new ChatOptions { Temperature = 0 });
            }
        }
        """).WithEditorConfig("qwen_analyzers.meai_client_defaults_cap_output = true").RunAsync();

    [Fact]
    public Task ExtensionsAI_ConcreteImplementation_Recognised() => VerifyCS.Code(Sources.ExtensionsAI + """
        class C
        {
            Task<ChatResponse> Ask(FunctionInvokingChatClient client, List<ChatMessage> messages) => client.{|QW0001:GetResponseAsync|}(messages);
        }
        """).RunAsync();

    // ---------- Semantic Kernel ----------

    [Fact]
    public Task SemanticKernel_ChatService_AddsExecutionSettings() => VerifyCS.Code(Sources.SemanticKernel + """
        class C
        {
            async Task Ask(IChatCompletionService chat, Kernel kernel)
            {
                var history = new ChatHistory("You are terse.");
                history.AddUserMessage("Hi");
                var reply = await chat.{|QW0001:GetChatMessageContentAsync|}(history);
                var replies = await chat.{|QW0001:GetChatMessageContentsAsync|}(history, kernel: kernel);
                await foreach (var chunk in chat.{|QW0001:GetStreamingChatMessageContentsAsync|}(history)) { }
            }
        }
        """).FixedTo(Sources.SemanticKernel + """
        class C
        {
            async Task Ask(IChatCompletionService chat, Kernel kernel)
            {
                var history = new ChatHistory("You are terse.");
                history.AddUserMessage("Hi");
                var reply = await chat.GetChatMessageContentAsync(history, new OpenAIPromptExecutionSettings { MaxTokens = 1024 });
                var replies = await chat.GetChatMessageContentsAsync(history, new OpenAIPromptExecutionSettings { MaxTokens = 1024 }, kernel: kernel);
                await foreach (var chunk in chat.GetStreamingChatMessageContentsAsync(history, new OpenAIPromptExecutionSettings { MaxTokens = 1024 })) { }
            }
        }
        """).OneAtATimeOnly().RunAsync();

    [Fact]
    public Task SemanticKernel_InvokePrompt_AddsKernelArgumentsOrSettings() => VerifyCS.Code(Sources.SemanticKernel + """
        class C
        {
            async Task Ask(Kernel kernel, string text)
            {
                var a = await kernel.{|QW0001:InvokePromptAsync|}("Summarize the news.");
                var b = await kernel.{|QW0001:InvokePromptAsync|}("Summarize: {{$input}}", new KernelArguments { ["input"] = text });
                await foreach (var chunk in kernel.{|QW0001:InvokePromptStreamingAsync|}("Outline: {{$input}}", new KernelArguments() { ["input"] = text })) { }
            }
        }
        """).FixedTo(Sources.SemanticKernel + """
        class C
        {
            async Task Ask(Kernel kernel, string text)
            {
                var a = await kernel.InvokePromptAsync("Summarize the news.", new KernelArguments(new OpenAIPromptExecutionSettings { MaxTokens = 1024 }));
                var b = await kernel.InvokePromptAsync("Summarize: {{$input}}", new KernelArguments(new OpenAIPromptExecutionSettings { MaxTokens = 1024 }) { ["input"] = text });
                await foreach (var chunk in kernel.InvokePromptStreamingAsync("Outline: {{$input}}", new KernelArguments(new OpenAIPromptExecutionSettings { MaxTokens = 1024 }) { ["input"] = text })) { }
            }
        }
        """).OneAtATimeOnly().RunAsync();

    [Fact]
    public Task SemanticKernel_BaseSettings_GetExtensionData() => VerifyCS.Code(Sources.SemanticKernel + """
        class C
        {
            Task<ChatMessageContent> Ask(IChatCompletionService chat, ChatHistory history)
            {
                var settings = new PromptExecutionSettings { ModelId = "qwen-plus" };
                return chat.{|QW0001:GetChatMessageContentAsync|}(history, settings);
            }
        }
        """).FixedTo(Sources.SemanticKernel + """
        class C
        {
            Task<ChatMessageContent> Ask(IChatCompletionService chat, ChatHistory history)
            {
                var settings = new PromptExecutionSettings { ModelId = "qwen-plus", ExtensionData = new Dictionary<string, object> { ["max_tokens"] = 1024 } };
                return chat.GetChatMessageContentAsync(history, settings);
            }
        }
        """).OneAtATimeOnly().RunAsync();

    [Fact]
    public Task SemanticKernel_SharedSettings_CappedOnce() => VerifyCS.Code(Sources.SemanticKernel + """
        class C
        {
            async Task Ask(IChatCompletionService chat, Kernel kernel, ChatHistory history)
            {
                var settings = new OpenAIPromptExecutionSettings { Temperature = 0 };
                await chat.{|QW0001:GetChatMessageContentAsync|}(history, settings, kernel);
                await kernel.{|QW0001:InvokePromptAsync|}("{{$doc}} Summarize.", new KernelArguments(settings) { ["doc"] = "d" });
            }
        }
        """).FixedTo(Sources.SemanticKernel + """
        class C
        {
            async Task Ask(IChatCompletionService chat, Kernel kernel, ChatHistory history)
            {
                var settings = new OpenAIPromptExecutionSettings { Temperature = 0, MaxTokens = 1024 };
                await chat.GetChatMessageContentAsync(history, settings, kernel);
                await kernel.InvokePromptAsync("{{$doc}} Summarize.", new KernelArguments(settings) { ["doc"] = "d" });
            }
        }
        """).OneAtATimeOnly().Iterations(1).RunAsync();

    [Theory]
    [InlineData("chat.GetChatMessageContentAsync(history, new OpenAIPromptExecutionSettings { MaxTokens = 200 })")]
    [InlineData("chat.GetChatMessageContentAsync(history, new PromptExecutionSettings { ExtensionData = new Dictionary<string, object> { [\"max_tokens\"] = 200 } })")]
    [InlineData("chat.GetChatMessageContentAsync(history, settings)")]
    [InlineData("kernel.InvokePromptAsync<string>(\"hi\", new KernelArguments(new OpenAIPromptExecutionSettings { MaxTokens = 5 }))")]
    [InlineData("kernel.InvokePromptAsync<string>(\"hi\", arguments)")]
    public Task SemanticKernel_CappedOrUnknown_NoDiagnostic(string call) => VerifyCS.Code(Sources.SemanticKernel + $$"""
        class C
        {
            async Task Ask(IChatCompletionService chat, Kernel kernel, ChatHistory history, PromptExecutionSettings settings, KernelArguments arguments)
            {
                await {{call}};
            }
        }
        """).RunAsync();

    // ---------- Hand-built DashScope HTTP ----------

    [Fact]
    public Task Http_CompatibleAnonymousBody_AddsTopLevelCap() => VerifyCS.Code(Sources.Http + """
        class C
        {
            Task<HttpResponseMessage> Ask(HttpClient http, string question)
                => http.{|QW0001:PostAsJsonAsync|}("https://dashscope-intl.aliyuncs.com/compatible-mode/v1/chat/completions",
                    new { model = "qwen-plus", messages = new[] { new { role = "user", content = question } } });
        }
        """).FixedTo(Sources.Http + """
        class C
        {
            Task<HttpResponseMessage> Ask(HttpClient http, string question)
                => http.PostAsJsonAsync("https://dashscope-intl.aliyuncs.com/compatible-mode/v1/chat/completions",
                    new { model = "qwen-plus", messages = new[] { new { role = "user", content = question } }, max_completion_tokens = 1024 });
        }
        """).OneAtATimeOnly().RunAsync();

    [Fact]
    public Task Http_TypedRequestFilledByACollectionInitializer_GetsItsCapProperty() => VerifyCS.Code(Sources.Http + """
        using System.Text.Json.Serialization;
        public sealed record Message([property: JsonPropertyName("role")] string Role, [property: JsonPropertyName("content")] string Content);
        public sealed class ChatRequest
        {
            [JsonPropertyName("model")] public string Model { get; set; } = "qwen-plus";
            [JsonPropertyName("messages")] public List<Message> Messages { get; set; } = new();
            [JsonPropertyName("max_tokens")] public int? MaxTokens { get; set; }
        }
        class C
        {
            Task<HttpResponseMessage> Ask(HttpClient http, string question)
                => http.{|QW0001:PostAsJsonAsync|}("https://dashscope-intl.aliyuncs.com/compatible-mode/v1/chat/completions",
                    new ChatRequest { Messages = { new Message("user", question) } });
        }
        """).FixedTo(Sources.Http + """
        using System.Text.Json.Serialization;
        public sealed record Message([property: JsonPropertyName("role")] string Role, [property: JsonPropertyName("content")] string Content);
        public sealed class ChatRequest
        {
            [JsonPropertyName("model")] public string Model { get; set; } = "qwen-plus";
            [JsonPropertyName("messages")] public List<Message> Messages { get; set; } = new();
            [JsonPropertyName("max_tokens")] public int? MaxTokens { get; set; }
        }
        class C
        {
            Task<HttpResponseMessage> Ask(HttpClient http, string question)
                => http.PostAsJsonAsync("https://dashscope-intl.aliyuncs.com/compatible-mode/v1/chat/completions",
                    new ChatRequest { Messages = { new Message("user", question) }, MaxTokens = 1024 });
        }
        """).OneAtATimeOnly().RunAsync();

    [Fact]
    public Task Http_NativeAnonymousBody_AddsToParametersOrCreatesThem() => VerifyCS.Code(Sources.Http + """
        class C
        {
            const string Url = "https://dashscope.aliyuncs.com/api/v1/services/aigc/text-generation/generation";
            async Task Ask(HttpClient http, string question)
            {
                var body = new { model = "qwen-plus", input = new { prompt = question }, parameters = new { result_format = "message" } };
                await http.{|QW0001:PostAsJsonAsync|}(Url, body);
                await http.{|QW0001:PostAsync|}(Url, JsonContent.Create(new { model = "qwen-plus", input = new { prompt = question } }));
            }
        }
        """).FixedTo(Sources.Http + """
        class C
        {
            const string Url = "https://dashscope.aliyuncs.com/api/v1/services/aigc/text-generation/generation";
            async Task Ask(HttpClient http, string question)
            {
                var body = new { model = "qwen-plus", input = new { prompt = question }, parameters = new { result_format = "message", max_completion_tokens = 1024 } };
                await http.PostAsJsonAsync(Url, body);
                await http.PostAsync(Url, JsonContent.Create(new { model = "qwen-plus", input = new { prompt = question }, parameters = new { max_completion_tokens = 1024 } }));
            }
        }
        """).OneAtATimeOnly().RunAsync();

    [Fact]
    public Task Http_JsonObjectAndDictionaryBodies() => VerifyCS.Code(Sources.Http + """
        class C
        {
            async Task Ask(HttpClient http, string question)
            {
                var body = new JsonObject { ["model"] = "qwen-plus", ["messages"] = new JsonArray() };
                body["stream"] = false;
                await http.{|QW0001:PostAsync|}("https://dashscope-intl.aliyuncs.com/compatible-mode/v1/chat/completions", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
                var native = new Dictionary<string, object> { ["model"] = "qwen-plus", ["input"] = new { prompt = question } };
                await http.{|QW0001:PostAsJsonAsync|}("https://dashscope.aliyuncs.com/api/v1/services/aigc/text-generation/generation", native);
            }
        }
        """).FixedTo(Sources.Http + """
        class C
        {
            async Task Ask(HttpClient http, string question)
            {
                var body = new JsonObject { ["model"] = "qwen-plus", ["messages"] = new JsonArray(), ["max_completion_tokens"] = 1024 };
                body["stream"] = false;
                await http.PostAsync("https://dashscope-intl.aliyuncs.com/compatible-mode/v1/chat/completions", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
                var native = new Dictionary<string, object> { ["model"] = "qwen-plus", ["input"] = new { prompt = question }, ["parameters"] = new Dictionary<string, object> { ["max_completion_tokens"] = 1024 } };
                await http.PostAsJsonAsync("https://dashscope.aliyuncs.com/api/v1/services/aigc/text-generation/generation", native);
            }
        }
        """).OneAtATimeOnly().RunAsync();

    [Fact]
    public Task Http_JsonStringLiterals_AndRequestMessage() => VerifyCS.Code(Sources.Http + """"
        class C
        {
            async Task Ask(HttpClient http)
            {
                await http.{|QW0001:PostAsync|}("https://dashscope-intl.aliyuncs.com/compatible-mode/v1/chat/completions",
                    new StringContent("{\"model\":\"qwen-plus\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", Encoding.UTF8, "application/json"));
                var request = new HttpRequestMessage(HttpMethod.Post, new Uri("https://dashscope.aliyuncs.com/api/v1/services/aigc/text-generation/generation"));
                request.Content = new StringContent("""
                    {"model": "qwen-plus", "input": {"prompt": "hi"}, "parameters": {}}
                    """, Encoding.UTF8, "application/json");
                await http.{|QW0001:SendAsync|}(request);
            }
        }
        """").FixedTo(Sources.Http + """"
        class C
        {
            async Task Ask(HttpClient http)
            {
                await http.PostAsync("https://dashscope-intl.aliyuncs.com/compatible-mode/v1/chat/completions",
                    new StringContent("{\"max_completion_tokens\": 1024, \"model\":\"qwen-plus\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", Encoding.UTF8, "application/json"));
                var request = new HttpRequestMessage(HttpMethod.Post, new Uri("https://dashscope.aliyuncs.com/api/v1/services/aigc/text-generation/generation"));
                request.Content = new StringContent("""
                    {"model": "qwen-plus", "input": {"prompt": "hi"}, "parameters": {"max_completion_tokens": 1024}}
                    """, Encoding.UTF8, "application/json");
                await http.SendAsync(request);
            }
        }
        """").OneAtATimeOnly().RunAsync();

    [Theory]
    [InlineData("\"https://dashscope-intl.aliyuncs.com/compatible-mode/v1/chat/completions\", new { model = \"qwen-plus\", max_tokens = 100 }")]
    [InlineData("\"https://dashscope.aliyuncs.com/api/v1/services/aigc/text-generation/generation\", new { model = \"qwen-plus\", parameters = new { max_completion_tokens = 100 } }")]
    [InlineData("\"https://api.example.com/v1/chat/completions\", new { model = \"gpt\" }")]
    [InlineData("\"https://dashscope-intl.aliyuncs.com/compatible-mode/v1/chat/completions\", body")]
    [InlineData("url, new { model = \"qwen-plus\" }")]
    [InlineData("\"https://dashscope.aliyuncs.com/api/v1/services/aigc/text-generation/generation\", new { model = \"qwen-plus\", parameters = p }")]
    [InlineData("\"https://dashscope.aliyuncs.com/api/v1/services/aigc/text2image/image-synthesis\", new { model = \"wan2.2-t2i-flash\" }")]
    public Task Http_CappedUnknownOrNotQwen_NoDiagnostic(string arguments) => VerifyCS.Code(Sources.Http + $$"""
        class C
        {
            Task<HttpResponseMessage> Ask(HttpClient http, object body, string url, object p) => http.PostAsJsonAsync({{arguments}});
        }
        """).RunAsync();
}
