using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using VerifyCS = Qwen.Analyzers.Tests.Verify<Qwen.Analyzers.Rules.MediaInlineAnalyzer>;

namespace Qwen.Analyzers.Tests.Rules;

/// <summary>QW0015, written the way apps attach a photo or a recording to a Qwen request; a suggestion, no fix.</summary>
public class MediaInlineAnalyzerTests
{
    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Suggestion(int location, string what)
        => Verify<Qwen.Analyzers.Rules.MediaInlineAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>.Diagnostic("QW0015").WithLocation(location).WithSeverity(DiagnosticSeverity.Info).WithArguments(what);

    /// <summary>A desktop app attaches the photo the person picked: the OpenAI SDK's bytes overload.</summary>
    [Fact]
    public Task OpenAI_ImagePartFromFileBytes_Suggested() => VerifyCS.Code("using System;\nusing System.IO;\nusing System.Threading.Tasks;\nusing OpenAI.Chat;\n" + """
        public sealed class PhotoQuestions(ChatClient chat)
        {
            public async Task<string> AskAboutPhotoAsync(string path, string question)
            {
                var photo = {|#0:ChatMessageContentPart.CreateImagePart(BinaryData.FromBytes(await File.ReadAllBytesAsync(path)), "image/jpeg")|};
                ChatCompletion completion = await chat.CompleteChatAsync(new UserChatMessage(photo, ChatMessageContentPart.CreateTextPart(question)));
                return completion.Content[0].Text;
            }
        }
        """).Expect(Suggestion(0, "ChatMessageContentPart.CreateImagePart(BinaryData, …)")).RunAsync();

    /// <summary>An upload handler: Microsoft.Extensions.AI's DataContent from the uploaded bytes.</summary>
    [Fact]
    public Task ExtensionsAI_DataContentFromUpload_Suggested() => VerifyCS.Code("using System.IO;\nusing System.Threading.Tasks;\nusing Microsoft.Extensions.AI;\n" + """
        public sealed class ReceiptReader(IChatClient chat)
        {
            public async Task<string> ReadAsync(Stream upload)
            {
                using var buffer = new MemoryStream();
                await upload.CopyToAsync(buffer);
                var message = new ChatMessage(ChatRole.User, [new TextContent("What is the total?"), {|#0:new DataContent(buffer.ToArray(), "image/png")|}]);
                var response = await chat.GetResponseAsync([message], new ChatOptions { ModelId = "qwen-vl-plus", MaxOutputTokens = 100 });
                return response.Text;
            }
        }
        """).Expect(Suggestion(0, "new DataContent(bytes, …)")).RunAsync();

    /// <summary>A hand-built request to the compatible endpoint: the data URI in image_url.url.</summary>
    [Fact]
    public Task HandBuilt_DataUriInImageUrl_Suggested() => VerifyCS.Code(Sources.Http + "using System.IO;\n" + """
        public sealed class VisionClient(HttpClient http)
        {
            public async Task<string> DescribeAsync(string path)
            {
                var bytes = await File.ReadAllBytesAsync(path);
                var body = new
                {
                    model = "qwen-vl-max",
                    max_tokens = 200,
                    messages = new[] { new { role = "user", content = new object[] { new { type = "image_url", image_url = new { url = {|#0:$"data:image/jpeg;base64,{Convert.ToBase64String(bytes)}"|} } }, new { type = "text", text = "Describe it." } } } },
                };
                using var response = await http.PostAsJsonAsync("https://dashscope.aliyuncs.com/compatible-mode/v1/chat/completions", body);
                return await response.Content.ReadAsStringAsync();
            }
        }
        """).Expect(Suggestion(0, "a base64 data URI")).RunAsync();

    /// <summary>The native multimodal endpoint, the body a JsonObject, the data URI concatenated into its "audio" member.</summary>
    [Fact]
    public Task HandBuilt_ConcatenatedAudioDataUri_Suggested() => VerifyCS.Code(Sources.Http + "using System.IO;\n" + """
        public sealed class Transcriber(HttpClient http)
        {
            public async Task<string> TranscribeAsync(byte[] wav)
            {
                var audio = new JsonObject { ["audio"] = {|#0:"data:audio/wav;base64," + Convert.ToBase64String(wav)|} };
                var body = new JsonObject
                {
                    ["model"] = "qwen3-asr-flash",
                    ["input"] = new JsonObject { ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = new JsonArray(audio) }) },
                };
                using var response = await http.PostAsync("https://dashscope.aliyuncs.com/api/v1/services/aigc/multimodal-generation/generation", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
                return await response.Content.ReadAsStringAsync();
            }
        }
        """).Expect(Suggestion(0, "a base64 data URI")).RunAsync();

    /// <summary>Media by URL; a data URI built for a page or a log; bytes in a method that calls no Qwen API; a PDF: nothing to say.</summary>
    [Fact]
    public Task UrlsPagesLogsAndOtherMethods_NoDiagnostic() => VerifyCS.Code("using System;\nusing System.IO;\nusing System.Threading.Tasks;\nusing Microsoft.Extensions.AI;\nusing OpenAI.Chat;\n" + """
        public sealed class Media(ChatClient chat, IChatClient meai)
        {
            public async Task<string> ByUrlAsync(Uri photo)
            {
                var html = $"<img src=\"data:image/png;base64,{Convert.ToBase64String(File.ReadAllBytes("logo.png"))}\" />";
                Console.WriteLine(html);
                ChatCompletion completion = await chat.CompleteChatAsync(new UserChatMessage(ChatMessageContentPart.CreateImagePart(photo), ChatMessageContentPart.CreateTextPart("What is this?")));
                return completion.Content[0].Text;
            }

            public string Thumbnail(byte[] bytes) => $"data:image/png;base64,{Convert.ToBase64String(bytes)}";

            public ChatMessageContentPart Part(byte[] bytes) => ChatMessageContentPart.CreateImagePart(BinaryData.FromBytes(bytes), "image/png");

            public async Task<string> ContractAsync(byte[] pdf)
                => (await meai.GetResponseAsync([new Microsoft.Extensions.AI.ChatMessage(ChatRole.User, [new DataContent(pdf, "application/pdf")])])).Text;
        }
        """).RunAsync();
}
