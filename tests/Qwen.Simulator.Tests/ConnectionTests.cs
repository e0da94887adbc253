using System;
using System.ClientModel;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading.Tasks;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OpenAI;

namespace Qwen.Simulator.Tests;

/// <summary>
/// Which clients open a new connection (and pay its setup) per call, counted by the simulator: a new HttpClient does;
/// the OpenAI SDK and Semantic Kernel built anew per call do not (they share one transport / handler) — the facts QW0012
/// rests on.
/// </summary>
public class ConnectionTests
{
    private static Task<SimulatorServer> StartAsync() => SimulatorServer.StartAsync(new SimulatorOptions { TimeScale = 0.01, ConnectionSetupMs = 300 });

    private static object Body(string question) => new { model = "qwen-flash", messages = new[] { new { role = "user", content = question } }, max_tokens = 5 };

    private static long Connections(SimulatorServer sim) => (long)sim.State.Stats.ToJson()["connections"]!;

    private static HttpRequestMessage Post(SimulatorServer sim, string question)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(sim.BaseAddress, "compatible-mode/v1/chat/completions")) { Content = JsonContent.Create(Body(question)) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "sk-test");
        return request;
    }

    [Fact]
    public async Task NewHttpClientPerCall_OpensAConnectionPerCall_SharedOneReusesIt()
    {
        await using var sim = await StartAsync();
        for (var i = 0; i < 3; i++)
        {
            using var perCall = new HttpClient();
            (await perCall.SendAsync(Post(sim, "q" + i))).EnsureSuccessStatusCode();
        }

        Assert.Equal(3, Connections(sim));

        using var shared = new HttpClient();
        for (var i = 0; i < 3; i++)
            (await shared.SendAsync(Post(sim, "q" + i))).EnsureSuccessStatusCode();
        Assert.Equal(4, Connections(sim));
    }

    [Fact]
    public async Task OpenAIChatClientPerCall_SharesSystemClientModelsTransport()
    {
        await using var sim = await StartAsync();
        for (var i = 0; i < 3; i++)
        {
            var chat = new OpenAI.Chat.ChatClient("qwen-flash", new ApiKeyCredential("sk-test"), new OpenAIClientOptions { Endpoint = sim.CompatibleEndpoint });
            await chat.CompleteChatAsync(new OpenAI.Chat.ChatMessage[] { new OpenAI.Chat.UserChatMessage("q" + i) }, new OpenAI.Chat.ChatCompletionOptions { MaxOutputTokenCount = 5 });
        }

        Assert.Equal(1, Connections(sim));
    }

    [Fact]
    public async Task SemanticKernelBuiltPerCall_SharesItsHandler()
    {
        await using var sim = await StartAsync();
        for (var i = 0; i < 3; i++)
        {
            var builder = Kernel.CreateBuilder();
            builder.AddOpenAIChatCompletion("qwen-flash", sim.CompatibleEndpoint, "sk-test");
            var chat = builder.Build().GetRequiredService<IChatCompletionService>();
            await chat.GetChatMessageContentAsync("q" + i, new OpenAIPromptExecutionSettings { MaxTokens = 5 });
        }

        Assert.Equal(1, Connections(sim));
    }
}
