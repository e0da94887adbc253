using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Qwen.Analyzers.Flow;

namespace Qwen.Analyzers.ApiModel;

/// <summary>
/// What the app registers with the dependency-injection container, so a client that reaches a call as a parameter the
/// container fills (a minimal-API handler's parameter, a constructor parameter of a registered service, a controller
/// or a hub, <c>GetRequiredService&lt;T&gt;()</c>) can be traced to the expression that built it:
/// <c>services.AddSingleton(chatClient)</c>, <c>AddSingleton&lt;IChatClient&gt;(sp =&gt; …)</c>, <c>AddChatClient(…)</c>,
/// Semantic Kernel's <c>services.AddKernel()</c> (the kernel) and <c>AddOpenAIChatCompletion(…)</c> on the services or on
/// the kernel builder <c>AddKernel()</c> returns (the chat service: the call itself, which names the model).
/// Found once per compilation, from the files whose text names a registration method. A type registered more than
/// once (which one a parameter gets depends on the order and on keys), or by a form not read here, is unknown.
/// </summary>
internal sealed class ServiceRegistrations
{
    private static readonly string[] Methods =
    {
        "AddSingleton", "AddScoped", "AddTransient", "AddChatClient", "AddHostedService", "AddHttpClient", "AddKernel", "AddOpenAIChatCompletion",
        "AddKeyedSingleton", "AddKeyedScoped", "AddKeyedTransient", "AddKeyedChatClient",
    };

    // (service type, constant key) → the one expression registered for it under that key; null when registered twice.
    private readonly Dictionary<(ITypeSymbol Type, string Key), IOperation?> _keyed = new(KeyComparer.Instance);

    // Service type → the one expression registered for it; null when it is registered more than once or built by the container.
    private readonly Dictionary<ITypeSymbol, IOperation?> _values = new(SymbolEqualityComparer.Default);

    // Types the container constructs: their constructor parameters are injected.
    private readonly HashSet<ITypeSymbol> _constructed = new(SymbolEqualityComparer.Default);

    // Implementation types the container builds, by lifetime: true when every registration is scoped or transient.
    private readonly Dictionary<ITypeSymbol, bool> _perScope = new(SymbolEqualityComparer.Default);

    private ServiceRegistrations()
    {
    }

    /// <summary>
    /// True when the framework builds a new <paramref name="type"/> per request or scope: a controller, hub, Razor Page
    /// model or component, or a type every registration of which is <c>AddScoped</c> / <c>AddTransient</c>.
    /// </summary>
    public bool IsBuiltPerRequest(INamedTypeSymbol type)
        => IsFrameworkBuilt(type) || _perScope.TryGetValue(type.OriginalDefinition, out var perScope) && perScope;

    /// <summary>True when the container builds <paramref name="type"/> once (a registration of it is <c>AddSingleton</c>).</summary>
    public bool IsSingleton(INamedTypeSymbol type) => _perScope.TryGetValue(type.OriginalDefinition, out var perScope) && !perScope;

    /// <summary>The expression registered for the service a parameter the container fills receives; null when unknown.</summary>
    public IOperation? Injected(IParameterReferenceOperation reference, QwenApi api)
    {
        var parameter = reference.Parameter;
        string? key = null;
        foreach (var attribute in parameter.GetAttributes())
        {
            if (attribute.AttributeClass?.Name == "FromKeyedServicesAttribute")
            {
                // A keyed service: the registration under that key, when the key is a constant string.
                if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not string constant)
                    return null;
                key = constant;
            }
        }

        var filledByContainer = parameter.ContainingSymbol switch
        {
            IMethodSymbol { MethodKind: MethodKind.Constructor } constructor => IsConstructedByContainer(constructor.ContainingType),
            IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LambdaMethod } => IsHandlerParameter(reference, api),
            _ => false,
        };
        return !filledByContainer ? null : key is null ? Registered(parameter.Type) : Registered(parameter.Type, key);
    }

    /// <summary>The one expression registered for <paramref name="serviceType"/> under the constant key <paramref name="key"/>; null when unknown.</summary>
    public IOperation? Registered(ITypeSymbol serviceType, string key) => _keyed.TryGetValue((serviceType, key), out var value) ? value : null;

    /// <summary>The one expression registered for <paramref name="serviceType"/>; null when there is none or several.</summary>
    public IOperation? Registered(ITypeSymbol serviceType) => _values.TryGetValue(serviceType, out var value) ? value : null;

    private bool IsConstructedByContainer(INamedTypeSymbol type) => _constructed.Contains(type.OriginalDefinition) || IsFrameworkBuilt(type);

    /// <summary>Controllers, hubs, page models and components: built by the framework, which resolves their constructor parameters.</summary>
    private static bool IsFrameworkBuilt(INamedTypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.Name is "ControllerBase" or "Hub" or "ComponentBase" or "PageModel"
                && current.ContainingNamespace?.ToDisplayString() is { } ns && ns.StartsWith("Microsoft.AspNetCore", System.StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsHandlerParameter(IParameterReferenceOperation reference, QwenApi api)
    {
        for (var current = reference.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation lambda && SymbolEqualityComparer.Default.Equals(lambda.Symbol, reference.Parameter.ContainingSymbol))
                return api.Interactive.IsMinimalApiHandler(lambda);
        }

        return false;
    }

    public static ServiceRegistrations Find(QwenApi api, CancellationToken cancellationToken)
    {
        var found = new ServiceRegistrations();
        foreach (var tree in api.Compilation.SyntaxTrees)
        {
            if (!SourceScan.Mentions(tree, Methods, StringComparison.Ordinal))
                continue;
            SemanticModel? model = null;
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
            {
                if (node is not InvocationExpressionSyntax invocation || !IsRegistrationName(invocation.Expression))
                    continue;
#pragma warning disable RS1030 // once per compilation, only for the files that name a registration method
                model ??= api.Compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                if (model.GetOperation(invocation, cancellationToken) is not IInvocationOperation operation)
                    continue;
                if (operation.TargetMethod.Name == "AddOpenAIChatCompletion")
                    found.RecordChatService(operation, api);
                else if (operation.TargetMethod.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.DependencyInjection")
                    found.Record(operation, api);
            }
        }

        return found;
    }

    private static bool IsRegistrationName(ExpressionSyntax expression)
    {
        var name = expression switch
        {
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => null,
        };
        return name is not null && System.Array.IndexOf(Methods, name) >= 0;
    }

    /// <summary>Semantic Kernel's <c>services.AddKernel()</c>: the kernel the container builds from its registered services.</summary>
    public static bool IsAddKernel(IMethodSymbol method)
        => method.Name == "AddKernel" && method.Parameters.Length == 1 && method.ContainingType?.Name == "KernelServiceCollectionExtensions";

    /// <summary>
    /// <c>services.AddOpenAIChatCompletion(modelId, …)</c>, or the same on the builder <c>services.AddKernel()</c> returns:
    /// the app's chat service. The same call on <c>Kernel.CreateBuilder()</c> builds a kernel of its own, not a registration.
    /// </summary>
    private void RecordChatService(IInvocationOperation registration, QwenApi api)
    {
        if (api.SemanticKernel.ChatCompletionService is not { } service || !registration.TargetMethod.IsExtensionMethod || registration.Arguments.Length == 0)
            return;
        var target = ValueFlow.Resolve(ValueFlow.Unwrap(registration.Arguments[0].Value));
        // Up the builder chain (AddKernel().AddOpenAIChatCompletion(…).Add…()) to where it starts.
        while (target is IInvocationOperation { TargetMethod.IsExtensionMethod: true, Arguments.Length: > 0 } chained && !IsAddKernel(chained.TargetMethod)
               && chained.TargetMethod.ReturnType.Name == "IKernelBuilder")
        {
            target = ValueFlow.Resolve(ValueFlow.Unwrap(chained.Arguments[0].Value));
        }

        var intoContainer = registration.Arguments[0].Value.Type?.Name == "IServiceCollection"
                            || target is IInvocationOperation { TargetMethod: var start } && IsAddKernel(start);
        if (intoContainer)
            _values[service] = _values.ContainsKey(service) ? null : registration;
    }

    private void Record(IInvocationOperation registration, QwenApi api)
    {
        var method = registration.TargetMethod;
        var typeArguments = method.TypeArguments;
        if (IsAddKernel(method))
        {
            if (api.SemanticKernel.Kernel is { } kernel)
                _values[kernel] = _values.ContainsKey(kernel) ? null : registration;
            return;
        }

        if (method.Name is "AddHostedService" or "AddHttpClient")
        {
            // The container builds the (last) type argument: a typed client or a background service.
            if (typeArguments.Length > 0)
                _constructed.Add(typeArguments[typeArguments.Length - 1].OriginalDefinition);
            return;
        }

        // AddKeyedSingleton<T>("fast", …), AddKeyedChatClient("fast", …): read under its key when the key is a constant string.
        string? key = null;
        if (method.Name.StartsWith("AddKeyed", System.StringComparison.Ordinal))
        {
            var keyArgument = registration.Arguments.FirstOrDefault(a => a.Parameter?.Name == "serviceKey");
            if (keyArgument is null || ValueFlow.Unwrap(keyArgument.Value).ConstantValue.Value is not string constantKey)
                return;
            key = constantKey;
        }

        // The value the registration hands over: an instance or a factory's one returned value.
        IOperation? value = null;
        var hasValue = false;
        foreach (var argument in registration.Arguments)
        {
            if (argument.Parameter is null || argument.Parameter.Ordinal == 0 || argument.ArgumentKind == ArgumentKind.DefaultValue || argument.Parameter.Name == "serviceKey")
                continue;   // the IServiceCollection itself, the key, or an optional lifetime
            if (argument.Parameter.Type.SpecialType == SpecialType.None && argument.Parameter.Type.Name == "ServiceLifetime")
                continue;
            hasValue = true;
            value = FactoryResult(ValueFlow.Unwrap(argument.Value)) ?? ValueFlow.Unwrap(argument.Value);
            break;
        }

        ITypeSymbol? service = method.Name is "AddChatClient" or "AddKeyedChatClient"
            ? method.ReturnType.Name == "ChatClientBuilder" ? ValueType(registration) : null
            : typeArguments.Length > 0 ? typeArguments[0] : null;
        if (service is null)
            return;   // AddSingleton(typeof(…), …): not read
        if (key is not null)
        {
            _keyed[(service, key)] = _keyed.ContainsKey((service, key)) || !hasValue ? null : value;
            return;
        }
        if (!hasValue && typeArguments.Length > 0)
        {
            var implementation = typeArguments[typeArguments.Length - 1].OriginalDefinition;
            _constructed.Add(implementation);
            var perScope = method.Name is "AddScoped" or "AddTransient";
            _perScope[implementation] = perScope && (!_perScope.TryGetValue(implementation, out var before) || before);
        }
        _values[service] = _values.ContainsKey(service) || !hasValue ? null : value;
    }

    /// <summary>AddChatClient's service is always <c>IChatClient</c>: the type of what its instance or factory yields.</summary>
    private static ITypeSymbol? ValueType(IInvocationOperation registration)
    {
        foreach (var argument in registration.Arguments)
        {
            if (argument.Parameter is { Ordinal: > 0 } parameter && parameter.Name != "serviceKey")
                return parameter.Type is INamedTypeSymbol { DelegateInvokeMethod: { } invoke } ? invoke.ReturnType : parameter.Type;
        }

        return null;
    }

    private sealed class KeyComparer : IEqualityComparer<(ITypeSymbol Type, string Key)>
    {
        public static readonly KeyComparer Instance = new();

        public bool Equals((ITypeSymbol Type, string Key) x, (ITypeSymbol Type, string Key) y)
            => SymbolEqualityComparer.Default.Equals(x.Type, y.Type) && string.Equals(x.Key, y.Key, System.StringComparison.Ordinal);

        public int GetHashCode((ITypeSymbol Type, string Key) obj) => SymbolEqualityComparer.Default.GetHashCode(obj.Type) ^ obj.Key.GetHashCode();
    }

    /// <summary>The one value a factory lambda returns (<c>sp =&gt; …</c>); null for anything else.</summary>
    private static IOperation? FactoryResult(IOperation value)
    {
        if (value is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda })
            value = lambda;
        if (value is not IAnonymousFunctionOperation { Body: var body })
            return null;
        IOperation? returned = null;
        foreach (var operation in body.Descendants())
        {
            if (operation is IReturnOperation { ReturnedValue: { } result })
            {
                if (returned is not null)
                    return null;
                returned = result;
            }
        }

        return returned is null ? null : ValueFlow.Unwrap(returned);
    }
}
