using System;
using System.Threading;
using System.Threading.Tasks;
using Xunit.Abstractions;

namespace Qwen.Analyzers.Equivalence.Tests;

/// <summary>
/// QW0002's forwarding fix in a SignalR hub, as <c>dotnet format</c> applies it with <c>qwen_analyzers.streaming_fix =
/// forward</c>, on a real <c>WebApplication</c> on loopback in front of the simulator, called the way the hub's contract
/// says (an invocation for a method that returns the answer, a stream invocation for a streaming one) by a small client
/// of SignalR's JSON hub protocol over the BCL's <c>ClientWebSocket</c> (the SignalR .NET client served here is 11.0,
/// whose dependencies clash with ASP.NET Core 10's in this test process).
/// </summary>
public class ForwardToTheHubCallerTests(SimulatorFixture fixture, ITestOutputHelper output) : IClassFixture<SimulatorFixture>
{
    private const string Hub = """
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.SignalR;
        using Microsoft.Extensions.AI;

        public sealed class SupportHub(IChatClient chat) : Hub
        {
            public async Task<string> Ask(string question)
                => (await chat.GetResponseAsync(question, new ChatOptions { MaxOutputTokens = 120 })).Text;
        }
        """;

    private const string Host = """
        using System;
        using System.ClientModel;
        using System.Collections.Generic;
        using System.Linq;
        using System.Text;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Hosting;
        using System.Net.WebSockets;
        using System.Text.Json;
        using System.Text.Json.Nodes;
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;
        using Microsoft.Extensions.Logging;
        using OpenAI;
        using OpenAI.Chat;
        ---
        /// <summary>
        /// The person's side of SignalR's JSON hub protocol: negotiate, a WebSocket, the handshake, then one invocation
        /// (type 1, answered by a completion, type 3) or one stream invocation (type 4, answered by stream items, type 2,
        /// then a completion). Messages end with the record separator 0x1E.
        /// </summary>
        public static class HubProtocol
        {
            private const char Separator = '\u001e';

            public static async Task CallAsync(Uri server, string hub, string method, string argument, bool stream, Action<string> show, CancellationToken cancellationToken)
            {
                using var http = new System.Net.Http.HttpClient { BaseAddress = server };
                using var negotiated = await http.PostAsync($"{hub}/negotiate?negotiateVersion=1", null, cancellationToken);
                var token = JsonNode.Parse(await negotiated.Content.ReadAsStringAsync(cancellationToken))!["connectionToken"]!.GetValue<string>();
                using var socket = new ClientWebSocket();
                await socket.ConnectAsync(new Uri($"ws://{server.Authority}/{hub}?id={Uri.EscapeDataString(token)}"), cancellationToken);
                await SendAsync(socket, "{\"protocol\":\"json\",\"version\":1}", cancellationToken);
                var call = new JsonObject { ["type"] = stream ? 4 : 1, ["invocationId"] = "1", ["target"] = method, ["arguments"] = new JsonArray(argument) };
                await SendAsync(socket, call.ToJsonString(), cancellationToken);
                var pending = "";
                var buffer = new byte[16384];
                while (true)
                {
                    var received = await socket.ReceiveAsync(buffer, cancellationToken);
                    if (received.MessageType == WebSocketMessageType.Close)
                        return;
                    pending += Encoding.UTF8.GetString(buffer, 0, received.Count);
                    int end;
                    while ((end = pending.IndexOf(Separator)) >= 0)
                    {
                        var message = JsonNode.Parse(pending[..end]) as JsonObject;
                        pending = pending[(end + 1)..];
                        switch ((int?)message?["type"])
                        {
                            case 2:
                                show(message!["item"]!.GetValue<string>());
                                break;
                            case 3:
                                if (message!["error"] is { } error)
                                    throw new InvalidOperationException(error.ToString());
                                if (message["result"] is { } result)
                                    show(result.GetValue<string>());
                                return;
                        }
                    }
                }
            }

            private static Task SendAsync(ClientWebSocket socket, string json, CancellationToken cancellationToken)
                => socket.SendAsync(Encoding.UTF8.GetBytes(json + Separator), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }

        public static class Case
        {
            private static async Task<object?> RunHubAsync(Uri simulator, string apiKey, CancellationToken cancellationToken, bool giveUpAfterThreeSeconds)
            {
                var builder = WebApplication.CreateSlimBuilder();
                builder.WebHost.UseUrls("http://127.0.0.1:0");
                builder.Logging.ClearProviders();
                builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(1));
                builder.Services.AddSignalR();
                builder.Services.AddSingleton<IChatClient>(new ChatClient("qwen-plus", new ApiKeyCredential(apiKey), new OpenAIClientOptions { Endpoint = new Uri(simulator, "compatible-mode/v1") }).AsIChatClient());
                await using var app = builder.Build();
                app.MapHub<SupportHub>("/support");
                await app.StartAsync();

                var shown = new StringBuilder();
                using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                if (giveUpAfterThreeSeconds)
                    giveUp.CancelAfter(TimeSpan.FromSeconds(3));
                // The client follows the hub's contract: a streaming hub method is streamed, any other invoked.
                var streaming = typeof(SupportHub).GetMethod("Ask")!.ReturnType.Name.StartsWith("IAsyncEnumerable", StringComparison.Ordinal);
                try
                {
                    await HubProtocol.CallAsync(new Uri(app.Urls.First()), "support", "Ask", "Where is my parcel?", streaming, piece => shown.Append(piece), giveUp.Token);
                }
                catch (OperationCanceledException) when (giveUpAfterThreeSeconds)
                {
                }

                return giveUpAfterThreeSeconds ? shown.Length : shown.ToString();
            }

            /// <summary>The answer the person ends with.</summary>
            public static Task<object?> RunAsync(Uri baseAddress, string apiKey, CancellationToken cancellationToken)
                => RunHubAsync(baseAddress, apiKey, cancellationToken, giveUpAfterThreeSeconds: false);

            /// <summary>How many characters the person had when they gave up on an answer that never ends.</summary>
            public static Task<object?> ShownBeforeTheEndAsync(Uri baseAddress, string apiKey, CancellationToken cancellationToken)
                => RunHubAsync(baseAddress, apiKey, cancellationToken, giveUpAfterThreeSeconds: true);
        }
        """;

    [Fact]
    public async Task Forward_TheHubCallerGetsThePiecesWhileTheServiceAnswers_AndTheSameAnswer()
    {
        var (forwarded, rules) = await BulkFix.ApplyAsync(Hub, editorConfig: "qwen_analyzers.streaming_fix = forward\n");
        output.WriteLine(forwarded);
        Assert.Contains("QW0002", rules);
        Assert.Contains("IAsyncEnumerable<string> Ask(", forwarded);

        var written = await HostedCase.RunAsync(fixture.Sim, Host, Hub, "hub as written", "RunAsync", fault: null);
        var after = await HostedCase.RunAsync(fixture.Sim, Host, forwarded, "hub forward", "RunAsync", fault: null);
        output.WriteLine($"as written: {written}\nforward: {after}");
        Assert.Equal(written, after);
        Assert.True(written!.Length > 20, written);

        var stalledWritten = await HostedCase.RunAsync(fixture.Sim, Host, Hub, "hub as written, stalled", "ShownBeforeTheEndAsync", "stall");
        var stalledForward = await HostedCase.RunAsync(fixture.Sim, Host, forwarded, "hub forward, stalled", "ShownBeforeTheEndAsync", "stall");
        output.WriteLine($"characters the caller had before the end — as written: {stalledWritten}, forward: {stalledForward}");
        Assert.Equal("0", stalledWritten);
        Assert.True(int.Parse(stalledForward!) > 0, $"forwarded, the caller had nothing before the end: {stalledForward}");
    }
}
