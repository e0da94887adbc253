using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Qwen.Analyzers.ApiModel;

/// <summary>
/// Where a person waits for the answer: ASP.NET Core minimal-API handlers, MVC / API controller actions, Razor Pages
/// handlers, SignalR hub methods, Blazor components, gRPC service methods. Recognised by symbol (base types,
/// attributes, the <c>Map*</c> call a handler is passed to), resolved once per compilation.
/// </summary>
internal sealed class InteractiveSurfaces
{
    public const string MinimalApi = "a minimal API handler";

    private static readonly HashSet<string> MapMethods = new() { "Map", "MapGet", "MapPost", "MapPut", "MapDelete", "MapPatch", "MapMethods", "MapFallback" };

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

    public InteractiveSurfaces(TypeLookup types)
    {
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
    }

    /// <summary>What kind of interactive surface the operation runs on, or null when none is visible.</summary>
    public string? Classify(IOperation operation, ISymbol containingSymbol)
    {
        // A lambda handed to app.MapGet(…) and friends.
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation lambda && IsMinimalApiHandler(lambda))
                return MinimalApi;
        }

        var method = containingSymbol as IMethodSymbol;
        while (method is { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
            method = method.ContainingSymbol as IMethodSymbol;
        if (method?.ContainingType is not { } type)
            return null;

        if (_componentBase is not null && QwenApi.InheritsFrom(type, _componentBase))
            return "a Blazor component";
        if (method.DeclaredAccessibility != Accessibility.Public || method.IsStatic || method.MethodKind != MethodKind.Ordinary)
            return null;
        if (IsController(type) && !HasAttribute(method, _nonActionAttribute))
            return "an MVC action";
        if (_pageModel is not null && QwenApi.InheritsFrom(type, _pageModel) && method.Name.StartsWith("On", System.StringComparison.Ordinal))
            return "a Razor Pages handler";
        if ((_hub is not null && QwenApi.InheritsFrom(type, _hub)) || (_genericHub is not null && QwenApi.InheritsFrom(type, _genericHub)))
            return "a SignalR hub method";
        if (method.IsOverride && IsGrpcService(type))
            return "a gRPC service method";
        return null;
    }

    private bool IsMinimalApiHandler(IAnonymousFunctionOperation lambda)
    {
        var parent = lambda.Parent;
        while (parent is IDelegateCreationOperation or IConversionOperation)
            parent = parent.Parent;
        return parent is IArgumentOperation { Parent: IInvocationOperation map }
               && MapMethods.Contains(map.TargetMethod.Name)
               && QwenApi.Is(map.TargetMethod.ContainingType, _endpointRouteBuilderExtensions);
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
}
