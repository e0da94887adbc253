using System.Threading.Tasks;

namespace Qwen.Analyzers.Tests;

/// <summary>
/// Template-method apps: a base class sends the request, its subclasses override the URL and build the body. The URL is
/// read from every override (the same endpoint, or unknown); the body from the one override there is.
/// </summary>
public class VirtualMembersTests
{
    private const string Base = """
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Text.Json;
        using System.Threading.Tasks;

        public abstract class DashScopeTaskBase(HttpClient http)
        {
            protected abstract string TaskUrl { get; }

            protected abstract object CreateRequest(string prompt);

            public async Task<string> SubmitAsync(string prompt)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, TaskUrl) { Content = JsonContent.Create(CreateRequest(prompt)) };
                request.Headers.Add("X-DashScope-Async", "enable");
                using var response = await http.SendAsync(request);
                using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                return json.RootElement.GetProperty("output").GetProperty("task_id").GetString()!;
            }
        }
        """;

    private const string Poster = """
        public sealed class PosterTask(HttpClient http) : DashScopeTaskBase(http)
        {
            protected override string TaskUrl => "https://dashscope.aliyuncs.com/api/v1/services/aigc/text2image/image-synthesis";

            protected override object CreateRequest(string prompt)
                => new { model = "wanx2.1-t2i-turbo", input = new { prompt }, parameters = new { size = "1024*1024", n = 1 } };
        }
        """;

    [Fact]
    public async Task The_one_subclass_gives_the_URL_and_the_body()
        => Assert.Equal("QW0005", Analysis.Ids(await Analysis.RunAsync(Base + Poster)));

    [Fact]
    public async Task Subclasses_on_the_same_endpoint_keep_the_URL_known_but_two_bodies_are_not_one()
    {
        const string Banner = """
            public sealed class BannerTask(HttpClient http) : DashScopeTaskBase(http)
            {
                protected override string TaskUrl => "https://dashscope-intl.aliyuncs.com/api/v1/services/aigc/text2image/image-synthesis";

                protected override object CreateRequest(string prompt)
                    => new { model = "wan2.2-t2i-flash", input = new { prompt }, parameters = new { prompt_extend = false } };
            }
            """;
        // Which body is sent depends on the subclass: unknown, so nothing is reported.
        Assert.Equal("", Analysis.Ids(await Analysis.RunAsync(Base + Poster + Banner)));
    }

    [Fact]
    public async Task Subclasses_on_different_hosts_leave_the_URL_unknown()
    {
        const string Elsewhere = """
            public sealed class ElsewhereTask(HttpClient http) : DashScopeTaskBase(http)
            {
                protected override string TaskUrl => "https://images.example.com/generate";

                protected override object CreateRequest(string prompt) => new { prompt };
            }
            """;
        Assert.Equal("", Analysis.Ids(await Analysis.RunAsync(Base + Poster + Elsewhere)));
    }
}
