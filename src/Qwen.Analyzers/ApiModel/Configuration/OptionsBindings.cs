using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Qwen.Analyzers.Flow;

namespace Qwen.Analyzers.ApiModel;

/// <summary>
/// Which configuration section each options class of the app is bound to: <c>services.Configure&lt;T&gt;(configuration.GetSection("Qwen"))</c>,
/// <c>services.AddOptions&lt;T&gt;().Bind(configuration.GetSection("Qwen"))</c> and <c>.BindConfiguration("Qwen")</c>. Found once per
/// compilation, from the files whose text names one of those methods. A class bound to two sections is unknown.
/// </summary>
internal sealed class OptionsBindings
{
    private static readonly string[] Methods = { "Configure", "Bind", "BindConfiguration" };

    // Options type → its section path; null when bound twice to different sections or by a path not known here.
    private readonly Dictionary<ITypeSymbol, string?> _sections = new(SymbolEqualityComparer.Default);

    /// <summary>The section <paramref name="type"/> is bound to; null when unknown.</summary>
    public string? SectionOf(ITypeSymbol type) => _sections.TryGetValue(type.OriginalDefinition, out var section) ? section : null;

    public static OptionsBindings Find(QwenApi api, CancellationToken cancellationToken)
    {
        var found = new OptionsBindings();
        foreach (var tree in api.Compilation.SyntaxTrees)
        {
            if (!SourceScan.Mentions(tree, Methods, StringComparison.Ordinal))
                continue;
            SemanticModel? model = null;
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
            {
                if (node is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Configure" or "Bind" or "BindConfiguration" } } invocation)
                    continue;
#pragma warning disable RS1030 // once per compilation, only for the files that name a binding method
                model ??= api.Compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                if (model.GetOperation(invocation, cancellationToken) is IInvocationOperation operation)
                    found.Record(operation, api);
            }
        }

        return found;
    }

    private void Record(IInvocationOperation invocation, QwenApi api)
    {
        var method = invocation.TargetMethod;
        ITypeSymbol? type = null;
        string? section = null;
        switch (method.Name)
        {
            // services.Configure<T>(IConfiguration config): OptionsConfigurationServiceCollectionExtensions.
            case "Configure" when method.ContainingType?.Name == "OptionsConfigurationServiceCollectionExtensions" && method.TypeArguments.Length == 1:
                type = method.TypeArguments[0];
                section = ConfigurationValue.SectionPath(LastConfigurationArgument(invocation, api), api);
                break;
            // services.AddOptions<T>().Bind(config) / .BindConfiguration("path"): OptionsBuilder<T>.
            case "Bind" or "BindConfiguration" when method.ContainingType?.Name is "OptionsBuilderConfigurationExtensions" or "OptionsBuilderExtensions"
                                                   && method.TypeArguments.Length == 1:
                type = method.TypeArguments[0];
                section = method.Name == "Bind"
                    ? ConfigurationValue.SectionPath(LastConfigurationArgument(invocation, api), api)
                    : invocation.Arguments.Length >= 2 && ValueFlow.Unwrap(invocation.Arguments[1].Value).ConstantValue.Value is string path ? path : null;
                break;
            default:
                return;
        }

        if (type is null)
            return;
        var key = type.OriginalDefinition;
        _sections[key] = _sections.TryGetValue(key, out var earlier) && earlier != section ? null : section;
    }

    /// <summary>The configuration argument of a binding call (after the services or builder it extends).</summary>
    private static IOperation? LastConfigurationArgument(IInvocationOperation invocation, QwenApi api)
    {
        for (var i = invocation.Arguments.Length - 1; i >= 1; i--)
        {
            if (api.ConfigurationTypes?.IsConfiguration(ValueFlow.Unwrap(invocation.Arguments[i].Value).Type) == true)
                return invocation.Arguments[i].Value;
        }

        return null;
    }
}
