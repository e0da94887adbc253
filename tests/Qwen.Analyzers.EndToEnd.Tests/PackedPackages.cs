using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Qwen.Testing;

namespace Qwen.Analyzers.EndToEnd.Tests;

/// <summary>
/// Every package of the repository packed once into a local feed, as the README tells a newcomer to do, and shared by the
/// end-to-end tests (which run one after another in this collection).
/// </summary>
public sealed class PackedPackages : IAsyncLifetime
{
    /// <summary>The packable projects under src/ (what <c>dotnet pack Qwen.Analyzers.sln</c> packs).</summary>
    private static readonly string[] Projects = { "Qwen.Analyzers.Package", "Qwen.Latency", "Qwen.Latency.OpenAI", "Qwen.Latency.SemanticKernel", "Qwen.Latency.Cache" };

    /// <summary>A unique version per run: the NuGet cache never serves a stale copy of an earlier pack.</summary>
    public string Version { get; } = "0.1.0-e2e." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff");

    public string Feed { get; } = DotnetCli.NewTempDirectory("feed");

    public async Task InitializeAsync()
    {
        // One by one, so the test projects running beside it are not rebuilt.
        foreach (var project in Projects)
            await DotnetCli.RunCheckedAsync(Repository.Root, "pack", "src/" + project, "-c", "Release", "-o", Feed, "-p:Version=" + Version);
        foreach (var package in Projects.Select(p => p.Replace(".Package", "")))
        {
            if (!File.Exists(Path.Combine(Feed, $"{package}.{Version}.nupkg")))
                throw new InvalidOperationException($"{package} was not packed into {Feed}");
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A nuget.config beside a consumer's project or solution: the local feed only (restores here come from it and the machine's cache).</summary>
    public void WriteNuGetConfig(string directory)
        => File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="local" value="{Feed}" />
              </packageSources>
            </configuration>
            """);
}

[CollectionDefinition("packages")]
public sealed class PackagesCollection : ICollectionFixture<PackedPackages>
{
}
