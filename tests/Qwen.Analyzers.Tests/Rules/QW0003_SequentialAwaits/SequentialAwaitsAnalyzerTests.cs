using System.Threading.Tasks;
using VerifyCS = Qwen.Analyzers.Tests.Verify<Qwen.Analyzers.Rules.SequentialAwaitsAnalyzer, Qwen.Analyzers.CodeFixes.SequentialAwaitsFixer>;

namespace Qwen.Analyzers.Tests.Rules;

public class SequentialAwaitsAnalyzerTests
{
    [Fact]
    public Task SummaryAndTranslation_OneFinding_FixRunsBothAtOnce() => VerifyCS.Code(Sources.ExtensionsAI + """
        class C
        {
            async Task<string> Digest(IChatClient chat, string doc, ChatOptions options)
            {
                var summary = await chat.GetResponseAsync($"Summarize: {doc}", options);
                var translation = await chat.{|QW0003:GetResponseAsync|}($"Translate to French: {doc}", options);
                return summary.Text + "\n" + translation.Text;
            }
        }
        """).FixedTo(Sources.ExtensionsAI + """
        class C
        {
            async Task<string> Digest(IChatClient chat, string doc, ChatOptions options)
            {
                var summaryTask = chat.GetResponseAsync($"Summarize: {doc}", options);
                var translationTask = chat.GetResponseAsync($"Translate to French: {doc}", options);
                await Task.WhenAll(summaryTask, translationTask);
                var summary = await summaryTask;
                var translation = await translationTask;
                return summary.Text + "\n" + translation.Text;
            }
        }
        """).RunAsync();

    [Fact]
    public Task OpenAI_TypesConfigureAwaitTokens_AndStatementsBetween_AreKept() => VerifyCS.Code(Sources.OpenAI + """
        class C
        {
            async Task<string> Digest(ChatClient chat, string doc, ChatCompletionOptions options, CancellationToken ct)
            {
                ChatCompletion summary = await chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage("Summarize: " + doc) }, options, ct).ConfigureAwait(false);
                var label = "fr";
                var translation = await chat.{|QW0003:CompleteChatAsync|}(new ChatMessage[] { new UserChatMessage("Translate: " + doc) }, options, ct).ConfigureAwait(false);
                await chat.{|QW0003:CompleteChatAsync|}(new ChatMessage[] { new UserChatMessage("Log: " + doc) }, options, ct).ConfigureAwait(false);
                return summary.Content[0].Text + label + translation.Value.Content[0].Text;
            }
        }
        """).FixedTo(Sources.OpenAI + """
        class C
        {
            async Task<string> Digest(ChatClient chat, string doc, ChatCompletionOptions options, CancellationToken ct)
            {
                var summaryTask = chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage("Summarize: " + doc) }, options, ct);
                var translationTask = chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage("Translate: " + doc) }, options, ct);
                var task = chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage("Log: " + doc) }, options, ct);
                await Task.WhenAll(summaryTask, translationTask, task).ConfigureAwait(false);
                ChatCompletion summary = await summaryTask.ConfigureAwait(false);
                var label = "fr";
                var translation = await translationTask.ConfigureAwait(false);
                await task.ConfigureAwait(false);
                return summary.Content[0].Text + label + translation.Value.Content[0].Text;
            }
        }
        """).RunAsync();

    [Fact]
    public Task CollectedStreams_AreCallsToo() => VerifyCS.Code(Sources.ExtensionsAI + """
        class C
        {
            async Task<string> Digest(IChatClient chat, string doc)
            {
                var summary = await chat.GetStreamingResponseAsync("Summarize: " + doc).ToChatResponseAsync();
                var translation = await chat.GetStreamingResponseAsync("Translate: " + doc).{|QW0003:ToChatResponseAsync|}();
                return summary.Text + translation.Text;
            }
        }
        """.Replace(".{|QW0003:ToChatResponseAsync|}()", ".ToChatResponseAsync()").Replace("chat.GetStreamingResponseAsync(\"Translate", "chat.{|QW0003:GetStreamingResponseAsync|}(\"Translate")).FixedTo(Sources.ExtensionsAI + """
        class C
        {
            async Task<string> Digest(IChatClient chat, string doc)
            {
                var summaryTask = chat.GetStreamingResponseAsync("Summarize: " + doc).ToChatResponseAsync();
                var translationTask = chat.GetStreamingResponseAsync("Translate: " + doc).ToChatResponseAsync();
                await Task.WhenAll(summaryTask, translationTask);
                var summary = await summaryTask;
                var translation = await translationTask;
                return summary.Text + translation.Text;
            }
        }
        """).RunAsync();

    [Fact]
    public Task SemanticKernelPrompts_AndNativeHttp_Reported() => VerifyCS.Code(Sources.SemanticKernel + """
        class C
        {
            async Task M(Kernel kernel, System.Net.Http.HttpClient http, string doc)
            {
                var a = await kernel.InvokePromptAsync("Summarize {{$d}}", new KernelArguments { ["d"] = doc });
                var b = await kernel.{|QW0003:InvokePromptAsync|}("Keywords of {{$d}}", new KernelArguments { ["d"] = doc });
                var url = "https://dashscope.aliyuncs.com/api/v1/services/aigc/text-generation/generation";
                var r1 = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(http, url, new { model = "qwen-plus", input = new { prompt = "a " + doc } });
                var r2 = await System.Net.Http.Json.HttpClientJsonExtensions.{|QW0003:PostAsJsonAsync|}(http, url, new { model = "qwen-plus", input = new { prompt = "b " + doc } });
            }
        }
        """).RunAsync();

    private const string SharedOptions = Sources.OpenAI + """
        class C
        {
            async Task M(ChatClient chat, string doc)
            {
                var options = new ChatCompletionOptions { MaxOutputTokenCount = 100 };
                ChatCompletion a = await chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage("Summarize " + doc) }, options);
                ChatCompletion b = await chat.{|QW0003:CompleteChatAsync|}(new ChatMessage[] { new UserChatMessage("Translate " + doc) }, options);
            }
        }
        """;

    [Fact]
    public Task SharedOptions_OpenAI21_ReportedWithoutFix() => VerifyCS.Code(SharedOptions).WithReferences(References.FrameworkAndOpenAI21).NoFix().RunAsync();

    [Fact]
    public Task SharedOptions_OpenAI215_Fixed() => VerifyCS.Code(SharedOptions).FixedTo(SharedOptions
        .Replace("""
                    ChatCompletion a = await chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage("Summarize " + doc) }, options);
                    ChatCompletion b = await chat.{|QW0003:CompleteChatAsync|}(new ChatMessage[] { new UserChatMessage("Translate " + doc) }, options);
            """, """
                    var aTask = chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage("Summarize " + doc) }, options);
                    var bTask = chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage("Translate " + doc) }, options);
                    await Task.WhenAll(aTask, bTask);
                    ChatCompletion a = await aTask;
                    ChatCompletion b = await bTask;
            """)).RunAsync();

    [Fact]
    public Task MultiTurnConversation_NoDiagnostic() => VerifyCS.Code(Sources.OpenAI + """
        class C
        {
            async Task M(ChatClient chat, List<ChatMessage> messages)
            {
                ChatCompletion first = await chat.CompleteChatAsync(messages);
                messages.Add(new AssistantChatMessage(first));
                messages.Add(new UserChatMessage("And shorter?"));
                ChatCompletion second = await chat.CompleteChatAsync(messages);
            }
        }
        """).RunAsync();

    [Theory]
    [InlineData("var b = await chat.GetResponseAsync(\"Shorter: \" + a.Text);")]
    [InlineData("var prompt = a.Text; var b = await chat.GetResponseAsync(prompt);")]
    [InlineData("await Task.Delay(10); var b = await chat.GetResponseAsync(\"x\");")]
    [InlineData("_last = \"y\"; var b = await chat.GetResponseAsync(\"x\");")]
    [InlineData("Remember(a); var b = await chat.GetResponseAsync(\"x\");")]
    [InlineData("if (a.Text.Length > 0) { var b = await chat.GetResponseAsync(\"x\"); }")]
    [InlineData("history.Add(a.Messages[0]); var b = await chat.GetResponseAsync(history);")]
    [InlineData("var b = await chat.GetResponseAsync(Build());")]
    [InlineData("foreach (var m in a.Messages) { } var b = await chat.GetResponseAsync(\"x\");")]
    public Task DependentOrSeparated_NoDiagnostic(string next) => VerifyCS.Code(Sources.ExtensionsAI + $$"""
        class C
        {
            string _last = "";
            void Remember(ChatResponse r) => _last = r.Text;
            string Build() => _last;
            async Task M(IChatClient chat, List<ChatMessage> history)
            {
                var a = await chat.GetResponseAsync(history);
                {{next}}
            }
        }
        """).RunAsync();

    /// <summary>
    /// The later call reads the earlier answer through a closure made before either call: a lambda kept in a local, a
    /// local function. Starting them together would send the second before the first answer exists.
    /// </summary>
    [Theory]
    [InlineData("var b = await chat.GetResponseAsync(next());")]
    [InlineData("var b = await chat.GetResponseAsync(Follow());")]
    [InlineData("var b = await chat.GetResponseAsync(new[] { \"x\" }.Select(Describe).First());")]
    public Task ReadsTheEarlierAnswerThroughAClosure_NoDiagnostic(string second) => VerifyCS.Code(Sources.ExtensionsAI + "using System.Linq;\n" + $$"""
        class C
        {
            async Task M(IChatClient chat, List<ChatMessage> history)
            {
                var text = "";
                Func<string> next = () => "Shorter: " + text;
                string Describe(string s) => s + text;
                var a = await chat.GetResponseAsync(history);
                text = a.Text;
                {{second}}
                string Follow() => "Shorter: " + text;
            }
        }
        """).RunAsync();

    [Fact]
    public Task SemanticKernel_HistoryUpdatedBetween_NoDiagnostic() => VerifyCS.Code(Sources.SemanticKernel + """
        class C
        {
            async Task M(IChatCompletionService chat, ChatHistory history, PromptExecutionSettings settings)
            {
                var reply = await chat.GetChatMessageContentAsync(history, settings);
                history.AddAssistantMessage(reply.Content ?? "");
                history.AddUserMessage("More?");
                var next = await chat.GetChatMessageContentAsync(history, settings);
            }
        }
        """).RunAsync();

    [Fact]
    public Task StreamingAndSyncCalls_NotGrouped() => VerifyCS.Code(Sources.OpenAI + """
        class C
        {
            async Task M(ChatClient chat, List<ChatMessage> a, List<ChatMessage> b)
            {
                ChatCompletion x = chat.CompleteChat(a);
                ChatCompletion y = chat.CompleteChat(b);
                await foreach (var u in chat.CompleteChatStreamingAsync(a)) { }
                await foreach (var u in chat.CompleteChatStreamingAsync(b)) { }
            }
        }
        """).RunAsync();
}
