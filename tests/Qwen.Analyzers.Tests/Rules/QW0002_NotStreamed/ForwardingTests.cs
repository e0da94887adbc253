using System.Threading.Tasks;
using VerifyCS = Qwen.Analyzers.Tests.Verify<Qwen.Analyzers.Rules.NotStreamedAnalyzer, Qwen.Analyzers.CodeFixes.NotStreamedFixer>;

namespace Qwen.Analyzers.Tests.Rules;

/// <summary>QW0002's forwarding action: the answer streamed on to the endpoint's caller, and <c>qwen_analyzers.streaming_fix</c>.</summary>
public class ForwardingTests
{
    private const string Usings = "using System;\nusing Microsoft.AspNetCore.Builder;\nusing Microsoft.AspNetCore.Http;\nusing Microsoft.Extensions.AI;\nusing OpenAI.Chat;\n";
    private const string FixedUsings = "using System;\nusing Microsoft.AspNetCore.Builder;\nusing Microsoft.AspNetCore.Http;\nusing Microsoft.Extensions.AI;\nusing OpenAI.Chat;\nusing Qwen.Latency;\n";

    [Fact]
    public Task MinimalApi_ArrayOfMessagesAndOptions_ForwardedAsServerSentEvents() => VerifyCS.Code(Usings + """
        public static class HelpDesk
        {
            public static void Map(WebApplication app)
            {
                app.MapGet("/tickets/{id}/answer", async (string id, ChatClient chat) =>
                {
                    ChatCompletion completion = await chat.{|QW0002:CompleteChatAsync|}(
                        new OpenAI.Chat.ChatMessage[] { new UserChatMessage($"Where is the parcel of ticket {id}?") },
                        new ChatCompletionOptions { MaxOutputTokenCount = 120 });
                    return completion.Content[0].Text;
                });
            }
        }
        """).FixedTo(FixedUsings + """
        public static class HelpDesk
        {
            public static void Map(WebApplication app)
            {
                app.MapGet("/tickets/{id}/answer", (string id, ChatClient chat) =>
                {
                    return TypedResults.ServerSentEvents(OpenAIStreaming.TextDeltasAsync(chat.CompleteChatStreamingAsync(
                        new OpenAI.Chat.ChatMessage[] { new UserChatMessage($"Where is the parcel of ticket {id}?") },
                        new ChatCompletionOptions { MaxOutputTokenCount = 120 })));
                });
            }
        }
        """, action: "QW0002.ReturnStream").RunAsync();

    /// <summary>A handler that wraps the text in Results.Ok: the text is the response all the same.</summary>
    [Fact]
    public Task MinimalApi_ResultsOk_Forwarded() => VerifyCS.Code(Usings + """
        public static class Summaries
        {
            public static void Map(WebApplication app) =>
                app.MapGet("/tickets/{id}/summary", async (string id, IChatClient chat) =>
                {
                    var response = await chat.{|QW0002:GetResponseAsync|}($"Summarize ticket {id}.", new ChatOptions { MaxOutputTokens = 200 });
                    return Results.Ok(response.Text);
                });
        }
        """).FixedTo(FixedUsings + """
        public static class Summaries
        {
            public static void Map(WebApplication app) =>
                app.MapGet("/tickets/{id}/summary", (string id, IChatClient chat) =>
                {
                    return TypedResults.ServerSentEvents(QwenStreaming.DeltasAsync(chat.GetStreamingResponseAsync($"Summarize ticket {id}.", new ChatOptions { MaxOutputTokens = 200 }), u => u.Text));
                });
        }
        """, action: "QW0002.ReturnStream").RunAsync();

    /// <summary>A handler that returns more than the text (an object with the ticket id): forwarding would drop the rest, so it is not offered.</summary>
    [Fact]
    public Task MinimalApi_ObjectWithMoreThanTheText_NotForwarded() => VerifyCS.Code(Usings + """
        public static class Summaries
        {
            public static void Map(WebApplication app) =>
                app.MapGet("/tickets/{id}/summary", async (string id, IChatClient chat) =>
                {
                    var response = await chat.{|QW0002:GetResponseAsync|}($"Summarize ticket {id}.", new ChatOptions { MaxOutputTokens = 200 });
                    return Results.Ok(new { id, summary = response.Text });
                });
        }
        """).FixedTo(Usings + """
        public static class Summaries
        {
            public static void Map(WebApplication app) =>
                app.MapGet("/tickets/{id}/summary", async (string id, IChatClient chat) =>
                {
                    var response = await chat.{|QW0002:GetResponseAsync|}($"Summarize ticket {id}.", new ChatOptions { MaxOutputTokens = 200 });
                    return Results.Ok(new { id, summary = response.Text });
                });
        }
        """, action: "QW0002.ReturnStream").RunAsync();

    /// <summary>
    /// qwen_analyzers.streaming_fix = forward: the forwarding action is the first one offered (the IDE's default) and
    /// takes the rule's key, so Fix All from it — and dotnet format, which names the first action's key — forwards every
    /// handler it can.
    /// </summary>
    [Fact]
    public Task StreamingFixForward_ForwardingComesFirst() => VerifyCS.Code(Usings + """
        public static class Summaries
        {
            public static void Map(WebApplication app)
            {
                app.MapGet("/a", async (string q, IChatClient chat) => (await chat.{|QW0002:GetResponseAsync|}(q, new ChatOptions { MaxOutputTokens = 200 })).Text);
                app.MapGet("/b", async (string q, IChatClient chat) => (await chat.{|QW0002:GetResponseAsync|}("Again: " + q, new ChatOptions { MaxOutputTokens = 200 })).Text);
            }
        }
        """).WithEditorConfig("qwen_analyzers.streaming_fix = forward").FixedTo(FixedUsings + """
        public static class Summaries
        {
            public static void Map(WebApplication app)
            {
                app.MapGet("/a", (string q, IChatClient chat) => TypedResults.ServerSentEvents(QwenStreaming.DeltasAsync(chat.GetStreamingResponseAsync(q, new ChatOptions { MaxOutputTokens = 200 }), u => u.Text)));
                app.MapGet(
                    "/b",
                    (string q, IChatClient chat) => TypedResults.ServerSentEvents(QwenStreaming.DeltasAsync(chat.GetStreamingResponseAsync("Again: " + q, new ChatOptions { MaxOutputTokens = 200 }), u => u.Text)));
            }
        }
        """).FixAllTo(FixedUsings + """
        public static class Summaries
        {
            public static void Map(WebApplication app)
            {
                app.MapGet("/a", (string q, IChatClient chat) => TypedResults.ServerSentEvents(QwenStreaming.DeltasAsync(chat.GetStreamingResponseAsync(q, new ChatOptions { MaxOutputTokens = 200 }), u => u.Text)));
                app.MapGet("/b", (string q, IChatClient chat) => TypedResults.ServerSentEvents(QwenStreaming.DeltasAsync(chat.GetStreamingResponseAsync("Again: " + q, new ChatOptions { MaxOutputTokens = 200 }), u => u.Text)));
            }
        }
        """, iterations: 1).RunAsync();

    /// <summary>The default (collect): the collecting action stays first.</summary>
    [Fact]
    public Task StreamingFixDefault_CollectingComesFirst() => VerifyCS.Code(Usings + """
        public static class Summaries
        {
            public static void Map(WebApplication app) =>
                app.MapGet("/a", async (string q, IChatClient chat) => (await chat.{|QW0002:GetResponseAsync|}(q, new ChatOptions { MaxOutputTokens = 200 })).Text);
        }
        """).FixedTo(FixedUsings + """
        public static class Summaries
        {
            public static void Map(WebApplication app) =>
                app.MapGet("/a", async (string q, IChatClient chat) => (await ChatClientStreaming.CollectAsync(() => chat.GetStreamingResponseAsync(q, new ChatOptions { MaxOutputTokens = 200 }))).Text);
        }
        """).OneAtATimeOnly().RunAsync();

    /// <summary>The sample's help-widget endpoint (Results.Text, a system message and the user's question).</summary>
    [Fact]
    public Task TopLevelHandler_ResultsText_ForwardedUnderTheOption() => VerifyCS.Code(Usings + """
        static class Widget
        {
            static void Map(WebApplication app)
            {
        app.MapPost("/tickets/{id}/answer", async (string id, Question question, ChatClient chat) =>
        {
            ChatCompletion completion = await chat.{|QW0002:CompleteChatAsync|}(
                new SystemChatMessage($"Ticket {id}."),
                new UserChatMessage(question.Text));
            return Results.Text(completion.Content[0].Text);
        });
            }
        }

        public sealed record Question(string Text);
        """).WithEditorConfig("qwen_analyzers.streaming_fix = forward").FixedTo(FixedUsings + """
        static class Widget
        {
            static void Map(WebApplication app)
            {
        app.MapPost("/tickets/{id}/answer", (string id, Question question, ChatClient chat) =>
        {
            return TypedResults.ServerSentEvents(OpenAIStreaming.TextDeltasAsync(chat.CompleteChatStreamingAsync(
                new SystemChatMessage($"Ticket {id}."),
                new UserChatMessage(question.Text))));
        });
            }
        }

        public sealed record Question(string Text);
        """).RunAsync();

    private const string ComponentUsings = "using System.Threading.Tasks;\nusing Microsoft.AspNetCore.Components;\nusing Microsoft.Extensions.AI;\nusing OpenAI.Chat;\n";
    private const string FixedComponentUsings = "using System.Threading.Tasks;\nusing Microsoft.AspNetCore.Components;\nusing Microsoft.Extensions.AI;\nusing OpenAI.Chat;\nusing Qwen.Latency;\n";

    /// <summary>A Blazor page that sets its answer from the whole reply: it appends each piece and re-renders instead.</summary>
    [Fact]
    public Task BlazorComponent_AnswerMember_Forwarded() => VerifyCS.Code(ComponentUsings + """
        public partial class AskPage : ComponentBase
        {
            [Inject] public IChatClient Chat { get; set; } = null!;

            protected string Question { get; set; } = "";

            protected string Answer { get; set; } = "";

            protected async Task AskAsync()
            {
                Answer = (await Chat.{|QW0002:GetResponseAsync|}(Question, new ChatOptions { MaxOutputTokens = 300 })).Text;
            }
        }
        """).FixedTo(FixedComponentUsings + """
        public partial class AskPage : ComponentBase
        {
            [Inject] public IChatClient Chat { get; set; } = null!;

            protected string Question { get; set; } = "";

            protected string Answer { get; set; } = "";

            protected async Task AskAsync()
            {
                Answer = "";
                await foreach (var delta in QwenStreaming.DeltasAsync(Chat.GetStreamingResponseAsync(Question, new ChatOptions { MaxOutputTokens = 300 }), u => u.Text))
                {
                    Answer += delta;
                    StateHasChanged();
                }
            }
        }
        """, action: "QW0002.ReturnStream").RunAsync();

    /// <summary>The OpenAI SDK, the reply read from a local into a field between two other statements.</summary>
    [Fact]
    public Task BlazorComponent_OpenAIThroughALocal_Forwarded() => VerifyCS.Code(ComponentUsings + """
        public partial class SupportChat : ComponentBase
        {
            [Inject] public ChatClient Chat { get; set; } = null!;

            private string reply = "";
            private bool busy;

            private async Task SendAsync(string text)
            {
                busy = true;
                ChatCompletion completion = await Chat.{|QW0002:CompleteChatAsync|}(new UserChatMessage(text));
                reply = completion.Content[0].Text;
                busy = false;
            }
        }
        """).FixedTo(FixedComponentUsings + """
        public partial class SupportChat : ComponentBase
        {
            [Inject] public ChatClient Chat { get; set; } = null!;

            private string reply = "";
            private bool busy;

            private async Task SendAsync(string text)
            {
                busy = true;
                reply = "";
                await foreach (var delta in OpenAIStreaming.TextDeltasAsync(Chat.CompleteChatStreamingAsync(new UserChatMessage(text))))
                {
                    reply += delta;
                    StateHasChanged();
                }

                busy = false;
            }
        }
        """, action: "QW0002.ReturnStream").RunAsync();

    /// <summary>A page that adds the whole answer to a list of lines: no string member to grow, so forwarding is not offered.</summary>
    [Fact]
    public Task BlazorComponent_AnswerAddedToAList_NotForwarded() => VerifyCS.Code(ComponentUsings + """
        public partial class AskPage : ComponentBase
        {
            [Inject] public IChatClient Chat { get; set; } = null!;

            protected System.Collections.Generic.List<string> Lines { get; } = new();

            protected async Task AskAsync(string question)
            {
                var response = await Chat.{|QW0002:GetResponseAsync|}(question, new ChatOptions { MaxOutputTokens = 300 });
                Lines.Add(response.Text);
            }
        }
        """).FixedTo(ComponentUsings + """
        public partial class AskPage : ComponentBase
        {
            [Inject] public IChatClient Chat { get; set; } = null!;

            protected System.Collections.Generic.List<string> Lines { get; } = new();

            protected async Task AskAsync(string question)
            {
                var response = await Chat.{|QW0002:GetResponseAsync|}(question, new ChatOptions { MaxOutputTokens = 300 });
                Lines.Add(response.Text);
            }
        }
        """, action: "QW0002.ReturnStream").RunAsync();

    private const string HubUsings = "using System.Threading.Tasks;\nusing Microsoft.AspNetCore.SignalR;\nusing Microsoft.Extensions.AI;\nusing OpenAI.Chat;\n";
    private const string FixedHubUsings = "using System.Collections.Generic;\nusing System.Threading.Tasks;\nusing Microsoft.AspNetCore.SignalR;\nusing Microsoft.Extensions.AI;\nusing OpenAI.Chat;\nusing Qwen.Latency;\n";

    /// <summary>A SignalR hub method that returns the answer: it becomes a streaming hub method.</summary>
    [Fact]
    public Task SignalRHub_ReturnsTheText_BecomesAStreamingHubMethod() => VerifyCS.Code(HubUsings + """
        public sealed class SupportHub(IChatClient chat, ChatClient openAI) : Hub
        {
            public async Task<string> Ask(string question)
                => (await chat.{|QW0002:GetResponseAsync|}(question, new ChatOptions { MaxOutputTokens = 300 })).Text;

            public async Task<string> Draft(string ticket)
            {
                var prompt = "Draft a reply to: " + ticket;
                ChatCompletion completion = await openAI.{|QW0002:CompleteChatAsync|}(new UserChatMessage(prompt));
                return completion.Content[0].Text;
            }
        }
        """).FixedTo(FixedHubUsings + """
        public sealed class SupportHub(IChatClient chat, ChatClient openAI) : Hub
        {
            public IAsyncEnumerable<string> Ask(string question)
                => QwenStreaming.DeltasAsync(
                    chat.GetStreamingResponseAsync(question, new ChatOptions { MaxOutputTokens = 300 }),
                    u => u.Text);

            public IAsyncEnumerable<string> Draft(string ticket)
            {
                var prompt = "Draft a reply to: " + ticket;
                return OpenAIStreaming.TextDeltasAsync(openAI.CompleteChatStreamingAsync(new UserChatMessage(prompt)));
            }
        }
        """, action: "QW0002.ReturnStream").RunAsync();

    /// <summary>A hub method that pushes the answer to the caller as one message: forwarding it would change the messages the client handles, so it is not offered.</summary>
    [Fact]
    public Task SignalRHub_SendsTheAnswer_NotForwarded() => VerifyCS.Code(HubUsings + """
        public sealed class SupportHub(IChatClient chat) : Hub
        {
            public async Task Ask(string question)
            {
                var response = await chat.{|QW0002:GetResponseAsync|}(question, new ChatOptions { MaxOutputTokens = 300 });
                await Clients.Caller.SendAsync("answer", response.Text);
            }
        }
        """).FixedTo(HubUsings + """
        public sealed class SupportHub(IChatClient chat) : Hub
        {
            public async Task Ask(string question)
            {
                var response = await chat.{|QW0002:GetResponseAsync|}(question, new ChatOptions { MaxOutputTokens = 300 });
                await Clients.Caller.SendAsync("answer", response.Text);
            }
        }
        """, action: "QW0002.ReturnStream").RunAsync();

    /// <summary>
    /// streaming_fix = forward with a handler that cannot forward (it returns more than the text) ahead of one that can:
    /// Fix All with the first finding's key — which dotnet format names — collects the first and forwards the second.
    /// </summary>
    [Fact]
    public Task StreamingFixForward_FixAllFromAFindingWithoutForwarding_StillForwardsTheOthers() => VerifyCS.Code(Usings + "using System.ClientModel;\nusing OpenAI;\n" + """
        static class Endpoints
        {
            static readonly ChatClient Chat = new("qwen-plus", new ApiKeyCredential("sk"), new OpenAIClientOptions { Endpoint = new Uri("https://dashscope-intl.aliyuncs.com/compatible-mode/v1") });

            public static void Map(WebApplication app)
            {
                app.MapGet("/note", async (string id) =>
                {
                    ChatCompletion note = await Chat.{|QW0002:CompleteChatAsync|}(new OpenAI.Chat.ChatMessage[] { new UserChatMessage($"Write the note for {id}.") }, new ChatCompletionOptions { MaxOutputTokenCount = 200 });
                    return Results.Ok(new { id, note = note.Content[0].Text });
                });
                app.MapGet("/answer", async (string q) =>
                {
                    ChatCompletion answer = await Chat.{|QW0002:CompleteChatAsync|}(new OpenAI.Chat.ChatMessage[] { new UserChatMessage(q) }, new ChatCompletionOptions { MaxOutputTokenCount = 200 });
                    return answer.Content[0].Text;
                });
            }
        }
        """).WithEditorConfig("qwen_analyzers.streaming_fix = forward").FixedTo(Usings + "using System.ClientModel;\nusing OpenAI;\nusing Qwen.Latency;\n" + """
        static class Endpoints
        {
            static readonly ChatClient Chat = new("qwen-plus", new ApiKeyCredential("sk"), new OpenAIClientOptions { Endpoint = new Uri("https://dashscope-intl.aliyuncs.com/compatible-mode/v1") });

            public static void Map(WebApplication app)
            {
                app.MapGet("/note", async (string id) =>
                {
                    var note = await OpenAIStreaming.CollectAsync(
                        () => Chat.CompleteChatStreamingAsync(new OpenAI.Chat.ChatMessage[] { new UserChatMessage($"Write the note for {id}.") }, new ChatCompletionOptions { MaxOutputTokenCount = 200 }));
                    return Results.Ok(new { id, note = note.Text });
                });
                app.MapGet("/answer", (string q) =>
                {
                    return TypedResults.ServerSentEvents(OpenAIStreaming.TextDeltasAsync(Chat.CompleteChatStreamingAsync(new OpenAI.Chat.ChatMessage[] { new UserChatMessage(q) }, new ChatCompletionOptions { MaxOutputTokenCount = 200 })));
                });
            }
        }
        """).FixAllTo(Usings + "using System.ClientModel;\nusing OpenAI;\nusing Qwen.Latency;\n" + """
        static class Endpoints
        {
            static readonly ChatClient Chat = new("qwen-plus", new ApiKeyCredential("sk"), new OpenAIClientOptions { Endpoint = new Uri("https://dashscope-intl.aliyuncs.com/compatible-mode/v1") });

            public static void Map(WebApplication app)
            {
                app.MapGet("/note", async (string id) =>
                {
                    var note = await OpenAIStreaming.CollectAsync(
                        () => Chat.CompleteChatStreamingAsync(new OpenAI.Chat.ChatMessage[] { new UserChatMessage($"Write the note for {id}.") }, new ChatCompletionOptions { MaxOutputTokenCount = 200 }));
                    return Results.Ok(new { id, note = note.Text });
                });
                app.MapGet("/answer", (string q) =>
                {
                    return TypedResults.ServerSentEvents(
                        OpenAIStreaming.TextDeltasAsync(Chat.CompleteChatStreamingAsync(new OpenAI.Chat.ChatMessage[] { new UserChatMessage(q) }, new ChatCompletionOptions { MaxOutputTokenCount = 200 })));
                });
            }
        }
        """, iterations: 1).RunAsync();
}
