using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using VerifyCS = Qwen.Analyzers.Tests.Verify<Qwen.Analyzers.Rules.NotStreamedAnalyzer, Qwen.Analyzers.CodeFixes.NotStreamedFixer>;

namespace Qwen.Analyzers.Tests.Rules;

/// <summary>
/// QW0002 severity from where the person waits: a service layer between the handler and the model call (the usual
/// shape of ASP.NET Core apps) is followed back to the handler, and the handler is named in the message.
/// </summary>
public class InteractiveReachTests
{
    private const string Usings = "using System;\nusing System.Collections.Generic;\nusing System.Text.Json;\nusing System.Threading;\nusing System.Threading.Tasks;\nusing Microsoft.AspNetCore.Builder;\nusing Microsoft.AspNetCore.Http;\nusing Microsoft.AspNetCore.Mvc;\nusing Microsoft.Extensions.AI;\nusing Microsoft.Extensions.Hosting;\n";

    private const string Service = """
        public interface IAnswerService { Task<string> AnswerAsync(string question, CancellationToken ct); }

        public sealed class AnswerService(IChatClient chat) : IAnswerService
        {
            public async Task<string> AnswerAsync(string question, CancellationToken ct)
            {
                var response = await chat.{|#0:GetResponseAsync|}(question, new ChatOptions { MaxOutputTokens = 600 }, ct);
                return response.Text;
            }
        }
        """;

    [Fact]
    public Task MinimalApi_ThroughAServiceInterface_WarningNamesTheRoute() => VerifyCS.Code(Usings + Service + """

        public static class Endpoints
        {
            public static void Map(WebApplication app) =>
                app.MapPost("/support/answer", async (string question, IAnswerService answers, CancellationToken ct) => Results.Ok(await answers.AnswerAsync(question, ct)));
        }
        """).Expect(VerifyCS.Diagnostic("QW0002").WithLocation(0).WithArguments("IChatClient.GetResponseAsync", " (reached from the minimal API handler POST /support/answer)", "")).RunAsync();

    [Fact]
    public Task Controller_ThroughAService_WarningNamesTheAction() => VerifyCS.Code(Usings + Service + """

        [ApiController, Route("api/support")]
        public class SupportController(IAnswerService answers) : ControllerBase
        {
            [HttpPost("answer")]
            public async Task<ActionResult<string>> Answer(string question, CancellationToken ct) => await answers.AnswerAsync(question, ct);
        }
        """).Expect(VerifyCS.Diagnostic("QW0002").WithLocation(0).WithArguments("IChatClient.GetResponseAsync", " (reached from the MVC action SupportController.Answer)", "")).RunAsync();

    [Fact]
    public Task BackgroundServiceOnly_InfoWithoutASurface() => VerifyCS.Code(Usings + Service + """

        public sealed class NightlyDigest(IAnswerService answers) : BackgroundService
        {
            protected override async Task ExecuteAsync(CancellationToken stoppingToken) => Console.WriteLine(await answers.AnswerAsync("digest", stoppingToken));
        }
        """).Expect(VerifyCS.Diagnostic("QW0002").WithLocation(0).WithSeverity(DiagnosticSeverity.Info).WithArguments("IChatClient.GetResponseAsync", "", "")).RunAsync();

    [Fact]
    public Task InterfaceImplementedTwice_UnknownImplementation_Info() => VerifyCS.Code(Usings + Service + """

        public sealed class CannedAnswers : IAnswerService
        {
            public Task<string> AnswerAsync(string question, CancellationToken ct) => Task.FromResult("Please call us.");
        }

        public static class Endpoints
        {
            public static void Map(WebApplication app) =>
                app.MapPost("/support/answer", async (string question, IAnswerService answers, CancellationToken ct) => await answers.AnswerAsync(question, ct));
        }
        """).Expect(VerifyCS.Diagnostic("QW0002").WithLocation(0).WithSeverity(DiagnosticSeverity.Info).WithArguments("IChatClient.GetResponseAsync", "", "")).RunAsync();

    [Fact]
    public Task AnswerOnlyParsed_Silent_EvenFromAController() => VerifyCS.Code(Usings + """
        public sealed record Triage(string Queue, int Priority);

        public sealed class TriageService(IChatClient chat)
        {
            public async Task<Triage?> TriageAsync(string ticket, CancellationToken ct)
            {
                var response = await chat.GetResponseAsync("Return JSON {queue, priority} for: " + ticket, new ChatOptions { MaxOutputTokens = 200 }, ct);
                return JsonSerializer.Deserialize<Triage>(response.Text);
            }
        }

        [ApiController]
        public class TicketsController(TriageService triage) : ControllerBase
        {
            [HttpPost]
            public async Task<Triage?> Create(string ticket, CancellationToken ct) => await triage.TriageAsync(ticket, ct);
        }
        """).RunAsync();

    [Fact]
    public Task DelegatingChatClient_Silent_ItsCallerChooses() => VerifyCS.Code(Usings + """
        public sealed class LoggingChatClient(IChatClient inner) : DelegatingChatClient(inner)
        {
            public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            {
                var response = await base.GetResponseAsync(messages, options, cancellationToken);
                Console.WriteLine(response.Usage?.OutputTokenCount);
                return response;
            }
        }
        """).RunAsync();
}
