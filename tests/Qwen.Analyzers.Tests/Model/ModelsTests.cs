using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Qwen.Analyzers.ApiModel;

namespace Qwen.Analyzers.Tests;

/// <summary>What model names tell the rules, and where they tell nothing.</summary>
public class ModelsTests
{
    [Theory]
    [InlineData("qwen3.5-plus", "On")]
    [InlineData("qwen3-235b-a22b", "On")]
    [InlineData("qwen-plus", "Off")]
    [InlineData("qwen3-235b-a22b-thinking-2507", "Always")]
    [InlineData("qwq-plus", "Always")]
    // Other vendors' models DashScope serves: not Qwen's switches, so nothing known.
    [InlineData("kimi-k2-thinking", "Unknown")]
    [InlineData("deepseek-r1", "Unknown")]
    [InlineData("deepseek-v3.1", "Unknown")]
    [InlineData("glm-4.5", "Unknown")]
    [InlineData(null, "Unknown")]
    public void ThinkingDefaults(string? model, string expected) => Assert.Equal(expected, Models.ThinkingOf(model).ToString());

    [Theory]
    [InlineData("wan2.2-t2i-flash", true)]
    [InlineData("wanx2.1-t2i-turbo", true)]
    [InlineData("wan2.6-t2v", true)]
    [InlineData("qwen-image-plus", true)]
    [InlineData("some-future-image-model", true)]
    [InlineData("wanx-v1", false)]
    [InlineData("wanx-style-repaint-v1", false)]
    [InlineData("wanx-background-generation-v2", false)]
    [InlineData("qwen-mt-image", false)]
    public void PromptExtend_ExistsButOnLegacyAndSingleToolModels(string model, bool expected) => Assert.Equal(expected, Models.HasPromptExtend(model));

    [Fact]
    public async Task A_deep_research_report_gets_no_cap_advice_beside_an_ordinary_call()
    {
        var diagnostics = await Analysis.RunAsync("""
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;

            public class ResearchService(HttpClient http)
            {
                private const string Url = "https://dashscope.aliyuncs.com/compatible-mode/v1/chat/completions";

                public Task<HttpResponseMessage> ReportAsync(string topic)
                    => http.PostAsJsonAsync(Url, new { model = "qwen-deep-research", stream = true, messages = new[] { new { role = "user", content = topic } } });

                public Task<HttpResponseMessage> SummaryAsync(string topic)
                    => http.PostAsJsonAsync(Url, new { model = "qwen-plus", stream = true, messages = new[] { new { role = "user", content = topic } } });
            }
            """);

        var caps = diagnostics.Where(d => d.Id == "QW0001").ToList();
        Assert.Single(caps);
        var method = caps[0].Location.SourceTree!.GetRoot().FindNode(caps[0].Location.SourceSpan).AncestorsAndSelf().OfType<MethodDeclarationSyntax>().First();
        Assert.Equal("SummaryAsync", method.Identifier.ValueText);
    }
}
