using System;
using System.IO;
using System.Text.RegularExpressions;
using System.Linq;
using System.Threading.Tasks;
using Qwen.Testing;
using Xunit.Abstractions;

namespace Qwen.Analyzers.EndToEnd.Tests;

[Collection("packages")]
public class PackageEndToEndTests(PackedPackages packages, ITestOutputHelper output)
{
    private const string Program = """
        using System;
        using System.ClientModel;
        using Microsoft.AspNetCore.Builder;
        using OpenAI;
        using OpenAI.Chat;

        var client = new ChatClient("qwen-plus", new ApiKeyCredential("sk-test"),
            new OpenAIClientOptions { Endpoint = new Uri("https://dashscope-intl.aliyuncs.com/compatible-mode/v1") });
        if (args.Length > 2)
        {
            // Label a batch: one awaited call per item (QW0006; its fix needs Qwen.Latency, which comes with the helper package).
            var labels = new System.Collections.Generic.List<string>();
            foreach (var ticket in args)
            {
                ChatCompletion label = await client.CompleteChatAsync(new ChatMessage[] { new UserChatMessage("Label: " + ticket) }, new ChatCompletionOptions { MaxOutputTokenCount = 5 });
                labels.Add(label.Content[0].Text);
            }

            Console.WriteLine(string.Join(",", labels));
            return;
        }

        if (args.Length > 1)
        {
            // The nightly job: nobody waits on this one, so no streaming warning.
            ChatCompletion completion = await client.CompleteChatAsync(new UserChatMessage("Summarize in one sentence: " + args[0]));
            Console.WriteLine(completion.Content[0].Text);
            var options = new ChatCompletionOptions { Temperature = 0.2f };
            foreach (var update in client.CompleteChatStreaming([new UserChatMessage("Name the product in one word: " + args[0])], options))
                Console.Write(update.ContentUpdate.Count);
            return;
        }

        var app = WebApplication.Create(args);
        app.MapPost("/answer", async (string question) =>
        {
            ChatCompletion answer = await client.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(question) }, new ChatCompletionOptions { MaxOutputTokenCount = 800 });
            return answer.Content[0].Text;
        });
        app.Run();
        """;

    /// <summary>
    /// The README's path for a newcomer: pack every package into one folder, reference one helper package from a fresh
    /// project (it brings the analyzers), build (warnings), apply every fix with dotnet format, build clean, verify.
    /// </summary>
    [Fact]
    public async Task Pack_Build_Format_Build()
    {
        var version = packages.Version;
        var project = DotnetCli.NewTempDirectory("consumer");
        File.WriteAllText(Path.Combine(project, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <NoWarn>$(NoWarn);NU1603</NoWarn>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="OpenAI" Version="2.15.0" />
                <PackageReference Include="Qwen.Latency.OpenAI" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        packages.WriteNuGetConfig(project);
        var programPath = Path.Combine(project, "Program.cs");
        File.WriteAllText(programPath, Program);

        var firstBuild = await Step(project, "build", "-c", "Release");
        var distinct = new System.Collections.Generic.HashSet<string>(Regex.Matches(firstBuild, @"Program\.cs\(\d+,\d+\): warning QW\d{4}").Select(m => m.Value));
        // The analyzers came with the helper package: QW0001 on the two nightly calls; QW0002 only on the handler a
        // person waits for, not on the nightly job; QW0006 on the batch loop.
        Assert.Equal(2, distinct.Count(w => w.EndsWith("QW0001", StringComparison.Ordinal)));
        Assert.Equal(1, distinct.Count(w => w.EndsWith("QW0002", StringComparison.Ordinal)));
        Assert.Equal(1, distinct.Count(w => w.EndsWith("QW0006", StringComparison.Ordinal)));
        Assert.Equal(4, distinct.Count);
        Assert.DoesNotContain("package to get the automatic fix", firstBuild);

        // The minimal preset, chosen by one MSBuild property: streaming and concurrency become suggestions.
        var minimal = await Step(project, "build", "-c", "Release", "--no-restore", "--no-incremental", "-p:QwenAnalyzersMode=minimal");
        Assert.Contains("warning QW0001", minimal);
        Assert.DoesNotContain("warning QW0002", minimal);
        Assert.DoesNotContain("warning QW0006", minimal);

        // The strict preset: every finding fails the build.
        var (strictExit, strict) = await DotnetCli.RunAsync(project, new[] { "build", "-c", "Release", "--no-restore", "--no-incremental", "-p:QwenAnalyzersMode=strict" });
        output.WriteLine(strict);
        Assert.NotEqual(0, strictExit);
        Assert.Contains("error QW0002", strict);
        Assert.Contains("error QW0006", strict);

        // Every fix, as the README says: dotnet format, a second pass for fixes that make room for others. Three runs
        // from the same input (here and in two fresh copies, side by side) write the same bytes.
        var copies = new[] { Copy(project), Copy(project) };
        await Task.WhenAll(copies.Select(FormatTwiceAsync).Append(FormatTwiceAsync(project)));
        // Compared as code, not layout: the fixes may put a long call's arguments one to a line.
        var fixedProgram = Code(File.ReadAllText(programPath));
        foreach (var copy in copies)
            Assert.Equal(File.ReadAllBytes(programPath), File.ReadAllBytes(Path.Combine(copy, "Program.cs")));
        output.WriteLine(File.ReadAllText(programPath));
        // Caps in bulk only from the length each prompt states, with room to spare: one sentence 128, one word 32.
        Assert.Contains("new ChatCompletionOptions { MaxOutputTokenCount = 128 }", fixedProgram);
        Assert.Contains("new ChatCompletionOptions { Temperature = 0.2f, MaxOutputTokenCount = 32 }", fixedProgram);
        Assert.Contains("var answer = await OpenAIStreaming.CollectAsync(() => client.CompleteChatStreamingAsync(", fixedProgram);
        Assert.Contains("return answer.Text;", fixedProgram);
        Assert.Contains("using Qwen.Latency;", fixedProgram);
        Assert.Contains("QwenConcurrency.SelectConcurrentlyAsync", fixedProgram);

        var secondBuild = await Step(project, "build", "-c", "Release", "--no-restore", "--no-incremental", "-warnaserror");
        Assert.DoesNotContain("warning QW", secondBuild);
        Assert.Contains("0 Warning(s)", secondBuild);

        await Step(project, "format", "analyzers", "--severity", "warn", "--verify-no-changes", "--no-restore");
    }

    /// <summary>The text with each run of whitespace one space, and none just inside parentheses.</summary>
    internal static string Code(string text)
        => Regex.Replace(Regex.Replace(Regex.Replace(text, @"\s+", " "), @"\( ", "("), @" \)", ")");

    private async Task FormatTwiceAsync(string directory)
    {
        await Step(directory, "format", "analyzers", "--severity", "warn");
        await Step(directory, "format", "analyzers", "--severity", "warn", "--no-restore");
    }

    /// <summary>The project's sources and settings in a fresh directory (no build output: it restores on its own).</summary>
    private static string Copy(string project)
    {
        var copy = DotnetCli.NewTempDirectory("consumer-copy");
        foreach (var file in new[] { "Consumer.csproj", "nuget.config", "Program.cs" })
            File.Copy(Path.Combine(project, file), Path.Combine(copy, file));
        return copy;
    }

    private async Task<string> Step(string directory, params string[] arguments)
    {
        var (exitCode, text) = await DotnetCli.RunAsync(directory, arguments);
        output.WriteLine(text);
        Assert.True(exitCode == 0, text);
        return text;
    }
}
