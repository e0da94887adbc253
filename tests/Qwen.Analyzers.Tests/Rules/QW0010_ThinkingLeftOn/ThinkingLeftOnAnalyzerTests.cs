using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using VerifyCS = Qwen.Analyzers.Tests.Verify<Qwen.Analyzers.Rules.ThinkingLeftOnAnalyzer, Qwen.Analyzers.CodeFixes.ThinkingLeftOnFixer>;

namespace Qwen.Analyzers.Tests.Rules;

/// <summary>QW0010 as apps write it: a thinking-by-default model behind a controller, a typed client, a batch job.</summary>
public class ThinkingLeftOnAnalyzerTests
{
    private const string Usings = "using System;\nusing System.ClientModel;\nusing System.Collections.Generic;\nusing System.Net.Http;\nusing System.Net.Http.Json;\nusing System.Threading;\nusing System.Threading.Tasks;\nusing Microsoft.AspNetCore.Mvc;\nusing Microsoft.Extensions.AI;\nusing Microsoft.SemanticKernel;\nusing Microsoft.SemanticKernel.ChatCompletion;\nusing Microsoft.SemanticKernel.Connectors.OpenAI;\nusing OpenAI;\nusing OpenAI.Chat;\nusing ChatMessage = OpenAI.Chat.ChatMessage;\n";

    private static string Controller(string field, string call) => Usings + $$"""
        [ApiController]
        public class SupportController : ControllerBase
        {
            {{field}}

            [HttpPost("answer")]
            public async Task<string> Answer(string question)
            {
                {{call}}
            }
        }
        """;

    [Theory]
    // OpenAI: the model from the client's construction.
    [InlineData("private readonly ChatClient _chat = new(\"qwen3.5-plus\", new ApiKeyCredential(\"k\"));", "ChatCompletion c = await _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(question) }, new ChatCompletionOptions { MaxOutputTokenCount = 600 }); return c.Content[0].Text;", "QW0010:Warning")]
    [InlineData("private readonly ChatClient _chat = new(\"qwen-plus\", new ApiKeyCredential(\"k\"));", "ChatCompletion c = await _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(question) }, new ChatCompletionOptions { MaxOutputTokenCount = 600 }); return c.Content[0].Text;", "")]
    [InlineData("private readonly ChatClient _chat = new(\"qwq-plus\", new ApiKeyCredential(\"k\"));", "ChatCompletion c = await _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(question) }, new ChatCompletionOptions { MaxOutputTokenCount = 600 }); return c.Content[0].Text;", "")]
    [InlineData("private readonly ChatClient _chat = new(\"qwen3.5-plus\", new ApiKeyCredential(\"k\"));", "var o = Qwen.Latency.QwenRequestFields.WithoutThinking(new ChatCompletionOptions { MaxOutputTokenCount = 600 }); ChatCompletion c = await _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(question) }, o); return c.Content[0].Text;", "")]
    [InlineData("private readonly ChatClient _chat = new(\"qwen3.5-plus\", new ApiKeyCredential(\"k\"));", "var o = new ChatCompletionOptions { MaxOutputTokenCount = 600 };\n#pragma warning disable SCME0001\n o.Patch.Set(\"$.enable_thinking\"u8, false);\n#pragma warning restore SCME0001\n ChatCompletion c = await _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(question) }, o); return c.Content[0].Text;", "")]
    [InlineData("private readonly ChatClient _chat = new(\"qwen3.5-plus\", new ApiKeyCredential(\"k\")); private readonly ChatCompletionOptions _options = new();", "ChatCompletion c = await _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(question) }, _options); return c.Content[0].Text;", "")]
    // Microsoft.Extensions.AI over OpenAI.
    [InlineData("private readonly IChatClient _chat = new ChatClient(\"qwen3.6-flash\", new ApiKeyCredential(\"k\")).AsIChatClient();", "return (await _chat.GetResponseAsync(question)).Text;", "QW0010:Warning")]
    [InlineData("private readonly IChatClient _chat = new ChatClient(\"qwen3.6-flash\", new ApiKeyCredential(\"k\")).AsIChatClient();", "return (await _chat.GetResponseAsync(question, Qwen.Latency.QwenRequestFields.WithThinkingBudget(new ChatOptions { MaxOutputTokens = 500 }, 100))).Text;", "")]
    [InlineData("private readonly IChatClient _chat;", "return (await _chat.GetResponseAsync(question)).Text;", "")]   // model unknown: silent
    [InlineData("private readonly IChatClient _chat = new ChatClient(\"qwen3.6-flash\", new ApiKeyCredential(\"k\")).AsIChatClient();", "return (await _chat.GetResponseAsync(question, new ChatOptions { AdditionalProperties = new() { [\"enable_thinking\"] = false } })).Text;", "")]   // QW0011's case
    // Semantic Kernel.
    [InlineData("private readonly IChatCompletionService _chat = new OpenAIChatCompletionService(\"qwen3.5-flash\", new OpenAIClient(\"k\"));", "var h = new ChatHistory(); h.AddUserMessage(question); return (await _chat.GetChatMessageContentAsync(h, new OpenAIPromptExecutionSettings { MaxTokens = 500 })).Content ?? \"\";", "QW0010:Warning")]
    [InlineData("private readonly IChatCompletionService _chat = new OpenAIChatCompletionService(\"qwen3.5-flash\", new OpenAIClient(\"k\"));", "var h = new ChatHistory(); h.AddUserMessage(question);\n#pragma warning disable SKEXP0010\n var s = new OpenAIPromptExecutionSettings { MaxTokens = 500, ExtraBody = new Dictionary<string, object?> { [\"enable_thinking\"] = false } };\n#pragma warning restore SKEXP0010\n return (await _chat.GetChatMessageContentAsync(h, s)).Content ?? \"\";", "")]
    // Hand-built HTTP: the body's model and flag.
    [InlineData("private readonly HttpClient _http = new();", "var r = await _http.PostAsJsonAsync(\"https://dashscope.aliyuncs.com/compatible-mode/v1/chat/completions\", new { model = \"qwen3.5-plus\", max_tokens = 400, stream = true, messages = new[] { new { role = \"user\", content = question } } }); return await r.Content.ReadAsStringAsync();", "QW0010:Warning")]
    [InlineData("private readonly HttpClient _http = new();", "var r = await _http.PostAsJsonAsync(\"https://dashscope.aliyuncs.com/compatible-mode/v1/chat/completions\", new { model = \"qwen3.5-plus\", max_tokens = 400, stream = true, enable_thinking = false, messages = new[] { new { role = \"user\", content = question } } }); return await r.Content.ReadAsStringAsync();", "")]
    [InlineData("private readonly HttpClient _http = new();", "var r = await _http.PostAsJsonAsync(\"https://dashscope.aliyuncs.com/compatible-mode/v1/chat/completions\", new { model = \"qwen-plus\", max_tokens = 400, stream = true, enable_thinking = true, messages = new[] { new { role = \"user\", content = question } } }); return await r.Content.ReadAsStringAsync();", "QW0010:Warning")]
    public async Task InAController(string field, string call, string expected)
        => Assert.Equal(expected, Found(await Analysis.RunAsync(Controller(field, call))));

    [Theory]
    [InlineData("MaxOutputTokenCount = 2000", "QW0010:Info")]
    [InlineData("MaxOutputTokenCount = 16", "QW0010:Warning")]
    public async Task InABatchJob_WarningOnlyWhenTheCapIsSmall(string cap, string expected)
    {
        var batch = Usings + $$"""
            public class Nightly
            {
                private readonly ChatClient _chat = new("qwen3.5-flash", new ApiKeyCredential("k"));

                public async Task<string> LabelAsync(string ticket)
                {
                    ChatCompletion c = await _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(ticket) }, new ChatCompletionOptions { {{cap}} });
                    return c.Content[0].Text;
                }
            }
            """;
        Assert.Equal(expected, Found(await Analysis.RunAsync(batch)));
    }

    [Fact]
    public async Task DefaultModelFromEditorConfig_DecidesForInjectedClients()
    {
        var source = Controller("private readonly IChatClient _chat;\n public SupportController(IChatClient chat) => _chat = chat;", "return (await _chat.GetResponseAsync(question)).Text;");
        Assert.Equal("QW0010:Warning", Found(await Analysis.RunAsync(source, editorConfig: "qwen_analyzers.default_model = qwen3.5-plus")));
        Assert.Equal("", Found(await Analysis.RunAsync(source, editorConfig: "qwen_analyzers.default_model = qwen-plus")));
    }

    /// <summary>
    /// One at a time, each fix measures the file as the last one left it; Fix All measures it once: the second call's
    /// rewritten line still fits under the file's longest line then, and is not wrapped.
    /// </summary>
    [Fact]
    public Task Fix_OpenAI_OptionsGetTheHelper_AndCallsWithoutOptionsGetNewOnes() => VerifyCS.Code(Controller("private readonly ChatClient _chat = new(\"qwen3.5-plus\", new ApiKeyCredential(\"k\"));",
            "ChatCompletion a = await _chat.{|QW0010:CompleteChatAsync|}(new ChatMessage[] { new UserChatMessage(question) }, new ChatCompletionOptions { MaxOutputTokenCount = 600 });\n        ChatCompletion b = await _chat.{|QW0010:CompleteChatAsync|}(new UserChatMessage(question));\n        return a.Content[0].Text + b.Content[0].Text;")).FixedTo(Controller("private readonly ChatClient _chat = new(\"qwen3.5-plus\", new ApiKeyCredential(\"k\"));",
            "ChatCompletion a = await _chat.CompleteChatAsync(\n            new ChatMessage[] { new UserChatMessage(question) },\n            new ChatCompletionOptions { MaxOutputTokenCount = 600 }.WithoutThinking());\n        ChatCompletion b = await _chat.CompleteChatAsync(\n            new ChatMessage[] { new UserChatMessage(question) },\n            new ChatCompletionOptions().WithoutThinking());\n        return a.Content[0].Text + b.Content[0].Text;")
            .Replace("using OpenAI.Chat;\n", "using OpenAI.Chat;\nusing Qwen.Latency;\n")).FixAllTo(Controller("private readonly ChatClient _chat = new(\"qwen3.5-plus\", new ApiKeyCredential(\"k\"));",
            "ChatCompletion a = await _chat.CompleteChatAsync(\n            new ChatMessage[] { new UserChatMessage(question) },\n            new ChatCompletionOptions { MaxOutputTokenCount = 600 }.WithoutThinking());\n        ChatCompletion b = await _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(question) }, new ChatCompletionOptions().WithoutThinking());\n        return a.Content[0].Text + b.Content[0].Text;")
            .Replace("using OpenAI.Chat;\n", "using OpenAI.Chat;\nusing Qwen.Latency;\n"), 1).RunAsync();

    [Fact]
    public Task Fix_ExtensionsAI_AndSemanticKernel() => VerifyCS.Code(Controller("private readonly IChatClient _chat = new ChatClient(\"qwen3.6-flash\", new ApiKeyCredential(\"k\")).AsIChatClient();\n    private readonly IChatCompletionService _sk = new OpenAIChatCompletionService(\"qwen3.5-flash\", new OpenAIClient(\"k\"));",
            "var options = new ChatOptions { MaxOutputTokens = 500 };\n        var a = await _chat.{|QW0010:GetResponseAsync|}(question, options);\n        var h = new ChatHistory();\n        var b = await _sk.{|QW0010:GetChatMessageContentAsync|}(h, new OpenAIPromptExecutionSettings { MaxTokens = 500 });\n        return a.Text + b.Content;")).FixedTo(Controller("private readonly IChatClient _chat = new ChatClient(\"qwen3.6-flash\", new ApiKeyCredential(\"k\")).AsIChatClient();\n    private readonly IChatCompletionService _sk = new OpenAIChatCompletionService(\"qwen3.5-flash\", new OpenAIClient(\"k\"));",
            "var options = new ChatOptions { MaxOutputTokens = 500 }.WithoutThinking();\n        var a = await _chat.GetResponseAsync(question, options);\n        var h = new ChatHistory();\n        var b = await _sk.GetChatMessageContentAsync(\n            h,\n            new OpenAIPromptExecutionSettings { MaxTokens = 500 }.WithoutThinking());\n        return a.Text + b.Content;")
            .Replace("using OpenAI.Chat;\n", "using OpenAI.Chat;\nusing Qwen.Latency;\n")).RunAsync();

    [Fact]
    public Task Fix_RawBody_GetsTheFlag() => VerifyCS.Code(Controller("private readonly HttpClient _http = new();",
            "var r = await _http.{|QW0010:PostAsJsonAsync|}(\"https://dashscope.aliyuncs.com/compatible-mode/v1/chat/completions\", new { model = \"qwen3.5-plus\", max_tokens = 400, stream = true, messages = new[] { new { role = \"user\", content = question } } });\n        return await r.Content.ReadAsStringAsync();")).FixedTo(Controller("private readonly HttpClient _http = new();",
            "var r = await _http.PostAsJsonAsync(\n            \"https://dashscope.aliyuncs.com/compatible-mode/v1/chat/completions\",\n            new { model = \"qwen3.5-plus\", max_tokens = 400, stream = true, messages = new[] { new { role = \"user\", content = question } }, enable_thinking = false });\n        return await r.Content.ReadAsStringAsync();")).RunAsync();

    [Fact]
    public Task Fix_SecondAction_SetsABudget() => VerifyCS.Code(Controller("private readonly IChatClient _chat = new ChatClient(\"qwen3.6-flash\", new ApiKeyCredential(\"k\")).AsIChatClient();",
            "return (await _chat.{|QW0010:GetResponseAsync|}(question, new ChatOptions { MaxOutputTokens = 500 })).Text;")).FixedTo(Controller("private readonly IChatClient _chat = new ChatClient(\"qwen3.6-flash\", new ApiKeyCredential(\"k\")).AsIChatClient();",
            "return (await _chat.GetResponseAsync(\n            question,\n            new ChatOptions { MaxOutputTokens = 500 }.WithThinkingBudget(256))).Text;")
            .Replace("using OpenAI.Chat;\n", "using OpenAI.Chat;\nusing Qwen.Latency;\n"), action: "QW0010.Budget").RunAsync();

    /// <summary>
    /// Semantic Kernel's <c>InvokePromptAsync</c> with template arguments and no settings (the triage endpoint's shape), or
    /// with no arguments at all: the arguments get settings that turn thinking off, the template values stay.
    /// </summary>
    [Fact]
    public Task Fix_SemanticKernelKernelArguments_GetSettings() => VerifyCS.Code(Controller("private readonly Kernel _kernel = Kernel.CreateBuilder().AddOpenAIChatCompletion(\"qwen3.5-flash\", \"k\").Build();",
            "var label = await _kernel.{|QW0010:InvokePromptAsync|}(\"Classify: {{$ticket}}\", new KernelArguments { [\"ticket\"] = question });\n        var summary = await _kernel.{|QW0010:InvokePromptAsync|}(\"Summarize: \" + question);\n        return label.GetValue<string>() + summary.GetValue<string>();")).FixedTo(Controller("private readonly Kernel _kernel = Kernel.CreateBuilder().AddOpenAIChatCompletion(\"qwen3.5-flash\", \"k\").Build();",
            "var label = await _kernel.InvokePromptAsync(\n            \"Classify: {{$ticket}}\",\n            new KernelArguments(new OpenAIPromptExecutionSettings().WithoutThinking()) { [\"ticket\"] = question });\n        var summary = await _kernel.InvokePromptAsync(\n            \"Summarize: \" + question,\n            new KernelArguments(new OpenAIPromptExecutionSettings().WithoutThinking()));\n        return label.GetValue<string>() + summary.GetValue<string>();")
            .Replace("using OpenAI.Chat;\n", "using OpenAI.Chat;\nusing Qwen.Latency;\n")).RunAsync();

    /// <summary><c>new() { … }</c> has no type to call the helper on: the finding stays, with no fix.</summary>
    [Fact]
    public Task TargetTypedOptions_NoFix() => VerifyCS.Code(Controller("private readonly IChatClient _chat = new ChatClient(\"qwen3.6-flash\", new ApiKeyCredential(\"k\")).AsIChatClient();",
            "return (await _chat.{|QW0010:GetResponseAsync|}(question, new() { MaxOutputTokens = 500 })).Text;")).NoFix().RunAsync();

    private static string Found(ImmutableArray<Diagnostic> diagnostics)
        => string.Join(" ", diagnostics.Where(d => d.Id == "QW0010").Select(d => d.Id + ":" + d.Severity));
}
