using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Qwen.Testing;
using Xunit.Abstractions;

namespace Qwen.Analyzers.EndToEnd.Tests;

/// <summary>
/// A solution of three projects, as real apps are split (web API → application services → infrastructure holding a Qwen
/// call), through the tools users run: <c>dotnet build</c> over the solution (each referenced project an assembly) and
/// <c>dotnet format analyzers</c> over it (each referenced project a compilation, its source readable). The two see the
/// same warnings, the format run prints no analyzer exception, and its fixes leave a solution that builds clean.
/// </summary>
[Collection("packages")]
public class SolutionEndToEndTests(PackedPackages packages, ITestOutputHelper output)
{
    private const string Infrastructure = """
        using OpenAI.Chat;

        namespace Shop.Infrastructure;

        public static class Prompts
        {
            public static string Summary(string ticket) => "Summarize this ticket for the support agent:\n" + ticket;
            public static string Tags(string ticket) => "Give three tags for this ticket:\n" + ticket;
        }

        public sealed class Sentiment(OpenAI.OpenAIClient openAI)
        {
            private readonly ChatClient _chat = openAI.GetChatClient("qwen-flash");

            public async Task<string> LabelAsync(string review)
            {
                ChatCompletion completion = await _chat.CompleteChatAsync(new ChatMessage[]
                {
                    new SystemChatMessage("Reply with exactly one word: positive, negative or neutral."),
                    new UserChatMessage(review),
                });
                return completion.Content[0].Text;
            }
        }
        """;

    private const string Application = """
        using Shop.Infrastructure;

        namespace Shop.Application;

        public sealed class ReviewReport(Sentiment sentiment)
        {
            // Through the other project's service: the IDE and dotnet format see a loop of independent model calls (a
            // suggestion); the build sees an assembly's method and says nothing. Neither is a warning.
            public async Task<List<string>> LabelAllAsync(IEnumerable<string> reviews)
            {
                var labels = new List<string>();
                foreach (var review in reviews)
                    labels.Add(await sentiment.LabelAsync(review));
                return labels;
            }
        }
        """;

    private const string Api = """
        using System.ClientModel;
        using OpenAI;
        using OpenAI.Chat;
        using Shop.Application;
        using Shop.Infrastructure;

        var openAI = new OpenAIClient(new ApiKeyCredential("sk-test"),
            new OpenAIClientOptions { Endpoint = new Uri("https://dashscope-intl.aliyuncs.com/compatible-mode/v1") });
        var chat = openAI.GetChatClient("qwen-plus");
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddSingleton(openAI).AddSingleton(chat).AddSingleton<Desk>().AddSingleton<Sentiment>().AddSingleton<ReviewReport>();
        var app = builder.Build();
        app.MapPost("/digest", async (string ticket, Desk desk) =>
        {
            var summary = await desk.AskAsync(Prompts.Summary(ticket));
            var tags = await desk.AskAsync(Prompts.Tags(ticket));
            return summary + "\n" + tags;
        });
        app.MapPost("/labels", (string[] reviews, ReviewReport report) => report.LabelAllAsync(reviews));
        app.Run();

        sealed class Desk(ChatClient chat)
        {
            public async Task<string> AskAsync(string prompt)
            {
                ChatCompletion completion = await chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(prompt) }, new ChatCompletionOptions { MaxOutputTokenCount = 300 });
                return completion.Content[0].Text;
            }
        }
        """;

    [Fact]
    public async Task ThreeProjects_BuildAndFormatAgree_FixesApply_NoAnalyzerException()
    {
        var root = DotnetCli.NewTempDirectory("shop");
        packages.WriteNuGetConfig(root);
        // One package reference for the whole solution, as teams do: the helper package brings the analyzers.
        File.WriteAllText(Path.Combine(root, "Directory.Build.props"), $"""
            <Project>
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <NoWarn>$(NoWarn);NU1603</NoWarn>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="OpenAI" Version="2.15.0" />
                <PackageReference Include="Qwen.Latency.OpenAI" Version="{packages.Version}" />
              </ItemGroup>
            </Project>
            """);
        Project(root, "Shop.Infrastructure", "Microsoft.NET.Sdk", Infrastructure);
        Project(root, "Shop.Application", "Microsoft.NET.Sdk", Application, "Shop.Infrastructure");
        Project(root, "Shop.Api", "Microsoft.NET.Sdk.Web", Api, "Shop.Application");
        await Step(root, "new", "sln", "-n", "Shop");
        var solution = Directory.GetFiles(root, "Shop.sln*").Single();
        await Step(root, "sln", solution, "add", "Shop.Infrastructure", "Shop.Application", "Shop.Api");

        // The build: QW0001 on the label call (the other projects' calls are capped); QW0002 on Desk's call, which the
        // handler waits for; QW0003 on the handler's second call (the prompt helper is the other project's, a library
        // static to this one). The loop through the other project's service is no warning.
        var build = await Step(root, "build", solution, "-c", "Release");
        var warnings = Regex.Matches(build, @"(\w+\.cs)\(\d+,\d+\): warning (QW\d{4})").Select(m => m.Groups[1].Value + " " + m.Groups[2].Value).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { "Infrastructure.cs QW0001", "Program.cs QW0002", "Program.cs QW0003" }, warnings);
        Assert.DoesNotContain("AD0001", build);

        // dotnet format over the solution: every project reads the projects it references as compilations.
        var first = await Step(root, "format", "analyzers", solution, "--severity", "warn", "--no-restore", "-v", "diag");
        var second = await Step(root, "format", "analyzers", solution, "--severity", "warn", "--no-restore", "-v", "diag");
        foreach (var run in new[] { first, second })
        {
            Assert.DoesNotContain("AD0001", run);
            Assert.DoesNotContain("threw an exception", run, StringComparison.OrdinalIgnoreCase);
        }

        var program = PackageEndToEndTests.Code(File.ReadAllText(Path.Combine(root, "Shop.Api", "Program.cs")));
        var infrastructure = File.ReadAllText(Path.Combine(root, "Shop.Infrastructure", "Infrastructure.cs"));
        var application = File.ReadAllText(Path.Combine(root, "Shop.Application", "Application.cs"));
        output.WriteLine(program);
        output.WriteLine(infrastructure);
        Assert.Contains("await Task.WhenAll(", program);                       // QW0003, which format used to lose
        Assert.Contains("OpenAIStreaming.CollectAsync(() => chat.CompleteChatStreamingAsync(", program);   // QW0002, the client built in view
        Assert.Contains("MaxOutputTokenCount = 32", infrastructure);          // QW0001: a one-word label
        Assert.Equal(Application, application);                               // a suggestion: not applied at --severity warn

        var clean = await Step(root, "build", solution, "-c", "Release", "--no-restore", "--no-incremental", "-warnaserror");
        Assert.DoesNotContain("warning QW", clean);
        await Step(root, "format", "analyzers", solution, "--severity", "warn", "--verify-no-changes", "--no-restore");
    }

    private static void Project(string root, string name, string sdk, string source, string? reference = null)
    {
        var directory = Path.Combine(root, name);
        Directory.CreateDirectory(directory);
        var projectReference = reference is null ? "" : $"""<ItemGroup><ProjectReference Include="../{reference}/{reference}.csproj" /></ItemGroup>""";
        File.WriteAllText(Path.Combine(directory, name + ".csproj"), $"""<Project Sdk="{sdk}">{projectReference}</Project>""");
        File.WriteAllText(Path.Combine(directory, (name == "Shop.Api" ? "Program" : name.Split('.')[1]) + ".cs"), source);
    }

    private async Task<string> Step(string directory, params string[] arguments)
    {
        var (exitCode, text) = await DotnetCli.RunAsync(directory, arguments);
        output.WriteLine(text.Length > 20000 ? text[..2000] + "\n…\n" + text[^8000..] : text);
        Assert.True(exitCode == 0, text[^Math.Min(text.Length, 8000)..]);
        return text;
    }
}
