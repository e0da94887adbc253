using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Qwen.Analyzers.Equivalence.Tests;

/// <summary>Compiles a case and loads it into this process, where its client libraries already are.</summary>
internal static class CaseCompiler
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static readonly CSharpCompilationOptions Options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
        .WithSpecificDiagnosticOptions(new[] { "CS1701", "CS1702", "SCME0001", "OPENAI001", "SKEXP0001", "SKEXP0010" }.ToDictionary(id => id, _ => ReportDiagnostic.Suppress));

    private static int _count;

    /// <summary>The case's <c>Case.RunAsync(Uri baseAddress, string apiKey, CancellationToken)</c> (or another entry of that signature).</summary>
    public static Func<Uri, string, CancellationToken, Task<object?>> Load(string source, string name, string entry = "RunAsync")
    {
        var assemblyName = new string(name.Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray()) + "_" + Interlocked.Increment(ref _count);
        var compilation = CSharpCompilation.Create(assemblyName,
            new[] { CSharpSyntaxTree.ParseText(source, ParseOptions, path: "/case/Case.cs") }, CaseReferences.All, Options);
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        if (!result.Success)
            throw new InvalidOperationException($"{name} does not compile:\n{string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error))}\n{source}");
        image.Position = 0;
        var assembly = AssemblyLoadContext.Default.LoadFromStream(image);
        var method = assembly.GetType("Case")?.GetMethod(entry, BindingFlags.Public | BindingFlags.Static)
                     ?? throw new InvalidOperationException($"{name} has no public static Case.{entry}");
        return (baseAddress, apiKey, cancellationToken) => (Task<object?>)method.Invoke(null, new object[] { baseAddress, apiKey, cancellationToken })!;
    }
}
