using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Qwen.Analyzers.ApiModel;

/// <summary>
/// Every metadata-name look-up of the analyzers and the fixers goes through here (src/BannedSymbols.txt bans the
/// alternative). Two things make a plain <c>Compilation.GetTypeByMetadataName</c> wrong for us:
/// <list type="bullet">
/// <item>it returns null when two referenced assemblies declare the same name — Microsoft.Agents.AI declares its own
/// public <c>Microsoft.Extensions.AI.ChatClientExtensions</c>, which used to switch off most Microsoft.Extensions.AI
/// findings in projects that reference both; so every look-up names the assembly it expects;</item>
/// <item>a miss searches every referenced assembly; so a library that is not referenced is not searched at all.</item>
/// </list>
/// </summary>
internal sealed class TypeLookup
{
    private readonly Compilation _compilation;
    private readonly HashSet<string> _referenced;

    public TypeLookup(Compilation compilation)
    {
        _compilation = compilation;
        _referenced = new HashSet<string>(compilation.ReferencedAssemblyNames.Select(a => a.Name), StringComparer.Ordinal);
    }

    public Compilation Compilation => _compilation;

    /// <summary>True when the compilation references an assembly of this name.</summary>
    public bool References(string assembly) => _referenced.Contains(assembly);

    /// <summary>True when the compilation references an assembly whose name starts with <paramref name="prefix"/>.</summary>
    public bool ReferencesAny(string prefix) => _referenced.Any(n => n.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>
    /// The type <paramref name="metadataName"/> as declared in <paramref name="assembly"/>; null when that assembly is
    /// not referenced or does not declare it (another assembly's type of the same name is never taken).
    /// </summary>
    public INamedTypeSymbol? Find(string metadataName, string assembly)
    {
        if (!_referenced.Contains(assembly))
            return null;
        foreach (var type in _compilation.GetTypesByMetadataName(metadataName))
        {
            if (type.ContainingAssembly?.Name == assembly)
                return type;
        }

        return null;
    }

    /// <summary>A BCL type: the one the compilation itself resolves (the core library wins over a polyfill package).</summary>
    public INamedTypeSymbol? Bcl(string metadataName) => Named(_compilation, metadataName);

    /// <summary>
    /// A type by name wherever it is declared, for the fixers (which name types the analyzer already found) and the BCL:
    /// the core library's first (a polyfill package may declare it too), else the first public declaration outside
    /// Microsoft.Agents.AI (which re-declares Microsoft.Extensions.AI names).
    /// </summary>
    public static INamedTypeSymbol? Named(Compilation compilation, string metadataName)
    {
        var types = compilation.GetTypesByMetadataName(metadataName);
        if (types.Length == 1)
            return types[0];
        var core = compilation.GetSpecialType(SpecialType.System_Object).ContainingAssembly;
        foreach (var type in types)
        {
            if (SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, core))
                return type;
        }

        return types.FirstOrDefault(t => t.DeclaredAccessibility == Accessibility.Public && t.ContainingAssembly?.Name != "Microsoft.Agents.AI");
    }
}
