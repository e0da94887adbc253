using System.Threading.Tasks;

namespace Qwen.Analyzers.Tests;

/// <summary>
/// An OpenAI-compatible chat request whose host the code does not show (a base URL from a provider table, a
/// constructor parameter): the advice that holds for any provider (QW0001 cap, QW0002 streaming, QW0012 one client)
/// is given; the Qwen-specific advice only for a Qwen model; a host the code shows that is not DashScope's is left alone.
/// </summary>
public class UnknownHostTests
{
    private static string Client(string url, string body, string client = "http") => $$"""
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Threading.Tasks;

        public class ProviderChat(HttpClient http, string baseUrl)
        {
            public async Task<string> AskAsync(string question)
            {
                using var response = await {{client}}.PostAsJsonAsync({{url}}, {{body}});
                return await response.Content.ReadAsStringAsync();
            }
        }
        """;

    private const string ChatBody = "new { model = \"deepseek-chat\", messages = new[] { new { role = \"user\", content = question } } }";

    [Theory]
    [InlineData("baseUrl + \"/chat/completions\"", ChatBody, "http", "QW0001 QW0002")]
    [InlineData("$\"{baseUrl}/v1/chat/completions\"", ChatBody, "http", "QW0001 QW0002")]
    [InlineData("baseUrl + \"/chat/completions\"", ChatBody, "new HttpClient()", "QW0001 QW0002 QW0012")]
    // A Qwen model is a Qwen signal: the thinking advice applies too.
    [InlineData("baseUrl + \"/chat/completions\"", "new { model = \"qwen3.5-plus\", messages = new[] { new { role = \"user\", content = question } } }", "http", "QW0001 QW0002 QW0010")]
    // A host the code shows that is not DashScope's, another path, or a body that is not a chat request: left alone.
    [InlineData("\"https://api.openai.com/v1/chat/completions\"", ChatBody, "http", "")]
    [InlineData("baseUrl + \"/v1/embeddings\"", "new { model = \"text-embedding-3-small\", input = question }", "http", "")]
    [InlineData("baseUrl + \"/chat/completions\"", "new { prompt = question }", "http", "")]
    [InlineData("baseUrl", ChatBody, "http", "")]
    public async Task Provider_neutral_rules_report_where_the_host_is_not_shown(string url, string body, string client, string expected)
        => Assert.Equal(expected, Analysis.Ids(await Analysis.RunAsync(Client(url, body, client))));
}
