using System;
using System.Threading;
using System.Threading.Tasks;
using Xunit.Abstractions;

namespace Qwen.Analyzers.Equivalence.Tests;

/// <summary>
/// QW0002's forwarding fix in a Blazor component, as <c>dotnet format</c> applies it with
/// <c>qwen_analyzers.streaming_fix = forward</c>, rendered by ASP.NET Core's own component renderer (<c>HtmlRenderer</c>)
/// in front of the simulator: what the page renders while the answer comes, and the answer it ends with.
/// </summary>
public class ForwardToThePageTests(SimulatorFixture fixture, ITestOutputHelper output) : IClassFixture<SimulatorFixture>
{
    /// <summary>A page that asks and shows the answer, written the slow way.</summary>
    private const string Page = """
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Components;
        using Microsoft.Extensions.AI;

        public partial class AskPage : ComponentBase
        {
            [Inject] public IChatClient Chat { get; set; } = null!;

            protected string Question { get; set; } = "Where is my parcel?";

            protected string Answer { get; set; } = "";

            protected async Task AskAsync()
            {
                Answer = (await Chat.GetResponseAsync(Question, new ChatOptions { MaxOutputTokens = 120 })).Text;
            }
        }
        """;

    /// <summary>The renderer and a probe page that notes what each render shows: not part of what the fix rewrites.</summary>
    private const string Host = """
        using System;
        using System.ClientModel;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Components.Rendering;
        using Microsoft.AspNetCore.Components.Web;
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Logging;
        using OpenAI;
        using OpenAI.Chat;
        ---
        public sealed class ProbePage : AskPage
        {
            // Each run compiles its own copy of the case, so one static per run.
            public static ProbePage? Current;
            public readonly List<string> Rendered = new();

            protected override void OnInitialized() => Current = this;

            protected override void BuildRenderTree(RenderTreeBuilder builder) => Rendered.Add(Answer);

            public Task AskFromTestAsync() => AskAsync();

            public string Shown => Answer;
        }

        public static class Case
        {
            private static async Task<object?> RunPageAsync(Uri baseAddress, string apiKey, CancellationToken cancellationToken, bool giveUpAfterThreeSeconds)
            {
                var services = new ServiceCollection();
                services.AddLogging();
                services.AddSingleton<IChatClient>(new ChatClient("qwen-plus", new ApiKeyCredential(apiKey), new OpenAIClientOptions { Endpoint = new Uri(baseAddress, "compatible-mode/v1") }).AsIChatClient());
                await using var provider = services.BuildServiceProvider();
                await using var renderer = new HtmlRenderer(provider, provider.GetRequiredService<ILoggerFactory>());
                ProbePage? page = null;
                await renderer.Dispatcher.InvokeAsync(async () =>
                {
                    await renderer.RenderComponentAsync<ProbePage>();
                    page = ProbePage.Current;
                });
                // The button's click: the method runs on the renderer's dispatcher, as an event handler does.
                var ask = renderer.Dispatcher.InvokeAsync(() => page!.AskFromTestAsync());
                if (giveUpAfterThreeSeconds)
                {
                    await Task.WhenAny(ask, Task.Delay(TimeSpan.FromSeconds(3), cancellationToken));
                    // What the page had rendered when the person gave up on an answer that never ends.
                    return await renderer.Dispatcher.InvokeAsync(() => page!.Rendered.Max(text => text.Length));
                }

                await ask;
                return await renderer.Dispatcher.InvokeAsync(() => page!.Shown);
            }

            /// <summary>The answer the page ends with.</summary>
            public static Task<object?> RunAsync(Uri baseAddress, string apiKey, CancellationToken cancellationToken)
                => RunPageAsync(baseAddress, apiKey, cancellationToken, giveUpAfterThreeSeconds: false);

            /// <summary>The most characters of the answer any render showed before the person gave up.</summary>
            public static Task<object?> ShownBeforeTheEndAsync(Uri baseAddress, string apiKey, CancellationToken cancellationToken)
                => RunPageAsync(baseAddress, apiKey, cancellationToken, giveUpAfterThreeSeconds: true);
        }
        """;

    [Fact]
    public async Task Forward_ThePageRendersThePiecesWhileTheServiceAnswers_AndEndsWithTheSameAnswer()
    {
        var (forwarded, rules) = await BulkFix.ApplyAsync(Page, editorConfig: "qwen_analyzers.streaming_fix = forward\n");
        output.WriteLine(forwarded);
        Assert.Contains("QW0002", rules);
        Assert.Contains("StateHasChanged();", forwarded);

        var written = await HostedCase.RunAsync(fixture.Sim, Host, Page, "page as written", "RunAsync", fault: null);
        var after = await HostedCase.RunAsync(fixture.Sim, Host, forwarded, "page forward", "RunAsync", fault: null);
        output.WriteLine($"as written: {written}\nforward: {after}");
        Assert.Equal(written, after);
        Assert.True(written!.Length > 20, written);

        var stalledWritten = await HostedCase.RunAsync(fixture.Sim, Host, Page, "page as written, stalled", "ShownBeforeTheEndAsync", "stall");
        var stalledForward = await HostedCase.RunAsync(fixture.Sim, Host, forwarded, "page forward, stalled", "ShownBeforeTheEndAsync", "stall");
        output.WriteLine($"characters rendered before the end — as written: {stalledWritten}, forward: {stalledForward}");
        Assert.Equal("0", stalledWritten);
        Assert.True(int.Parse(stalledForward!) > 0, $"forwarded, the page rendered nothing before the end: {stalledForward}");
    }
}
