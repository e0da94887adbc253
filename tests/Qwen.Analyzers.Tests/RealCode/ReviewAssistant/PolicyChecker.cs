using System.Net.Http.Json;
using System.Text.Json;

namespace ReviewAssistant;

/// <summary>Checks a review against the publishing policy through the compatible API, by hand.</summary>
public sealed class PolicyChecker(HttpClient http)
{
    private const string Policy = "Reviews must not contain personal data, links or profanity. Answer 'ok' or name the rule broken.";

    public async Task<string> CheckAsync(string review, CancellationToken cancellationToken)
    {
        var body = new
        {
            model = "qwen-flash",
            max_tokens = 20,
            messages = new object[]
            {
                // Marked for the explicit cache, but far under its 1,024-token minimum.
                new { role = "system", content = new object[] { new { type = "text", text = Policy, cache_control = new { type = "ephemeral" } } } }, // expect: QW0008
                new { role = "user", content = review },
            },
        };
        using var response = await http.PostAsJsonAsync("chat/completions", body, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return json.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString() ?? "";
    }
}
