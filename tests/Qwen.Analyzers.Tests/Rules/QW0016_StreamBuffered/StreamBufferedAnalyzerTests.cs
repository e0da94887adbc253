using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using VerifyCS = Qwen.Analyzers.Tests.Verify<Qwen.Analyzers.Rules.StreamBufferedAnalyzer, Qwen.Analyzers.CodeFixes.StreamBufferedFixer>;

namespace Qwen.Analyzers.Tests.Rules;

/// <summary>
/// QW0016, written the way desktop and web chat apps stream by hand: a request that asks for events, sent so that
/// HttpClient buffers them all, or read whole. The fix is one at a time: Fix All leaves every finding.
/// </summary>
public class StreamBufferedAnalyzerTests
{
    private const string Compatible = "https://dashscope.aliyuncs.com/compatible-mode/v1/chat/completions";
    private const string Native = "https://dashscope.aliyuncs.com/api/v1/services/aigc/text-generation/generation";

    private static Task FixOneAtATime(string source, string fixedSource) => VerifyCS.Code(source).FixedTo(fixedSource).OneAtATimeOnly().RunAsync();

    /// <summary>A WPF chat window's service: stream: true, PostAsync, then the events read line by line — all after the last one came.</summary>
    [Fact]
    public Task DesktopChat_PostAsync_ThenStreamReader_BecomesSendWithHeadersRead() => FixOneAtATime(
        Sources.Http + "using System.IO; using System.Threading;\n" + $$"""
        public sealed class ChatService
        {
            private readonly HttpClient _http = new();

            public async Task AskAsync(string question, Action<string> onToken, CancellationToken ct)
            {
                var json = JsonSerializer.Serialize(new { model = "qwen-plus", stream = true, messages = new[] { new { role = "user", content = question } } });
                var response = await _http.{|QW0016:PostAsync|}("{{Compatible}}", new StringContent(json, Encoding.UTF8, "application/json"), ct);
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
                while (await reader.ReadLineAsync(ct) is { } line)
                {
                    if (line.StartsWith("data: ") && line != "data: [DONE]")
                        onToken(JsonNode.Parse(line[6..])!["choices"]![0]!["delta"]!["content"]?.GetValue<string>() ?? "");
                }
            }
        }
        """,
        Sources.Http + "using System.IO; using System.Threading;\n" + $$"""
        public sealed class ChatService
        {
            private readonly HttpClient _http = new();

            public async Task AskAsync(string question, Action<string> onToken, CancellationToken ct)
            {
                var json = JsonSerializer.Serialize(new { model = "qwen-plus", stream = true, messages = new[] { new { role = "user", content = question } } });
                var response = await _http.SendAsync(
                    new HttpRequestMessage(HttpMethod.Post, "{{Compatible}}") { Content = new StringContent(json, Encoding.UTF8, "application/json") },
                    HttpCompletionOption.ResponseHeadersRead,
                    ct);
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
                while (await reader.ReadLineAsync(ct) is { } line)
                {
                    if (line.StartsWith("data: ") && line != "data: [DONE]")
                        onToken(JsonNode.Parse(line[6..])!["choices"]![0]!["delta"]!["content"]?.GetValue<string>() ?? "");
                }
            }
        }
        """);

    /// <summary>The native API with the SSE header on a request message, sent with SendAsync(request, ct): the option goes in second.</summary>
    [Fact]
    public Task NativeSse_SendAsyncWithToken_GainsTheOption() => FixOneAtATime(
        Sources.Http + "using System.IO; using System.Threading;\n" + $$"""
        public sealed class QwenStream(HttpClient http)
        {
            public async IAsyncEnumerable<string> LinesAsync(string prompt, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "{{Native}}")
                {
                    Content = JsonContent.Create(new { model = "qwen-plus", input = new { prompt }, parameters = new { incremental_output = true } }),
                };
                request.Headers.Add("X-DashScope-SSE", "enable");
                using var response = await http.{|QW0016:SendAsync|}(request, ct).ConfigureAwait(false);
                response.EnsureSuccessStatusCode();
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false));
                while (await reader.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
                    yield return line;
            }
        }
        """,
        Sources.Http + "using System.IO; using System.Threading;\n" + $$"""
        public sealed class QwenStream(HttpClient http)
        {
            public async IAsyncEnumerable<string> LinesAsync(string prompt, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "{{Native}}")
                {
                    Content = JsonContent.Create(new { model = "qwen-plus", input = new { prompt }, parameters = new { incremental_output = true } }),
                };
                request.Headers.Add("X-DashScope-SSE", "enable");
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
                response.EnsureSuccessStatusCode();
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false));
                while (await reader.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
                    yield return line;
            }
        }
        """);

    /// <summary>An explicit ResponseContentRead is replaced; a typed client handing the response to its caller is fixed too (the send buffers either way).</summary>
    [Fact]
    public Task ExplicitContentRead_AndResponseHandedOn_AreFixed() => FixOneAtATime(
        Sources.Http + $$"""
        public sealed class QwenGateway(HttpClient http)
        {
            public Task<HttpResponseMessage> OpenAsync(string question)
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "{{Compatible}}") { Content = JsonContent.Create(new { model = "qwen-flash", stream = true, messages = new[] { new { role = "user", content = question } } }) };
                return http.{|QW0016:SendAsync|}(request, HttpCompletionOption.ResponseContentRead);
            }

            public Task<HttpResponseMessage> OpenJsonAsync(string question)
                => http.{|QW0016:PostAsJsonAsync|}("{{Compatible}}", new { model = "qwen-flash", stream = true, messages = new[] { new { role = "user", content = question } } });
        }
        """,
        Sources.Http + $$"""
        public sealed class QwenGateway(HttpClient http)
        {
            public Task<HttpResponseMessage> OpenAsync(string question)
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "{{Compatible}}") { Content = JsonContent.Create(new { model = "qwen-flash", stream = true, messages = new[] { new { role = "user", content = question } } }) };
                return http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            }

            public Task<HttpResponseMessage> OpenJsonAsync(string question)
                => http.SendAsync(
                    new HttpRequestMessage(HttpMethod.Post, "{{Compatible}}") { Content = JsonContent.Create(new { model = "qwen-flash", stream = true, messages = new[] { new { role = "user", content = question } } }) },
                    HttpCompletionOption.ResponseHeadersRead);
        }
        """);

    /// <summary>A MAUI Blazor page's service: the events are split out of ReadAsStringAsync and handed on one by one — all at the end. A warning with no automatic fix (the reading must change).</summary>
    [Fact]
    public Task ReadAsString_SplitIntoEvents_WarnsWithoutFix() => VerifyCS.Code(Sources.Http + $$"""
        public sealed class AssistantService(HttpClient http)
        {
            public async Task StreamAsync(string question, Func<string, Task> onDelta)
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "{{Compatible}}") { Content = JsonContent.Create(new { model = "qwen-plus", stream = true, messages = new[] { new { role = "user", content = question } } }) };
                var response = await http.{|QW0016:SendAsync|}(request, HttpCompletionOption.ResponseHeadersRead);
                var text = await response.Content.ReadAsStringAsync();
                foreach (var line in text.Split('\n'))
                {
                    if (line.StartsWith("data:") && !line.Contains("[DONE]"))
                        await onDelta(JsonNode.Parse(line[5..])!["choices"]![0]!["delta"]!["content"]?.GetValue<string>() ?? "");
                }
            }
        }
        """).NoFix().RunAsync();

    /// <summary>The body read whole and returned whole (as the sample's draft does): the stream buys nothing — a suggestion, no fix.</summary>
    [Fact]
    public Task ReadWhole_IsASuggestion() => VerifyCS.Code(Sources.Http + $$"""
        public sealed class DraftClient(HttpClient http)
        {
            public async Task<string> DraftAsync(string ticket)
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "{{Native}}") { Content = JsonContent.Create(new { model = "qwen-plus", input = new { prompt = ticket } }) };
                request.Headers.Add("X-DashScope-SSE", "enable");
                using var response = await http.{|#0:SendAsync|}(request, HttpCompletionOption.ResponseHeadersRead);
                return await response.Content.ReadAsStringAsync();
            }
        }
        """).Expect(VerifyCS.Diagnostic("QW0016").WithLocation(0).WithSeverity(DiagnosticSeverity.Info)
            .WithArguments("HttpClient.SendAsync", "the body is read whole with ReadAsStringAsync", "; hand each piece on as it arrives, or ask for no stream if only the whole answer is needed")).NoFix().RunAsync();

    /// <summary>A base URL from configuration (the host is not shown): the advice holds for any provider, so it is reported.</summary>
    [Fact]
    public Task UnknownHost_CompatibleBody_Reported() => VerifyCS.Code(Sources.Http + "using System.IO;\n" + """
        public sealed class LlmClient(HttpClient http, string baseUrl)
        {
            public async Task<Stream> OpenAsync(string question)
            {
                var response = await http.{|QW0016:PostAsJsonAsync|}(baseUrl + "/chat/completions", new { model = "qwen-plus", stream = true, messages = new[] { new { role = "user", content = question } } });
                return await response.Content.ReadAsStreamAsync();
            }
        }
        """).FixedTo(Sources.Http + "using System.IO;\n" + """
        public sealed class LlmClient(HttpClient http, string baseUrl)
        {
            public async Task<Stream> OpenAsync(string question)
            {
                var response = await http.SendAsync(
                    new HttpRequestMessage(
                        HttpMethod.Post,
                        baseUrl + "/chat/completions")
                    { Content = JsonContent.Create(new { model = "qwen-plus", stream = true, messages = new[] { new { role = "user", content = question } } }) },
                    HttpCompletionOption.ResponseHeadersRead);
                return await response.Content.ReadAsStreamAsync();
            }
        }
        """).OneAtATimeOnly().RunAsync();

    /// <summary>Streams read as streams, requests that ask for no stream, and options the code computes: nothing to say.</summary>
    [Theory]
    [InlineData("true", "HttpCompletionOption.ResponseHeadersRead", "ReadAsStreamAsync()")]
    [InlineData("false", "HttpCompletionOption.ResponseContentRead", "ReadAsStringAsync()")]
    [InlineData("true", "option", "ReadAsStreamAsync()")]
    [InlineData("flag", "HttpCompletionOption.ResponseContentRead", "ReadAsStreamAsync()")]
    public Task ReadAsStreamOrNotStreamedOrUnknown_NoDiagnostic(string stream, string option, string read) => VerifyCS.Code(Sources.Http + $$"""
        public sealed class C(HttpClient http)
        {
            public async Task<object> M(string question, HttpCompletionOption option, bool flag)
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "{{Compatible}}") { Content = JsonContent.Create(new { model = "qwen-plus", stream = {{stream}}, messages = new[] { new { role = "user", content = question } } }) };
                using var response = await http.SendAsync(request, {{option}});
                return await response.Content.{{read}};
            }
        }
        """).RunAsync();

    /// <summary>Qwen.Latency's streaming helper reads as it arrives: nothing to say.</summary>
    [Fact]
    public Task StreamingHelper_NoDiagnostic() => VerifyCS.Code(Sources.Http + "using Qwen.Latency;\n" + $$"""
        public sealed class C(HttpClient http)
        {
            public async Task<string> M(string question, Action<string> onDelta)
            {
                using var response = await http.PostAsJsonStreamingAsync("{{Compatible}}", new { model = "qwen-plus", stream = true, messages = new[] { new { role = "user", content = question } } }, onDelta);
                return await response.Content.ReadAsStringAsync();
            }
        }
        """).RunAsync();

    /// <summary>A host the code shows that is not DashScope's, with a body that is not a chat request: not a Qwen request.</summary>
    [Fact]
    public Task OtherService_NoDiagnostic() => VerifyCS.Code(Sources.Http + """
        public sealed class C(HttpClient http)
        {
            public async Task<string> M()
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "https://events.example.com/feed") { Content = JsonContent.Create(new { stream = true }) };
                request.Headers.Add("Accept", "text/event-stream");
                var response = await http.SendAsync(request);
                return await response.Content.ReadAsStringAsync();
            }
        }
        """).RunAsync();
}
