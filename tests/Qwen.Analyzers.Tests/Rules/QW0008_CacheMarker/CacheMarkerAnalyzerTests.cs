using System.Linq;
using System.Threading.Tasks;
using VerifyCS = Qwen.Analyzers.Tests.Verify<Qwen.Analyzers.Rules.CacheMarkerAnalyzer, Qwen.Analyzers.CodeFixes.CacheMarkerFixer>;

namespace Qwen.Analyzers.Tests.Rules;

public class CacheMarkerAnalyzerTests
{
    /// <summary>About 1,500 tokens of constant text: above the explicit cache's 1,024-token minimum.</summary>
    private static readonly string Manual = string.Join(" ", Enumerable.Range(0, 600).Select(i => "Clause " + i + "."));

    private const string Usings = "#pragma warning disable SCME0001\nusing System;\nusing OpenAI.Chat;\n";

    [Fact]
    public Task LoneTextPart_FixedWithTheHelper() => VerifyCS.FixAsync(
        Usings + $$"""
        class C
        {
            const string Manual = "{{Manual}}";
            ChatMessage System()
            {
                var part = ChatMessageContentPart.CreateTextPart(Manual);
                {|QW0008:part.Patch.Set("$.cache_control"u8, BinaryData.FromString("{\"type\":\"ephemeral\"}"))|};
                return new SystemChatMessage(part);
            }
        }
        """,
        Usings + "using Qwen.Latency;\n" + $$"""
        class C
        {
            const string Manual = "{{Manual}}";
            ChatMessage System()
            {
                return QwenCache.SystemMessage(Manual);
            }
        }
        """);

    [Fact]
    public Task ShortBlock_AfterVaryingContent_AndFifthMarker_Reported() => VerifyCS.AnalyzerAsync(Usings + $$"""
        class C
        {
            const string Manual = "{{Manual}}";
            static readonly BinaryData Ephemeral = BinaryData.FromString("{\"type\":\"ephemeral\"}");
            ChatMessage Short()
            {
                var rules = ChatMessageContentPart.CreateTextPart("Be brief.");
                {|#0:rules.Patch.Set("$.cache_control"u8, Ephemeral)|};
                return new SystemChatMessage(rules, ChatMessageContentPart.CreateTextPart(Manual));
            }

            ChatMessage AfterVarying(string customer)
            {
                var manual = ChatMessageContentPart.CreateTextPart(Manual);
                {|#1:manual.Patch.Set("$.cache_control"u8, Ephemeral)|};
                return new SystemChatMessage(ChatMessageContentPart.CreateTextPart("Customer: " + customer), manual);
            }

            ChatMessage Five()
            {
                var a = ChatMessageContentPart.CreateTextPart(Manual + "a"); a.Patch.Set("$.cache_control"u8, Ephemeral);
                var b = ChatMessageContentPart.CreateTextPart(Manual + "b"); b.Patch.Set("$.cache_control"u8, Ephemeral);
                var c = ChatMessageContentPart.CreateTextPart(Manual + "c"); c.Patch.Set("$.cache_control"u8, Ephemeral);
                var d = ChatMessageContentPart.CreateTextPart(Manual + "d"); d.Patch.Set("$.cache_control"u8, Ephemeral);
                var e = ChatMessageContentPart.CreateTextPart(Manual + "e"); {|#2:e.Patch.Set("$.cache_control"u8, Ephemeral)|};
                return new SystemChatMessage(a, b, c, d, e);
            }
        }
        """,
        VerifyCS.Diagnostic("QW0008").WithLocation(0).WithArguments("the marked text is about 2 tokens, under the 1024-token minimum of an explicit cache block"),
        VerifyCS.Diagnostic("QW0008").WithLocation(1).WithArguments("it follows a part whose content varies, so the cached prefix differs on every request"),
        VerifyCS.Diagnostic("QW0008").WithLocation(2).WithArguments("a request takes at most 4 markers; this is marker 5 in this method"));

    [Fact]
    public Task ExtensionsAIAndSemanticKernel_DroppedMarkers_Reported() => VerifyCS.AnalyzerAsync(
        "using Microsoft.Extensions.AI;\nusing Microsoft.SemanticKernel;\n" + """
        class C
        {
            void M(Microsoft.Extensions.AI.TextContent text, ChatOptions options, PromptExecutionSettings settings)
            {
                text.AdditionalProperties ??= new();
                {|QW0008:text.AdditionalProperties["cache_control"] = new { type = "ephemeral" }|};
                {|QW0008:options.AdditionalProperties!.Add("cache_control", "ephemeral")|};
                settings.ExtensionData ??= new System.Collections.Generic.Dictionary<string, object>();
                {|QW0008:settings.ExtensionData["cache_control"] = "ephemeral"|};
            }
        }
        """);

    /// <summary>A marker set where the dictionary is made (an initializer) is dropped exactly like one set later.</summary>
    [Fact]
    public Task DroppedMarkers_InInitializers_Reported() => VerifyCS.AnalyzerAsync(
        "using System.Collections.Generic;\nusing Microsoft.Extensions.AI;\nusing Microsoft.SemanticKernel;\n" + """
        class C
        {
            object[] M() => new object[]
            {
                new ChatOptions { MaxOutputTokens = 300, AdditionalProperties = new() { {|QW0008:["cache_control"] = new { type = "ephemeral" }|} } },
                new Microsoft.Extensions.AI.TextContent("rules") { AdditionalProperties = new AdditionalPropertiesDictionary { {|QW0008:{ "cache_control", "ephemeral" }|} } },
                new PromptExecutionSettings { ExtensionData = new Dictionary<string, object> { {|QW0008:["cache_control"] = "ephemeral"|}, ["max_tokens"] = 300 } },
                new Dictionary<string, object> { ["cache_control"] = "not a client's dictionary" },
            };
        }
        """);

    [Fact]
    public Task EffectiveMarkers_AndTheHelper_NoDiagnostic() => VerifyCS.AnalyzerAsync(Usings + "using Qwen.Latency;\n" + $$"""
        class C
        {
            const string Manual = "{{Manual}}";
            ChatMessage TwoParts(string customer)
            {
                var manual = ChatMessageContentPart.CreateTextPart(Manual);
                manual.Patch.Set("$.cache_control"u8, BinaryData.FromString("{\"type\":\"ephemeral\"}"));
                manual.Patch.Set("$.other"u8, 1);
                return new SystemChatMessage(manual, ChatMessageContentPart.CreateTextPart("Customer: " + customer));
            }

            ChatMessage Helper() => QwenCache.SystemMessage(Manual);
        }
        """);
}
