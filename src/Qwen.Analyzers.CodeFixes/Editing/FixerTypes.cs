using System.Linq;
using Microsoft.CodeAnalysis;

namespace Qwen.Analyzers.CodeFixes;

/// <summary>Type look-ups of the fixers: like the analyzers', they survive two referenced assemblies declaring the same name.</summary>
internal static class FixerTypes
{
    public static INamedTypeSymbol? Find(Compilation compilation, string metadataName)
        => compilation.GetTypeByMetadataName(metadataName)
           ?? compilation.GetTypesByMetadataName(metadataName).FirstOrDefault(t => t.DeclaredAccessibility == Accessibility.Public && t.ContainingAssembly?.Name != "Microsoft.Agents.AI");
}
