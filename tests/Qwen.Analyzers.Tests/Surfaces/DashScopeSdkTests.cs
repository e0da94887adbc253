using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Qwen.Analyzers.Tests.Surfaces;

/// <summary>
/// The Cnblogs DashScope SDK (<c>IDashScopeClient</c>, signatures mirrored in tests/Mirrors): its typed requests are the
/// native body, so every rule that reads a body applies, on the SDK's own members.
/// </summary>
public class DashScopeSdkTests
{
    private const string Usings = "using System;\nusing System.Collections.Generic;\nusing System.Threading;\nusing System.Threading.Tasks;\nusing Cnblogs.DashScope.Core;\nusing Microsoft.AspNetCore.Mvc;\n";

    private static string Request(string parameters, string model = "qwen-plus")
        => $$"""new ModelRequest<TextGenerationInput, ITextGenerationParameters> { Model = "{{model}}", Input = new TextGenerationInput { Messages = new[] { TextChatMessage.System("You answer support questions."), TextChatMessage.User(question) } }{{parameters}} }""";

    [Theory]
    [InlineData(", Parameters = new TextGenerationParameters { ResultFormat = \"message\" }", "QW0001 QW0002")]
    [InlineData("", "QW0001 QW0002")]
    [InlineData(", Parameters = new TextGenerationParameters { ResultFormat = \"message\", MaxTokens = 600 }", "QW0002")]
    [InlineData(", Parameters = new TextGenerationParameters { ResultFormat = \"message\", MaxTokens = 40 }", "")]
    public async Task TextCompletion_InAController(string parameters, string expected)
    {
        var source = Usings + $$"""
            [ApiController]
            public class SupportController(IDashScopeClient client) : ControllerBase
            {
                [HttpPost("answer")]
                public async Task<string?> Answer(string question, CancellationToken ct)
                {
                    var response = await client.GetTextCompletionAsync({{Request(parameters)}}, ct);
                    return response.Output.Choices?[0].Message.Content;
                }
            }
            """;
        Assert.Equal(expected, Analysis.Ids(await Analysis.RunAsync(source)));
    }

    [Theory]
    [InlineData(", Parameters = new TextGenerationParameters { MaxTokens = 600 }", "QW0007")]
    [InlineData(", Parameters = new TextGenerationParameters { MaxTokens = 600, IncrementalOutput = false }", "QW0007")]
    [InlineData(", Parameters = new TextGenerationParameters { MaxTokens = 600, IncrementalOutput = true }", "")]
    public async Task TextCompletionStream_NeedsIncrementalOutput(string parameters, string expected)
    {
        var source = Usings + $$"""
            public class Chat(IDashScopeClient client)
            {
                public async Task StreamAsync(string question, Func<string, Task> write)
                {
                    await foreach (var chunk in client.GetTextCompletionStreamAsync({{Request(parameters)}}))
                        await write(chunk.Output.Choices![0].Message.Content);
                }
            }
            """;
        Assert.Equal(expected, Analysis.Ids(await Analysis.RunAsync(source)));
    }

    [Theory]
    [InlineData("new ImageSynthesisParameters { Size = \"1024*1024\" }", "QW0005")]
    [InlineData("new ImageSynthesisParameters { Size = \"1024*1024\", PromptExtend = false }", "")]
    public async Task ImageSynthesis_PromptExtend(string parameters, string expected)
    {
        var source = Usings + $$"""
            public class Posters(IDashScopeClient client)
            {
                public async Task<string> CreateAsync(string prompt)
                {
                    var task = await client.CreateImageSynthesisTaskAsync(new ModelRequest<ImageSynthesisInput, IImageSynthesisParameters>
                    {
                        Model = "wanx2.1-t2i-turbo",
                        Input = new ImageSynthesisInput { Prompt = prompt },
                        Parameters = {{parameters}},
                    });
                    return task.Output.TaskId;
                }
            }
            """;
        Assert.Equal(expected, Analysis.Ids(await Analysis.RunAsync(source)));
    }

    [Fact]
    public async Task TaskPolling_ThroughGetTaskAsync()
    {
        var source = Usings + """
            public class Posters(IDashScopeClient client)
            {
                public async Task<string?> WaitAsync(string taskId)
                {
                    while (true)
                    {
                        var task = await client.GetTaskAsync<ImageSynthesisOutput, ImageSynthesisUsage>(taskId);
                        if (task.Output.TaskStatus == DashScopeTaskStatus.Succeeded)
                            return task.Output.Results?[0].Url;
                        await Task.Delay(2000);
                    }
                }
            }
            """;
        Assert.Equal("QW0009", Analysis.Ids(await Analysis.RunAsync(source)));
    }

    [Fact]
    public async Task IndependentCalls_AndLoops()
    {
        var source = Usings + $$"""
            public class Digest(IDashScopeClient client)
            {
                public async Task<string?> TwoAsync(string question)
                {
                    var a = await client.GetTextCompletionAsync({{Request(", Parameters = new TextGenerationParameters { MaxTokens = 300 }")}});
                    var b = await client.GetTextCompletionAsync({{Request(", Parameters = new TextGenerationParameters { MaxTokens = 300 }", "qwen-flash")}});
                    return a.Output.Text + b.Output.Text;
                }

                public async Task<List<string?>> EachAsync(IEnumerable<string> questions)
                {
                    var answers = new List<string?>();
                    foreach (var question in questions)
                    {
                        var r = await client.GetTextCompletionAsync({{Request(", Parameters = new TextGenerationParameters { MaxTokens = 300 }")}});
                        answers.Add(r.Output.Text);
                    }

                    return answers;
                }
            }
            """;
        Assert.Equal("QW0003 QW0006", Analysis.Ids((await Analysis.RunAsync(source)).Where(d => d.Severity >= DiagnosticSeverity.Warning)));
    }

    [Theory]
    [InlineData("qwen3-tts-flash")]
    [InlineData("paraformer-realtime-v2")]
    public async Task MultimodalSpeechModels_NoChatRules(string model)
    {
        var source = Usings + $$"""
            [ApiController]
            public class SpeechController(IDashScopeClient client) : ControllerBase
            {
                [HttpPost("speak")]
                public async Task<string> Speak(string text)
                {
                    var response = await client.GetMultimodalGenerationAsync(new ModelRequest<MultimodalInput, IMultimodalParameters>
                    {
                        Model = "{{model}}",
                        Input = new MultimodalInput { Messages = new[] { MultimodalMessage.User(new[] { MultimodalMessageContent.TextContent(text) }) } },
                    });
                    return response.Output.Choices[0].FinishReason;
                }
            }
            """;
        Assert.Empty(await Analysis.RunAsync(source));
    }

    [Fact]
    public Task Fix_ThinkingOffOnTheTypedParameters() => Verify<Qwen.Analyzers.Rules.ThinkingLeftOnAnalyzer, Qwen.Analyzers.CodeFixes.ThinkingLeftOnFixer>.Code(Usings + $$"""
        public class Labels(IDashScopeClient client)
        {
            public async Task<string?> LabelAsync(string question)
            {
                var response = await client.{|QW0010:GetTextCompletionAsync|}({{Request(", Parameters = new TextGenerationParameters { ResultFormat = \"message\", MaxTokens = 16 }", "qwen3.5-flash")}});
                var known = await client.GetTextCompletionAsync({{Request(", Parameters = new TextGenerationParameters { ResultFormat = \"message\", MaxTokens = 16, EnableThinking = false }", "qwen3.5-flash")}});
                return response.Output.Choices?[0].Message.Content + known.Output.Text;
            }
        }
        """).FixedTo(Usings + $$"""
        public class Labels(IDashScopeClient client)
        {
            public async Task<string?> LabelAsync(string question)
            {
                var response = await client.GetTextCompletionAsync(
                    {{Request(", Parameters = new TextGenerationParameters { ResultFormat = \"message\", MaxTokens = 16, EnableThinking = false }", "qwen3.5-flash")}});
                var known = await client.GetTextCompletionAsync({{Request(", Parameters = new TextGenerationParameters { ResultFormat = \"message\", MaxTokens = 16, EnableThinking = false }", "qwen3.5-flash")}});
                return response.Output.Choices?[0].Message.Content + known.Output.Text;
            }
        }
        """).RunAsync();

    [Fact]
    public Task Fix_TaskPollingOnTheSchedule() => Verify<Qwen.Analyzers.Rules.TaskPollingAnalyzer, Qwen.Analyzers.CodeFixes.TaskPollingFixer>.Code(Usings + """
        public class Posters(IDashScopeClient client)
        {
            public async Task<string?> WaitAsync(string taskId, CancellationToken ct)
            {
                {|QW0009:while|} (true)
                {
                    var task = await client.GetTaskAsync<ImageSynthesisOutput, ImageSynthesisUsage>(taskId, ct);
                    if (task.Output.TaskStatus == DashScopeTaskStatus.Succeeded)
                        return task.Output.Results?[0].Url;
                    await Task.Delay(2000, ct);
                }
            }
        }
        """).FixedTo(Usings + "using Qwen.Latency;\n" + """
        public class Posters(IDashScopeClient client)
        {
            public async Task<string?> WaitAsync(string taskId, CancellationToken ct)
            {
                var polling = new TaskPollingSchedule(new TaskPollingOptions { Timeout = Timeout.InfiniteTimeSpan });
                while (true)
                {
                    var task = await client.GetTaskAsync<ImageSynthesisOutput, ImageSynthesisUsage>(taskId, ct);
                    if (task.Output.TaskStatus == DashScopeTaskStatus.Succeeded)
                        return task.Output.Results?[0].Url;
                    await polling.WaitAsync(ct);
                }
            }
        }
        """).RunAsync();

    [Fact]
    public Task Fix_IndependentCompletionsStartTogether() => Verify<Qwen.Analyzers.Rules.SequentialAwaitsAnalyzer, Qwen.Analyzers.CodeFixes.SequentialAwaitsFixer>.Code(Usings + $$"""
        public class Digest(IDashScopeClient client)
        {
            public async Task<string?> TwoAsync(string question)
            {
                var a = await client.GetTextCompletionAsync({{Request(", Parameters = new TextGenerationParameters { MaxTokens = 300 }")}});
                var b = await client.{|QW0003:GetTextCompletionAsync|}({{Request(", Parameters = new TextGenerationParameters { MaxTokens = 300 }", "qwen-flash")}});
                return a.Output.Text + b.Output.Text;
            }
        }
        """).FixedTo(Usings + $$"""
        public class Digest(IDashScopeClient client)
        {
            public async Task<string?> TwoAsync(string question)
            {
                var aTask = client.GetTextCompletionAsync({{Request(", Parameters = new TextGenerationParameters { MaxTokens = 300 }")}});
                var bTask = client.GetTextCompletionAsync({{Request(", Parameters = new TextGenerationParameters { MaxTokens = 300 }", "qwen-flash")}});
                await Task.WhenAll(aTask, bTask);
                var a = await aTask;
                var b = await bTask;
                return a.Output.Text + b.Output.Text;
            }
        }
        """).RunAsync();

    [Fact]
    public Task Fix_CapGoesIntoTheTypedParameters() => Verify<Qwen.Analyzers.Rules.MissingMaxTokensAnalyzer, Qwen.Analyzers.CodeFixes.MissingMaxTokensFixer>.Code(Usings + $$"""
        public class Support(IDashScopeClient client)
        {
            public async Task<string?> AnswerAsync(string question)
            {
                var response = await client.{|QW0001:GetTextCompletionAsync|}({{Request(", Parameters = new TextGenerationParameters { ResultFormat = \"message\" }")}});
                return response.Output.Choices?[0].Message.Content;
            }

            public async Task<string?> BareAsync(string question)
            {
                var response = await client.{|QW0001:GetTextCompletionAsync|}({{Request("")}});
                return response.Output.Text;
            }
        }
        """).FixedTo(Usings + $$"""
        public class Support(IDashScopeClient client)
        {
            public async Task<string?> AnswerAsync(string question)
            {
                var response = await client.GetTextCompletionAsync(
                    {{Request(", Parameters = new TextGenerationParameters { ResultFormat = \"message\", MaxTokens = 1024 }")}});
                return response.Output.Choices?[0].Message.Content;
            }

            public async Task<string?> BareAsync(string question)
            {
                var response = await client.GetTextCompletionAsync(
                    {{Request(", Parameters = new TextGenerationParameters { MaxTokens = 1024 }")}});
                return response.Output.Text;
            }
        }
        """).OneAtATimeOnly().RunAsync();

    [Fact]
    public Task Fix_PromptExtendAndIncrementalOutput_OnTheTypedParameters() => Verify<Qwen.Analyzers.Rules.PromptExtendAnalyzer, Qwen.Analyzers.CodeFixes.PromptExtendFixer>.Code(Usings + """
        public class Posters(IDashScopeClient client)
        {
            public async Task<string> CreateAsync(string prompt)
            {
                var request = new ModelRequest<ImageSynthesisInput, IImageSynthesisParameters>
                {
                    Model = "wanx2.1-t2i-turbo",
                    Input = new ImageSynthesisInput { Prompt = prompt },
                    Parameters = new ImageSynthesisParameters { Size = "1024*1024" },
                };
                var task = await client.{|QW0005:CreateImageSynthesisTaskAsync|}(request);
                return task.Output.TaskId;
            }
        }
        """).FixedTo(Usings + """
        public class Posters(IDashScopeClient client)
        {
            public async Task<string> CreateAsync(string prompt)
            {
                var request = new ModelRequest<ImageSynthesisInput, IImageSynthesisParameters>
                {
                    Model = "wanx2.1-t2i-turbo",
                    Input = new ImageSynthesisInput { Prompt = prompt },
                    Parameters = new ImageSynthesisParameters { Size = "1024*1024", PromptExtend = false },
                };
                var task = await client.CreateImageSynthesisTaskAsync(request);
                return task.Output.TaskId;
            }
        }
        """).RunAsync();

    [Fact]
    // Each chunk's text becomes the new text only: applied one at a time with the reading code in view, never by Fix All.
    public Task Fix_IncrementalOutput_OnTheTypedParameters()
    {
        var source = Usings + $$"""
        public class Chat(IDashScopeClient client)
        {
            public async Task StreamAsync(string question, Func<string, Task> write)
            {
                await foreach (var chunk in client.{|QW0007:GetTextCompletionStreamAsync|}({{Request(", Parameters = new TextGenerationParameters { MaxTokens = 600 }")}}))
                    await write(chunk.Output.Text ?? "");
            }
        }
        """;
        return Verify<Qwen.Analyzers.Rules.IncrementalOutputAnalyzer, Qwen.Analyzers.CodeFixes.IncrementalOutputFixer>.Code(source).FixedTo(Usings + $$"""
        public class Chat(IDashScopeClient client)
        {
            public async Task StreamAsync(string question, Func<string, Task> write)
            {
                await foreach (var chunk in client.GetTextCompletionStreamAsync(
                    {{Request(", Parameters = new TextGenerationParameters { MaxTokens = 600, IncrementalOutput = true }")}}))
                    await write(chunk.Output.Text ?? "");
            }
        }
        """).OneAtATimeOnly().RunAsync();
    }
}
