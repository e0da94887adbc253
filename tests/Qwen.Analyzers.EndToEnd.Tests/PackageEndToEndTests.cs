using System;
using System.IO;
using System.Text.RegularExpressions;
using System.Linq;
using System.Threading.Tasks;
using Qwen.Testing;
using Xunit.Abstractions;

namespace Qwen.Analyzers.EndToEnd.Tests;

public class PackageEndToEndTests(ITestOutputHelper output)
{
    private const string Program = """
        using System;
        using System.ClientModel;
        using Microsoft.AspNetCore.Builder;
        using OpenAI;
        using OpenAI.Chat;

        var client = new ChatClient("qwen-plus", new ApiKeyCredential("sk-test"),
            new OpenAIClientOptions { Endpoint = new Uri("https://dashscope-intl.aliyuncs.com/compatible-mode/v1") });
        if (args.Length > 1)
        {
            // The nightly job: nobody waits on this one, so no streaming warning.
            ChatCompletion completion = await client.CompleteChatAsync(new UserChatMessage(args[0]));
            Console.WriteLine(completion.Content[0].Text);
            var options = new ChatCompletionOptions { Temperature = 0.2f };
            foreach (var update in client.CompleteChatStreaming([new UserChatMessage(args[0])], options))
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

    [Fact]
    public async Task Pack_Build_Format_Build()
    {
        // A unique version per run: the NuGet cache never serves a stale copy of an earlier pack.
        var version = "0.1.0-e2e." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff");
        var feed = DotnetCli.NewTempDirectory("feed");
        foreach (var source in new[] { "src/Qwen.Analyzers.Package", "src/Qwen.Latency", "src/Qwen.Latency.OpenAI" })
            await Step(Repository.Root, "pack", source, "-c", "Release", "-o", feed, "-p:Version=" + version);
        foreach (var package in new[] { "Qwen.Analyzers", "Qwen.Latency", "Qwen.Latency.OpenAI" })
            Assert.True(File.Exists(Path.Combine(feed, $"{package}.{version}.nupkg")), package);

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
                <PackageReference Include="Qwen.Analyzers" Version="{version}" PrivateAssets="all" />
                <PackageReference Include="Qwen.Latency.OpenAI" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        var programPath = Path.Combine(project, "Program.cs");
        File.WriteAllText(programPath, Program);

        var firstBuild = await Step(project, "build", "-c", "Release");
        var distinct = new System.Collections.Generic.HashSet<string>(Regex.Matches(firstBuild, @"Program\.cs\(\d+,\d+\): warning QW\d{4}").Select(m => m.Value));
        // QW0001 on the two nightly calls; QW0002 only on the handler a person waits for, not on the nightly job.
        Assert.Equal(2, distinct.Count(w => w.EndsWith("QW0001", StringComparison.Ordinal)));
        Assert.Equal(1, distinct.Count(w => w.EndsWith("QW0002", StringComparison.Ordinal)));
        Assert.Equal(3, distinct.Count);

        await Step(project, "format", "analyzers", "--diagnostics", "QW0001", "QW0002", "--severity", "warn", "--no-restore");
        var fixedProgram = File.ReadAllText(programPath);
        output.WriteLine(fixedProgram);
        Assert.Contains("new ChatCompletionOptions { MaxOutputTokenCount = 1024 }", fixedProgram);
        Assert.Contains("new ChatCompletionOptions { Temperature = 0.2f, MaxOutputTokenCount = 1024 }", fixedProgram);
        Assert.Contains("var answer = await OpenAIStreaming.CollectAsync(client.CompleteChatStreamingAsync(", fixedProgram);
        Assert.Contains("return answer.Text;", fixedProgram);
        Assert.Contains("using Qwen.Latency;", fixedProgram);

        var secondBuild = await Step(project, "build", "-c", "Release", "--no-restore", "-warnaserror:QW0001,QW0002");
        Assert.DoesNotContain("warning QW", secondBuild);
        Assert.Contains("0 Warning(s)", secondBuild);

        await Step(project, "format", "analyzers", "--diagnostics", "QW0001", "QW0002", "--severity", "warn", "--verify-no-changes", "--no-restore");
    }

    private async Task<string> Step(string directory, params string[] arguments)
    {
        var (exitCode, text) = await DotnetCli.RunAsync(directory, arguments);
        output.WriteLine(text);
        Assert.True(exitCode == 0, text);
        return text;
    }
}
