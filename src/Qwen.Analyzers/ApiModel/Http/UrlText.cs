using System;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Qwen.Analyzers.Flow;

namespace Qwen.Analyzers.ApiModel;

/// <summary>
/// The text a URL expression is known to hold, parts not known here read as <c>{}</c>: literals, interpolations,
/// concatenations, <c>new Uri(…)</c>, locals assigned once, constants, and — one step away — a static readonly field or
/// static property of any class in the project, or what a small helper method of the project returns.
/// </summary>
internal static class UrlText
{
    public const string Hole = "{}";

    public static string? Read(IOperation? operation, QwenApi api, int depth = 0)
    {
        if (operation is null || depth > 8)
            return null;
        if (operation.ConstantValue is { HasValue: true, Value: string constant })
            return constant;

        var resolved = ValueFlow.Resolve(operation);
        if (resolved is null)
            return Hole;
        if (resolved.ConstantValue is { HasValue: true, Value: string resolvedConstant })
            return resolvedConstant;

        var uri = api.Http?.Uri;
        switch (resolved)
        {
            case IObjectCreationOperation creation when QwenApi.Is(creation.Type, uri) && creation.Arguments.Length > 0:
                if (creation.Arguments.Length >= 2 && QwenApi.Is(creation.Arguments[0].Value.Type, uri))
                    return Combine(Read(creation.Arguments[0].Value, api, depth + 1), Read(creation.Arguments[1].Value, api, depth + 1));
                return Read(creation.Arguments[0].Value, api, depth + 1);
            case IInterpolatedStringOperation interpolated:
            {
                var text = new StringBuilder();
                foreach (var part in interpolated.Parts)
                {
                    if (part is IInterpolatedStringTextOperation textPart && textPart.Text.ConstantValue.Value is string s)
                        text.Append(s);
                    else if (part is IInterpolationOperation hole)
                        text.Append(Read(hole.Expression, api, depth + 1) ?? Hole);
                }

                return text.ToString();
            }

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } add when add.Type?.SpecialType == SpecialType.System_String:
                return (Read(add.LeftOperand, api, depth + 1) ?? Hole) + (Read(add.RightOperand, api, depth + 1) ?? Hole);
            case IFieldReferenceOperation { Field: { IsStatic: true, IsReadOnly: true } field }:
                return api.Sources.Initializer(field) is { } fieldValue ? Read(fieldValue, api, depth + 1) : Hole;
            case IPropertyReferenceOperation { Property: { IsStatic: true, SetMethod: null, IsIndexer: false } property }:
                return api.Sources.Initializer(property) is { } propertyValue ? Read(propertyValue, api, depth + 1) : Hole;
            case IInvocationOperation invocation when api.Sources.IsOwn(invocation.TargetMethod)
                                                      && invocation.TargetMethod.ReturnType.SpecialType == SpecialType.System_String:
                return api.Sources.ReturnedValue(invocation.TargetMethod) is { } returned ? Read(returned, api, depth + 1) : Hole;
            case IInvocationOperation { TargetMethod.Name: "ToString", Instance: { } instance } when QwenApi.Is(instance.Type, uri):
                return Read(instance, api, depth + 1);
            // A base class's request built from members its subclasses override (TaskUrl => "https://…").
            case IPropertyReferenceOperation { Property: { IsStatic: false, IsIndexer: false } property } when api.Sources.Implementations(property) is { Count: > 0 } overrides:
                return Agreed(overrides, api, depth);
            case IInvocationOperation { TargetMethod: { IsStatic: false, Parameters.Length: 0 } method } when api.Sources.Implementations(method) is { Count: > 0 } overrides:
                return Agreed(overrides, api, depth);
            default:
                // configuration["DashScope:BaseUrl"] and its kin, from the project's settings files.
                return ConfigurationValue.Read(resolved, api) ?? Hole;
        }
    }

    /// <summary>
    /// The URL a virtual member gives, read from every implementation the project has: their text when they agree; the
    /// first one's when they differ but all name the same DashScope endpoint (what the rules judge is then the same);
    /// unknown otherwise.
    /// </summary>
    private static string Agreed(System.Collections.Generic.List<ISymbol> implementations, QwenApi api, int depth)
    {
        string? first = null;
        DashScopeEndpoint? endpoint = null;
        var same = true;
        foreach (var implementation in implementations)
        {
            var value = implementation switch
            {
                IPropertySymbol property => api.Sources.Initializer(property) ?? (property.GetMethod is { } getter ? api.Sources.ReturnedValue(getter) : null),
                IMethodSymbol method => api.Sources.ReturnedValue(method),
                _ => null,
            };
            var text = value is null ? null : Read(value, api, depth + 1);
            if (text is null || text.IndexOf(Hole, StringComparison.Ordinal) >= 0 && !IsAbsolute(text))
                return Hole;
            if (first is null)
            {
                first = text;
                endpoint = HttpRequestFacts.Classify(text, api.HandBuilt.GatewayHosts);
                continue;
            }

            same &= text == first;
            if (!same && (endpoint is null || HttpRequestFacts.Classify(text, api.HandBuilt.GatewayHosts) != endpoint))
                return Hole;
        }

        return first ?? Hole;
    }

    /// <summary>True when the text names a scheme (<c>https://…</c>): not relative to a base address.</summary>
    public static bool IsAbsolute(string url) => url.IndexOf("://", StringComparison.Ordinal) >= 0;

    /// <summary>A relative URL resolved against a base address as <c>HttpClient</c> does (a base without a trailing slash loses its last segment).</summary>
    public static string Resolve(string baseAddress, string relative)
    {
        if (baseAddress.IndexOf(Hole, StringComparison.Ordinal) < 0 && relative.IndexOf(Hole, StringComparison.Ordinal) < 0
            && Uri.TryCreate(baseAddress, UriKind.Absolute, out var baseUri) && Uri.TryCreate(baseUri, relative, out var combined))
        {
            return combined.ToString();
        }

        return Combine(baseAddress, relative)!;
    }

    private static string? Combine(string? baseUri, string? relative)
    {
        if (baseUri is null || relative is null)
            return null;
        return baseUri.TrimEnd('/') + "/" + relative.TrimStart('/');
    }
}
