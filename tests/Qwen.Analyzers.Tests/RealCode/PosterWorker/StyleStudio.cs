using System.Net.Http.Json;
using System.Text.Json;
using Cnblogs.DashScope.Core;

namespace PosterWorker;

/// <summary>Older and single-purpose image models, as public apps call them: none of them has a prompt_extend to turn off.</summary>
public sealed class StyleStudio(HttpClient http, IDashScopeClient client)
{
    private const string Host = "https://dashscope.aliyuncs.com/api/v1/services/aigc";

    public async Task<string> RepaintAsync(string imageUrl, int style)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Host + "/image-generation/generation")
        {
            Content = JsonContent.Create(new { model = "wanx-style-repaint-v1", input = new { image_url = imageUrl, style_index = style } }),
        };
        request.Headers.Add("X-DashScope-Async", "enable");
        using var response = await http.SendAsync(request);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("output").GetProperty("task_id").GetString()!;
    }

    public async Task<string> TranslateAsync(string imageUrl)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Host + "/image2image/image-synthesis")
        {
            Content = JsonContent.Create(new { model = "qwen-mt-image", input = new { image_url = imageUrl, source_lang = "zh", target_lang = "en" } }),
        };
        request.Headers.Add("X-DashScope-Async", "enable");
        using var response = await http.SendAsync(request);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("output").GetProperty("task_id").GetString()!;
    }

    public async Task<string> ClassicAsync(string prompt)
    {
        var created = await client.CreateImageSynthesisTaskAsync(new ModelRequest<ImageSynthesisInput, IImageSynthesisParameters>
        {
            Model = "wanx-v1",
            Input = new ImageSynthesisInput { Prompt = prompt },
            Parameters = new ImageSynthesisParameters { Size = "1024*1024", N = 1 },
        });
        return created.Output.TaskId;
    }
}
