using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Qwen.Analyzers.Tests.Surfaces;

/// <summary>
/// Microsoft Agent Framework (the real Microsoft.Agents.AI 1.28 package): an agent run is a chat call through the
/// agent's IChatClient — output cap from the run's or the agent's ChatOptions, streaming where a person waits,
/// independent runs, runs in loops, and the agent's instructions as the cacheable prefix.
/// </summary>
public class AgentFrameworkTests
{
    private const string Usings = "using System;\nusing System.Collections.Generic;\nusing System.Threading;\nusing System.Threading.Tasks;\nusing Microsoft.Agents.AI;\nusing Microsoft.AspNetCore.Mvc;\nusing Microsoft.Extensions.AI;\n";

    private static readonly string Manual = string.Join(" ", Enumerable.Range(0, 160).Select(i => "Refunds section " + i + "."));

    [Theory]
    [InlineData("new ChatClientAgent(chat, instructions: \"You answer support questions.\")", "", "QW0001 QW0002")]
    [InlineData("chat.AsAIAgent(instructions: \"You answer support questions.\")", "", "QW0001 QW0002")]
    [InlineData("new ChatClientAgent(chat, new ChatClientAgentOptions { ChatOptions = new ChatOptions { Instructions = \"You answer support questions.\", MaxOutputTokens = 400 } })", "", "QW0002")]
    [InlineData("new ChatClientAgent(chat, instructions: \"You answer support questions.\")", ", options: new ChatClientAgentRunOptions(new ChatOptions { MaxOutputTokens = 400 })", "QW0002")]
    [InlineData("new ChatClientAgent(chat, instructions: \"You answer support questions.\")", ", options: new ChatClientAgentRunOptions(new ChatOptions { MaxOutputTokens = 40 })", "")]
    public async Task AgentBuiltInView(string agent, string runOptions, string expected)
    {
        var source = Usings + $$"""
            [ApiController]
            public class SupportController(IChatClient chat) : ControllerBase
            {
                [HttpPost("answer")]
                public async Task<string> Answer(string question, CancellationToken ct)
                {
                    var agent = {{agent}};
                    var response = await agent.RunAsync(question{{runOptions}}, cancellationToken: ct);
                    return response.Text;
                }
            }
            """;
        Assert.Equal(expected, Analysis.Ids(await Analysis.RunAsync(source)));
    }

    [Fact]
    public async Task AgentFromDependencyInjection_CapUnknown_StillStreamed()
    {
        var source = Usings + """
            [ApiController]
            public class SupportController(AIAgent agent) : ControllerBase
            {
                [HttpPost("answer")]
                public async Task<string> Answer(string question) => (await agent.RunAsync(question)).Text;
            }
            """;
        Assert.Equal("QW0002", Analysis.Ids(await Analysis.RunAsync(source)));
    }

    [Fact]
    public async Task IndependentRuns_AndRunsInALoop()
    {
        var source = Usings + """
            public class Digest(AIAgent agent)
            {
                public async Task<string> TwoAsync(string ticket)
                {
                    var summary = await agent.RunAsync("Summarize: " + ticket);
                    var tone = await agent.RunAsync("Tone of: " + ticket);
                    return summary.Text + tone.Text;
                }

                public async Task<List<string>> EachAsync(IEnumerable<string> tickets)
                {
                    var labels = new List<string>();
                    foreach (var ticket in tickets)
                        labels.Add((await agent.RunAsync("Label: " + ticket)).Text);
                    return labels;
                }
            }
            """;
        Assert.Equal("QW0003 QW0006", Analysis.Ids((await Analysis.RunAsync(source)).Where(d => d.Severity >= DiagnosticSeverity.Warning)));
    }

    [Theory]
    [InlineData("new ChatClientAgent(chat, instructions: $\"Now: {DateTime.UtcNow}. {Manual}\")", "QW0004")]
    [InlineData("chat.AsAIAgent(instructions: $\"Current time: {DateTime.Now:g}. {Handbook.Text}\")", "QW0004")]
    [InlineData("new ChatClientAgent(chat, instructions: $\"Now: {DateTime.UtcNow}. \" + Handbook.Text)", "QW0004")]
    [InlineData("chat.AsAIAgent(instructions: $\"Today is {DateTime.UtcNow:D}. {Handbook.Text}\")", "")]   // changes once a day
    [InlineData("chat.AsAIAgent(instructions: $\"{Handbook.Text} Now: {DateTime.UtcNow}.\")", "")]   // the clock after the prefix
    public async Task Instructions_WithTheClockAhead_BreakTheCachedPrefix(string agent, string expected)
    {
        var source = Usings + $$"""
            public static class Handbook
            {
                public const string Text = "{{Manual}}";
            }

            public static class Agents
            {
                private const string Manual = "{{Manual}}";

                public static AIAgent Support(IChatClient chat) => {{agent}};
            }
            """;
        Assert.Equal(expected, Analysis.Ids((await Analysis.RunAsync(source)).Where(d => d.Severity >= DiagnosticSeverity.Warning)));
    }

    [Fact]
    public Task Fix_IndependentRunsStartTogether() => Verify<Qwen.Analyzers.Rules.SequentialAwaitsAnalyzer, Qwen.Analyzers.CodeFixes.SequentialAwaitsFixer>.Code(Usings + """
        public class Digest(AIAgent agent)
        {
            public async Task<string> TwoAsync(string ticket, CancellationToken ct)
            {
                var summary = await agent.RunAsync("Summarize: " + ticket, cancellationToken: ct);
                var tone = await agent.{|QW0003:RunAsync|}("Tone of: " + ticket, cancellationToken: ct);
                return summary.Text + tone.Text;
            }
        }
        """).FixedTo(Usings + """
        public class Digest(AIAgent agent)
        {
            public async Task<string> TwoAsync(string ticket, CancellationToken ct)
            {
                var summaryTask = agent.RunAsync("Summarize: " + ticket, cancellationToken: ct);
                var toneTask = agent.RunAsync("Tone of: " + ticket, cancellationToken: ct);
                await Task.WhenAll(summaryTask, toneTask);
                var summary = await summaryTask;
                var tone = await toneTask;
                return summary.Text + tone.Text;
            }
        }
        """).RunAsync();

    [Fact]
    public Task Fix_LoopRunsConcurrently() => Verify<Qwen.Analyzers.Rules.LoopPerItemAnalyzer, Qwen.Analyzers.CodeFixes.LoopPerItemFixer>.Code(Usings + """
        public class Labels(AIAgent agent)
        {
            public async Task<List<string>> EachAsync(IReadOnlyList<string> tickets)
            {
                var labels = new List<string>();
                {|QW0006:foreach|} (var ticket in tickets)
                {
                    var response = await agent.RunAsync("Label: " + ticket);
                    labels.Add(response.Text);
                }

                return labels;
            }
        }
        """).FixedTo(Usings.Replace("using Microsoft.Extensions.AI;\n", "using Microsoft.Extensions.AI;\nusing Qwen.Latency;\n") + """
        public class Labels(AIAgent agent)
        {
            public async Task<List<string>> EachAsync(IReadOnlyList<string> tickets)
            {
                var labels = new List<string>(await QwenConcurrency.SelectConcurrentlyAsync(tickets, async ticket =>
                {
                    var response = await agent.RunAsync("Label: " + ticket);
                    return response.Text;
                }, maxConcurrency: 8));

                return labels;
            }
        }
        """).RunAsync();

    [Fact]
    public Task Fix_InstructionsPutTheHandbookFirst() => Verify<Qwen.Analyzers.Rules.PromptPrefixAnalyzer, Qwen.Analyzers.CodeFixes.PromptPrefixFixer>.Code(Usings + $$"""
        public static class Agents
        {
            private const string Manual = "{{Manual}}";

            public static AIAgent Support(IChatClient chat, string customer) => chat.AsAIAgent(instructions: {|QW0004:$"Customer: {customer}. {Manual}"|});
        }
        """).FixedTo(Usings + $$"""
        public static class Agents
        {
            private const string Manual = "{{Manual}}";

            public static AIAgent Support(IChatClient chat, string customer) => chat.AsAIAgent(instructions: $"{Manual}\n\nCustomer: {customer}.");
        }
        """).RunAsync();

    [Fact]
    public Task Fix_CapAsRunOptions() => Verify<Qwen.Analyzers.Rules.MissingMaxTokensAnalyzer, Qwen.Analyzers.CodeFixes.MissingMaxTokensFixer>.Code(Usings + """
        public class Drafts(IChatClient chat)
        {
            private readonly AIAgent _agent = new ChatClientAgent(chat, instructions: "You draft replies.");

            public async Task<string> DraftAsync(string ticket, CancellationToken ct) => (await _agent.{|QW0001:RunAsync|}(ticket, cancellationToken: ct)).Text;
        }
        """).FixedTo(Usings + """
        public class Drafts(IChatClient chat)
        {
            private readonly AIAgent _agent = new ChatClientAgent(chat, instructions: "You draft replies.");

            public async Task<string> DraftAsync(string ticket, CancellationToken ct) => (await _agent.RunAsync(
                ticket,
                options: new ChatClientAgentRunOptions(new ChatOptions { MaxOutputTokens = 1024 }),
                cancellationToken: ct)).Text;
        }
        """).OneAtATimeOnly().RunAsync();

    /// <summary>ToAgentResponseAsync reads one stream, where the non-streamed run is retried by the OpenAI client: one at a time only.</summary>
    [Fact]
    public Task Fix_StreamTheRun_OneAtATime() => Verify<Qwen.Analyzers.Rules.NotStreamedAnalyzer, Qwen.Analyzers.CodeFixes.NotStreamedFixer>.Code(Usings + """
        [ApiController]
        public class SupportController(AIAgent agent) : ControllerBase
        {
            [HttpPost("answer")]
            public async Task<string> Answer(string question)
            {
                var response = await agent.{|QW0002:RunAsync|}(question);
                return response.Text;
            }
        }
        """).FixedTo(Usings + """
        [ApiController]
        public class SupportController(AIAgent agent) : ControllerBase
        {
            [HttpPost("answer")]
            public async Task<string> Answer(string question)
            {
                var response = await agent.RunStreamingAsync(question).ToAgentResponseAsync();
                return response.Text;
            }
        }
        """).OneAtATimeOnly().RunAsync();


    /// <summary>Two runs in one agent session depend on each other through it: the second sees the first's turn.</summary>
    [Fact]
    public async Task TwoRunsInOneSession_AreNotIndependent_TwoSessionsAre()
    {
        var source = Usings + """
            public class Interviewer(AIAgent agent)
            {
                public async Task<string> TwoQuestionsAsync(AgentSession session, CancellationToken ct)
                {
                    var first = await agent.RunAsync("What is your name?", session, cancellationToken: ct);
                    var second = await agent.RunAsync("And where do you live?", session, cancellationToken: ct);
                    return first.Text + second.Text;
                }

                public async Task<string> TwoInterviewsAsync(AgentSession one, AgentSession two, CancellationToken ct)
                {
                    var first = await agent.RunAsync("What is your name?", one, cancellationToken: ct);
                    var second = await agent.RunAsync("What is your name?", two, cancellationToken: ct);
                    return first.Text + second.Text;
                }
            }
            """;
        var diagnostics = await Analysis.RunAsync(source);
        var sequential = diagnostics.Where(d => d.Id == "QW0003").Select(d => d.Location.GetLineSpan().StartLinePosition.Line).ToList();
        var twoInterviews = source.Split('\n').ToList().FindIndex(l => l.Contains("\"What is your name?\", two"));
        Assert.Equal(new[] { twoInterviews }, sequential);
    }
}
