using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Qwen.Analyzers.ApiModel;

/// <summary>The kinds of code a person waits on.</summary>
internal enum SurfaceKind
{
    MinimalApi,
    MvcAction,
    RazorPage,
    SignalRHub,
    BlazorComponent,
    Grpc,
}

/// <summary>Where a person waits for an answer, named for messages: <c>the minimal API handler POST /tickets/{id}</c>.</summary>
internal sealed class Surface
{
    public Surface(SurfaceKind kind, string description, bool reachedThroughCalls = false)
    {
        Kind = kind;
        Description = description;
        ReachedThroughCalls = reachedThroughCalls;
    }

    public SurfaceKind Kind { get; }
    public string Description { get; }

    /// <summary>True when the call sits in a method the surface reaches through the project's own methods.</summary>
    public bool ReachedThroughCalls { get; }

    public Surface Through() => ReachedThroughCalls ? this : new Surface(Kind, Description, reachedThroughCalls: true);

    /// <summary>The phrase a message ends with: <c> in the minimal API handler …</c> or <c> (reached from …)</c>.</summary>
    public string InMessage => ReachedThroughCalls ? " (reached from " + Description + ")" : " in " + Description;
}

/// <summary>
/// Where a person waits for the answer: ASP.NET Core minimal-API handlers, MVC / API controller actions, Razor Pages
/// handlers, SignalR hub methods, Blazor components, gRPC service methods — and the project's own methods they call
/// (a service layer between the handler and the model call), a few calls deep and through an interface the project
/// implements once. Recognised by symbol (base types, attributes, the <c>Map*</c> call a handler is passed to).
/// </summary>
internal sealed class InteractiveSurfaces
{
    /// <summary>How many of the project's own calls a surface may be away from the model call.</summary>
    private const int MaximumDepth = 4;

    private static readonly HashSet<string> MapMethods = new() { "Map", "MapGet", "MapPost", "MapPut", "MapDelete", "MapPatch", "MapMethods", "MapFallback" };

    private readonly Compilation _compilation;
    private readonly SourceSymbols _sources;
    private readonly INamedTypeSymbol? _endpointRouteBuilderExtensions;
    private readonly INamedTypeSymbol? _controllerBase;
    private readonly INamedTypeSymbol? _apiControllerAttribute;
    private readonly INamedTypeSymbol? _controllerAttribute;
    private readonly INamedTypeSymbol? _nonActionAttribute;
    private readonly INamedTypeSymbol? _pageModel;
    private readonly INamedTypeSymbol? _hub;
    private readonly INamedTypeSymbol? _genericHub;
    private readonly INamedTypeSymbol? _componentBase;
    private readonly INamedTypeSymbol? _bindServiceMethodAttribute;
    private readonly ConcurrentDictionary<IMethodSymbol, Surface?> _reached = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new();
    // Built once, by one thread (the others wait): every rule thread would otherwise build its own copy of the index.
    private object _callersLock = new();
    private CallerIndex? _callers;
    private bool _callersBuilt;

    public InteractiveSurfaces(TypeLookup types, SourceSymbols sources)
    {
        _compilation = types.Compilation;
        _sources = sources;
        // Web frameworks and gRPC: looked up only when referenced (a miss searches every assembly).
        if (!types.ReferencesAny("Microsoft.AspNetCore") && !types.ReferencesAny("Grpc."))
            return;
        _endpointRouteBuilderExtensions = types.Bcl("Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions");
        _controllerBase = types.Bcl("Microsoft.AspNetCore.Mvc.ControllerBase");
        _apiControllerAttribute = types.Bcl("Microsoft.AspNetCore.Mvc.ApiControllerAttribute");
        _controllerAttribute = types.Bcl("Microsoft.AspNetCore.Mvc.ControllerAttribute");
        _nonActionAttribute = types.Bcl("Microsoft.AspNetCore.Mvc.NonActionAttribute");
        _pageModel = types.Bcl("Microsoft.AspNetCore.Mvc.RazorPages.PageModel");
        _hub = types.Bcl("Microsoft.AspNetCore.SignalR.Hub");
        _genericHub = types.Bcl("Microsoft.AspNetCore.SignalR.Hub`1");
        _componentBase = types.Bcl("Microsoft.AspNetCore.Components.ComponentBase");
        _bindServiceMethodAttribute = types.Bcl("Grpc.Core.BindServiceMethodAttribute");
        HasWebFramework = _endpointRouteBuilderExtensions is not null || _controllerBase is not null || _hub is not null || _componentBase is not null;
        HasAny = HasWebFramework || _bindServiceMethodAttribute is not null;
    }

    /// <summary>
    /// True when the compilation references ASP.NET Core's endpoints, MVC, SignalR or components: objects may be built per
    /// request. (gRPC's attribute alone does not count: client libraries bring Grpc.Core.Api into console apps.)
    /// </summary>
    public bool HasWebFramework { get; }

    /// <summary>True for a Blazor component: the framework builds it once per circuit (a person's session with the page).</summary>
    public bool IsComponent(INamedTypeSymbol type) => _componentBase is not null && QwenApi.InheritsFrom(type, _componentBase);

    /// <summary>False when the compilation has no web framework or gRPC: nothing can be interactive.</summary>
    public bool HasAny { get; }

    /// <summary>The surface a person waits on for this operation: the code itself, or a surface that reaches it through the project's calls; null when none is visible.</summary>
    public Surface? Reach(IOperation operation, ISymbol containingSymbol)
    {
        if (!HasAny)
            return null;
        if (Classify(operation, containingSymbol) is { } direct)
            return direct;
        var method = Member(containingSymbol);
        return method is null ? null : ReachThroughCallers(method, depth: 1, new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default))?.Through();
    }

    /// <summary>What kind of interactive surface the operation runs on directly, or null when none is visible.</summary>
    public Surface? Classify(IOperation operation, ISymbol containingSymbol)
    {
        if (!HasAny)
            return null;
        // A lambda handed to app.MapGet(…) and friends.
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation lambda && MinimalApiRoute(lambda) is { } route)
                return new Surface(SurfaceKind.MinimalApi, "the minimal API handler " + route);
        }

        return Member(containingSymbol) is { } method ? ClassifyMember(method) : null;
    }

    /// <summary>The member a lambda or local function belongs to.</summary>
    private static IMethodSymbol? Member(ISymbol symbol)
    {
        var method = symbol as IMethodSymbol;
        while (method is { MethodKind: MethodKind.AnonymousFunction or MethodKind.LambdaMethod or MethodKind.LocalFunction })
            method = method.ContainingSymbol as IMethodSymbol;
        return method;
    }

    private Surface? ClassifyMember(IMethodSymbol method)
    {
        if (method.ContainingType is not { } type)
            return null;
        if (_componentBase is not null && QwenApi.InheritsFrom(type, _componentBase))
            return new Surface(SurfaceKind.BlazorComponent, "the Blazor component " + type.Name);
        if (method.DeclaredAccessibility != Accessibility.Public || method.IsStatic || method.MethodKind != MethodKind.Ordinary)
            return null;
        if (IsController(type) && !HasAttribute(method, _nonActionAttribute))
            return new Surface(SurfaceKind.MvcAction, $"the MVC action {type.Name}.{method.Name}");
        if (_pageModel is not null && QwenApi.InheritsFrom(type, _pageModel) && method.Name.StartsWith("On", System.StringComparison.Ordinal))
            return new Surface(SurfaceKind.RazorPage, $"the Razor Pages handler {type.Name}.{method.Name}");
        if ((_hub is not null && QwenApi.InheritsFrom(type, _hub)) || (_genericHub is not null && QwenApi.InheritsFrom(type, _genericHub)))
            return new Surface(SurfaceKind.SignalRHub, $"the SignalR hub method {type.Name}.{method.Name}");
        if (method.IsOverride && IsGrpcService(type))
            return new Surface(SurfaceKind.Grpc, $"the gRPC service method {type.Name}.{method.Name}");
        return null;
    }

    /// <summary>True for a lambda handed to <c>app.MapGet(…)</c> and friends (ASP.NET Core's own endpoint extensions).</summary>
    public bool IsMinimalApiHandler(IAnonymousFunctionOperation lambda) => MinimalApiRoute(lambda) is not null;

    private CallerIndex Callers => LazyInitializer.EnsureInitialized(ref _callers, ref _callersBuilt, ref _callersLock!, () => CallerIndex.Build(_compilation))!;

    /// <summary>The project's calls of <paramref name="method"/> (directly, or through the one interface or base member it implements).</summary>
    public IEnumerable<IInvocationOperation> CallersOf(IMethodSymbol method)
    {
        var callers = Callers;
        foreach (var (invocation, model) in CallsTo(method.OriginalDefinition, callers))
        {
            if (model.GetOperation(invocation) is IInvocationOperation operation)
                yield return operation;
        }
    }

    /// <summary><c>POST /tickets/{id}/answer</c> for a handler lambda, or null when the lambda is not one.</summary>
    private string? MinimalApiRoute(IAnonymousFunctionOperation lambda)
    {
        var parent = lambda.Parent;
        while (parent is IDelegateCreationOperation or IConversionOperation)
            parent = parent.Parent;
        if (parent is not IArgumentOperation { Parent: IInvocationOperation map }
            || !MapMethods.Contains(map.TargetMethod.Name) || !QwenApi.Is(map.TargetMethod.ContainingType, _endpointRouteBuilderExtensions))
        {
            return null;
        }

        var verb = map.TargetMethod.Name.Length > 3 ? map.TargetMethod.Name.Substring(3).ToUpperInvariant() : "";
        var pattern = map.Arguments.FirstOrDefault(a => a.Parameter?.Name == "pattern")?.Value.ConstantValue.Value as string;
        return (verb.Length > 0 && verb is not "METHODS" and not "FALLBACK" ? verb + " " : "") + (pattern ?? "(route)");
    }

    /// <summary>A surface that calls <paramref name="method"/> through the project's own code, breadth by depth.</summary>
    private Surface? ReachThroughCallers(IMethodSymbol method, int depth, HashSet<IMethodSymbol> seen)
    {
        var definition = method.OriginalDefinition;
        if (_reached.TryGetValue(definition, out var known))
            return known;
        if (depth > MaximumDepth || !seen.Add(definition))
            return null;

        Surface? found = null;
        var callers = Callers;
        foreach (var (invocation, model) in CallsTo(definition, callers))
        {
            if (model.GetEnclosingSymbol(invocation.SpanStart) is not { } enclosing)
                continue;
            // The call sits in a minimal API handler lambda, or in a member that is a surface itself.
            if (EnclosingHandlerRoute(invocation, model) is { } route)
                found = new Surface(SurfaceKind.MinimalApi, "the minimal API handler " + route);
            else if (Member(enclosing) is { } caller)
                found = ClassifyMember(caller) ?? ReachThroughCallers(caller, depth + 1, seen);
            if (found is not null)
                break;
        }

        // Only a complete answer is kept (a cut-off search may have missed a caller deeper down another path).
        if (found is not null || depth == 1)
            _reached[definition] = found;
        return found;
    }

    /// <summary>The invocations of the project that call <paramref name="method"/>, directly or through the one interface or abstract member it implements.</summary>
    private IEnumerable<(InvocationExpressionSyntax Invocation, SemanticModel Model)> CallsTo(IMethodSymbol method, CallerIndex callers)
    {
        var targets = new List<IMethodSymbol> { method };
        foreach (var implemented in ImplementedMembers(method))
        {
            // Through an interface or base member only when this is its one implementation in the project.
            if (SymbolEqualityComparer.Default.Equals(_sources.SingleImplementation(implemented)?.OriginalDefinition, method))
                targets.Add(implemented.OriginalDefinition);
        }

        foreach (var invocation in callers.Named(method.Name))
        {
            var model = _models.GetOrAdd(invocation.SyntaxTree, tree =>
            {
#pragma warning disable RS1030 // only for files that call a method a model call sits in; kept for every later question
                return _compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
            });
            if (model.GetSymbolInfo(invocation).Symbol is IMethodSymbol called
                && targets.Any(t => SymbolEqualityComparer.Default.Equals((called.ReducedFrom ?? called).OriginalDefinition, t)))
            {
                yield return (invocation, model);
            }
        }
    }

    private static IEnumerable<IMethodSymbol> ImplementedMembers(IMethodSymbol method)
    {
        if (method.OverriddenMethod is { } overridden)
            yield return overridden;
        if (method.ContainingType is not { } type)
            yield break;
        foreach (var iface in type.AllInterfaces)
        {
            foreach (var member in iface.GetMembers(method.Name).OfType<IMethodSymbol>())
            {
                if (SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(member), method))
                    yield return member;
            }
        }
    }

    /// <summary>The route of a minimal API handler lambda that contains <paramref name="invocation"/>.</summary>
    private string? EnclosingHandlerRoute(InvocationExpressionSyntax invocation, SemanticModel model)
    {
        foreach (var lambda in invocation.Ancestors().OfType<AnonymousFunctionExpressionSyntax>())
        {
            if (lambda.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: var name } } } }
                && MapMethods.Contains(name) && model.GetOperation(lambda) is IAnonymousFunctionOperation operation)
            {
                return MinimalApiRoute(operation);
            }
        }

        return null;
    }

    private bool IsController(INamedTypeSymbol type)
    {
        if (_controllerBase is not null && QwenApi.InheritsFrom(type, _controllerBase))
            return true;
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (HasAttribute(t, _apiControllerAttribute) || HasAttribute(t, _controllerAttribute))
                return true;
        }

        return false;
    }

    private bool IsGrpcService(INamedTypeSymbol type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (HasAttribute(t, _bindServiceMethodAttribute))
                return true;
        }

        return false;
    }

    private static bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attribute)
        => attribute is not null && symbol.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute));

    /// <summary>Every invocation of the project by the name it calls, found in one pass over the sources the first time a caller is asked for.</summary>
    private sealed class CallerIndex
    {
        private readonly Dictionary<string, List<InvocationExpressionSyntax>> _byName = new(System.StringComparer.Ordinal);

        public IReadOnlyList<InvocationExpressionSyntax> Named(string name)
            => _byName.TryGetValue(name, out var list) ? list : (IReadOnlyList<InvocationExpressionSyntax>)System.Array.Empty<InvocationExpressionSyntax>();

        public static CallerIndex Build(Compilation compilation)
        {
            var index = new CallerIndex();
            foreach (var tree in compilation.SyntaxTrees)
            {
                foreach (var node in tree.GetRoot().DescendantNodes())
                {
                    if (node is not InvocationExpressionSyntax invocation)
                        continue;
                    var name = invocation.Expression switch
                    {
                        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
                        SimpleNameSyntax simple => simple.Identifier.ValueText,
                        _ => null,
                    };
                    if (name is null)
                        continue;
                    if (!index._byName.TryGetValue(name, out var list))
                        index._byName[name] = list = new List<InvocationExpressionSyntax>();
                    list.Add(invocation);
                }
            }

            return index;
        }
    }
}
