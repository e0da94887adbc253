using Microsoft.AspNetCore.Mvc;
using SupportApi.Services;

namespace SupportApi.Controllers;

[ApiController]
[Route("api/tickets")]
public sealed class TicketsController(TicketService tickets) : ControllerBase
{
    [HttpGet("{id:int}/summary")]
    public async Task<IActionResult> Summary(int id, CancellationToken cancellationToken)
    {
        if (tickets.Find(id) is not { } ticket)
            return NotFound();
        return Ok(await tickets.SummarizeAsync(ticket, cancellationToken));
    }

    [HttpPost("{id:int}/triage")]
    public async Task<IActionResult> Triage(int id, CancellationToken cancellationToken)
    {
        if (tickets.Find(id) is not { } ticket)
            return NotFound();
        var (summary, label) = await tickets.TriageAsync(ticket, cancellationToken);
        return Ok(new { summary, label });
    }
}
