using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace DeskChat.Services;

/// <summary>
/// Meeting-notes helper: asks for a stream (copied from the chat service), but the whole reply arrives, is split into
/// events and appended to the notes one by one — as an earlier version of a MAUI Blazor page did.
/// </summary>
public sealed class TranscriptService(HttpClient http)
{
    public async Task SummarizeAsync(string transcript, Func<string, Task> appendToNotes)
    {
        var response = await http.PostAsJsonAsync("https://dashscope-intl.aliyuncs.com/compatible-mode/v1/chat/completions", new // expect: QW0016
        {
            model = "qwen-plus",
            stream = true,
            max_tokens = 400,
            messages = new[] { new { role = "user", content = "Summarize this meeting:\n" + transcript } },
        });
        var events = await response.Content.ReadAsStringAsync();
        foreach (var line in events.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("data:") && !line.Contains("[DONE]"))
                await appendToNotes(JsonNode.Parse(line[5..])?["choices"]?[0]?["delta"]?["content"]?.GetValue<string>() ?? "");
        }
    }

    /// <summary>A title for the notes: asked for as a stream, read whole and used whole (a suggestion, not a warning).</summary>
    public async Task<string> TitleAsync(string transcript)
    {
        using var response = await http.PostAsJsonAsync("https://dashscope-intl.aliyuncs.com/compatible-mode/v1/chat/completions", new
        {
            model = "qwen-plus",
            stream = true,
            max_tokens = 20,
            messages = new[] { new { role = "user", content = "A five-word title for this meeting:\n" + transcript } },
        });
        return await response.Content.ReadAsStringAsync();
    }
}
