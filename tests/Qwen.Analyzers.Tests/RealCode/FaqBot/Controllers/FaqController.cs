using Microsoft.AspNetCore.Mvc;
using Microsoft.SemanticKernel;

namespace FaqBot.Controllers;

[ApiController]
[Route("faq")]
public sealed class FaqController(FaqFunctions functions, IConfiguration configuration) : ControllerBase
{
    [HttpGet("answer")]
    public async Task<ActionResult<string>> Answer(string question, CancellationToken ct)
    {
        var arguments = new KernelArguments { ["faq"] = configuration["Faq:Text"], ["question"] = question };
        var result = await functions.Kernel.InvokeAsync(functions.Answer, arguments, ct); // expect: QW0001, QW0002
        return result.GetValue<string>() ?? "";
    }

    [HttpGet("category")]
    public async Task<ActionResult<string>> Category(string question, CancellationToken ct)
    {
        var result = await functions.Category.InvokeAsync(functions.Kernel, new KernelArguments { ["question"] = question }, ct);
        return (result.GetValue<string>() ?? "product").Trim();
    }

    [HttpPost("rewrite-all")]
    public async Task<ActionResult<List<string>>> RewriteAll(List<string> answers, CancellationToken ct)
    {
        var rewritten = new List<string>();
        foreach (var answer in answers) // expect: QW0006
            rewritten.Add((await functions.Rewrite.InvokeAsync(functions.Kernel, new KernelArguments { ["answer"] = answer }, ct)).GetValue<string>() ?? "");
        return rewritten;
    }

    [HttpPost("plugin/{name}")]
    public async Task<ActionResult<string>> RunPlugin(string name, string input, CancellationToken ct)
    {
        // A plugin function may be native code: nothing is known about it.
        var function = functions.Kernel.Plugins["Faq"][name];
        var result = await functions.Kernel.InvokeAsync(function, new KernelArguments { ["input"] = input }, ct);
        return result.GetValue<string>() ?? "";
    }
}
