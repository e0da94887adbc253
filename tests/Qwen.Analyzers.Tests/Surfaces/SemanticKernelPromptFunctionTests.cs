using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Qwen.Analyzers.Tests.Surfaces;

/// <summary>
/// Semantic Kernel prompt functions: <c>kernel.InvokeAsync(function)</c> and <c>function.InvokeAsync(kernel)</c> are model
/// calls when the function is made from a prompt in view, with the settings it was made with; a function whose origin
/// is not in view (a plugin, a parameter) may be native code and is left alone.
/// </summary>
public class SemanticKernelPromptFunctionTests
{
    private const string Usings = "using System;\nusing System.Collections.Generic;\nusing System.Threading;\nusing System.Threading.Tasks;\nusing Microsoft.AspNetCore.Mvc;\nusing Microsoft.SemanticKernel;\nusing Microsoft.SemanticKernel.Connectors.OpenAI;\n";

    [Theory]
    [InlineData("kernel.CreateFunctionFromPrompt(\"Summarize: {{$input}}\")", "QW0001 QW0002")]
    [InlineData("kernel.CreateFunctionFromPrompt(\"Summarize: {{$input}}\", new OpenAIPromptExecutionSettings { MaxTokens = 300 })", "QW0002")]
    [InlineData("KernelFunctionFactory.CreateFromPrompt(\"Summarize: {{$input}}\", new OpenAIPromptExecutionSettings { Temperature = 0 })", "QW0001 QW0002")]
    [InlineData("kernel.Plugins[\"Support\"][\"Summarize\"]", "")]
    public async Task InvokedFromAController(string function, string expected)
    {
        var source = Usings + $$"""
            [ApiController]
            public class TicketsController(Kernel kernel) : ControllerBase
            {
                [HttpPost("summary")]
                public async Task<string?> Summary(string ticket)
                {
                    var summarize = {{function}};
                    var result = await kernel.InvokeAsync(summarize, new KernelArguments { ["input"] = ticket });
                    return result.GetValue<string>();
                }
            }
            """;
        Assert.Equal(expected, Analysis.Ids(await Analysis.RunAsync(source)));
    }

    [Fact]
    public async Task FunctionInvokedInALoop_AndTemplateOpeningWithAVariable()
    {
        var manual = string.Join(" ", Enumerable.Range(0, 160).Select(i => "Refunds section " + i + "."));
        var source = Usings + $$$"""
            public class Labels(Kernel kernel)
            {
                private readonly KernelFunction _label = kernel.CreateFunctionFromPrompt("{{$ticket}} {{{manual}}}", new OpenAIPromptExecutionSettings { MaxTokens = 20 });

                public async Task<List<string?>> LabelAllAsync(IEnumerable<string> tickets)
                {
                    var labels = new List<string?>();
                    foreach (var ticket in tickets)
                        labels.Add((await _label.InvokeAsync(kernel, new KernelArguments { ["ticket"] = ticket })).GetValue<string>());
                    return labels;
                }
            }
            """;
        Assert.Equal("QW0004 QW0006", Analysis.Ids((await Analysis.RunAsync(source)).Where(d => d.Severity >= DiagnosticSeverity.Warning)));
    }

    [Theory]
    [InlineData("rewritten.Add((await rewrite.InvokeAsync(kernel, new KernelArguments { [\"answer\"] = answer })).GetValue<string>() ?? \"\");", "QW0006")]
    [InlineData("var text = (await rewrite.InvokeAsync(kernel, new KernelArguments { [\"answer\"] = answer })).GetValue<string>(); rewritten.Add(text ?? \"\");", "QW0006")]
    [InlineData("_shown.Add((await rewrite.InvokeAsync(kernel, new KernelArguments { [\"answer\"] = answer })).GetValue<string>() ?? \"\");", "QW0002")]
    public async Task AnswersGatheredInALoop_AreNotStreamedOneByOne(string body, string expected)
    {
        var source = Usings + $$$"""
            [ApiController]
            public class FaqController(Kernel kernel) : ControllerBase
            {
                private readonly List<string> _shown = new();

                [HttpPost("rewrite-all")]
                public async Task<List<string>> RewriteAll(List<string> answers)
                {
                    var rewrite = kernel.CreateFunctionFromPrompt("Rewrite in plain words: {{$answer}}", new OpenAIPromptExecutionSettings { MaxTokens = 600 });
                    var rewritten = new List<string>();
                    foreach (var answer in answers)
                    {
                        {{{body}}}
                    }
                    return rewritten;
                }
            }
            """;
        Assert.Equal(expected, Analysis.Ids((await Analysis.RunAsync(source)).Where(d => d.Severity >= DiagnosticSeverity.Warning)));
    }

    [Fact]
    public Task Fix_CapGoesIntoTheFunctionsSettings() => Verify<Qwen.Analyzers.Rules.MissingMaxTokensAnalyzer, Qwen.Analyzers.CodeFixes.MissingMaxTokensFixer>.Code(Usings + """
        public class Summaries(Kernel kernel)
        {
            public async Task<string?> SummarizeAsync(string ticket)
            {
                var summarize = kernel.CreateFunctionFromPrompt("Summarize: {{$input}}", new OpenAIPromptExecutionSettings { Temperature = 0 });
                var result = await kernel.{|QW0001:InvokeAsync|}(summarize, new KernelArguments { ["input"] = ticket });
                return result.GetValue<string>();
            }
        }
        """).FixedTo(Usings + """
        public class Summaries(Kernel kernel)
        {
            public async Task<string?> SummarizeAsync(string ticket)
            {
                var summarize = kernel.CreateFunctionFromPrompt(
                    "Summarize: {{$input}}",
                    new OpenAIPromptExecutionSettings { Temperature = 0, MaxTokens = 1024 });
                var result = await kernel.InvokeAsync(summarize, new KernelArguments { ["input"] = ticket });
                return result.GetValue<string>();
            }
        }
        """).OneAtATimeOnly().RunAsync();

    [Fact]
    public Task Fix_StreamTheFunction_OneAtATimeWhereTheKernelIsNotInView() => Verify<Qwen.Analyzers.Rules.NotStreamedAnalyzer, Qwen.Analyzers.CodeFixes.NotStreamedFixer>.Code(Usings + """
        [ApiController]
        public class TicketsController(Kernel kernel) : ControllerBase
        {
            [HttpPost("summary")]
            public async Task<string?> Summary(string ticket)
            {
                var summarize = kernel.CreateFunctionFromPrompt("Summarize: {{$input}}", new OpenAIPromptExecutionSettings { MaxTokens = 300 });
                var result = await kernel.{|QW0002:InvokeAsync|}(summarize, new KernelArguments { ["input"] = ticket });
                return result.GetValue<string>();
            }
        }
        """).FixedTo(Usings + """
        using Qwen.Latency;
        [ApiController]
        public class TicketsController(Kernel kernel) : ControllerBase
        {
            [HttpPost("summary")]
            public async Task<string?> Summary(string ticket)
            {
                var summarize = kernel.CreateFunctionFromPrompt("Summarize: {{$input}}", new OpenAIPromptExecutionSettings { MaxTokens = 300 });
                var result = await SemanticKernelStreaming.CollectAsync(
                    () => kernel.InvokeStreamingAsync(summarize, new KernelArguments { ["input"] = ticket }));
                return result.Text;
            }
        }
        """).OneAtATimeOnly().RunAsync();

}
