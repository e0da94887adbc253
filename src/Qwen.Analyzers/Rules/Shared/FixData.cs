using System.Collections.Immutable;
using System.Globalization;

namespace Qwen.Analyzers.Rules;

/// <summary>
/// The plumbing of the analyzer-to-fixer contract: each rule has one small typed class (<c>…Fix</c>, beside its
/// analyzer) that writes itself into <see cref="Microsoft.CodeAnalysis.Diagnostic.Properties"/> and reads itself back
/// in the fixer; nothing else touches the keys.
/// </summary>
internal static class FixData
{
    public static ImmutableDictionary<string, string?> Empty => ImmutableDictionary<string, string?>.Empty;

    public static ImmutableDictionary<string, string?> With(this ImmutableDictionary<string, string?> properties, string key, string? value)
        => value is null ? properties : properties.SetItem(key, value);

    public static ImmutableDictionary<string, string?> With(this ImmutableDictionary<string, string?> properties, string key, int? value)
        => value is { } number ? properties.SetItem(key, number.ToString(CultureInfo.InvariantCulture)) : properties;

    public static ImmutableDictionary<string, string?> With(this ImmutableDictionary<string, string?> properties, string key, bool value)
        => value ? properties.SetItem(key, "true") : properties;

    public static string? Text(this ImmutableDictionary<string, string?> properties, string key)
        => properties.TryGetValue(key, out var value) ? value : null;

    public static int? Int(this ImmutableDictionary<string, string?> properties, string key)
        => properties.TryGetValue(key, out var value) && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;

    public static bool Flag(this ImmutableDictionary<string, string?> properties, string key)
        => properties.TryGetValue(key, out var value) && value == "true";
}
