using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Qwen.Analyzers.Tests;

/// <summary>Every analyzer the package ships, found by reflection so new rules are covered without editing tests.</summary>
internal static class AnalyzerCatalog
{
    public static ImmutableArray<DiagnosticAnalyzer> All { get; } = typeof(QwenDiagnosticAnalyzer).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    /// <summary>The repository root (where Qwen.Analyzers.sln is), for tests that check docs and release files.</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Qwen.Analyzers.sln")))
                    return directory.FullName;
            }

            throw new InvalidOperationException("Qwen.Analyzers.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
