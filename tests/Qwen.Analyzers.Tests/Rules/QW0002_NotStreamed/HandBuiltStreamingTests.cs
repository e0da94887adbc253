using System.Linq;
using System.Threading.Tasks;
using VerifyCS = Qwen.Analyzers.Tests.Verify<Qwen.Analyzers.Rules.NotStreamedAnalyzer, Qwen.Analyzers.CodeFixes.NotStreamedFixer>;

namespace Qwen.Analyzers.Tests.Rules;

/// <summary>
/// QW0002 on a hand-built DashScope request, as typed clients write them: the fix sends the same request through
/// Qwen.Latency's streaming helper, which returns the same JSON, so the code reading the response stays as it is.
/// </summary>
public class HandBuiltStreamingTests
{
    private const string Usings = "using System;\nusing System.Net.Http;\nusing System.Net.Http.Json;\nusing System.Text.Json;\nusing System.Threading;\nusing System.Threading.Tasks;\nusing Microsoft.AspNetCore.Mvc;\n";

    private static string Client(string body) => Usings + $$"""

        [ApiController]
        public class DraftController(HttpClient http) : ControllerBase
        {
            private const string Native = "https://dashscope-intl.aliyuncs.com/api/v1/services/aigc/text-generation/generation";
            private const string Compatible = "https://dashscope-intl.aliyuncs.com/compatible-mode/v1/chat/completions";

            [HttpPost("draft")]
            public async Task<string> Draft(string ticket, CancellationToken ct)
            {
                {{body}}
            }
        }
        """;

    [Fact]
    public Task PostAsJsonAsync_Native_StreamedThroughTheHelper_TokenNamed() => VerifyCS.Code(Client("""
            using var response = await http.{|QW0002:PostAsJsonAsync|}(Native, new { model = "qwen-plus", input = new { prompt = ticket }, parameters = new { max_completion_tokens = 300 } }, ct);
                    using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
                    return json.RootElement.GetProperty("output").GetProperty("text").GetString() ?? "";
            """)).FixedTo(Client("""
            using var response = await http.PostAsJsonStreamingAsync(
                        Native,
                        new { model = "qwen-plus", input = new { prompt = ticket }, parameters = new { max_completion_tokens = 300 } },
                        cancellationToken: ct);
                    using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
                    return json.RootElement.GetProperty("output").GetProperty("text").GetString() ?? "";
            """).Replace("using Microsoft.AspNetCore.Mvc;\n", "using Microsoft.AspNetCore.Mvc;\nusing Qwen.Latency;\n")).RunAsync();

    /// <summary>Two arguments bind to the overload whose serializer options default to null: still the helper's shape.</summary>
    [Fact]
    public Task PostAsJsonAsync_TwoArguments_StreamedThroughTheHelper() => VerifyCS.Code(Client("""
            using var response = await http.{|QW0002:PostAsJsonAsync|}(Native, new { model = "qwen-plus", input = new { prompt = ticket }, parameters = new { max_completion_tokens = 300 } });
                    return await response.Content.ReadAsStringAsync(ct);
            """)).FixedTo(Client("""
            using var response = await http.PostAsJsonStreamingAsync(
                        Native,
                        new { model = "qwen-plus", input = new { prompt = ticket }, parameters = new { max_completion_tokens = 300 } });
                    return await response.Content.ReadAsStringAsync(ct);
            """).Replace("using Microsoft.AspNetCore.Mvc;\n", "using Microsoft.AspNetCore.Mvc;\nusing Qwen.Latency;\n")).RunAsync();

    [Fact]
    public Task SendAsync_Compatible_StreamedThroughTheHelper() => VerifyCS.Code(Client("""
            var request = new HttpRequestMessage(HttpMethod.Post, Compatible) { Content = JsonContent.Create(new { model = "qwen-plus", max_tokens = 300, messages = new[] { new { role = "user", content = ticket } } }) };
                    using var response = await http.{|QW0002:SendAsync|}(request);
                    return await response.Content.ReadAsStringAsync();
            """)).FixedTo(Client("""
            var request = new HttpRequestMessage(HttpMethod.Post, Compatible) { Content = JsonContent.Create(new { model = "qwen-plus", max_tokens = 300, messages = new[] { new { role = "user", content = ticket } } }) };
                    using var response = await http.SendStreamingAsync(request);
                    return await response.Content.ReadAsStringAsync();
            """).Replace("using Microsoft.AspNetCore.Mvc;\n", "using Microsoft.AspNetCore.Mvc;\nusing Qwen.Latency;\n")).RunAsync();

    /// <summary>Serializer options or a completion option have no counterpart in the helper: the finding stays, without a fix.</summary>
    [Theory]
    [InlineData("using var response = await http.{|QW0002:PostAsJsonAsync|}(Compatible, new { model = \"qwen-plus\", max_tokens = 300, messages = new[] { new { role = \"user\", content = ticket } } }, new JsonSerializerOptions());\n        return await response.Content.ReadAsStringAsync();")]
    [InlineData("var request = new HttpRequestMessage(HttpMethod.Post, Compatible) { Content = JsonContent.Create(new { model = \"qwen-plus\", max_tokens = 300, messages = new[] { new { role = \"user\", content = ticket } } }) };\n        using var response = await http.{|QW0002:SendAsync|}(request, HttpCompletionOption.ResponseContentRead);\n        return await response.Content.ReadAsStringAsync();")]
    public Task OtherOverloads_NoFix(string body) => VerifyCS.Code(Client(body)).NoFix().RunAsync();

    /// <summary>After the fix the call is still seen (its body feeds QW0001, QW0010), as a streamed one: no QW0002, no QW0007.</summary>
    [Fact]
    public async Task FixedCall_SeenAsStreamed_BodyStillRead()
    {
        var source = Client("""
            using var response = await http.PostAsJsonStreamingAsync(Native, new { model = "qwen-plus", input = new { prompt = ticket } }, cancellationToken: ct);
                    return await response.Content.ReadAsStringAsync(ct);
            """).Replace("using Microsoft.AspNetCore.Mvc;\n", "using Microsoft.AspNetCore.Mvc;\nusing Qwen.Latency;\n");
        var found = await Analysis.RunAsync(source);
        Assert.True(Analysis.Ids(found) == "QW0001", string.Join("\n", found));
    }

    [Fact]
    public async Task WithoutQwenLatency_TheFindingNamesThePackage()
    {
        var source = Client("""
            using var response = await http.PostAsJsonAsync(Native, new { model = "qwen-plus", input = new { prompt = ticket }, parameters = new { max_completion_tokens = 300 } }, ct);
                    return await response.Content.ReadAsStringAsync(ct);
            """);
        var found = (await Analysis.RunAsync(source, References.FrameworkAndClients)).Single(d => d.Id == "QW0002");
        Assert.EndsWith("; add the Qwen.Latency package to get the automatic fix", found.GetMessage());
    }
}
