using System.Linq;
using System.Threading.Tasks;
using VerifyCS = Qwen.Analyzers.Tests.Verify<Qwen.Analyzers.Rules.PromptPrefixAnalyzer, Qwen.Analyzers.CodeFixes.PromptPrefixFixer>;

namespace Qwen.Analyzers.Tests.Rules;

public class PromptPrefixAnalyzerTests
{
    /// <summary>About 400 tokens of static manual text: above the implicit cache's 256-token minimum.</summary>
    private static readonly string Manual = string.Join(" ", Enumerable.Range(0, 160).Select(i => "Refunds section " + i + "."));

    [Fact]
    public Task TodayThenManual_ManualMovesFirst() => VerifyCS.Code(Sources.OpenAI + $$"""
        class C
        {
            const string Manual = "{{Manual}}";
            ChatMessage System() => new SystemChatMessage({|QW0004:$"Today is {DateTime.UtcNow}. {Manual}"|});
        }
        """).FixedTo(Sources.OpenAI + $$"""
        class C
        {
            const string Manual = "{{Manual}}";
            ChatMessage System() => new SystemChatMessage({|#0:$"{Manual}\n\nToday is {DateTime.UtcNow}."|});
        }
        """)
        // The date now sits behind the manual: only a suggestion remains, to move it into the user message.
        .Leaving(VerifyCS.Diagnostic("QW0004").WithLocation(0).WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Info).WithOptions(Microsoft.CodeAnalysis.Testing.DiagnosticOptions.IgnoreAdditionalLocations)
            .WithArguments("system message", "ends with a value that changes on every request, so the conversation after it is never cached; move it into the latest user message")).RunAsync();

    [Fact]
    public Task ExtensionsAIInstructions_AndChatMessage_StableField() => VerifyCS.Code(Sources.ExtensionsAI + $$"""
        class C
        {
            static readonly string Policy = "{{Manual}}";
            ChatOptions Options(string customer) => new ChatOptions { Instructions = {|QW0004:$"Customer: {customer}. {Policy}"|} };
            ChatMessage System(string customer) => new ChatMessage(ChatRole.System, {|QW0004:"Customer " + customer + ". " + Policy|});
        }
        """).FixedTo(Sources.ExtensionsAI + $$"""
        class C
        {
            static readonly string Policy = "{{Manual}}";
            ChatOptions Options(string customer) => new ChatOptions { Instructions = $"{Policy}\n\nCustomer: {customer}." };
            ChatMessage System(string customer) => new ChatMessage(ChatRole.System, Policy + "\n\n" + "Customer " + customer + ". ");
        }
        """).RunAsync();

    /// <summary>The ticket moves behind the manual; today's date (it changes once a day, not per request) is no finding of its own.</summary>
    [Fact]
    public Task SemanticKernelHistory_ThroughALocal() => VerifyCS.Code(Sources.SemanticKernel + $$"""
        class C
        {
            const string Manual = "{{Manual}}";
            ChatHistory History(string ticket)
            {
                var system = $"Ticket {ticket} opened {DateTime.Now:d}.\n{Manual}";
                var history = new ChatHistory();
                history.AddSystemMessage({|QW0004:system|});
                return history;
            }
        }
        """).FixedTo(Sources.SemanticKernel + $$"""
        class C
        {
            const string Manual = "{{Manual}}";
            ChatHistory History(string ticket)
            {
                var system = $"{Manual}\nTicket {ticket} opened {DateTime.Now:d}.";
                var history = new ChatHistory();
                history.AddSystemMessage(system);
                return history;
            }
        }
        """).RunAsync();

    [Fact]
    public Task VolatileAfterTheStaticText_SuggestionWithoutFix() => VerifyCS.Code(Sources.OpenAI + $$"""
        class C
        {
            const string Manual = "{{Manual}}";
            ChatMessage System() => ChatMessage.CreateSystemMessage({|#0:$"{Manual}\nRequest id: {Guid.NewGuid()}"|});
        }
        """).Expect(VerifyCS.Diagnostic("QW0004").WithLocation(0).WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Info).WithOptions(Microsoft.CodeAnalysis.Testing.DiagnosticOptions.IgnoreAdditionalLocations)
            .WithArguments("system message", "ends with a value that changes on every request, so the conversation after it is never cached; move it into the latest user message")).RunAsync();

    [Fact]
    public Task MessageList_UserAheadOfStaticSystem_Reordered() => VerifyCS.Code(Sources.OpenAI + $$"""
        class C
        {
            const string Manual = "{{Manual}}";
            ChatMessage[] Messages(string question) => new ChatMessage[]
            {
                new UserChatMessage(question),
                {|QW0004:new SystemChatMessage(Manual)|},
            };
            List<Microsoft.Extensions.AI.ChatMessage> Meai(string q) => new()
            {
                new(Microsoft.Extensions.AI.ChatRole.User, q),
                {|QW0004:new Microsoft.Extensions.AI.ChatMessage(Microsoft.Extensions.AI.ChatRole.System, Manual)|},
            };
        }
        """).FixedTo(Sources.OpenAI + $$"""
        class C
        {
            const string Manual = "{{Manual}}";
            ChatMessage[] Messages(string question) => new ChatMessage[]
            {
                new SystemChatMessage(Manual),
                new UserChatMessage(question),
            };
            List<Microsoft.Extensions.AI.ChatMessage> Meai(string q) => new()
            {
                new Microsoft.Extensions.AI.ChatMessage(Microsoft.Extensions.AI.ChatRole.System, Manual),
                new(Microsoft.Extensions.AI.ChatRole.User, q),
            };
        }
        """).RunAsync();

    [Fact]
    public Task SemanticKernelTemplate_OpeningWithAVariable_VariableMovesLast() => VerifyCS.Code(Sources.SemanticKernel + $$$"""
        class C
        {
            Task<FunctionResult> Triage(Kernel kernel, string ticket)
                => kernel.InvokePromptAsync({|QW0004:"{{$ticket}}\n{{{Manual}}}"|}, new KernelArguments { ["ticket"] = ticket });
        }
        """).FixedTo(Sources.SemanticKernel + $$$"""
        class C
        {
            Task<FunctionResult> Triage(Kernel kernel, string ticket)
                => kernel.InvokePromptAsync(
                    "{{{Manual}}}\n\n{{$ticket}}",
                    new KernelArguments { ["ticket"] = ticket });
        }
        """).RunAsync();

    [Fact]
    public Task StringFormat_ReportedWithoutFix() => VerifyCS.Code(Sources.OpenAI + $$"""
        class C
        {
            const string Manual = "{{Manual}}";
            ChatMessage System(string customer) => new SystemChatMessage({|QW0004:string.Format("Customer {0}, {1:d}. {2}", customer, DateTime.Now, Manual)|});
        }
        """).WithoutHelpers().NoFix().RunAsync();

    [Fact]
    public Task StringBuilder_ReportedWithoutFix() => VerifyCS.Code(Sources.OpenAI + $$"""
        class C
        {
            const string Manual = "{{Manual}}";
            ChatMessage System(string customer)
            {
                var prompt = new System.Text.StringBuilder();
                prompt.Append("Customer: ").Append(customer);
                prompt.AppendLine();
                prompt.Append(Manual);
                return new SystemChatMessage({|QW0004:prompt.ToString()|});
            }
        }
        """).WithoutHelpers().NoFix().RunAsync();

    [Theory]
    [InlineData("$\"You are helpful. The time is {DateTime.Now}.\"")]
    [InlineData("$\"{Manual}\\nCustomer: {name}\"")]
    [InlineData("Manual")]
    [InlineData("name + \" asks about refunds.\"")]
    [InlineData("$\"Customer: {name}. {Load()}\"")]
    [InlineData("$\"Today is {DateTime.Today:D}. {Manual}\"")]
    [InlineData("$\"Date: {DateOnly.FromDateTime(DateTime.UtcNow)}\\n{Manual}\"")]
    [InlineData("$\"Today is {DateTime.Now:yyyy-MM-dd}. {Manual}\"")]
    [InlineData("\"Today is \" + DateTime.UtcNow.ToShortDateString() + \". \" + Manual")]
    public Task StaticFirstShortOrUnknown_NoDiagnostic(string text) => VerifyCS.Code(Sources.OpenAI + $$"""
        class C
        {
            const string Manual = "{{Manual}}";
            static string Load() => Manual;
            ChatMessage System(string name) => new SystemChatMessage({{text}});
            ChatMessage User(string name) => new UserChatMessage($"Today is {DateTime.UtcNow}. {Manual}");
        }
        """).RunAsync();
}
