using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Qwen.Analyzers.Equivalence.Tests;

/// <summary>
/// What a case compiles against: the framework's reference assemblies (ASP.NET Core included) and the client libraries
/// and helper packages this test process has loaded, so the compiled case runs here against the same assemblies.
/// </summary>
internal static class CaseReferences
{
    private static readonly string[] Prefixes =
    {
        "OpenAI", "System.ClientModel", "System.Memory.Data", "System.Net.ServerSentEvents", "Microsoft.Extensions.AI",
        "Microsoft.Extensions.DependencyInjection.Abstractions", "Microsoft.Extensions.Logging.Abstractions", "Microsoft.Extensions.VectorData",
        "Microsoft.SemanticKernel", "Qwen.Latency",
    };

    public static ImmutableArray<MetadataReference> All { get; } = Load();

    private static ImmutableArray<MetadataReference> Load()
    {
        // Touch one type of each library so the build copies it beside the tests.
        _ = typeof(OpenAI.Chat.ChatClient);
        _ = typeof(Microsoft.Extensions.AI.OpenAIClientExtensions);
        _ = typeof(Microsoft.SemanticKernel.KernelExtensions);
        _ = typeof(Qwen.Latency.OpenAIStreaming);
        _ = typeof(Qwen.Latency.SemanticKernelStreaming);
        _ = typeof(Qwen.Latency.QwenCache);

        var references = new List<MetadataReference>();
        foreach (var key in new[] { "NetCoreAppRefPath", "AspNetCoreAppRefPath" })
        {
            references.AddRange(Directory.EnumerateFiles(Metadata(key), "*.dll").OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => MetadataReference.CreateFromFile(f)));
        }

        foreach (var file in Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll").OrderBy(f => f, StringComparer.Ordinal))
        {
            if (Prefixes.Any(p => Path.GetFileNameWithoutExtension(file).StartsWith(p, StringComparison.Ordinal)))
                references.Add(MetadataReference.CreateFromFile(file));
        }

        return references.ToImmutableArray();
    }

    private static string Metadata(string key)
        => typeof(CaseReferences).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
