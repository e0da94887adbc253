using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace Qwen.Analyzers.Tests;

/// <summary>
/// What test compilations reference: the .NET 10 reference assemblies (shipped in Basic.Reference.Assemblies) and the
/// real client libraries, which this test project restores like any other package. No download happens mid-run.
/// </summary>
internal static class References
{
    private static readonly string[] ClientAssemblyPrefixes =
    {
        "OpenAI", "System.ClientModel", "System.Memory.Data", "System.Net.ServerSentEvents",
        "Microsoft.Extensions.AI", "Microsoft.Extensions.DependencyInjection.Abstractions", "Microsoft.Extensions.Logging.Abstractions",
        "Microsoft.Extensions.VectorData", "Microsoft.SemanticKernel", "Azure.AI.OpenAI", "Azure.Core", "Grpc.Core.Api",
        "Microsoft.Agents.AI", "Microsoft.Extensions.Compliance", "Microsoft.Extensions.FileSystemGlobbing",
        "Cnblogs.DashScope.Core",
    };

    /// <summary>Qwen.Latency, Qwen.Latency.OpenAI, Qwen.Latency.Cache and Qwen.Latency.SemanticKernel, the helper libraries some fixes call.</summary>
    public static readonly ImmutableArray<MetadataReference> Helpers = ImmutableArray.Create<MetadataReference>(
        MetadataReference.CreateFromFile(typeof(Qwen.Latency.TaskPollingSchedule).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Qwen.Latency.OpenAIStreaming).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Qwen.Latency.QwenCache).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Qwen.Latency.SemanticKernelStreaming).Assembly.Location));

    /// <summary>A target framework with no package to resolve: the framework comes from <see cref="Framework"/>.</summary>
    public static readonly ReferenceAssemblies None = new("net10.0");

    public static readonly ImmutableArray<MetadataReference> Framework = FromDirectory(Metadata("NetCoreAppRefPath"));

    /// <summary>ASP.NET Core, for rules that tell interactive endpoints from batch code.</summary>
    public static readonly ImmutableArray<MetadataReference> AspNetCore = FromDirectory(Metadata("AspNetCoreAppRefPath"));

    /// <summary>
    /// OpenAI 2.15, Microsoft.Extensions.AI 10.11 (+ .OpenAI), Semantic Kernel 1.82, Microsoft Agent Framework 1.28, the
    /// Cnblogs DashScope SDK (its public signatures, mirrored under tests/Mirrors) and their
    /// dependencies. Every test compilation references Microsoft.Agents.AI beside Microsoft.Extensions.AI, as many real
    /// projects do: it declares a second <c>Microsoft.Extensions.AI.ChatClientExtensions</c>, which once hid most findings.
    /// </summary>
    public static readonly ImmutableArray<MetadataReference> Clients = LoadClients();

    /// <summary>Newtonsoft.Json, for applications that build request bodies with it.</summary>
    public static readonly ImmutableArray<MetadataReference> Newtonsoft = ImmutableArray.Create<MetadataReference>(
        MetadataReference.CreateFromFile(typeof(Newtonsoft.Json.JsonConvert).Assembly.Location));

    /// <summary>xunit, for test projects (whose compilations get no findings unless configured).</summary>
    public static readonly ImmutableArray<MetadataReference> Xunit = ImmutableArray.Create<MetadataReference>(
        MetadataReference.CreateFromFile(typeof(Xunit.FactAttribute).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Xunit.Assert).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Xunit.Abstractions.ITestOutputHelper).Assembly.Location));

    /// <summary>The framework (with ASP.NET Core, as in a web project) and the client libraries.</summary>
    public static ImmutableArray<MetadataReference> FrameworkAndClients { get; } = Framework.AddRange(AspNetCore).AddRange(Clients);

    /// <summary>What a user's project has when it references the clients and Qwen.Latency.</summary>
    public static ImmutableArray<MetadataReference> FrameworkClientsAndHelpers { get; } = FrameworkAndClients.AddRange(Helpers);

    /// <summary>The framework with OpenAI 2.1.0 and System.ClientModel 1.2.1: an Azure.AI.OpenAI 2.1.0 user's view of the SDK.</summary>
    public static ImmutableArray<MetadataReference> FrameworkAndOpenAI21 { get; } = Framework.AddRange(new[]
    {
        MetadataReference.CreateFromFile(Path.Combine(Metadata("NuGetPackageRoot"), "openai", "2.1.0", "lib", "net6.0", "OpenAI.dll")),
        MetadataReference.CreateFromFile(Path.Combine(Metadata("NuGetPackageRoot"), "system.clientmodel", "1.2.1", "lib", "net6.0", "System.ClientModel.dll")),
    }).AddRange(Clients.Where(c => c.Display!.EndsWith("System.Memory.Data.dll", StringComparison.Ordinal)));

    private static string Metadata(string key)
        => typeof(References).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    private static ImmutableArray<MetadataReference> FromDirectory(string directory)
        => Directory.EnumerateFiles(directory, "*.dll").OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => (MetadataReference)MetadataReference.CreateFromFile(f)).ToImmutableArray();

    private static ImmutableArray<MetadataReference> LoadClients()
    {
        // Touch one type of each library so the build copies it next to the tests.
        _ = typeof(OpenAI.Chat.ChatClient);
        _ = typeof(Microsoft.Extensions.AI.ChatClientBuilder);
        _ = typeof(Microsoft.Extensions.AI.OpenAIClientExtensions);
        _ = typeof(Microsoft.SemanticKernel.KernelExtensions);
        _ = typeof(Grpc.Core.BindServiceMethodAttribute);
        _ = typeof(Microsoft.Agents.AI.ChatClientAgent);
        _ = typeof(Cnblogs.DashScope.Core.IDashScopeClient);   // tests/Mirrors: the SDK's public signatures

        var directory = AppContext.BaseDirectory;
        var files = new List<MetadataReference>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.dll").OrderBy(f => f, StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (ClientAssemblyPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)))
                files.Add(MetadataReference.CreateFromFile(file));
        }

        return files.ToImmutableArray();
    }
}
