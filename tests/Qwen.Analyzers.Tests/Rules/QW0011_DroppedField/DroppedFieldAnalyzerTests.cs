using System.Linq;
using System.Threading.Tasks;
using VerifyCS = Qwen.Analyzers.Tests.Verify<Qwen.Analyzers.Rules.DroppedFieldAnalyzer, Qwen.Analyzers.CodeFixes.DroppedFieldFixer>;

namespace Qwen.Analyzers.Tests.Rules;

/// <summary>
/// QW0011: Qwen fields written where the OpenAI adapter (M.E.AI) or connector (SK) drops them; the drops themselves
/// are proven on the wire in Qwen.Latency.Tests/RequestFieldsTests.
/// </summary>
public class DroppedFieldAnalyzerTests
{
    private const string Usings = "using System;\nusing System.Collections.Generic;\nusing System.Threading.Tasks;\nusing Microsoft.Extensions.AI;\nusing Microsoft.SemanticKernel;\nusing Microsoft.SemanticKernel.Connectors.OpenAI;\n";
    private const string WithHelper = "using System;\nusing System.Collections.Generic;\nusing System.Threading.Tasks;\nusing Microsoft.Extensions.AI;\nusing Microsoft.SemanticKernel;\nusing Microsoft.SemanticKernel.Connectors.OpenAI;\nusing Qwen.Latency;\n";

    [Fact]
    public Task ExtensionsAI_EveryShape_FixedWhereTheShapeIsPlain() => VerifyCS.Code(Usings + """
        public class Labels(IChatClient chat)
        {
            private readonly ChatOptions _shared = new() { MaxOutputTokens = 20 };

            public async Task<string> LabelAsync(string ticket)
            {
                var options = new ChatOptions { MaxOutputTokens = 20, AdditionalProperties = new() { {|QW0011:["enable_thinking"] = false|} } };
                var search = new ChatOptions { AdditionalProperties = { {|QW0011:["enable_search"] = true|}, ["trace_id"] = "x" } };
                {|QW0011:_shared.AdditionalProperties!["thinking_budget"] = 64|};
                var plain = new ChatOptions { AdditionalProperties = new() { ["user_tag"] = "vip" } };
                return (await chat.GetResponseAsync(ticket, options)).Text + (await chat.GetResponseAsync(ticket, search)).Text + (await chat.GetResponseAsync(ticket, plain)).Text;
            }
        }
        """).FixedTo(WithHelper + """
        public class Labels(IChatClient chat)
        {
            private readonly ChatOptions _shared = new() { MaxOutputTokens = 20 };

            public async Task<string> LabelAsync(string ticket)
            {
                var options = new ChatOptions { MaxOutputTokens = 20 }.WithQwenField("enable_thinking", false);
                var search = new ChatOptions { AdditionalProperties = { ["enable_search"] = true, ["trace_id"] = "x" } };
                _shared.WithQwenField("thinking_budget", 64);
                var plain = new ChatOptions { AdditionalProperties = new() { ["user_tag"] = "vip" } };
                return (await chat.GetResponseAsync(ticket, options)).Text + (await chat.GetResponseAsync(ticket, search)).Text + (await chat.GetResponseAsync(ticket, plain)).Text;
            }
        }
        """)
        // Beside another entry the field is not moved by itself: the finding stays, with no fix.
        .Leaving(VerifyCS.Diagnostic("QW0011").WithSpan(15, 65, 15, 89).WithArguments("enable_search", "ChatOptions.AdditionalProperties", "Microsoft.Extensions.AI's OpenAI adapter", "")).RunAsync();

    [Fact]
    public Task SemanticKernel_ExtensionData_KeysTheConnectorMapsAreFine() => VerifyCS.Code(Usings + """
        public class Summaries(Kernel kernel)
        {
            public async Task<string?> SummarizeAsync(string text)
            {
                var settings = new OpenAIPromptExecutionSettings { MaxTokens = 300, ExtensionData = new Dictionary<string, object> { {|QW0011:["enable_thinking"] = false|} } };
                var mapped = new PromptExecutionSettings { ExtensionData = new Dictionary<string, object> { ["max_tokens"] = 300 } };
                var a = await kernel.InvokePromptAsync("Summarize: {{$t}}", new KernelArguments(settings) { ["t"] = text });
                var b = await kernel.InvokePromptAsync("Summarize: {{$t}}", new KernelArguments(mapped) { ["t"] = text });
                return a.GetValue<string>() + b.GetValue<string>();
            }
        }
        """).FixedTo(WithHelper + """
        public class Summaries(Kernel kernel)
        {
            public async Task<string?> SummarizeAsync(string text)
            {
                var settings = new OpenAIPromptExecutionSettings { MaxTokens = 300 }.WithQwenField("enable_thinking", false);
                var mapped = new PromptExecutionSettings { ExtensionData = new Dictionary<string, object> { ["max_tokens"] = 300 } };
                var a = await kernel.InvokePromptAsync("Summarize: {{$t}}", new KernelArguments(settings) { ["t"] = text });
                var b = await kernel.InvokePromptAsync("Summarize: {{$t}}", new KernelArguments(mapped) { ["t"] = text });
                return a.GetValue<string>() + b.GetValue<string>();
            }
        }
        """).RunAsync();

    /// <summary>Without the OpenAI adapter the project reaches Qwen another way, whose adapter may read AdditionalProperties: silent.</summary>
    [Fact]
    public Task WithoutTheOpenAIAdapter_Silent() => VerifyCS.Code("using System.Threading.Tasks;\nusing Microsoft.Extensions.AI;\n" + """
        public class Labels(IChatClient chat)
        {
            public async Task<string> LabelAsync(string ticket)
                => (await chat.GetResponseAsync(ticket, new ChatOptions { AdditionalProperties = new() { ["enable_thinking"] = false } })).Text;
        }
        """).WithReferences(References.Framework.AddRange(References.Clients.Where(r => r.Display?.Contains("Microsoft.Extensions.AI.OpenAI") != true && r.Display?.Contains("SemanticKernel") != true))).NoFix().RunAsync();

    /// <summary>
    /// An IChatClient of the project's own that reads AdditionalProperties (here: copies them into a raw request) may
    /// send what the OpenAI adapter drops: silent. The same app without that client is reported.
    /// </summary>
    [Fact]
    public async Task AProjectClientThatForwardsAdditionalProperties_Silent()
    {
        const string Caller = """
            public class Labels(IChatClient chat)
            {
                public async Task<string> LabelAsync(string ticket)
                    => (await chat.GetResponseAsync(ticket, new ChatOptions { MaxOutputTokens = 8, AdditionalProperties = new() { ["enable_thinking"] = false } })).Text;
            }
            """;
        const string Forwarding = """
            public sealed class RawDashScopeClient(IChatClient inner) : DelegatingChatClient(inner)
            {
                public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, System.Threading.CancellationToken cancellationToken = default)
                {
                    foreach (var (key, value) in options?.AdditionalProperties ?? new AdditionalPropertiesDictionary())
                        Console.WriteLine($"forwarding {key}={value}");
                    return base.GetResponseAsync(messages, options, cancellationToken);
                }
            }
            """;

        Assert.Equal("QW0011", Analysis.Ids((await Analysis.RunAsync(Usings + Caller)).Where(d => d.Id == "QW0011")));
        Assert.Equal("", Analysis.Ids((await Analysis.RunAsync(Usings + Caller + Forwarding)).Where(d => d.Id == "QW0011")));
    }
}
