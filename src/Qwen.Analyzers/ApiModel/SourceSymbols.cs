using System.Collections.Concurrent;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Qwen.Analyzers.ApiModel;

/// <summary>
/// The operations of the project's own code outside the method a rule is looking at: the body of a helper method a
/// call goes through (a request builder, a wrapper around the client, a polling helper, a caller up the chain), the
/// initializer of a field or property (a URL, serializer options). Real code keeps these one call away from the call
/// site; the facts that need them look exactly there, and each answer is kept for the next rule.
/// <para>
/// Only this compilation's own source is read. A member of another project of the solution is declared in a syntax tree
/// of that project's compilation when the IDE or <c>dotnet format</c> hands the project over as a compilation, and in no
/// tree at all when a command-line build hands over its assembly: it is read like a library member either way, so the
/// build and the IDE see the same facts (and this compilation never asks for a semantic model of a tree it does not
/// hold). <see cref="ReferencedProjects"/> reads such a project through its own compilation where a rule can say so.
/// </para>
/// </summary>
internal sealed class SourceSymbols
{
    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<ISymbol, IOperation?> _operations = new(SymbolEqualityComparer.Default);

    public SourceSymbols(Compilation compilation) => _compilation = compilation;

    /// <summary>
    /// True when <paramref name="symbol"/> is declared in this compilation's own source: not in metadata, and not in another
    /// project's source that a workspace passed along as a compilation reference.
    /// </summary>
    public bool IsOwn(ISymbol? symbol)
        => symbol is not null && SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, _compilation.Assembly);

    /// <summary>The body of a method declared once in this project's source (a method, local function or accessor); null otherwise.</summary>
    public IOperation? Body(IMethodSymbol method)
    {
        var definition = (method.ReducedFrom ?? method).OriginalDefinition;
        if (definition.DeclaringSyntaxReferences.Length != 1 || definition.IsAbstract || definition.IsExtern || !IsOwn(definition))
            return null;
        return _operations.GetOrAdd(definition, m => Operation(m.DeclaringSyntaxReferences[0].GetSyntax()));
    }

    /// <summary>
    /// The one value a source method returns: <c>=&gt; value</c>, or a body whose only <c>return</c> has a value. The
    /// operation belongs to the method's own body (its parameters read as unknown values).
    /// </summary>
    public IOperation? ReturnedValue(IMethodSymbol method)
    {
        if (Body(method) is not { } body)
            return null;
        IOperation? value = null;
        foreach (var operation in body.Descendants())
        {
            if (operation is IReturnOperation { ReturnedValue: { } returned } && !InsideNestedFunction(operation, body))
            {
                if (value is not null)
                    return null;   // several returns: not one value
                value = returned;
            }
        }

        return value;
    }

    /// <summary>The initializer of a field or property declared once in this project's source (<c>= value</c>, or a getter's <c>=&gt; value</c>); null otherwise.</summary>
    public IOperation? Initializer(ISymbol member)
    {
        if (member.DeclaringSyntaxReferences.Length != 1 || !IsOwn(member))
            return null;
        return _operations.GetOrAdd(member, m =>
        {
            var syntax = m.DeclaringSyntaxReferences[0].GetSyntax();
            ExpressionSyntax? value = syntax switch
            {
                VariableDeclaratorSyntax { Initializer.Value: var initializer } => initializer,
                PropertyDeclarationSyntax { Initializer.Value: var initializer } => initializer,
                PropertyDeclarationSyntax { ExpressionBody.Expression: var body } => body,
                _ => null,
            };
            return value is null ? null : Operation(value);
        });
    }

    private readonly ConcurrentDictionary<IMethodSymbol, IMethodSymbol?> _implementations = new(SymbolEqualityComparer.Default);
    private System.Collections.Generic.List<INamedTypeSymbol>? _types;
    private bool _typesListed;
    private object _typesLock = new();

    /// <summary>
    /// For an interface member or an abstract method of the project: its one implementation in the project (a service
    /// interface implemented once, as DI-registered services usually are); null when there are none or several.
    /// </summary>
    public IMethodSymbol? SingleImplementation(IMethodSymbol method)
    {
        var definition = method.OriginalDefinition;
        if (definition.ContainingType is not { } owner || !(owner.TypeKind == TypeKind.Interface || definition.IsAbstract))
            return null;
        return _implementations.GetOrAdd(definition, m =>
        {
            IMethodSymbol? found = null;
            foreach (var type in Types())
            {
                if (type.IsAbstract || type.TypeKind is TypeKind.Interface)
                    continue;
                IMethodSymbol? implementation = null;
                if (owner.TypeKind == TypeKind.Interface)
                {
                    if (type.AllInterfaces.Contains(owner, SymbolEqualityComparer.Default))
                        implementation = type.FindImplementationForInterfaceMember(m) as IMethodSymbol;
                }
                else
                {
                    for (var t = type; t is not null && implementation is null; t = t.BaseType)
                    {
                        foreach (var candidate in t.GetMembers(m.Name))
                        {
                            if (candidate is IMethodSymbol overriding && SymbolEqualityComparer.Default.Equals(overriding.OverriddenMethod?.OriginalDefinition, m))
                                implementation = overriding;
                        }
                    }
                }

                if (implementation is null)
                    continue;
                if (found is not null && !SymbolEqualityComparer.Default.Equals(found, implementation))
                    return null;
                found = implementation;
            }

            return found;
        });
    }

    /// <summary>
    /// What a read of a virtual or abstract member of the project (a property, or a method) may run: the member's own
    /// body unless it is abstract, and every override the project declares. Empty when the member is not the project's
    /// or not overridable. Used where a base class builds a request from members its subclasses override.
    /// </summary>
    public System.Collections.Generic.List<ISymbol> Implementations(ISymbol member)
    {
        var result = new System.Collections.Generic.List<ISymbol>();
        var definition = member.OriginalDefinition;
        if (!IsOwn(definition) || !(definition.IsVirtual || definition.IsAbstract || definition.IsOverride) || definition.ContainingType is not { } owner)
            return result;
        if (!definition.IsAbstract)
            result.Add(definition);
        foreach (var type in Types())
        {
            if (SymbolEqualityComparer.Default.Equals(type, owner) || !Derives(type, owner))
                continue;
            foreach (var candidate in type.GetMembers(definition.Name))
            {
                var overridden = candidate switch
                {
                    IPropertySymbol property => (ISymbol?)property.OverriddenProperty,
                    IMethodSymbol method => method.OverriddenMethod,
                    _ => null,
                };
                for (; overridden is not null; overridden = overridden is IPropertySymbol p ? p.OverriddenProperty : (overridden as IMethodSymbol)?.OverriddenMethod)
                {
                    if (SymbolEqualityComparer.Default.Equals(overridden.OriginalDefinition, definition))
                    {
                        result.Add(candidate);
                        break;
                    }
                }
            }
        }

        return result;
    }

    private static bool Derives(INamedTypeSymbol type, INamedTypeSymbol owner)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, owner))
                return true;
        }

        return false;
    }

    /// <summary>Every type the project declares (nested ones too), listed once.</summary>
    private System.Collections.Generic.List<INamedTypeSymbol> Types()
        => System.Threading.LazyInitializer.EnsureInitialized(ref _types, ref _typesListed, ref _typesLock!, () =>
        {
            var types = new System.Collections.Generic.List<INamedTypeSymbol>();
            var pending = new System.Collections.Generic.Stack<INamespaceOrTypeSymbol>();
            pending.Push(_compilation.Assembly.GlobalNamespace);
            while (pending.Count > 0)
            {
                foreach (var member in pending.Pop().GetMembers())
                {
                    if (member is INamespaceOrTypeSymbol container)
                        pending.Push(container);
                    if (member is INamedTypeSymbol type)
                        types.Add(type);
                }
            }

            return types;
        })!;

    private IOperation? Operation(SyntaxNode syntax)
    {
        // IsOwn already kept other projects' members out; a tree this compilation does not hold is never asked about.
        if (!_compilation.ContainsSyntaxTree(syntax.SyntaxTree))
            return null;
        // A semantic model for a tree other than the one being analysed: asked only for the few members a call-site fact
        // looks into, and the answer is kept for every rule.
#pragma warning disable RS1030
        var model = _compilation.GetSemanticModel(syntax.SyntaxTree);
#pragma warning restore RS1030
        return model.GetOperation(syntax);
    }

    private static bool InsideNestedFunction(IOperation operation, IOperation body)
    {
        for (var current = operation.Parent; current is not null && current != body; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                return true;
        }

        return false;
    }
}
