using System.Threading.Tasks;
using VerifyCS = Qwen.Analyzers.Tests.Verify<Qwen.Analyzers.Rules.HistoryUnboundedAnalyzer, Qwen.Analyzers.CodeFixes.HistoryUnboundedFixer>;

namespace Qwen.Analyzers.Tests.Rules;

/// <summary>
/// QW0013, written the way chat apps keep a conversation: a desktop session object, a Blazor page, a singleton
/// service, a static list; and the shapes that are bounded or rebuilt per request. The fix is one at a time.
/// </summary>
public class HistoryUnboundedAnalyzerTests
{
    private const string MeaiUsings = "using System.Collections.Generic;\nusing System.Linq;\nusing System.Threading.Tasks;\nusing Microsoft.Extensions.AI;\n";
    private const string MeaiFixedUsings = "using System.Collections.Generic;\nusing System.Linq;\nusing System.Threading.Tasks;\nusing Microsoft.Extensions.AI;\nusing Qwen.Latency;\n";

    /// <summary>A console or desktop app (no web framework): the session object keeps the list it appends to.</summary>
    private static readonly System.Collections.Immutable.ImmutableArray<Microsoft.CodeAnalysis.MetadataReference> NoWeb = References.Framework.AddRange(References.Clients).AddRange(References.Helpers);

    [Fact]
    public Task DesktopSession_AppendsAndSendsWhole_ReportedAndWindowed() => VerifyCS.Code(MeaiUsings + """
        public sealed class ChatSession(IChatClient chat)
        {
            private readonly List<ChatMessage> _history = new() { new(ChatRole.System, "You are the help desk of a parcel service.") };
            private readonly ChatOptions _options = new() { MaxOutputTokens = 400 };

            public async Task<string> AskAsync(string question)
            {
                _history.Add(new ChatMessage(ChatRole.User, question));
                var response = await chat.GetStreamingResponseAsync({|QW0013:_history|}, _options).ToChatResponseAsync();
                _history.AddMessages(response);
                return response.Text;
            }
        }
        """).WithReferences(NoWeb).FixedTo(MeaiFixedUsings + """
        public sealed class ChatSession(IChatClient chat)
        {
            private readonly List<ChatMessage> _history = new() { new(ChatRole.System, "You are the help desk of a parcel service.") };
            private readonly ChatOptions _options = new() { MaxOutputTokens = 400 };

            public async Task<string> AskAsync(string question)
            {
                _history.Add(new ChatMessage(ChatRole.User, question));
                var response = await chat.GetStreamingResponseAsync(QwenHistory.Recent(_history), _options).ToChatResponseAsync();
                _history.AddMessages(response);
                return response.Text;
            }
        }
        """).OneAtATimeOnly().RunAsync();

    /// <summary>A Blazor page keeps its conversation for the person's whole session.</summary>
    [Fact]
    public Task BlazorPage_History_Reported() => VerifyCS.Code(MeaiUsings + "using Microsoft.AspNetCore.Components;\n" + """
        public partial class ChatPage : ComponentBase
        {
            [Inject] public IChatClient Chat { get; set; } = null!;

            private readonly List<ChatMessage> messages = new();

            protected string Input { get; set; } = "";

            protected async Task SendAsync()
            {
                messages.Add(new ChatMessage(ChatRole.User, Input));
                await foreach (var update in Chat.GetStreamingResponseAsync({|QW0013:messages|}, new ChatOptions { MaxOutputTokens = 300 }))
                {
                }
            }
        }
        """).NoFix().WithoutHelpers().RunAsync();

    /// <summary>The OpenAI SDK, a static list: every caller shares and grows it.</summary>
    [Fact]
    public Task OpenAI_StaticList_Reported() => VerifyCS.Code("using System.Collections.Generic;\nusing System.Threading.Tasks;\nusing OpenAI.Chat;\n" + """
        public static class Assistant
        {
            private static readonly List<ChatMessage> Conversation = new() { new SystemChatMessage("Answer briefly.") };

            public static async Task<string> AskAsync(ChatClient chat, string question)
            {
                Conversation.Add(new UserChatMessage(question));
                ChatCompletion completion = await chat.CompleteChatAsync({|QW0013:Conversation|}, new ChatCompletionOptions { MaxOutputTokenCount = 300 });
                Conversation.Add(new AssistantChatMessage(completion));
                return completion.Content[0].Text;
            }
        }
        """).NoFix().WithoutHelpers().RunAsync();

    /// <summary>Bounded (trimmed when long), windowed when sent, rebuilt per request, per-request types, unknown lifetimes: nothing to say.</summary>
    [Theory]
    [InlineData("_history.Add(new ChatMessage(ChatRole.User, q)); if (_history.Count > 20) _history.RemoveRange(1, 2); await chat.GetResponseAsync(_history);")]
    [InlineData("_history.Add(new ChatMessage(ChatRole.User, q)); await chat.GetResponseAsync(_history.TakeLast(10));")]
    [InlineData("var local = new List<ChatMessage> { new(ChatRole.User, q) }; await chat.GetResponseAsync(local);")]
    [InlineData("await chat.GetResponseAsync(_history);")]
    [InlineData("_history.Add(new ChatMessage(ChatRole.User, q)); await chat.GetResponseAsync(Trimmer.Window(_history));")]
    public Task BoundedOrRebuiltOrNotAppended_NoDiagnostic(string body) => VerifyCS.Code(MeaiUsings + $$"""
        public static class Trimmer { public static List<ChatMessage> Window(List<ChatMessage> all) => all; }

        public sealed class ChatSession(IChatClient chat)
        {
            private readonly List<ChatMessage> _history = new();

            public async Task AskAsync(string q)
            {
                {{body}}
            }
        }
        """).WithReferences(NoWeb).RunAsync();

    /// <summary>A controller is built per request (its list starts empty each time); a web service whose lifetime the code does not show is unknown.</summary>
    [Theory]
    [InlineData("public sealed class AskController(IChatClient chat) : Microsoft.AspNetCore.Mvc.ControllerBase")]
    [InlineData("public sealed class AskService(IChatClient chat)")]
    public Task PerRequestOrUnknownLifetime_NoDiagnostic(string declaration) => VerifyCS.Code(MeaiUsings + $$"""
        {{declaration}}
        {
            private readonly List<ChatMessage> _history = new();

            public async Task<string> AskAsync(string q)
            {
                _history.Add(new ChatMessage(ChatRole.User, q));
                return (await chat.GetResponseAsync(_history)).Text;
            }
        }
        """).RunAsync();

    /// <summary>A web app's singleton service keeps one list for every request: reported.</summary>
    [Fact]
    public Task SingletonService_Reported() => VerifyCS.Code(MeaiUsings + "using Microsoft.AspNetCore.Builder;\nusing Microsoft.Extensions.DependencyInjection;\n" + """
        public sealed class SupportBot(IChatClient chat)
        {
            private readonly List<ChatMessage> _history = new();

            public async Task<string> AskAsync(string q)
            {
                _history.Add(new ChatMessage(ChatRole.User, q));
                var response = await chat.GetResponseAsync({|QW0013:_history|}, new ChatOptions { MaxOutputTokens = 300 });
                _history.AddMessages(response);
                return response.Text;
            }
        }

        public static class Setup
        {
            public static void Configure(WebApplicationBuilder builder) => builder.Services.AddSingleton<SupportBot>();
        }
        """).NoFix().WithoutHelpers().RunAsync();

    /// <summary>Semantic Kernel: a console assistant's ChatHistory, grown with AddUserMessage / AddAssistantMessage.</summary>
    [Fact]
    public Task SemanticKernel_ChatHistory_ReportedAndWindowed() => VerifyCS.Code("using System.Threading.Tasks;\nusing Microsoft.SemanticKernel;\nusing Microsoft.SemanticKernel.ChatCompletion;\n" + """
        public sealed class ConsoleAssistant(IChatCompletionService chat, Kernel kernel)
        {
            private readonly ChatHistory _history = new("You are a concise assistant.");

            public async Task<string> AskAsync(string question)
            {
                _history.AddUserMessage(question);
                var reply = await chat.GetChatMessageContentAsync({|QW0013:_history|}, kernel: kernel);
                _history.AddAssistantMessage(reply.Content ?? "");
                return reply.Content ?? "";
            }
        }
        """).WithReferences(NoWeb).FixedTo("using System.Threading.Tasks;\nusing Microsoft.SemanticKernel;\nusing Microsoft.SemanticKernel.ChatCompletion;\nusing Qwen.Latency;\n" + """
        public sealed class ConsoleAssistant(IChatCompletionService chat, Kernel kernel)
        {
            private readonly ChatHistory _history = new("You are a concise assistant.");

            public async Task<string> AskAsync(string question)
            {
                _history.AddUserMessage(question);
                var reply = await chat.GetChatMessageContentAsync(SemanticKernelHistory.Recent(_history), kernel: kernel);
                _history.AddAssistantMessage(reply.Content ?? "");
                return reply.Content ?? "";
            }
        }
        """).OneAtATimeOnly().RunAsync();

    /// <summary>Semantic Kernel with a reducer (or any call the rule does not know) on the history: it may be bounded.</summary>
    [Fact]
    public Task SemanticKernel_ReducedHistory_NoDiagnostic() => VerifyCS.Code("using System.Threading.Tasks;\nusing Microsoft.SemanticKernel;\nusing Microsoft.SemanticKernel.ChatCompletion;\n" + """
        public sealed class ConsoleAssistant(IChatCompletionService chat, IChatHistoryReducer reducer)
        {
            private readonly ChatHistory _history = new("You are a concise assistant.");

            public async Task<string> AskAsync(string question)
            {
                _history.AddUserMessage(question);
                await _history.ReduceInPlaceAsync(reducer, default);
                var reply = await chat.GetChatMessageContentAsync(_history);
                _history.AddAssistantMessage(reply.Content ?? "");
                return reply.Content ?? "";
            }
        }
        """).WithReferences(NoWeb).RunAsync();

    /// <summary>
    /// A popular Unity chat template's trimming, in C#: one message removed per turn while two are added (it still grows),
    /// and removed from the front, where the system prompt is (the cached prefix changes every turn).
    /// </summary>
    [Fact]
    public Task TrimmingThatDropsTheSystemPromptFirst_ReportedWithoutFix() => VerifyCS.Code(MeaiUsings + """
        public sealed class NpcDialogue(IChatClient chat)
        {
            private readonly List<ChatMessage> messages = new() { new ChatMessage(ChatRole.System, "You are the innkeeper of a small village.") };

            public async Task<string> TalkAsync(string line)
            {
                messages.Add(new ChatMessage(ChatRole.User, line));
                var reply = await chat.GetResponseAsync({|#0:messages|}, new ChatOptions { MaxOutputTokens = 150 });
                messages.Add(new ChatMessage(ChatRole.Assistant, reply.Text));
                if (messages.Count > 10)
                    messages.RemoveAt(0);
                return reply.Text;
            }
        }
        """).WithReferences(NoWeb).Expect(VerifyCS.Diagnostic("QW0013").WithLocation(0).WithArguments("messages", "IChatClient.GetResponseAsync",
            "but its trimming drops the system prompt first, so the prefix the context cache reuses changes every turn")).NoFix().RunAsync();

    /// <summary>Trimming that keeps the system prompt but removes one message per turn while two are added: it still grows.</summary>
    [Fact]
    public Task TrimmingThatCannotKeepUp_ReportedAndWindowed() => VerifyCS.Code(MeaiUsings + """
        public sealed class NpcDialogue(IChatClient chat)
        {
            private readonly List<ChatMessage> messages = new() { new ChatMessage(ChatRole.System, "You are the innkeeper of a small village.") };

            public async Task<string> TalkAsync(string line)
            {
                messages.Add(new ChatMessage(ChatRole.User, line));
                var reply = await chat.GetResponseAsync({|QW0013:messages|}, new ChatOptions { MaxOutputTokens = 150 });
                messages.Add(new ChatMessage(ChatRole.Assistant, reply.Text));
                if (messages.Count > 10)
                    messages.RemoveAt(1);
                return reply.Text;
            }
        }
        """).WithReferences(NoWeb).FixedTo(MeaiFixedUsings + """
        public sealed class NpcDialogue(IChatClient chat)
        {
            private readonly List<ChatMessage> messages = new() { new ChatMessage(ChatRole.System, "You are the innkeeper of a small village.") };

            public async Task<string> TalkAsync(string line)
            {
                messages.Add(new ChatMessage(ChatRole.User, line));
                var reply = await chat.GetResponseAsync(QwenHistory.Recent(messages), new ChatOptions { MaxOutputTokens = 150 });
                messages.Add(new ChatMessage(ChatRole.Assistant, reply.Text));
                if (messages.Count > 10)
                    messages.RemoveAt(1);
                return reply.Text;
            }
        }
        """).OneAtATimeOnly().RunAsync();

    /// <summary>Trimming in a loop, or by as many as are added: it keeps up.</summary>
    [Theory]
    [InlineData("while (messages.Count > 10) messages.RemoveAt(1);")]
    [InlineData("if (messages.Count > 10) messages.RemoveRange(1, 2);")]
    public Task TrimmingThatKeepsUp_NoDiagnostic(string trimming) => VerifyCS.Code(MeaiUsings + $$"""
        public sealed class NpcDialogue(IChatClient chat)
        {
            private readonly List<ChatMessage> messages = new() { new ChatMessage(ChatRole.System, "You are the innkeeper.") };

            public async Task<string> TalkAsync(string line)
            {
                messages.Add(new ChatMessage(ChatRole.User, line));
                var reply = await chat.GetResponseAsync(messages, new ChatOptions { MaxOutputTokens = 150 });
                messages.Add(new ChatMessage(ChatRole.Assistant, reply.Text));
                {{trimming}}
                return reply.Text;
            }
        }
        """).WithReferences(NoWeb).RunAsync();

    private const string SessionApp = """
        public sealed class StoreChat(IChatClient chat)
        {
            private readonly ConcurrentDictionary<string, List<ChatMessage>> _sessions = new();

            public async Task<string> AskAsync(string sessionId, string question)
            {
                var history = _sessions.GetOrAdd(sessionId, _ => new List<ChatMessage> { new(ChatRole.System, "You help shoppers of an electronics store.") });
                history.Add(new ChatMessage(ChatRole.User, question));
                var response = await chat.GetResponseAsync(HISTORY, new ChatOptions { MaxOutputTokens = 300 });
                history.AddMessages(response);
                return response.Text;
            }

            EXTRA
        }

        public static class Setup
        {
            public static void Configure(WebApplicationBuilder builder) => builder.Services.AddSingleton<StoreChat>();
        }
        """;

    private const string SessionUsings = "using System.Collections.Concurrent;\nusing System.Collections.Generic;\nusing System.Threading.Tasks;\nusing Microsoft.AspNetCore.Builder;\nusing Microsoft.Extensions.AI;\nusing Microsoft.Extensions.DependencyInjection;\n";

    /// <summary>The storefront chat a new user wrote: one list per session in a singleton's dictionary, sent whole every turn.</summary>
    [Fact]
    public Task PerSessionDictionary_ReportedAndWindowed() => VerifyCS.Code(SessionUsings + SessionApp.Replace("HISTORY", "{|QW0013:history|}").Replace("EXTRA", ""))
        .FixedTo(SessionUsings + "using Qwen.Latency;\n" + SessionApp.Replace("HISTORY", "QwenHistory.Recent(history)").Replace("EXTRA", "")).OneAtATimeOnly().RunAsync();

    /// <summary>The message names the dictionary the session's list lives in.</summary>
    [Fact]
    public Task PerSessionDictionary_MessageNamesTheDictionary() => VerifyCS.Code(SessionUsings + SessionApp.Replace("HISTORY", "{|#0:history|}").Replace("EXTRA", ""))
        .Expect(VerifyCS.Diagnostic("QW0013").WithLocation(0).WithArguments("_sessions[…]", "IChatClient.GetResponseAsync", "and grows on every call"))
        .WithoutHelpers().NoFix().RunAsync();

    /// <summary>Sessions that end (evicted from the dictionary) or lists trimmed in place are not reported.</summary>
    [Theory]
    [InlineData("public void End(string sessionId) => _sessions.TryRemove(sessionId, out _);")]
    [InlineData("public void Reset(string sessionId) => _sessions[sessionId] = new();")]
    public Task PerSessionDictionary_Evicted_NoDiagnostic(string extra) => VerifyCS.Code(SessionUsings + SessionApp.Replace("HISTORY", "history").Replace("EXTRA", extra)).RunAsync();

    /// <summary>Semantic Kernel: the history's system message given to its constructor, then trimmed from the front.</summary>
    [Fact]
    public Task SemanticKernel_TrimmedFromTheFront_DropsTheSystemPrompt() => VerifyCS.Code("using System.Threading.Tasks;\nusing Microsoft.SemanticKernel;\nusing Microsoft.SemanticKernel.ChatCompletion;\n" + """
        public sealed class ConsoleAssistant(IChatCompletionService chat)
        {
            private readonly ChatHistory _history = new("You are a concise assistant.");

            public async Task<string> AskAsync(string question)
            {
                _history.AddUserMessage(question);
                if (_history.Count > 20)
                    _history.RemoveRange(0, 2);
                var reply = await chat.GetChatMessageContentAsync({|#0:_history|});
                _history.AddAssistantMessage(reply.Content ?? "");
                return reply.Content ?? "";
            }
        }
        """).WithReferences(NoWeb).Expect(VerifyCS.Diagnostic("QW0013").WithLocation(0).WithArguments("_history", "IChatCompletionService.GetChatMessageContentAsync",
            "but its trimming drops the system prompt first, so the prefix the context cache reuses changes every turn")).NoFix().RunAsync();
}
