using System.Net.Http.Headers;
using System.Text.Json;

namespace RouteDesk.Services;

/// <summary>A typed client whose endpoint, models and key all come from configuration, as most deployed apps keep them.</summary>
public sealed class AssistantClient
{
    private readonly HttpClient _http;
    private readonly IConfiguration _configuration;

    public AssistantClient(HttpClient http, IConfiguration configuration)
    {
        _http = http;
        _configuration = configuration;
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", configuration["Qwen:ApiKey"]);
    }

    public async Task<string> AskAsync(string question)
    {
        var qwen = _configuration.GetSection("Qwen");
        var body = new
        {
            model = qwen["ChatModel"],
            messages = new[]
            {
                new { role = "system", content = "You answer questions about our routing desk. Be brief." },
                new { role = "user", content = question },
            },
        };
        using var response = await _http.PostAsJsonAsync(_configuration["Qwen:Endpoint"], body); // expect: QW0001, QW0002, QW0010
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
    }

    /// <summary>The router model differs between environments: which one runs is not known here, but the call is still uncapped.</summary>
    public async Task<string> RouteAsync(string question)
    {
        var body = new
        {
            model = _configuration.GetValue<string>("Qwen:RouterModel"),
            max_tokens = 8,
            messages = new[] { new { role = "user", content = "Reply with one word, billing or shipping: " + question } },
        };
        using var response = await _http.PostAsJsonAsync(_configuration.GetValue<string>("Qwen:Endpoint"), body);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!.Trim().ToLowerInvariant();
    }
}
