using System;
using System.Threading;
using System.Threading.Tasks;
using Xunit.Abstractions;

namespace Qwen.Analyzers.Equivalence.Tests;

/// <summary>
/// QW0002's forwarding fix, as <c>dotnet format</c> applies it with <c>qwen_analyzers.streaming_fix = forward</c>, on a
/// real <c>WebApplication</c> on loopback in front of the simulator, read by a person's <c>HttpClient</c> the way a
/// browser's fetch reader reads (<c>ResponseHeadersRead</c>, the body as it comes). The person sees the same answer
/// once it is complete; the first pieces reach the person while the service is still answering — which the collecting
/// fix (the default) does not change, as the same run shows.
/// </summary>
public class ForwardToThePersonTests(SimulatorFixture fixture, ITestOutputHelper output) : IClassFixture<SimulatorFixture>
{
    /// <summary>A help desk's endpoints, written the slow way: each awaits the whole answer and returns its text.</summary>
    private const string HelpDesk = """
        using System;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.Extensions.AI;
        using OpenAI.Chat;

        public static class HelpDesk
        {
            public static void Map(WebApplication app)
            {
                // A customer asks where their parcel is and watches the answer.
                app.MapGet("/tickets/{id}/answer", async (string id, ChatClient chat) =>
                {
                    ChatCompletion completion = await chat.CompleteChatAsync(
                        new OpenAI.Chat.ChatMessage[] { new UserChatMessage($"Where is the parcel of ticket {id}?") },
                        new ChatCompletionOptions { MaxOutputTokenCount = 120 });
                    return completion.Content[0].Text;
                });

                // An agent opens a ticket and reads its summary.
                app.MapGet("/tickets/{id}/summary", async (string id, IChatClient chat) =>
                {
                    var response = await chat.GetResponseAsync($"Summarize ticket {id} for the agent.", new ChatOptions { MaxOutputTokens = 120 });
                    return Results.Ok(response.Text);
                });
            }
        }
        """;

    /// <summary>The host and the person: not part of what the fix rewrites.</summary>
    private const string Host = """
        using System;
        using System.ClientModel;
        using System.IO;
        using System.Linq;
        using System.Net.Http;
        using System.Text;
        using System.Text.Json;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Hosting;
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;
        using Microsoft.Extensions.Logging;
        using OpenAI;
        using OpenAI.Chat;
        ---
        public static class Case
        {
            private static readonly string[] Paths = { "tickets/T-7/answer", "tickets/T-7/summary" };

            private static async Task<WebApplication> StartAsync(Uri simulator, string apiKey)
            {
                var builder = WebApplication.CreateSlimBuilder();
                builder.WebHost.UseUrls("http://127.0.0.1:0");
                builder.Logging.ClearProviders();
                builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(1));
                var chat = new ChatClient("qwen-plus", new ApiKeyCredential(apiKey), new OpenAIClientOptions { Endpoint = new Uri(simulator, "compatible-mode/v1") });
                builder.Services.AddSingleton(chat);
                builder.Services.AddSingleton<IChatClient>(chat.AsIChatClient());
                var app = builder.Build();
                HelpDesk.Map(app);
                await app.StartAsync();
                return app;
            }

            /// <summary>What the person's page shows once each answer is complete.</summary>
            public static async Task<object?> RunAsync(Uri baseAddress, string apiKey, CancellationToken cancellationToken)
            {
                await using var app = await StartAsync(baseAddress, apiKey);
                using var person = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
                var shown = new string[Paths.Length];
                for (var i = 0; i < Paths.Length; i++)
                    shown[i] = await ReadAsync(person, Paths[i], new StringBuilder(), cancellationToken);
                return shown;
            }

            /// <summary>How many characters of each answer the person had seen when they gave up on an answer that never ends.</summary>
            public static async Task<object?> ShownBeforeTheEndAsync(Uri baseAddress, string apiKey, CancellationToken cancellationToken)
            {
                await using var app = await StartAsync(baseAddress, apiKey);
                using var person = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
                var shown = new int[Paths.Length];
                for (var i = 0; i < Paths.Length; i++)
                {
                    using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    giveUp.CancelAfter(TimeSpan.FromSeconds(3));
                    var page = new StringBuilder();
                    try
                    {
                        await ReadAsync(person, Paths[i], page, giveUp.Token);
                    }
                    catch (OperationCanceledException)
                    {
                    }

                    shown[i] = page.Length;
                }

                return shown;
            }

            /// <summary>
            /// A browser's fetch reader: the body as it comes. Server-sent events are shown event by event (data lines
            /// of one event joined by a line break); any other body when it is complete (a JSON string decoded).
            /// </summary>
            private static async Task<string> ReadAsync(HttpClient person, string path, StringBuilder page, CancellationToken cancellationToken)
            {
                using var response = await person.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                response.EnsureSuccessStatusCode();
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
                if (response.Content.Headers.ContentType?.MediaType == "text/event-stream")
                {
                    string? data = null;
                    while (await reader.ReadLineAsync(cancellationToken) is { } line)
                    {
                        if (line.StartsWith("data:"))
                        {
                            var piece = line[5..].StartsWith(' ') ? line[6..] : line[5..];
                            data = data is null ? piece : data + "\n" + piece;
                        }
                        else if (line.Length == 0 && data is not null)
                        {
                            page.Append(data);
                            data = null;
                        }
                    }

                    return page.ToString();
                }

                var body = await reader.ReadToEndAsync(cancellationToken);
                page.Append(response.Content.Headers.ContentType?.MediaType == "application/json" ? JsonSerializer.Deserialize<string>(body) : body);
                return page.ToString();
            }
        }
        """;

    [Fact]
    public async Task Forward_TheFirstPiecesReachThePersonWhileTheServiceAnswers_AndThePageEndsTheSame()
    {
        var (forwarded, forwardRules) = await BulkFix.ApplyAsync(HelpDesk, editorConfig: "qwen_analyzers.streaming_fix = forward\n");
        // The collecting fix, as a person applies it from the IDE (dotnet format leaves it here: the clients' retries are
        // set where the code does not show them).
        var (collected, collectedCount) = await SingleFix.ApplyAsync(HelpDesk, new Qwen.Analyzers.Rules.NotStreamedAnalyzer(), new Qwen.Analyzers.CodeFixes.NotStreamedFixer());
        output.WriteLine(forwarded);
        output.WriteLine(collected);
        Assert.Contains("QW0002", forwardRules);
        Assert.Equal(2, collectedCount);
        Assert.Equal(2, Count(forwarded, "TypedResults.ServerSentEvents("));
        Assert.DoesNotContain("ServerSentEvents", collected);

        // Complete answers: the page shows the same text, whichever way it came.
        var written = await HostedCase.RunAsync(fixture.Sim, Host, HelpDesk, "forward as written", "RunAsync", fault: null);
        var afterCollect = await HostedCase.RunAsync(fixture.Sim, Host, collected, "forward collect", "RunAsync", fault: null);
        var afterForward = await HostedCase.RunAsync(fixture.Sim, Host, forwarded, "forward forward", "RunAsync", fault: null);
        output.WriteLine($"as written: {written}\ncollect: {afterCollect}\nforward: {afterForward}");
        Assert.Equal(written, afterCollect);
        Assert.Equal(written, afterForward);

        // Answers that stall after their third event: only the forwarded endpoints have shown anything.
        var stalledWritten = await HostedCase.RunAsync(fixture.Sim, Host, HelpDesk, "forward as written, stalled", "ShownBeforeTheEndAsync", "stall");
        var stalledCollect = await HostedCase.RunAsync(fixture.Sim, Host, collected, "forward collect, stalled", "ShownBeforeTheEndAsync", "stall");
        var stalledForward = await HostedCase.RunAsync(fixture.Sim, Host, forwarded, "forward forward, stalled", "ShownBeforeTheEndAsync", "stall");
        output.WriteLine($"characters shown before the end — as written: {stalledWritten}, collect: {stalledCollect}, forward: {stalledForward}");
        Assert.Equal("[0,0]", stalledWritten);
        Assert.Equal("[0,0]", stalledCollect);
        var shown = System.Text.Json.JsonSerializer.Deserialize<int[]>(stalledForward!)!;
        Assert.All(shown, characters => Assert.True(characters > 0, $"forwarded, nothing reached the person before the end: {stalledForward}"));
    }

    private static int Count(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + 1, StringComparison.Ordinal))
            count++;
        return count;
    }
}
