using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.AI;

namespace Shop.Api.Controllers;

[ApiController]
[Route("api/assistant")]
public sealed class AssistantController(IChatClient chat) : ControllerBase
{
    [HttpPost("ask")]
    public async Task<ActionResult<string>> Ask([FromBody] string question, CancellationToken cancellationToken)
    {
        var response = await chat.GetResponseAsync(question, cancellationToken: cancellationToken); // expect: QW0001, QW0002
        return response.Text;
    }
}
