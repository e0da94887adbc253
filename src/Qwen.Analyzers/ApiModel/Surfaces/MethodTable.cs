using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Qwen.Analyzers.ApiModel;

/// <summary>
/// Every client method the surfaces register, by its original definition, with what a call of it is: the one table
/// <see cref="QwenApi.TryGetCall"/> classifies invocations against. Each surface (<c>Surfaces/*.cs</c>) adds its own.
/// </summary>
internal sealed class MethodTable
{
    private readonly Dictionary<IMethodSymbol, MethodEntry> _methods = new(SymbolEqualityComparer.Default);
    private readonly HashSet<string> _interfaceMethodNames = new(StringComparer.Ordinal);
    private readonly List<INamedTypeSymbol> _chatInterfaces = new();
    private readonly INamedTypeSymbol? _binaryContent;

    public MethodTable(INamedTypeSymbol? binaryContent) => _binaryContent = binaryContent;

    public bool IsEmpty => _methods.Count == 0;

    /// <summary>The names of every registered method.</summary>
    public IEnumerable<string> Names => _methods.Keys.Select(m => m.Name);

    /// <summary>The public overloads of <paramref name="type"/> named <paramref name="name"/>, but the protocol methods (raw <c>BinaryContent</c> in: their body is opaque).</summary>
    public void Add(INamedTypeSymbol? type, string name, ClientSurface surface, bool streaming, bool sync)
    {
        if (type is null)
            return;
        foreach (var member in type.GetMembers(name))
        {
            if (member is not IMethodSymbol method || method.DeclaredAccessibility != Accessibility.Public)
                continue;
            if (method.Parameters.Length > 0 && QwenApi.Is(method.Parameters[0].Type, _binaryContent))
                continue;
            _methods[method.OriginalDefinition] = new MethodEntry(surface, streaming, sync);
        }
    }

    /// <summary>A method of the DashScope SDK's client: the endpoint it calls is known by its name.</summary>
    public void AddSdk(INamedTypeSymbol client, string name, DashScopeEndpoint endpoint, bool streaming)
    {
        foreach (var member in client.GetMembers(name))
        {
            if (member is IMethodSymbol method)
                _methods[method.OriginalDefinition] = new MethodEntry(ClientSurface.DashScopeSdk, streaming, isSynchronous: false, endpoint);
        }
    }

    /// <summary>Semantic Kernel's <c>InvokeAsync(function)</c> overloads that take the function itself (not a plugin and function name).</summary>
    public void AddPromptFunction(INamedTypeSymbol? owner, string name, bool streaming)
    {
        if (owner is null)
            return;
        foreach (var member in owner.GetMembers(name))
        {
            if (member is IMethodSymbol { DeclaredAccessibility: Accessibility.Public } method
                && (method.ContainingType.Name == "KernelFunction" || method.Parameters.Length > 0 && method.Parameters[0].Type.Name == "KernelFunction"))
                _methods[method.OriginalDefinition] = new MethodEntry(ClientSurface.SemanticKernel, streaming, isSynchronous: false, promptFunction: true);
        }
    }

    /// <summary>A client interface whose implementations' methods count as its own (a concrete <c>IChatClient</c>, say).</summary>
    public void AddInterface(INamedTypeSymbol client)
    {
        _chatInterfaces.Add(client);
        foreach (var member in client.GetMembers())
            _interfaceMethodNames.Add(member.Name);
    }

    public bool TryGet(IMethodSymbol method, out MethodEntry entry)
    {
        var definition = (method.ReducedFrom ?? method).OriginalDefinition;
        if (_methods.TryGetValue(definition, out entry))
            return true;

        // A subclass of ChatClient (Azure's AzureChatClient, a user's decorator) overriding a chat method.
        for (var overridden = definition.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
        {
            if (_methods.TryGetValue(overridden.OriginalDefinition, out entry))
                return true;
        }

        // A call through a concrete implementation of IChatClient / IChatCompletionService.
        if (!_interfaceMethodNames.Contains(definition.Name) || definition.ContainingType is not { } type)
            return false;
        foreach (var iface in _chatInterfaces)
        {
            if (!type.AllInterfaces.Contains(iface, SymbolEqualityComparer.Default))
                continue;
            foreach (var member in iface.GetMembers(definition.Name))
            {
                // The implementation may be a base method this one overrides (DelegatingChatClient's, say).
                var implementation = type.FindImplementationForInterfaceMember(member);
                for (IMethodSymbol? candidate = definition; candidate is not null; candidate = candidate.OverriddenMethod)
                {
                    if (SymbolEqualityComparer.Default.Equals(implementation, candidate.OriginalDefinition)
                        && _methods.TryGetValue(((IMethodSymbol)member).OriginalDefinition, out entry))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }
}

/// <summary>What a call of a registered client method is.</summary>
internal readonly struct MethodEntry
{
    public MethodEntry(ClientSurface surface, bool isStreaming, bool isSynchronous, DashScopeEndpoint? endpoint = null, bool promptFunction = false)
    {
        Surface = surface;
        IsStreaming = isStreaming;
        IsSynchronous = isSynchronous;
        Endpoint = endpoint;
        PromptFunction = promptFunction;
    }

    /// <summary>Semantic Kernel's function invocation: a call only when the function is a prompt function in view.</summary>
    public bool PromptFunction { get; }

    /// <summary>For the DashScope SDK: the endpoint the method calls.</summary>
    public DashScopeEndpoint? Endpoint { get; }

    public ClientSurface Surface { get; }
    public bool IsStreaming { get; }
    public bool IsSynchronous { get; }
}
