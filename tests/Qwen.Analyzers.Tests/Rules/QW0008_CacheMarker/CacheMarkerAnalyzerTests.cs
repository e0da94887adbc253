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
    public Task LoneTextPart_FixedWithTheHelper() => VerifyCS.Code(Usings + $$"""
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
        """).FixedTo(Usings + "using Qwen.Latency;\n" + $$"""
        class C
        {
            const string Manual = "{{Manual}}";
            ChatMessage System()
            {
                return QwenCache.SystemMessage(Manual);
            }
        }
        """).RunAsync();

    [Fact]
    public Task ShortBlock_AfterVaryingContent_AndFifthMarker_Reported() => VerifyCS.Code(Usings + $$"""
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
        """).Expect(VerifyCS.Diagnostic("QW0008").WithLocation(0).WithArguments("the marked text is about 2 tokens, under the 1024-token minimum of an explicit cache block"), VerifyCS.Diagnostic("QW0008").WithLocation(1).WithArguments("it follows a part whose content varies, so the cached prefix differs on every request"), VerifyCS.Diagnostic("QW0008").WithLocation(2).WithArguments("a request takes at most 4 markers; this is marker 5 in this method")).RunAsync();

    [Fact]
    public Task ExtensionsAIAndSemanticKernel_DroppedMarkers_Reported() => VerifyCS.Code("using Microsoft.Extensions.AI;\nusing Microsoft.SemanticKernel;\n" + """
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
        """).RunAsync();

    /// <summary>A marker set where the dictionary is made (an initializer) is dropped exactly like one set later.</summary>
    [Fact]
    public Task DroppedMarkers_InInitializers_Reported() => VerifyCS.Code("using System.Collections.Generic;\nusing Microsoft.Extensions.AI;\nusing Microsoft.SemanticKernel;\n" + """
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
        """).RunAsync();

    [Fact]
    public Task EffectiveMarkers_AndTheHelper_NoDiagnostic() => VerifyCS.Code(Usings + "using Qwen.Latency;\n" + $$"""
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
        """).RunAsync();

    private const string Compatible = "https://dashscope-intl.aliyuncs.com/compatible-mode/v1/chat/completions";

    [Fact]
    public Task HandBuiltAnonymousBody_ShortBlock_AfterVarying_Fifth_Reported() => VerifyCS.Code(Sources.Http + $$"""
        public sealed class SupportAnswers(HttpClient http)
        {
            private const string Manual = "{{Manual}}";
            private static readonly object Ephemeral = new { type = "ephemeral" };

            public Task<HttpResponseMessage> ShortRulesAsync(string question) => http.PostAsJsonAsync("{{Compatible}}", new
            {
                model = "qwen-plus",
                messages = new object[]
                {
                    new { role = "system", content = new object[] { new { type = "text", text = "Answer briefly.", {|#0:cache_control = new { type = "ephemeral" }|} } } },
                    new { role = "user", content = question },
                },
            });

            public Task<HttpResponseMessage> CustomerFirstAsync(string customer, string question) => http.PostAsJsonAsync("{{Compatible}}", new
            {
                model = "qwen-plus",
                messages = new object[]
                {
                    new { role = "system", content = new object[]
                    {
                        new { type = "text", text = $"You are helping {customer}." },
                        new { type = "text", text = Manual, {|#1:cache_control = Ephemeral|} },
                    } },
                    new { role = "user", content = question },
                },
            });

            public Task<HttpResponseMessage> FiveMarkersAsync(string question) => http.PostAsJsonAsync("{{Compatible}}", new
            {
                model = "qwen-plus",
                messages = new object[]
                {
                    new { role = "system", content = new object[]
                    {
                        new { type = "text", text = Manual, cache_control = Ephemeral },
                        new { type = "text", text = Manual, cache_control = Ephemeral },
                        new { type = "text", text = Manual, cache_control = Ephemeral },
                        new { type = "text", text = Manual, cache_control = Ephemeral },
                        new { type = "text", text = Manual, {|#2:cache_control = Ephemeral|} },
                    } },
                    new { role = "user", content = question },
                },
            });
        }
        """).Expect(VerifyCS.Diagnostic("QW0008").WithLocation(0).WithArguments("the marked text is about 3 tokens, under the 1024-token minimum of an explicit cache block"), VerifyCS.Diagnostic("QW0008").WithLocation(1).WithArguments("it follows content that varies ('$\"You are helping {customer}.\"'), so the cached prefix differs on every request"), VerifyCS.Diagnostic("QW0008").WithLocation(2).WithArguments("a request takes at most 4 markers; this is marker 5 of this body")).RunAsync();

    [Fact]
    public Task HandBuiltBody_MarkerWhereItTakesEffect_NotReported() => VerifyCS.Code(Sources.Http + $$"""
        public sealed class SupportAnswers(HttpClient http, string systemPrompt)
        {
            private const string Manual = "{{Manual}}";

            // The manual first, marked; the question after it varies, which is what a cache is for.
            public Task<HttpResponseMessage> AskAsync(string question) => http.PostAsJsonAsync("{{Compatible}}", new
            {
                model = "qwen-plus",
                messages = new object[]
                {
                    new { role = "system", content = new object[] { new { type = "text", text = Manual, cache_control = new { type = "ephemeral" } } } },
                    new { role = "user", content = question },
                },
            });

            // A system prompt from configuration: its length is not visible, so the marker is not judged on size.
            public Task<HttpResponseMessage> ConfiguredAsync(string question) => http.PostAsJsonAsync("{{Compatible}}", new
            {
                model = "qwen-plus",
                messages = new object[]
                {
                    new { role = "system", content = new object[] { new { type = "text", text = systemPrompt, cache_control = new { type = "ephemeral" } } } },
                    new { role = "user", content = question },
                },
            });

            // History from a list the code does not show: what precedes the marker is unknown.
            public Task<HttpResponseMessage> AfterHistoryAsync(List<object> history) => http.PostAsJsonAsync("{{Compatible}}", new
            {
                model = "qwen-plus",
                messages = new object[]
                {
                    history[0],
                    new { role = "system", content = new object[] { new { type = "text", text = Manual, cache_control = new { type = "ephemeral" } } } },
                },
            });
        }
        """).RunAsync();

    [Fact]
    public Task HandBuiltTypedDtoAndLiteral_ShortBlock_Reported() => VerifyCS.Code(Sources.Http + "using System.Text.Json.Serialization;\n" + $$$""""
        public sealed record CacheControl([property: JsonPropertyName("type")] string Type);
        public sealed class ContentPart
        {
            [JsonPropertyName("type")] public string Type { get; set; } = "text";
            [JsonPropertyName("text")] public string Text { get; set; } = "";
            [JsonPropertyName("cache_control")] public CacheControl? CacheControl { get; set; }
        }
        public sealed class Message
        {
            [JsonPropertyName("role")] public string Role { get; set; } = "user";
            [JsonPropertyName("content")] public List<ContentPart> Content { get; set; } = new();
        }
        public sealed class ChatRequest
        {
            [JsonPropertyName("model")] public string Model { get; set; } = "qwen-plus";
            [JsonPropertyName("messages")] public List<Message> Messages { get; set; } = new();
        }

        public sealed class Triage(HttpClient http)
        {
            public Task<HttpResponseMessage> TypedAsync() => http.PostAsJsonAsync("{{{Compatible}}}", new ChatRequest
            {
                Messages = new List<Message>
                {
                    new Message { Role = "system", Content = new List<ContentPart> { new ContentPart { Text = "Label the ticket.", {|#0:CacheControl = new CacheControl("ephemeral")|} } } },
                },
            });

            public Task<HttpResponseMessage> LiteralAsync() => http.PostAsync("{{{Compatible}}}", new StringContent({|#1:"""{"model": "qwen-plus", "messages": [{"role": "system", "content": [{"type": "text", "text": "Label the ticket.", "cache_control": {"type": "ephemeral"}}]}]}"""|}, Encoding.UTF8, "application/json"));
        }
        """").Expect(VerifyCS.Diagnostic("QW0008").WithLocation(0).WithArguments("the marked text is about 4 tokens, under the 1024-token minimum of an explicit cache block"), VerifyCS.Diagnostic("QW0008").WithLocation(1).WithArguments("the marked text is about 4 tokens, under the 1024-token minimum of an explicit cache block")).RunAsync();

    [Fact]
    public async Task HandBuiltNewtonsoftBody_NativeEndpoint_ShortBlockReported()
    {
        var source = Sources.Http + """
            using Newtonsoft.Json.Linq;
            public sealed class Drafts(HttpClient http)
            {
                public Task<HttpResponseMessage> DraftAsync(string question)
                {
                    var body = new JObject
                    {
                        ["model"] = "qwen-plus",
                        ["input"] = new JObject
                        {
                            ["messages"] = new JArray(
                                new JObject { ["role"] = "system", ["content"] = new JArray(new JObject { ["text"] = "Be kind.", ["cache_control"] = new JObject { ["type"] = "ephemeral" } }) },
                                new JObject { ["role"] = "user", ["content"] = question }),
                        },
                    };
                    return http.PostAsync("https://dashscope.aliyuncs.com/api/v1/services/aigc/text-generation/generation", new StringContent(body.ToString(), Encoding.UTF8, "application/json"));
                }
            }
            """;
        var found = (await Analysis.RunAsync(source, References.FrameworkClientsAndHelpers.AddRange(References.Newtonsoft))).Where(d => d.Id == "QW0008").ToList();
        var finding = Assert.Single(found);
        Assert.Contains("about 2 tokens", finding.GetMessage());
        Assert.Contains("[\"cache_control\"]", finding.Location.SourceTree!.ToString().Substring(finding.Location.SourceSpan.Start, finding.Location.SourceSpan.Length));
    }
}
