using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace SupportApi.Services;

/// <summary>
/// Translates customer messages with qwen-mt. Written before the typed client existed: it builds its own HttpClient
/// for every translation, with the key from configuration.
/// </summary>
public sealed class TranslationService(IConfiguration configuration)
{
    public async Task<string> TranslateAsync(string text, string targetLanguage, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(); // expect: QW0012
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", configuration["DashScope:ApiKey"]);
        var body = new
        {
            model = "qwen-mt-turbo",
            messages = new[] { new { role = "user", content = text } },
            translation_options = new { source_lang = "auto", target_lang = targetLanguage },
        };
        using var response = await http.PostAsJsonAsync("https://dashscope-intl.aliyuncs.com/compatible-mode/v1/chat/completions", body, cancellationToken); // expect: QW0001, QW0002
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return json.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString() ?? "";
    }
}
