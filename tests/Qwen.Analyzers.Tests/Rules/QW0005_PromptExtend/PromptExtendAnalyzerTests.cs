using System.Threading.Tasks;
using VerifyCS = Qwen.Analyzers.Tests.Verify<Qwen.Analyzers.Rules.PromptExtendAnalyzer, Qwen.Analyzers.CodeFixes.PromptExtendFixer>;

namespace Qwen.Analyzers.Tests.Rules;

public class PromptExtendAnalyzerTests
{
    private const string ImageUrl = "https://dashscope-intl.aliyuncs.com/api/v1/services/aigc/text2image/image-synthesis";

    [Fact]
    public Task AnonymousObject_WithoutParameters_CreatesThem() => VerifyCS.Code(Sources.Http + """
        class C
        {
            Task<HttpResponseMessage> Draw(HttpClient http, string prompt)
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "https://dashscope-intl.aliyuncs.com/api/v1/services/aigc/text2image/image-synthesis")
                {
                    Content = JsonContent.Create(new { model = "wan2.2-t2i-flash", input = new { prompt } }),
                };
                request.Headers.Add("X-DashScope-Async", "enable");
                return http.{|QW0005:SendAsync|}(request);
            }
        }
        """).FixedTo(Sources.Http + """
        class C
        {
            Task<HttpResponseMessage> Draw(HttpClient http, string prompt)
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "https://dashscope-intl.aliyuncs.com/api/v1/services/aigc/text2image/image-synthesis")
                {
                    Content = JsonContent.Create(new { model = "wan2.2-t2i-flash", input = new { prompt }, parameters = new { prompt_extend = false } }),
                };
                request.Headers.Add("X-DashScope-Async", "enable");
                return http.SendAsync(request);
            }
        }
        """).RunAsync();

    [Fact]
    public Task AnonymousObject_ParametersWithoutPromptExtend_AndTrue() => VerifyCS.Code(Sources.Http + $$"""
        class C
        {
            const string Url = "{{ImageUrl}}";
            async Task Draw(HttpClient http, string prompt)
            {
                await http.{|QW0005:PostAsJsonAsync|}(Url, new { model = "qwen-image-plus", input = new { prompt }, parameters = new { size = "1328*1328", n = 1 } });
                await http.{|QW0005:PostAsJsonAsync|}(Url, new { model = "wanx2.1-t2i-turbo", input = new { prompt }, parameters = new { prompt_extend = true } });
            }
        }
        """).FixedTo(Sources.Http + $$"""
        class C
        {
            const string Url = "{{ImageUrl}}";
            async Task Draw(HttpClient http, string prompt)
            {
                await http.PostAsJsonAsync(Url, new { model = "qwen-image-plus", input = new { prompt }, parameters = new { size = "1328*1328", n = 1, prompt_extend = false } });
                await http.PostAsJsonAsync(Url, new { model = "wanx2.1-t2i-turbo", input = new { prompt }, parameters = new { prompt_extend = false } });
            }
        }
        """).RunAsync();

    [Fact]
    public Task Video_JsonObjectAndDictionary() => VerifyCS.Code(Sources.Http + """
        class C
        {
            const string Video = "https://dashscope.aliyuncs.com/api/v1/services/aigc/video-generation/video-synthesis";
            async Task Film(HttpClient http, string prompt)
            {
                var body = new JsonObject { ["model"] = "wan2.6-t2v", ["input"] = new JsonObject { ["prompt"] = prompt }, ["parameters"] = new JsonObject { ["duration"] = 5, ["prompt_extend"] = true } };
                await http.{|QW0005:PostAsync|}(Video, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
                var dict = new Dictionary<string, object> { ["model"] = "wan2.2-kf2v-flash", ["input"] = new { prompt } };
                await http.{|QW0005:PostAsJsonAsync|}(Video, dict);
            }
        }
        """).FixedTo(Sources.Http + """
        class C
        {
            const string Video = "https://dashscope.aliyuncs.com/api/v1/services/aigc/video-generation/video-synthesis";
            async Task Film(HttpClient http, string prompt)
            {
                var body = new JsonObject { ["model"] = "wan2.6-t2v", ["input"] = new JsonObject { ["prompt"] = prompt }, ["parameters"] = new JsonObject { ["duration"] = 5, ["prompt_extend"] = false } };
                await http.PostAsync(Video, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
                var dict = new Dictionary<string, object> { ["model"] = "wan2.2-kf2v-flash", ["input"] = new { prompt }, ["parameters"] = new Dictionary<string, object> { ["prompt_extend"] = false } };
                await http.PostAsJsonAsync(Video, dict);
            }
        }
        """).RunAsync();

    [Fact]
    public Task StringLiterals_RegularAndRaw() => VerifyCS.Code(Sources.Http + """"
        class C
        {
            const string Url = "https://dashscope.aliyuncs.com/api/v1/services/aigc/image-generation/generation";
            async Task Draw(HttpClient http)
            {
                await http.{|QW0005:PostAsync|}(Url, new StringContent("{\"model\":\"wan2.6-t2i\",\"input\":{\"messages\":[]},\"parameters\":{\"prompt_extend\": true, \"n\": 1}}"));
                await http.{|QW0005:PostAsync|}(Url, new StringContent("""
                    {"model": "wan2.6-t2i", "input": {"messages": []}, "parameters": {"n": 1}}
                    """));
                await http.{|QW0005:PostAsync|}(Url, new StringContent("""{"model": "wan2.6-t2i", "input": {"messages": []}}"""));
            }
        }
        """").FixedTo(Sources.Http + """"
        class C
        {
            const string Url = "https://dashscope.aliyuncs.com/api/v1/services/aigc/image-generation/generation";
            async Task Draw(HttpClient http)
            {
                await http.PostAsync(Url, new StringContent("{\"model\":\"wan2.6-t2i\",\"input\":{\"messages\":[]},\"parameters\":{\"prompt_extend\": false, \"n\": 1}}"));
                await http.PostAsync(Url, new StringContent("""
                    {"model": "wan2.6-t2i", "input": {"messages": []}, "parameters": {"prompt_extend": false, "n": 1}}
                    """));
                await http.PostAsync(Url, new StringContent("""{"parameters": {"prompt_extend": false}, "model": "wan2.6-t2i", "input": {"messages": []}}"""));
            }
        }
        """").RunAsync();

    [Fact]
    public Task MultimodalEndpoint_ImageModelReported_ChatModelNot() => VerifyCS.Code(Sources.Http + """
        class C
        {
            const string Url = "https://dashscope.aliyuncs.com/api/v1/services/aigc/multimodal-generation/generation";
            async Task M(HttpClient http)
            {
                await http.{|QW0005:PostAsJsonAsync|}(Url, new { model = "qwen-image-max", input = new { messages = new object[0] } });
                await http.PostAsJsonAsync(Url, new { model = "qwen3-vl-plus", input = new { messages = new object[0] }, parameters = new { max_tokens = 10 } });
            }
        }
        """).RunAsync();

    [Theory]
    [InlineData("new { model = \"wan2.2-t2i-flash\", input = new { prompt = \"p\" }, parameters = new { prompt_extend = false } }")]
    [InlineData("new { model = \"wan2.6-t2v\", input = new { prompt = \"p\" }, parameters = new { shot_type = \"multi\", prompt_extend = true } }")]
    [InlineData("new { model = \"wan2.6-t2v\", input = new { prompt = \"p\" }, parameters = new { prompt_extend = flag } }")]
    [InlineData("new { model = \"wan2.6-t2v\", input = new { prompt = \"p\" }, parameters = p }")]
    [InlineData("body")]
    public Task Image_OffUnknownOrMultiShot_NoDiagnostic(string value) => VerifyCS.Code(Sources.Http + $$"""
        class C
        {
            Task<HttpResponseMessage> M(HttpClient http, bool flag, object p, object body, string model)
                => http.PostAsJsonAsync("https://dashscope.aliyuncs.com/api/v1/services/aigc/video-generation/video-synthesis", {{value}});
        }
        """).RunAsync();

    /// <summary>Legacy and single-purpose image models take no prompt_extend: nothing to turn off, as public apps send them.</summary>
    [Theory]
    [InlineData("api/v1/services/aigc/text2image/image-synthesis", "wanx-v1", "new { style = \"<auto>\", size = \"1024*1024\", n = 1 }")]
    [InlineData("api/v1/services/aigc/image-generation/generation", "wanx-style-repaint-v1", "new { style_index = 3 }")]
    [InlineData("api/v1/services/aigc/image2image/image-synthesis", "qwen-mt-image", "new { source_lang = \"zh\", target_lang = \"en\" }")]
    public Task ModelsWithoutPromptExtend_NoDiagnostic(string path, string model, string parameters) => VerifyCS.Code(Sources.Http + $$"""
        class PosterService(HttpClient http)
        {
            public async Task<string> SubmitAsync(string prompt)
            {
                var request = new { model = "{{model}}", input = new { prompt, image_url = "https://example.com/a.png" }, parameters = {{parameters}} };
                using var response = await http.PostAsJsonAsync("https://dashscope.aliyuncs.com/{{path}}", request);
                return await response.Content.ReadAsStringAsync();
            }
        }
        """).RunAsync();

    /// <summary>Every model on the image and video endpoints is a media model: the endpoint says so, whatever the model's value.</summary>
    [Theory]
    [InlineData("api/v1/services/aigc/video-generation/video-synthesis", "video")]
    [InlineData("api/v1/services/aigc/image-generation/generation", "image")]
    [InlineData("api/v1/services/aigc/text2image/image-synthesis", "image")]
    public Task MediaEndpoint_ModelFromConfiguration_Reported(string path, string media) => VerifyCS.Code(Sources.Http + $$"""
        class C(string model)
        {
            Task<HttpResponseMessage> M(HttpClient http, string prompt)
                => http.{|#0:PostAsJsonAsync|}("https://dashscope.aliyuncs.com/{{path}}", new { model, input = new { prompt }, parameters = {|#1:new { n = 1 }|} });
        }
        """).Expect(VerifyCS.Diagnostic("QW0005").WithLocation(0).WithLocation(1).WithArguments(media, "omits prompt_extend, which defaults to on")).RunAsync();

    [Fact]
    public Task MultimodalEndpoint_ModelNotKnown_NoDiagnostic() => VerifyCS.Code(Sources.Http + """
        class C(string model)
        {
            Task<HttpResponseMessage> M(HttpClient http, string prompt)
                => http.PostAsJsonAsync("https://dashscope.aliyuncs.com/api/v1/services/aigc/multimodal-generation/generation", new { model, input = new { messages = new object[0] } });
        }
        """).RunAsync();

    [Fact]
    public Task OtherHosts_AndChatEndpoints_NoDiagnostic() => VerifyCS.Code(Sources.Http + """
        class C
        {
            async Task M(HttpClient http)
            {
                await http.PostAsJsonAsync("https://images.example.com/generate", new { model = "wan2.2-t2i-flash", input = new { prompt = "p" } });
                await http.PostAsJsonAsync("https://dashscope.aliyuncs.com/compatible-mode/v1/chat/completions", new { model = "qwen-plus", max_tokens = 5 });
            }
        }
        """).RunAsync();
}
