using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;

namespace SupportApi.Controllers;

/// <summary>Reports on the knowledge-base illustrations the content team asked for (DashScope image tasks).</summary>
[ApiController]
[Route("api/illustrations")]
public sealed class StatusController(IConfiguration configuration) : ControllerBase
{
    // A controller is built for every request: so is this client, and its connection.
    private readonly HttpClient _dashScope = new() { BaseAddress = new Uri("https://dashscope-intl.aliyuncs.com/api/v1/") }; // expect: QW0012

    [HttpGet("{taskId}")]
    public async Task<IActionResult> Get(string taskId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"tasks/{taskId}");
        request.Headers.Authorization = new("Bearer", configuration["DashScope:ApiKey"]);
        using var response = await _dashScope.SendAsync(request, cancellationToken);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return Ok(new { status = json?["output"]?["task_status"]?.GetValue<string>() });
    }
}
