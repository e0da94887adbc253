using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Qwen.Analyzers.Rules;

/// <summary>Which write QW0011's fix rewrites into <c>.WithQwenField(name, value)</c>.</summary>
internal enum DroppedFieldShape
{
    /// <summary>No rewrite: the write is not one of the shapes below.</summary>
    None,
    /// <summary><c>options.AdditionalProperties["k"] = v;</c> on a local, parameter or field.</summary>
    Statement,
    /// <summary>The only entry of <c>AdditionalProperties = new() { ["k"] = v }</c> inside the options' own initializer.</summary>
    Initializer,
}

/// <summary>
/// QW0011's analyzer-to-fixer data. The diagnostic's location is the write; for <see cref="DroppedFieldShape.Initializer"/>
/// the additional locations are, in this order, the <c>AdditionalProperties = …</c> member and the options' creation
/// (<see cref="Locations"/> writes them, <see cref="Read"/> gives them back by name).
/// </summary>
internal sealed class DroppedFieldFix
{
    private const string ShapeKey = "DroppedFieldShape";
    private const string NameKey = "DroppedFieldName";

    private DroppedFieldFix(DroppedFieldShape shape, string? name, Location? member, Location? options)
    {
        Shape = shape;
        Name = name;
        Member = member;
        Options = options;
    }

    public DroppedFieldShape Shape { get; }

    /// <summary>The field's name as the code writes it (<c>enable_thinking</c>), for the action's title.</summary>
    public string? Name { get; }

    /// <summary>For <see cref="DroppedFieldShape.Initializer"/>: the <c>AdditionalProperties = …</c> member of the options' initializer.</summary>
    public Location? Member { get; }

    /// <summary>For <see cref="DroppedFieldShape.Initializer"/>: the options' creation expression.</summary>
    public Location? Options { get; }

    public static DroppedFieldFix None { get; } = new(DroppedFieldShape.None, null, null, null);

    public static DroppedFieldFix Statement(string name) => new(DroppedFieldShape.Statement, name, null, null);

    public static DroppedFieldFix Initializer(string name, Location member, Location options) => new(DroppedFieldShape.Initializer, name, member, options);

    public ImmutableDictionary<string, string?> ToProperties()
        => Shape == DroppedFieldShape.None ? FixData.Empty : FixData.Empty.With(ShapeKey, Shape.ToString()).With(NameKey, Name);

    public IEnumerable<Location>? Locations() => Shape == DroppedFieldShape.Initializer ? new[] { Member!, Options! } : null;

    public static DroppedFieldFix Read(Diagnostic diagnostic)
    {
        var properties = diagnostic.Properties;
        if (!System.Enum.TryParse<DroppedFieldShape>(properties.Text(ShapeKey), out var shape) || properties.Text(NameKey) is not { } name)
            return None;
        if (shape != DroppedFieldShape.Initializer)
            return new DroppedFieldFix(shape, name, null, null);
        var locations = diagnostic.AdditionalLocations;
        return locations.Count == 2 ? Initializer(name, locations[0], locations[1]) : None;
    }
}
