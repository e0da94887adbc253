using System.Threading.Tasks;
using VerifyCS = Qwen.Analyzers.Tests.Verify<Qwen.Analyzers.Rules.TaskPollingAnalyzer, Qwen.Analyzers.CodeFixes.TaskPollingFixer>;

namespace Qwen.Analyzers.Tests.Rules;

public class TaskPollingAnalyzerTests
{
    // One directive a line, as in real files: the fix adds `using Qwen.Latency;` among them.
    private const string Usings = "using System;\nusing System.Diagnostics;\nusing System.Net.Http;\nusing System.Net.Http.Json;\nusing System.Text.Json.Nodes;\nusing System.Threading;\nusing System.Threading.Tasks;\n";

    [Fact]
    public Task FixedDelay_NoDeadline_GetsTheSchedule_StillWithoutDeadline() => VerifyCS.Code(Usings + """
        class C
        {
            async Task<string> WaitForImage(HttpClient http, string taskId)
            {
                while (true)
                {
                    var json = await http.GetStringAsync($"https://dashscope-intl.aliyuncs.com/api/v1/tasks/{taskId}");
                    var status = JsonNode.Parse(json)!["output"]!["task_status"]!.GetValue<string>();
                    if (status == "SUCCEEDED")
                        return json;
                    if (status == "FAILED")
                        throw new InvalidOperationException(json);
                    await Task.Delay(2000);
                }
            }
        }
        """.Replace("while (true)", "{|QW0009:while|} (true)")).FixedTo(Usings.Replace("using System.Threading.Tasks;\n", "using System.Threading.Tasks;\nusing Qwen.Latency;\n") + """
        class C
        {
            async Task<string> WaitForImage(HttpClient http, string taskId)
            {
                var polling = new TaskPollingSchedule(new TaskPollingOptions { Timeout = Timeout.InfiniteTimeSpan });
                {|#0:while|} (true)
                {
                    var json = await http.GetStringAsync($"https://dashscope-intl.aliyuncs.com/api/v1/tasks/{taskId}");
                    var status = JsonNode.Parse(json)!["output"]!["task_status"]!.GetValue<string>();
                    if (status == "SUCCEEDED")
                        return json;
                    if (status == "FAILED")
                        throw new InvalidOperationException(json);
                    await polling.WaitAsync();
                }
            }
        }
        """)
        // The loop had no deadline and merging a fix unread must not add one: the rest of the finding stays.
        .Leaving(VerifyCS.Diagnostic("QW0009").WithLocation(0).WithArguments("with no deadline or cancellation", "")).RunAsync();

    [Theory]
    [InlineData("services/aigc/video-generation/video-synthesis", "wan2.2-t2v-plus", 10)]
    [InlineData("services/aigc/text2image/image-synthesis", "wan2.2-t2i-flash", 2)]
    public Task FixedDelay_NoDeadline_SecondActionAddsATaskSizedDeadline(string path, string model, int minutes) => VerifyCS.Code(Usings + $$"""
        class C
        {
            async Task<string> Render(HttpClient http, string prompt)
            {
                var submit = new HttpRequestMessage(HttpMethod.Post, "https://dashscope-intl.aliyuncs.com/api/v1/{{path}}")
                {
                    Content = JsonContent.Create(new { model = "{{model}}", input = new { prompt }, parameters = new { prompt_extend = false } }),
                };
                submit.Headers.Add("X-DashScope-Async", "enable");
                var created = await http.SendAsync(submit);
                var taskId = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["output"]!["task_id"]!.GetValue<string>();
                {|QW0009:while|} (true)
                {
                    var json = await http.GetStringAsync($"https://dashscope-intl.aliyuncs.com/api/v1/tasks/{taskId}");
                    if (json.Contains("SUCCEEDED"))
                        return json;
                    await Task.Delay(5000);
                }
            }
        }
        """).FixedTo(Usings.Replace("using System.Threading.Tasks;\n", "using System.Threading.Tasks;\nusing Qwen.Latency;\n") + $$"""
        class C
        {
            async Task<string> Render(HttpClient http, string prompt)
            {
                var submit = new HttpRequestMessage(HttpMethod.Post, "https://dashscope-intl.aliyuncs.com/api/v1/{{path}}")
                {
                    Content = JsonContent.Create(new { model = "{{model}}", input = new { prompt }, parameters = new { prompt_extend = false } }),
                };
                submit.Headers.Add("X-DashScope-Async", "enable");
                var created = await http.SendAsync(submit);
                var taskId = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["output"]!["task_id"]!.GetValue<string>();
                var polling = new TaskPollingSchedule(new TaskPollingOptions { Timeout = TimeSpan.FromMinutes({{minutes}}) });
                while (true)
                {
                    var json = await http.GetStringAsync($"https://dashscope-intl.aliyuncs.com/api/v1/tasks/{taskId}");
                    if (json.Contains("SUCCEEDED"))
                        return json;
                    await polling.WaitAsync();
                }
            }
        }
        """, action: "QW0009.Deadline").RunAsync();

    [Fact]
    public Task FixedDelay_WithCancellation_KeepsTokenAndConfigureAwait() => VerifyCS.Code(Usings + """
        class C
        {
            static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
            async Task Wait(HttpClient http, string id, CancellationToken ct)
            {
                string status;
                {|QW0009:do|}
                {
                    await Task.Delay(Interval, ct).ConfigureAwait(false);
                    using var response = await http.GetAsync("https://dashscope.aliyuncs.com/api/v1/tasks/" + id, ct);
                    status = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!["output"]!["task_status"]!.GetValue<string>();
                }
                while (status is "PENDING" or "RUNNING");
            }
        }
        """).FixedTo(Usings.Replace("using System.Threading.Tasks;\n", "using System.Threading.Tasks;\nusing Qwen.Latency;\n") + """
        class C
        {
            static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
            async Task Wait(HttpClient http, string id, CancellationToken ct)
            {
                string status;
                var polling = new TaskPollingSchedule(new TaskPollingOptions { Timeout = Timeout.InfiniteTimeSpan });
                do
                {
                    await polling.WaitAsync(ct).ConfigureAwait(false);
                    using var response = await http.GetAsync("https://dashscope.aliyuncs.com/api/v1/tasks/" + id, ct);
                    status = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!["output"]!["task_status"]!.GetValue<string>();
                }
                while (status is "PENDING" or "RUNNING");
            }
        }
        """).RunAsync();

    [Fact]
    public Task AttemptCap_ButFixedDelay_Reported() => VerifyCS.Code(Usings + """
        class C
        {
            async Task Wait(HttpClient http, string id)
            {
                {|#0:for|} (var attempt = 0; attempt < 40; attempt++)
                {
                    var json = await http.GetFromJsonAsync<JsonObject>($"https://dashscope.aliyuncs.com/api/v1/tasks/{id}");
                    if ((string?)json!["output"]!["task_status"] == "SUCCEEDED") return;
                    Thread.Sleep(3000);
                }
            }
        }
        """).Expect(VerifyCS.Diagnostic("QW0009").WithLocation(0).WithArguments("with a fixed delay", "")).RunAsync();

    [Fact]
    public Task Backoff_ButNoDeadline_Reported() => VerifyCS.Code(Usings + """
        class C
        {
            async Task Wait(HttpClient http, string id)
            {
                var delay = 1000;
                {|#0:while|} (true)
                {
                    var json = await http.GetStringAsync("https://dashscope.aliyuncs.com/api/v1/tasks/" + id);
                    if (json.Contains("SUCCEEDED")) break;
                    await Task.Delay(delay);
                    delay = Math.Min(delay * 2, 15000);
                }
            }
        }
        """).Expect(VerifyCS.Diagnostic("QW0009").WithLocation(0).WithArguments("with no deadline or cancellation", "").WithOptions(Microsoft.CodeAnalysis.Testing.DiagnosticOptions.IgnoreAdditionalLocations)).RunAsync();

    [Fact]
    public Task NoDelayAtAll_Reported_WithoutFix() => VerifyCS.Code(Usings + """
        class C
        {
            async Task Wait(HttpClient http, string id)
            {
                {|QW0009:while|} (!(await http.GetStringAsync("https://dashscope.aliyuncs.com/api/v1/tasks/" + id)).Contains("SUCCEEDED")) { }
            }
        }
        """).NoFix().RunAsync();

    [Fact]
    public Task WithoutQwenLatency_NoFixOffered() => VerifyCS.Code(Usings + """
        class C
        {
            async Task Wait(HttpClient http, string id)
            {
                {|QW0009:while|} (true)
                {
                    if ((await http.GetStringAsync("https://dashscope.aliyuncs.com/api/v1/tasks/" + id)).Contains("SUCCEEDED")) break;
                    await Task.Delay(3000);
                }
            }
        }
        """).WithoutHelpers().NoFix().RunAsync();

    [Theory]
    [InlineData("var watch = Stopwatch.StartNew(); var delay = TimeSpan.FromSeconds(3);", "watch.Elapsed < TimeSpan.FromMinutes(2)", "await Task.Delay(delay); delay *= 1.5;")]
    [InlineData("var delay = 3000;", "!ct.IsCancellationRequested", "await Task.Delay(delay, ct); delay = Math.Min(delay * 2, 15000);")]
    [InlineData("var deadline = DateTime.UtcNow.AddMinutes(2); var delay = 3000;", "DateTime.UtcNow < deadline", "await Task.Delay(delay + Random.Shared.Next(500)); delay *= 2;")]
    [InlineData("var attempt = 0;", "true", "if (++attempt > 30) throw new TimeoutException(); await Task.Delay(TimeSpan.FromSeconds(Math.Pow(1.5, attempt)));")]
    [InlineData("var polling = new Qwen.Latency.TaskPollingSchedule();", "true", "await polling.WaitAsync();")]
    public Task BackoffAndDeadline_NoDiagnostic(string setup, string condition, string wait) => VerifyCS.Code(Usings + $$"""
        class C
        {
            async Task Wait(HttpClient http, string id, CancellationToken ct)
            {
                {{setup}}
                while ({{condition}})
                {
                    var json = await http.GetStringAsync("https://dashscope.aliyuncs.com/api/v1/tasks/" + id);
                    if (json.Contains("SUCCEEDED")) return;
                    {{wait}}
                }
            }
        }
        """).RunAsync();

    [Fact]
    public Task OtherLoops_NoDiagnostic() => VerifyCS.Code(Usings + """
        class C
        {
            async Task M(HttpClient http, string[] ids)
            {
                while (true)
                {
                    var page = await http.GetStringAsync("https://api.example.com/v1/tasks/1");
                    if (page.Length > 0) break;
                    await Task.Delay(1000);
                }

                foreach (var id in ids)
                    await http.GetStringAsync("https://dashscope.aliyuncs.com/api/v1/tasks/" + id);
            }
        }
        """).RunAsync();
}
