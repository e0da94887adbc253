using System;
using System.ClientModel;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OpenAI;

namespace Qwen.Simulator.Tests;

/// <summary>Microsoft.Extensions.AI and Semantic Kernel work against the simulator unchanged; concurrency is counted.</summary>
public class ClientLibraryTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task ExtensionsAI_GetResponse_AndStreaming()
    {
        IChatClient client = sim.Chat("qwen-flash").AsIChatClient();
        var response = await client.GetResponseAsync("Summarize the incident.", new ChatOptions { MaxOutputTokens = 25 });
        Assert.Equal(25, response.Usage!.OutputTokenCount);
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);

        var streamed = await client.GetStreamingResponseAsync("Summarize the incident.", new ChatOptions { MaxOutputTokens = 25 }).ToChatResponseAsync();
        Assert.Equal(response.Text, streamed.Text);
        Assert.Equal(25, streamed.Usage!.OutputTokenCount);
    }

    [Fact]
    public async Task SemanticKernel_ChatService_AndInvokePrompt()
    {
        var builder = Kernel.CreateBuilder();
        builder.AddOpenAIChatCompletion("qwen-plus", sim.Server.CompatibleEndpoint, "sk-test");
        var kernel = builder.Build();
        var chat = kernel.GetRequiredService<IChatCompletionService>();

        var history = new ChatHistory("You are terse.");
        history.AddUserMessage("Status?");
        var reply = await chat.GetChatMessageContentAsync(history, new OpenAIPromptExecutionSettings { MaxTokens = 15 });
        Assert.False(string.IsNullOrWhiteSpace(reply.Content));
        Assert.Equal(15, ((OpenAI.Chat.ChatTokenUsage)reply.Metadata!["Usage"]!).OutputTokenCount);

        var result = await kernel.InvokePromptAsync("Translate: {{$text}}", new KernelArguments(new OpenAIPromptExecutionSettings { MaxTokens = 10 }) { ["text"] = "bonjour" });
        Assert.False(string.IsNullOrWhiteSpace(result.GetValue<string>()));
    }

    [Fact]
    public async Task ParallelCalls_Overlap_AndPeakConcurrencyIsCounted()
    {
        await using var own = await SimulatorServer.StartAsync(new SimulatorOptions { TimeScale = 0.05 });
        var client = new OpenAI.Chat.ChatClient("qwen-plus", new ApiKeyCredential("sk-test"), new OpenAIClientOptions { Endpoint = own.CompatibleEndpoint });
        // About 2 simulated seconds each, 100 ms of real time: the three calls surely overlap.
        var options = new OpenAI.Chat.ChatCompletionOptions { MaxOutputTokenCount = 100 };
        await Task.WhenAll(Enumerable.Range(0, 3).Select(i => client.CompleteChatAsync(new OpenAI.Chat.ChatMessage[] { new OpenAI.Chat.UserChatMessage("q" + i) }, options)));
        var stats = own.State.Stats.ToJson();
        Assert.Equal(3, (long)stats["chat_requests"]!);
        Assert.Equal(3, (long)stats["peak_concurrent_requests"]!);
        Assert.Equal(0, (long)stats["concurrent_requests"]!);
    }

    [Fact]
    public async Task Qw0003FixedShape_RunsBothCallsAtOnce()
    {
        // The code QW0003's fix writes for summary-and-translation, against the simulator.
        await using var own = await SimulatorServer.StartAsync(new SimulatorOptions { TimeScale = 0.05 });
        IChatClient chat = new OpenAI.Chat.ChatClient("qwen-plus", new ApiKeyCredential("sk-test"), new OpenAIClientOptions { Endpoint = own.CompatibleEndpoint }).AsIChatClient();
        var options = new ChatOptions { MaxOutputTokens = 100 };
        var doc = "The outage began at 09:12 and ended at 09:40.";

        var summaryTask = chat.GetResponseAsync($"Summarize: {doc}", options);
        var translationTask = chat.GetResponseAsync($"Translate to French: {doc}", options);
        await Task.WhenAll(summaryTask, translationTask);
        var summary = await summaryTask;
        var translation = await translationTask;

        Assert.NotEqual(summary.Text, translation.Text);
        Assert.Equal(2, (long)own.State.Stats.ToJson()["peak_concurrent_requests"]!);
    }

    [Fact]
    public void CommandLine_Options()
    {
        var options = SimulatorOptions.Parse(new[] { "--urls", "http://127.0.0.1:5000", "--time-scale", "0.5", "--fault", "429", "--fault-every", "3", "--api-key", "sk-a" });
        Assert.Equal(0.5, options.TimeScale);
        Assert.Equal("429", options.Fault);
        Assert.Equal(3, options.FaultEvery);
        Assert.Contains("sk-a", options.ApiKeys);
        Assert.Throws<ArgumentException>(() => SimulatorOptions.Parse(new[] { "--time-scale", "0" }));
    }
}
