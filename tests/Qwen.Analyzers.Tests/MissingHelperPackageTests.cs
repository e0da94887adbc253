using System.Linq;
using System.Threading.Tasks;

namespace Qwen.Analyzers.Tests;

/// <summary>
/// A fix that calls a runtime helper is not offered when the project lacks the helper's package; the finding's message
/// then names the package to add. With the package referenced the message says nothing more; a fix that needs no
/// helper never asks for one.
/// </summary>
public class MissingHelperPackageTests
{
    private const string App = """
        using System;
        using System.ClientModel;
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.AI;
        using OpenAI.Chat;
        using ChatMessage = OpenAI.Chat.ChatMessage;

        [ApiController]
        public class SupportController : ControllerBase
        {
            private readonly ChatClient _chat = new("qwen-plus", new ApiKeyCredential("k"));
            private readonly IChatClient _fast = new ChatClient("qwen3.5-flash", new ApiKeyCredential("k")).AsIChatClient();
            private readonly HttpClient _http = new();

            [HttpPost("answer")]
            public async Task<string> Answer(string question)
            {
                ChatCompletion c = await _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(question) }, new ChatCompletionOptions { MaxOutputTokenCount = 600 });
                return c.Content[0].Text;
            }

            [HttpPost("route")]
            public async Task<string> Route(string question)
                => (await _fast.GetResponseAsync(question, new ChatOptions { MaxOutputTokens = 600 })).Text;

            [HttpPost("labels")]
            public async Task<List<string>> Labels(string[] tickets)
            {
                var labels = new List<string>();
                foreach (var ticket in tickets)
                {
                    ChatCompletion c = await _chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage("Label: " + ticket) }, new ChatCompletionOptions { MaxOutputTokenCount = 5 });
                    labels.Add(c.Content[0].Text);
                }

                return labels;
            }

            [HttpGet("image/{taskId}")]
            public async Task<string> Poll(string taskId)
            {
                while (true)
                {
                    var json = await _http.GetStringAsync("https://dashscope-intl.aliyuncs.com/api/v1/tasks/" + taskId);
                    if (json.Contains("SUCCEEDED"))
                        return json;
                    await Task.Delay(1000);
                }
            }
        }
        """;

    [Fact]
    public async Task WithoutHelpers_EachFindingNamesThePackageItsFixNeeds()
    {
        var found = await Analysis.RunAsync(App, References.FrameworkAndClients);
        string Message(string id, string containing) => found.Single(d => d.Id == id && d.GetMessage().Contains(containing)).GetMessage();

        Assert.EndsWith("; add the Qwen.Latency.OpenAI package to get the automatic fix", Message("QW0002", "ChatClient.CompleteChatAsync call is not streamed in the MVC action SupportController.Answer"));
        // Microsoft.Extensions.AI streams and collects with its own ToChatResponseAsync: nothing to add.
        Assert.DoesNotContain("package", Message("QW0002", "IChatClient.GetResponseAsync"));
        Assert.EndsWith("; add the Qwen.Latency.OpenAI package to get the automatic fix", Message("QW0010", "IChatClient.GetResponseAsync"));
        Assert.EndsWith("; add the Qwen.Latency package to get the automatic fix", Message("QW0006", "ChatClient.CompleteChatAsync"));
        Assert.EndsWith("; add the Qwen.Latency package to get the automatic fix", Message("QW0009", "polls"));
    }

    [Fact]
    public async Task WithHelpers_NoPackageIsAskedFor()
    {
        var found = await Analysis.RunAsync(App, References.FrameworkClientsAndHelpers);
        // QW0012: the controller's own HttpClient field is built per request (its fix needs no package).
        Assert.Equal("QW0002 QW0006 QW0009 QW0010 QW0012", Analysis.Ids(found));
        Assert.DoesNotContain(found, d => d.GetMessage().Contains("package"));
    }
}
