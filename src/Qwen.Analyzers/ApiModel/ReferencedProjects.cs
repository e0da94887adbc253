using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Qwen.Analyzers.ApiModel;

/// <summary>
/// The other projects of the solution, where the IDE and <c>dotnet format</c> hand them over as compilations (a
/// command-line build hands over their assemblies: then there are none). A method declared in such a project's source is
/// read through that project's own call-site model — its own compilation and semantic models, never this compilation's —
/// so every fact about it is the one that project's analysis would find.
/// <para>
/// A build cannot see what this reads, so a finding that needs it is a suggestion, never a warning: the warnings of
/// <c>dotnet build</c> and of the IDE stay the same (<see cref="CallWrapper.OtherProject"/>).
/// </para>
/// </summary>
internal sealed class ReferencedProjects
{
    private readonly Compilation _compilation;
    private ImmutableArray<Compilation> _projects;
    private readonly ConcurrentDictionary<IMethodSymbol, Declared?> _declared = new(SymbolEqualityComparer.Default);

    public ReferencedProjects(Compilation compilation) => _compilation = compilation;

    /// <summary>True when the compilation references another project's compilation (in the IDE and <c>dotnet format</c>, not in a build).</summary>
    public bool Any => !Projects().IsEmpty;

    /// <summary>The project that declares <paramref name="method"/> in its source, and the method as that project sees it; null when it is metadata.</summary>
    public Declared? Find(IMethodSymbol method)
    {
        var definition = (method.ReducedFrom ?? method).OriginalDefinition;
        if (definition.DeclaringSyntaxReferences.Length != 1 || Projects().IsEmpty)
            return null;
        return _declared.GetOrAdd(definition, d =>
        {
            var reference = d.DeclaringSyntaxReferences[0];
            foreach (var project in Projects())
            {
                if (!project.ContainsSyntaxTree(reference.SyntaxTree))
                    continue;
                var api = QwenApi.Create(project);
#pragma warning disable RS1030 // the semantic model of the project that holds the tree, asked once per method and kept
                var model = project.GetSemanticModel(reference.SyntaxTree);
#pragma warning restore RS1030
                return api.HasAnySurface && model.GetDeclaredSymbol(reference.GetSyntax()) is IMethodSymbol declared ? new Declared(api, declared) : null;
            }

            return null;
        });
    }

    private ImmutableArray<Compilation> Projects()
    {
        if (_projects.IsDefault)
        {
            ImmutableInterlocked.InterlockedInitialize(ref _projects,
                _compilation.References.OfType<CompilationReference>().Select(r => r.Compilation).ToImmutableArray());
        }

        return _projects;
    }

    /// <summary>A method of another project, as that project's compilation declares it, with that project's model.</summary>
    internal sealed class Declared
    {
        public Declared(QwenApi api, IMethodSymbol method)
        {
            Api = api;
            Method = method;
        }

        public QwenApi Api { get; }
        public IMethodSymbol Method { get; }

        /// <summary>The project's name, for messages.</summary>
        public string Name => Api.Compilation.AssemblyName ?? "another project";
    }
}
