using System.Linq;
using System.Reflection;

namespace Qwen.Analyzers.EndToEnd.Tests;

/// <summary>Where the repository is (the package sources and the sample live there).</summary>
internal static class Repository
{
    public static string Root { get; } = typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;
}
