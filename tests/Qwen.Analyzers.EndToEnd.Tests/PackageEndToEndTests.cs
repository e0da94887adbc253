using System;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Xunit.Abstractions;

namespace Qwen.Analyzers.EndToEnd.Tests;

public class PackageEndToEndTests(ITestOutputHelper output)
{
    private const string Program = """
        using System;
        using System.ClientModel;
        using OpenAI;
        using OpenAI.Chat;

        var client = new ChatClient("qwen-plus", new ApiKeyCredential("sk-test"),
            new OpenAIClientOptions { Endpoint = new Uri("https://dashscope-intl.aliyuncs.com/compatible-mode/v1") });
        if (args.Length > 0)
        {
            ChatCompletion completion = await client.CompleteChatAsync(new UserChatMessage(args[0]));
            Console.WriteLine(completion.Content[0].Text);
            var options = new ChatCompletionOptions { Temperature = 0.2f };
            foreach (var update in client.CompleteChatStreaming([new UserChatMessage(args[0])], options))
                Console.Write(update.ContentUpdate.Count);
        }
        """;

    [Fact]
    public async Task Pack_Build_Format_Build()
    {
        // A unique version per run: the NuGet cache never serves a stale copy of an earlier pack.
        var version = "0.1.0-e2e." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff");
        var feed = DotNet.NewTempDirectory("feed");
        var pack = await Step(DotNet.RepositoryRoot, "pack", "src/Qwen.Analyzers.Package", "-c", "Release", "-o", feed, "-p:Version=" + version);
        Assert.True(File.Exists(Path.Combine(feed, $"Qwen.Analyzers.{version}.nupkg")), pack);

        var project = DotNet.NewTempDirectory("consumer");
        File.WriteAllText(Path.Combine(project, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
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
        Assert.Equal(2, Regex.Matches(firstBuild, @"Program\.cs\(\d+,\d+\): warning QW0001").Count / CountBuildPasses(firstBuild));

        await Step(project, "format", "analyzers", "--diagnostics", "QW0001", "--severity", "warn", "--no-restore");
        var fixedProgram = File.ReadAllText(programPath);
        output.WriteLine(fixedProgram);
        Assert.Contains("new ChatCompletionOptions { MaxOutputTokenCount = 1024 }", fixedProgram);
        Assert.Contains("new ChatCompletionOptions { Temperature = 0.2f, MaxOutputTokenCount = 1024 }", fixedProgram);

        var secondBuild = await Step(project, "build", "-c", "Release", "--no-restore", "-warnaserror:QW0001");
        Assert.DoesNotContain("warning QW0001", secondBuild);
        Assert.Contains("0 Warning(s)", secondBuild);

        await Step(project, "format", "analyzers", "--diagnostics", "QW0001", "--severity", "warn", "--verify-no-changes", "--no-restore");
    }

    private async Task<string> Step(string directory, params string[] arguments)
    {
        var (exitCode, text) = await DotNet.RunAsync(directory, arguments);
        output.WriteLine(text);
        Assert.True(exitCode == 0, text);
        return text;
    }

    /// <summary>The build summary repeats each warning once; count distinct lines per pass.</summary>
    private static int CountBuildPasses(string buildOutput) => buildOutput.Contains("Warning(s)", StringComparison.Ordinal) ? 2 : 1;
}
