using System.Threading.Tasks;

namespace Qwen.Analyzers.Tests;

/// <summary>
/// A company gateway in front of DashScope (<c>qwen_analyzers.endpoint_hosts</c>): its requests are Qwen requests;
/// without the option, or to another host, they are not.
/// </summary>
public class GatewayHostsTests
{
    private const string Client = """
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Threading.Tasks;

        public class AnswerClient(HttpClient http)
        {
            public async Task<string> AnswerAsync(string question)
            {
                using var response = await http.PostAsJsonAsync("https://llm-gateway.contoso.internal/qwen/v1/chat/completions",
                    new { model = "qwen3.5-plus", messages = new[] { new { role = "user", content = question } } });
                return await response.Content.ReadAsStringAsync();
            }
        }
        """;

    [Theory]
    [InlineData(null, "")]
    [InlineData("qwen_analyzers.endpoint_hosts = llm-gateway.contoso.internal", "QW0001 QW0002 QW0010")]
    [InlineData("qwen_analyzers.endpoint_hosts = contoso.internal, other.example", "QW0001 QW0002 QW0010")]
    [InlineData("qwen_analyzers.endpoint_hosts = gateway.fabrikam.com", "")]
    public async Task Requests_to_a_named_gateway_are_Qwen_requests(string? editorConfig, string expected)
        => Assert.Equal(expected, Analysis.Ids(await Analysis.RunAsync(Client, editorConfig: editorConfig)));
}
