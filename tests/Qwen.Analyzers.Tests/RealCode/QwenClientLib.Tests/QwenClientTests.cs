using System.Net;
using System.Text;
using Acme.Qwen;
using Microsoft.Extensions.Options;
using OpenAI.Chat;
using Xunit;

namespace Acme.Qwen.Tests;

/// <summary>Unit tests of the library against a stub handler: nothing here calls Qwen and nobody waits.</summary>
public class QwenClientTests
{
    [Fact]
    public async Task ChatAsync_ReturnsTheFirstChoice()
    {
        var handler = new StubHandler("""{"output":{"choices":[{"message":{"role":"assistant","content":"hi"}}]}}""");
        var client = new QwenClient(new HttpClient(handler), Options.Create(new QwenClientOptions { ApiKey = "k" }));

        var answer = await client.ChatAsync([new Message("user", "hello")]);

        Assert.Equal("hi", answer);
        Assert.Contains("\"max_tokens\":800", handler.LastBody);
    }

    [Fact]
    public async Task RawRequest_AgainstTheStub()
    {
        using var http = new HttpClient(new StubHandler("{}")) { BaseAddress = new Uri("https://dashscope.aliyuncs.com/") };
        var response = await http.PostAsync("api/v1/services/aigc/text-generation/generation",
            new StringContent("""{"model":"qwen-plus","input":{"prompt":"hi"}}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task OpenAIClient_AgainstTheStub()
    {
        var chat = new ChatClient("qwen-plus", new System.ClientModel.ApiKeyCredential("k"),
            new OpenAI.OpenAIClientOptions { Endpoint = new Uri("https://dashscope.aliyuncs.com/compatible-mode/v1"), Transport = new System.ClientModel.Primitives.HttpClientPipelineTransport(new HttpClient(new StubHandler("{}"))) });
        await Assert.ThrowsAnyAsync<Exception>(() => chat.CompleteChatAsync(new UserChatMessage("hi")));
    }

    private sealed class StubHandler(string json) : HttpMessageHandler
    {
        public string LastBody { get; private set; } = "";

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            LastBody = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        }
    }
}
