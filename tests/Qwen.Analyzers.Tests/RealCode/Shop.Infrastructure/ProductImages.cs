using System.Net.Http.Json;
using System.Text.Json;

namespace Shop.Infrastructure;

/// <summary>Product renders through DashScope's asynchronous image tasks.</summary>
public sealed class ProductImages(HttpClient http)
{
    public async Task<string> SubmitAsync(string prompt, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://dashscope-intl.aliyuncs.com/api/v1/services/aigc/text2image/image-synthesis");
        request.Headers.Add("X-DashScope-Async", "enable");
        request.Content = JsonContent.Create(new
        {
            model = "wan2.2-t2i-flash",
            input = new { prompt },
            parameters = new { size = "1024*1024", n = 1, prompt_extend = false },
        });
        using var response = await http.SendAsync(request, cancellationToken);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return json.RootElement.GetProperty("output").GetProperty("task_id").GetString()!;
    }

    public async Task<string?> TryGetResultAsync(string taskId, CancellationToken cancellationToken)
    {
        using var json = JsonDocument.Parse(await http.GetStringAsync($"https://dashscope-intl.aliyuncs.com/api/v1/tasks/{taskId}", cancellationToken));
        var output = json.RootElement.GetProperty("output");
        return output.GetProperty("task_status").GetString() switch
        {
            "SUCCEEDED" => output.GetProperty("results")[0].GetProperty("url").GetString(),
            "FAILED" or "CANCELED" => throw new InvalidOperationException($"Image task {taskId} failed"),
            _ => null,
        };
    }
}
