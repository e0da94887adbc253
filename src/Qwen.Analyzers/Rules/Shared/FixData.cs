using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;

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

    /// <summary>
    /// The additional locations of a diagnostic whose fix edits one node (QW0001, QW0010 and the JSON-body fixes of
    /// QW0001, QW0002, QW0005 and QW0007): that node alone. Rules with several nodes to edit name them in their own data
    /// type (QW0003, QW0008, QW0009, QW0011); QW0004's is <c>PromptPrefixFix.Target</c>.
    /// </summary>
    public static Location[] EditTarget(SyntaxNode node) => new[] { node.GetLocation() };

    /// <summary>
    /// The node <see cref="EditTarget"/> pointed at, when it is still a <typeparamref name="T"/> in the document being fixed.
    /// A target in another file (a body a helper or a subclass builds elsewhere) gets no fix: the fixer edits one document.
    /// </summary>
    public static T? EditTargetNode<T>(SyntaxNode root, Diagnostic diagnostic)
        where T : SyntaxNode
    {
        if (diagnostic.AdditionalLocations.Count == 0)
            return null;
        var target = diagnostic.AdditionalLocations[0];
        if (target.SourceTree?.FilePath != root.SyntaxTree.FilePath || target.SourceSpan.End > root.FullSpan.End)
            return null;
        return root.FindNode(target.SourceSpan, getInnermostNodeForTie: true) as T;
    }
}
