using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Qwen.Analyzers.Options;
using Qwen.Analyzers.Rules;
using VerifyCS = Qwen.Analyzers.Tests.Verify<Qwen.Analyzers.Rules.MissingMaxTokensAnalyzer, Qwen.Analyzers.CodeFixes.MissingMaxTokensFixer>;

namespace Qwen.Analyzers.Tests;

/// <summary>Every option is documented where a user looks for it, and test projects are left alone unless asked.</summary>
public class ConfigurationTests
{
    [Fact]
    public void EveryOption_IsInConfigurationMd_AndOnTheRulePagesItConfigures()
    {
        var docs = Path.Combine(AnalyzerCatalog.RepositoryRoot, "docs");
        var configuration = File.ReadAllText(Path.Combine(docs, "configuration.md"));
        var allRules = AnalyzerCatalog.All.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct().ToArray();
        foreach (var option in QwenOptions.All)
        {
            Assert.Contains("`" + option.Key + "`", configuration);
            var rules = option.Rules == "all" ? allRules : option.Rules.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            foreach (var rule in rules)
                Assert.True(File.ReadAllText(Path.Combine(docs, "rules", rule + ".md")).Contains(option.Key, StringComparison.Ordinal), $"{rule}.md does not mention {option.Key}");
        }
    }

    private const string Service = """
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Xunit;

        public class SummaryTests
        {
            [Fact]
            public async Task Summarizes()
            {
                IChatClient chat = new FakeChatClient();
                var response = await chat.{|#0:GetResponseAsync|}("Summarize: the printer is on fire.");
                Assert.NotEmpty(response.Text);
            }
        }

        public sealed class FakeChatClient : IChatClient
        {
            public Task<ChatResponse> GetResponseAsync(System.Collections.Generic.IEnumerable<ChatMessage> messages, ChatOptions? options = null, System.Threading.CancellationToken cancellationToken = default)
                => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "It is on fire.")));
            public System.Collections.Generic.IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(System.Collections.Generic.IEnumerable<ChatMessage> messages, ChatOptions? options = null, System.Threading.CancellationToken cancellationToken = default)
                => throw new System.NotSupportedException();
            public object? GetService(System.Type serviceType, object? serviceKey = null) => null;
            public void Dispose() { }
        }
        """;

    [Fact]
    public async Task TestProject_NoFindings()
    {
        var test = new Verify<MissingMaxTokensAnalyzer, Qwen.Analyzers.CodeFixes.MissingMaxTokensFixer>.Test { TestCode = Service.Replace("{|#0:GetResponseAsync|}", "GetResponseAsync") };
        test.TestState.AdditionalReferences.AddRange(References.Xunit);
        await test.RunAsync();
    }

    [Fact]
    public async Task TestProject_AnalyzedWhenAsked()
    {
        var test = new Verify<MissingMaxTokensAnalyzer, Qwen.Analyzers.CodeFixes.MissingMaxTokensFixer>.Test { TestCode = Service };
        test.TestState.AdditionalReferences.AddRange(References.Xunit);
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*]\nqwen_analyzers.analyze_test_code = true\n"));
        test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic("QW0001").WithLocation(0).WithArguments("IChatClient.GetResponseAsync"));
        await test.RunAsync();
    }
}
