using System;
using System.Threading;
using System.Threading.Tasks;
using Qwen.Analyzers.CodeFixes;
using Qwen.Analyzers.Rules;
using Xunit.Abstractions;

namespace Qwen.Analyzers.Equivalence.Tests;

/// <summary>
/// QW0016's fix (one at a time, never bulk), run before and after against the simulator: the same answer; the first
/// token read while the service is still answering (before the fix, the send holds every event until the last); and
/// the one change under faults its rule page names — a connection lost mid-answer reaches the caller as an
/// <c>IOException</c> from the read instead of an <c>HttpRequestException</c> from the send.
/// </summary>
public class StreamBufferedFixTests(SimulatorFixture fixture, ITestOutputHelper output) : IClassFixture<SimulatorFixture>
{
    /// <summary>A desktop chat's service, as such apps stream by hand: stream: true, PostAsync, the events read line by line.</summary>
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Net.Http;
        using System.Text;
        using System.Text.Json;
        using System.Text.Json.Nodes;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class ChatService(HttpClient http)
        {
            public async Task<string> AskAsync(string question, Action<string> onToken, CancellationToken ct)
            {
                var json = JsonSerializer.Serialize(new { model = "qwen-plus", stream = true, max_tokens = 80, messages = new[] { new { role = "user", content = question } } });
                using var response = await http.PostAsync("compatible-mode/v1/chat/completions", new StringContent(json, Encoding.UTF8, "application/json"), ct);
                response.EnsureSuccessStatusCode();
                var answer = new StringBuilder();
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
                while (await reader.ReadLineAsync(ct) is { } line)
                {
                    if (!line.StartsWith("data: ") || line == "data: [DONE]")
                        continue;
                    var delta = JsonNode.Parse(line[6..])!["choices"]![0]!["delta"]!["content"]?.GetValue<string>();
                    if (!string.IsNullOrEmpty(delta))
                    {
                        onToken(delta);
                        answer.Append(delta);
                    }
                }

                return answer.ToString();
            }
        }

        public static class Case
        {
            private static HttpClient Client(Uri baseAddress, string apiKey)
            {
                var http = new HttpClient { BaseAddress = baseAddress };
                http.DefaultRequestHeaders.Authorization = new("Bearer", apiKey);
                return http;
            }

            /// <summary>The whole answer, as the window shows it at the end.</summary>
            public static async Task<object?> RunAsync(Uri baseAddress, string apiKey, CancellationToken cancellationToken)
            {
                using var http = Client(baseAddress, apiKey);
                var tokens = new List<string>();
                var answer = await new ChatService(http).AskAsync("Where is my parcel?", tokens.Add, cancellationToken);
                return new { answer, tokens = tokens.Count };
            }

            /// <summary>How many tokens reached the window before the caller gave up on an answer that never ends.</summary>
            public static async Task<object?> TokensBeforeTheEndAsync(Uri baseAddress, string apiKey, CancellationToken cancellationToken)
            {
                using var http = Client(baseAddress, apiKey);
                var tokens = 0;
                try
                {
                    await new ChatService(http).AskAsync("Where is my parcel?", _ => tokens++, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                }

                return tokens;
            }
        }
        """;

    [Fact]
    public async Task Fix_ReadsTheFirstTokenWhileTheServiceIsStillAnswering_AndKeepsTheAnswer()
    {
        var (fixedSource, applied) = await SingleFix.ApplyAsync(Source, new StreamBufferedAnalyzer(), new StreamBufferedFixer());
        output.WriteLine(fixedSource);
        Assert.Equal(1, applied);
        Assert.Contains("HttpCompletionOption.ResponseHeadersRead", fixedSource);

        // The same answer, token for token.
        var before = await RunAsync(CaseCompiler.Load(Source, "qw0016 before"), fault: null);
        var after = await RunAsync(CaseCompiler.Load(fixedSource, "qw0016 after"), fault: null);
        output.WriteLine($"before: {before}\nafter: {after}");
        Assert.Equal(before, after);

        // An answer that stalls after its third event: as written, PostAsync is still buffering when the caller gives
        // up, and no token has reached the window; fixed, the tokens sent so far were read as they came.
        var stalledBefore = await RunAsync(CaseCompiler.Load(Source, "qw0016 stalled before", "TokensBeforeTheEndAsync"), "stall");
        var stalledAfter = await RunAsync(CaseCompiler.Load(fixedSource, "qw0016 stalled after", "TokensBeforeTheEndAsync"), "stall");
        output.WriteLine($"tokens before the end, as written: {stalledBefore}; fixed: {stalledAfter}");
        Assert.Equal("0", stalledBefore);
        Assert.True(int.Parse(stalledAfter!) >= 1, $"fixed, no token was read before the end: {stalledAfter}");
    }

    /// <summary>What the rule page says changes under faults, shown: the exception for a connection lost mid-answer.</summary>
    [Fact]
    public async Task Fix_ConnectionLostMidAnswer_SurfacesFromTheReadAsIOException()
    {
        var (fixedSource, _) = await SingleFix.ApplyAsync(Source, new StreamBufferedAnalyzer(), new StreamBufferedFixer());
        var before = await ObserveAsync(CaseCompiler.Load(Source, "qw0016 dropped before"), "drop-mid");
        var after = await ObserveAsync(CaseCompiler.Load(fixedSource, "qw0016 dropped after"), "drop-mid");
        output.WriteLine($"as written: {before.Exception} ({before.Detail})\nfixed: {after.Exception} ({after.Detail})");
        Assert.Contains("HttpRequestException", before.Exception);
        Assert.DoesNotContain("IOException", before.Exception);
        Assert.Contains("IOException", after.Exception);
        Assert.DoesNotContain("HttpRequestException", after.Exception);
    }

    private async Task<string?> RunAsync(Func<Uri, string, CancellationToken, Task<object?>> run, string? fault)
    {
        var observation = await ObserveAsync(run, fault);
        Assert.True(observation.Exception is null, observation.Detail);
        return observation.Result;
    }

    private async Task<Observation> ObserveAsync(Func<Uri, string, CancellationToken, Task<object?>> run, string? fault)
    {
        var key = "sk-" + Guid.NewGuid().ToString("N");
        fixture.Sim.Server.State.Faults.Set(key, Array.Empty<string?>(), fault);
        // Only a stalled answer needs the caller to give up; the others end on their own well within this.
        using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(fault == "stall" ? 3 : 60));
        try
        {
            return Observation.Of(await run(fixture.Sim.Server.BaseAddress, key, giveUp.Token), fixture.Sim.Server.State.Faults.Requests(key));
        }
        catch (Exception exception)
        {
            return Observation.Of(exception, fixture.Sim.Server.State.Faults.Requests(key)) with { Detail = $"{exception.GetType().Name}: {exception.Message}" };
        }
    }
}
