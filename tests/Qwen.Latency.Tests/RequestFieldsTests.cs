using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OpenAI;
using OpenAI.Chat;
using Qwen.Testing;
using ChatMessage = OpenAI.Chat.ChatMessage;

namespace Qwen.Latency.Tests;

/// <summary>
/// What each client library really sends for a Qwen field, captured on the way to the simulator: the helpers'
/// fields arrive (and the simulator then skips the reasoning trace); the places QW0011 reports drop them.
/// </summary>
public class RequestFieldsTests
{
    private const string Thinker = "qwen3.5-plus";

    [Fact]
    public async Task OpenAI_WithoutThinking_ReachesTheWire_AndTheAnswerComesWithoutReasoning()
    {
        await using var sim = await SimulatorHarness.StartAsync(0.001);
        var capture = new BodyCapture();
        var chat = sim.Chat(Thinker, policy: capture);

        ChatCompletion thinking = await chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage("Label this ticket.") }, new ChatCompletionOptions { MaxOutputTokenCount = 600 });
        ChatCompletion direct = await chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage("Label this ticket.") }, new ChatCompletionOptions { MaxOutputTokenCount = 600 }.WithoutThinking());
        ChatCompletion budget = await chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage("Label this ticket.") }, new ChatCompletionOptions { MaxOutputTokenCount = 600 }.WithThinkingBudget(50));

        Assert.Null(capture.Bodies[0]["enable_thinking"]);
        Assert.True(thinking.Usage.OutputTokenDetails.ReasoningTokenCount > 0);
        Assert.False(capture.Bodies[1]["enable_thinking"]!.GetValue<bool>());
        Assert.Equal(600, capture.Bodies[1]["max_completion_tokens"]!.GetValue<int>());
        Assert.Equal(0, direct.Usage.OutputTokenDetails.ReasoningTokenCount);
        Assert.Equal(50, capture.Bodies[2]["thinking_budget"]!.GetValue<int>());
        Assert.Equal(50, budget.Usage.OutputTokenDetails.ReasoningTokenCount);
    }

    [Fact]
    public async Task ExtensionsAI_AdditionalPropertiesAreDropped_TheHelperReachesTheWire()
    {
        await using var sim = await SimulatorHarness.StartAsync(0.001);
        var capture = new BodyCapture();
        IChatClient chat = sim.Chat(Thinker, policy: capture).AsIChatClient();

        var dropped = new ChatOptions { MaxOutputTokens = 300, AdditionalProperties = new() { ["enable_thinking"] = false } };
        var droppedResponse = await chat.GetResponseAsync("Label this ticket.", dropped);
        var helped = new ChatOptions { MaxOutputTokens = 300 }.WithoutThinking();
        var first = await chat.GetResponseAsync("Label this ticket.", helped);
        var second = await chat.GetResponseAsync("Label this ticket.", helped);   // the factory makes fresh options per request

        Assert.Null(capture.Bodies[0]["enable_thinking"]);
        Assert.True(droppedResponse.Usage!.ReasoningTokenCount > 0);
        foreach (var body in capture.Bodies.Skip(1))
        {
            Assert.False(body["enable_thinking"]!.GetValue<bool>());
            Assert.Equal(300, body["max_completion_tokens"]!.GetValue<int>());
        }

        Assert.Equal(0, first.Usage!.ReasoningTokenCount ?? 0);
        Assert.Equal(0, second.Usage!.ReasoningTokenCount ?? 0);
    }

    [Fact]
    public async Task ExtensionsAI_SharedOptions_HelperCalledPerRequest_InstallsOneFactory()
    {
        await using var sim = await SimulatorHarness.StartAsync(0.001);
        var capture = new BodyCapture();
        IChatClient chat = sim.Chat(Thinker, policy: capture).AsIChatClient();
        var shared = new ChatOptions { MaxOutputTokens = 300 };

        shared.WithQwenField("thinking_budget", 64);
        var factory = shared.RawRepresentationFactory;
        await chat.GetResponseAsync("Label this ticket.", shared);
        shared.WithQwenField("thinking_budget", 32);   // what a fixed statement does on every request
        var second = await chat.GetResponseAsync("Label this ticket.", shared);

        Assert.Same(factory, shared.RawRepresentationFactory);
        Assert.Equal(64, capture.Bodies[0]["thinking_budget"]!.GetValue<int>());
        Assert.Equal(32, capture.Bodies[1]["thinking_budget"]!.GetValue<int>());
        Assert.Equal(32, second.Usage!.ReasoningTokenCount);
    }

    [Fact]
    public async Task SemanticKernel_ExtensionDataIsDropped_TheHelperReachesTheWire()
    {
        await using var sim = await SimulatorHarness.StartAsync(0.001);
        var capture = new BodyCapture();
        var options = new OpenAIClientOptions { Endpoint = sim.Server.CompatibleEndpoint, RetryPolicy = new ClientRetryPolicy(0) };
        options.AddPolicy(capture, PipelinePosition.PerCall);
        var service = new OpenAIChatCompletionService(Thinker, new OpenAIClient(new ApiKeyCredential(SimulatorHarness.ApiKey), options));
        var history = new ChatHistory();
        history.AddUserMessage("Label this ticket.");

        var dropped = new OpenAIPromptExecutionSettings { MaxTokens = 300, ExtensionData = new Dictionary<string, object> { ["enable_thinking"] = false } };
        await service.GetChatMessageContentAsync(history, dropped);
        await service.GetChatMessageContentAsync(history, new OpenAIPromptExecutionSettings { MaxTokens = 300 }.WithoutThinking());
        await service.GetChatMessageContentAsync(history, new PromptExecutionSettings { ExtensionData = new Dictionary<string, object> { ["max_tokens"] = 300 } }.WithoutThinking());
        await service.GetChatMessageContentAsync(history, new OpenAIPromptExecutionSettings { MaxTokens = 300 }.WithThinkingBudget(40));

        Assert.Null(capture.Bodies[0]["enable_thinking"]);
        Assert.False(capture.Bodies[1]["enable_thinking"]!.GetValue<bool>());
        Assert.False(capture.Bodies[2]["enable_thinking"]!.GetValue<bool>());
        Assert.Equal(40, capture.Bodies[3]["thinking_budget"]!.GetValue<int>());
        Assert.All(capture.Bodies, b => Assert.Equal(300, (b["max_completion_tokens"] ?? b["max_tokens"])!.GetValue<int>()));
    }

    [Fact]
    public void FrozenSettings_AreNotChangedBehindTheFunctionsBack()
    {
        var settings = new OpenAIPromptExecutionSettings();
        settings.Freeze();
        Assert.Throws<InvalidOperationException>(() => settings.WithoutThinking());
    }

    /// <summary>Records each request body the client library sends.</summary>
    private sealed class BodyCapture : PipelinePolicy
    {
        public List<JsonObject> Bodies { get; } = new();

        public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            Record(message);
            ProcessNext(message, pipeline, currentIndex);
        }

        public override async ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            Record(message);
            await ProcessNextAsync(message, pipeline, currentIndex);
        }

        private void Record(PipelineMessage message)
        {
            using var buffer = new MemoryStream();
            message.Request.Content!.WriteTo(buffer, CancellationToken.None);
            lock (Bodies)
                Bodies.Add((JsonObject)JsonNode.Parse(buffer.ToArray())!);
        }
    }
}
