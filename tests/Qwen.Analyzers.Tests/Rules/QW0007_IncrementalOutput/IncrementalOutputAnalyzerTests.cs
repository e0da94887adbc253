using System.Threading.Tasks;
using VerifyCS = Qwen.Analyzers.Tests.Verify<Qwen.Analyzers.Rules.IncrementalOutputAnalyzer, Qwen.Analyzers.CodeFixes.IncrementalOutputFixer>;

namespace Qwen.Analyzers.Tests.Rules;

public class IncrementalOutputAnalyzerTests
{
    /// <summary>The fix changes what each event carries: one at a time, with the reading code in view; Fix All leaves every finding.</summary>
    private static Task FixOneAtATime(string source, string fixedSource) => VerifyCS.Code(source).FixedTo(fixedSource).OneAtATimeOnly().RunAsync();

    private const string Url = "https://dashscope.aliyuncs.com/api/v1/services/aigc/text-generation/generation";

    [Fact]
    public Task RequestMessageSse_WithoutParameters_CreatesThem() => FixOneAtATime(
        Sources.Http + $$"""
        class C
        {
            Task<HttpResponseMessage> Stream(HttpClient http, string question)
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "{{Url}}")
                {
                    Content = JsonContent.Create(new { model = "qwen-plus", input = new { prompt = question } }),
                };
                request.Headers.Add("X-DashScope-SSE", "enable");
                return http.{|QW0007:SendAsync|}(request, HttpCompletionOption.ResponseHeadersRead);
            }
        }
        """,
        Sources.Http + $$"""
        class C
        {
            Task<HttpResponseMessage> Stream(HttpClient http, string question)
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "{{Url}}")
                {
                    Content = JsonContent.Create(new { model = "qwen-plus", input = new { prompt = question }, parameters = new { incremental_output = true } }),
                };
                request.Headers.Add("X-DashScope-SSE", "enable");
                return http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            }
        }
        """);

    [Fact]
    public Task ClientHeader_FalseValue_AndLiteralBody() => FixOneAtATime(
        Sources.Http + $$$""""
        class C
        {
            async Task Stream(HttpClient http)
            {
                http.DefaultRequestHeaders.Add("X-DashScope-SSE", "enable");
                await http.{|QW0007:PostAsJsonAsync|}("{{{Url}}}", new { model = "qwen-plus", input = new { prompt = "hi" }, parameters = new { result_format = "message", incremental_output = false } });
                await http.{|QW0007:PostAsync|}("{{{Url}}}", new StringContent("""{"model": "qwen-plus", "input": {"prompt": "hi"}, "parameters": {"incremental_output": false}}"""));
            }
        }
        """",
        Sources.Http + $$$""""
        class C
        {
            async Task Stream(HttpClient http)
            {
                http.DefaultRequestHeaders.Add("X-DashScope-SSE", "enable");
                await http.PostAsJsonAsync("{{{Url}}}", new { model = "qwen-plus", input = new { prompt = "hi" }, parameters = new { result_format = "message", incremental_output = true } });
                await http.PostAsync("{{{Url}}}", new StringContent("""{"model": "qwen-plus", "input": {"prompt": "hi"}, "parameters": {"incremental_output": true}}"""));
            }
        }
        """");

    [Fact]
    public Task JsonObjectBody_AcceptHeader() => FixOneAtATime(
        Sources.Http + $$"""
        class C
        {
            Task<HttpResponseMessage> Stream(HttpClient http)
            {
                var body = new JsonObject { ["model"] = "qwen-plus", ["input"] = new JsonObject { ["prompt"] = "hi" }, ["parameters"] = new JsonObject { ["max_tokens"] = 100 } };
                var request = new HttpRequestMessage(HttpMethod.Post, "{{Url}}") { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
                request.Headers.Add("Accept", "text/event-stream");
                return http.{|QW0007:SendAsync|}(request);
            }
        }
        """,
        Sources.Http + $$"""
        class C
        {
            Task<HttpResponseMessage> Stream(HttpClient http)
            {
                var body = new JsonObject { ["model"] = "qwen-plus", ["input"] = new JsonObject { ["prompt"] = "hi" }, ["parameters"] = new JsonObject { ["max_tokens"] = 100, ["incremental_output"] = true } };
                var request = new HttpRequestMessage(HttpMethod.Post, "{{Url}}") { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
                request.Headers.Add("Accept", "text/event-stream");
                return http.SendAsync(request);
            }
        }
        """);

    [Theory]
    [InlineData("request.Headers.Add(\"X-DashScope-SSE\", \"enable\");", "new { model = \"qwen-plus\", input = new { prompt = \"hi\" }, parameters = new { incremental_output = true } }")]
    [InlineData("", "new { model = \"qwen-plus\", input = new { prompt = \"hi\" } }")]
    [InlineData("request.Headers.Add(\"X-DashScope-SSE\", \"enable\");", "new { model = \"qwen-plus\", input = new { prompt = \"hi\" }, parameters = p }")]
    [InlineData("request.Headers.Add(\"X-DashScope-SSE\", \"enable\");", "new { model = \"qwen-plus\", input = new { prompt = \"hi\" }, parameters = new { incremental_output = flag } }")]
    public Task IncrementalOrNotStreamingOrUnknown_NoDiagnostic(string header, string body) => VerifyCS.Code(Sources.Http + $$"""
        class C
        {
            Task<HttpResponseMessage> M(HttpClient http, object p, bool flag)
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "{{Url}}") { Content = JsonContent.Create({{body}}) };
                {{header}}
                return http.SendAsync(request);
            }
        }
        """).RunAsync();

    [Fact]
    public Task CompatibleModeStreams_NotThisRule() => VerifyCS.Code(Sources.Http + """
        class C
        {
            Task<HttpResponseMessage> M(HttpClient http)
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "https://dashscope-intl.aliyuncs.com/compatible-mode/v1/chat/completions")
                {
                    Content = JsonContent.Create(new { model = "qwen-plus", stream = true, messages = new object[0] }),
                };
                request.Headers.Add("X-DashScope-SSE", "enable");
                return http.SendAsync(request);
            }
        }
        """).RunAsync();
}
