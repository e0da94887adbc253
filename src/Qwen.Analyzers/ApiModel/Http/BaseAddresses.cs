using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Qwen.Analyzers.Flow;

namespace Qwen.Analyzers.ApiModel;

/// <summary>
/// Where an <c>HttpClient</c>'s base address is set where the client is built, so a relative request URI
/// (<c>"chat/completions"</c>) can be read whole: <c>new HttpClient { BaseAddress = … }</c> into a field, a typed
/// client's constructor setting <c>http.BaseAddress</c>, <c>services.AddHttpClient&lt;T&gt;(c =&gt; c.BaseAddress = …)</c>
/// (and <c>AddHttpClient("name", …)</c> for <c>CreateClient("name")</c>). Found once per compilation, from the few files
/// whose text names <c>BaseAddress</c>; a base address read from configuration stays unknown.
/// </summary>
internal sealed class BaseAddresses
{
    private readonly Dictionary<ISymbol, string> _byMember = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ISymbol, string> _byType = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<string, string> _byName = new(StringComparer.Ordinal);

    private BaseAddresses()
    {
    }

    /// <summary>The base address of the client an operation evaluates to (a field, a local, <c>CreateClient("name")</c>), when the project sets one.</summary>
    public string? Of(IOperation client, ISymbol? containingSymbol, QwenApi api)
    {
        var value = ValueFlow.Unwrap(client);
        if (value is ILocalReferenceOperation local)
        {
            if (LocalBaseAddress(local, api) is { } inMethod)
                return inMethod;
            value = ValueFlow.Resolve(local) ?? value;
        }

        switch (value)
        {
            case IFieldReferenceOperation field when _byMember.TryGetValue(field.Field.OriginalDefinition, out var byField):
                return byField;
            case IPropertyReferenceOperation property when _byMember.TryGetValue(property.Property.OriginalDefinition, out var byProperty):
                return byProperty;
            case IObjectCreationOperation creation:
                return Initialized(creation, api);
            case IInvocationOperation { TargetMethod.Name: "CreateClient", Arguments.Length: >= 1 } create
                when ValueFlow.Unwrap(create.Arguments[create.Arguments.Length - 1].Value).ConstantValue.Value is string name:
                return _byName.TryGetValue(name, out var named) ? named : null;
        }

        // A typed client: the HttpClient it was given (a field, a parameter of its own) is configured for the type.
        if (value is IFieldReferenceOperation or IPropertyReferenceOperation or IParameterReferenceOperation or IInstanceReferenceOperation)
        {
            for (var type = containingSymbol?.ContainingType; type is not null; type = type.ContainingType)
            {
                if (_byType.TryGetValue(type.OriginalDefinition, out var byType))
                    return byType;
            }
        }

        return null;
    }

    /// <summary><c>var http = new HttpClient { BaseAddress = … }</c> or <c>http.BaseAddress = …</c> in the method itself.</summary>
    private static string? LocalBaseAddress(ILocalReferenceOperation local, QwenApi api)
    {
        if (ValueFlow.GetSingleValue(local.Local, ValueFlow.GetRoot(local)) is IObjectCreationOperation creation && Initialized(creation, api) is { } initialized)
            return initialized;
        string? assigned = null;
        foreach (var reference in ValueFlow.References(local.Local, ValueFlow.GetRoot(local)))
        {
            if (reference.Parent is IPropertyReferenceOperation { Property.Name: "BaseAddress" } property
                && property.Parent is ISimpleAssignmentOperation assignment && assignment.Target == property)
            {
                assigned = UrlText.Read(assignment.Value, api);
            }
        }

        return assigned;
    }

    private static string? Initialized(IObjectCreationOperation creation, QwenApi api)
    {
        foreach (var initializer in creation.Initializer?.Initializers ?? System.Collections.Immutable.ImmutableArray<IOperation>.Empty)
        {
            if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "BaseAddress" } } assignment)
                return UrlText.Read(assignment.Value, api);
        }

        return null;
    }

    private static readonly string[] BaseAddressName = { "BaseAddress" };

    public static BaseAddresses Find(QwenApi api, CancellationToken cancellationToken)
    {
        var found = new BaseAddresses();
        foreach (var tree in api.Compilation.SyntaxTrees)
        {
            if (!SourceScan.Mentions(tree, BaseAddressName, System.StringComparison.Ordinal))
                continue;
            SemanticModel? model = null;
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
            {
                if (node is not AssignmentExpressionSyntax { Left: var left } assignmentSyntax || !IsBaseAddressTarget(left))
                    continue;
#pragma warning disable RS1030 // once per compilation, only for the files that name BaseAddress
                model ??= api.Compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                if (model.GetOperation(assignmentSyntax, cancellationToken) is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "BaseAddress" } target } assignment
                    && QwenApi.Is(target.Property.ContainingType, api.Http?.HttpClient))
                {
                    found.Record(assignment, target, model, api, cancellationToken);
                }
            }
        }

        return found;
    }

    private static bool IsBaseAddressTarget(ExpressionSyntax left)
        => left is IdentifierNameSyntax { Identifier.ValueText: "BaseAddress" } or MemberAccessExpressionSyntax { Name.Identifier.ValueText: "BaseAddress" };

    private void Record(ISimpleAssignmentOperation assignment, IPropertyReferenceOperation target, SemanticModel model, QwenApi api, CancellationToken cancellationToken)
    {
        var address = UrlText.Read(assignment.Value, api);
        if (address is null || !UrlText.IsAbsolute(address))
            return;

        // new HttpClient { BaseAddress = … } assigned to a field or property.
        if (target.Instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver }
            && assignment.Parent is IObjectOrCollectionInitializerOperation { Parent: IObjectCreationOperation creation })
        {
            var holder = creation.Parent is IConversionOperation conversion ? conversion.Parent : creation.Parent;
            switch (holder)
            {
                case ISimpleAssignmentOperation { Target: IFieldReferenceOperation field }:
                    _byMember[field.Field.OriginalDefinition] = address;
                    break;
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property }:
                    _byMember[property.Property.OriginalDefinition] = address;
                    break;
                case IFieldInitializerOperation fieldInitializer:
                    foreach (var initialized in fieldInitializer.InitializedFields)
                        _byMember[initialized.OriginalDefinition] = address;
                    break;
                case IPropertyInitializerOperation propertyInitializer:
                    foreach (var initialized in propertyInitializer.InitializedProperties)
                        _byMember[initialized.OriginalDefinition] = address;
                    break;
            }

            return;
        }

        var instance = target.Instance is null ? null : ValueFlow.Unwrap(target.Instance);
        // services.AddHttpClient<T>(c => c.BaseAddress = …), AddHttpClient("name", c => …), ….ConfigureHttpClient(c => …)
        if (instance is IParameterReferenceOperation { Parameter.ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LambdaMethod } }
            && ConfiguredClient(assignment) is { } registration)
        {
            foreach (var type in registration.TargetMethod.TypeArguments)
                _byType[type.OriginalDefinition] = address;
            foreach (var argument in registration.Arguments)
            {
                if (argument.Parameter?.Type.SpecialType == SpecialType.System_String && ValueFlow.Unwrap(argument.Value).ConstantValue.Value is string name)
                    _byName[name] = address;
            }

            return;
        }

        // A typed client's constructor: http.BaseAddress = … (its HttpClient parameter) or _http.BaseAddress = ….
        var containing = model.GetEnclosingSymbol(assignment.Syntax.SpanStart, cancellationToken);
        if (containing is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor)
        {
            switch (instance)
            {
                case IParameterReferenceOperation:
                    _byType[constructor.ContainingType.OriginalDefinition] = address;
                    break;
                case IFieldReferenceOperation field:
                    _byMember[field.Field.OriginalDefinition] = address;
                    _byType[constructor.ContainingType.OriginalDefinition] = address;
                    break;
                case IPropertyReferenceOperation property:
                    _byMember[property.Property.OriginalDefinition] = address;
                    _byType[constructor.ContainingType.OriginalDefinition] = address;
                    break;
            }
        }
    }

    /// <summary>The <c>AddHttpClient</c> call a configuring lambda belongs to (directly, or through <c>ConfigureHttpClient</c> on its result).</summary>
    private static IInvocationOperation? ConfiguredClient(IOperation assignment)
    {
        IOperation? current = assignment;
        while (current is not null and not IAnonymousFunctionOperation)
            current = current.Parent;
        while (current?.Parent is IDelegateCreationOperation or IConversionOperation)
            current = current.Parent;
        if (current?.Parent is not IArgumentOperation { Parent: IInvocationOperation call })
            return null;
        if (call.TargetMethod.Name == "AddHttpClient")
            return call;
        // builder.Services.AddHttpClient<T>().ConfigureHttpClient(c => …)
        if (call.TargetMethod.Name == "ConfigureHttpClient" && call.Arguments.Length > 0
            && ValueFlow.Unwrap(call.Arguments[0].Value) is IInvocationOperation { TargetMethod.Name: "AddHttpClient" } add)
        {
            return add;
        }

        return null;
    }
}
