using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Qwen.Analyzers.Flow;

namespace Qwen.Analyzers.ApiModel;

/// <summary>How a piece of prompt text behaves from one request to the next.</summary>
internal enum PartKind
{
    /// <summary>Constant text: identical every time.</summary>
    Static,
    /// <summary>A static readonly value: identical every time, length known only when initialized with a literal.</summary>
    Stable,
    /// <summary>Varies with the input (a parameter, a local, a call).</summary>
    Dynamic,
    /// <summary>Changes on every request: the clock, a new Guid, a random number, a stopwatch.</summary>
    Volatile,
}

/// <summary>One piece of a prompt string: a literal run, an interpolation hole, or an operand of a concatenation.</summary>
internal sealed class PromptPart
{
    public PromptPart(PartKind kind, int? characters, SyntaxNode syntax, int wideCharacters = 0)
    {
        Kind = kind;
        Characters = characters;
        Syntax = syntax;
        WideCharacters = wideCharacters;
    }

    public PartKind Kind { get; }

    /// <summary>The text's length, when known.</summary>
    public int? Characters { get; }

    /// <summary>How many of the characters are CJK (about a token each, <see cref="QwenLimits.EstimateTokens(string)"/>).</summary>
    public int WideCharacters { get; }

    public SyntaxNode Syntax { get; }

    public bool Varies => Kind is PartKind.Dynamic or PartKind.Volatile;
}

/// <summary>
/// A prompt string read as ordered parts, to tell a cacheable static prefix from content that varies. Token counts of
/// constant text follow <see cref="QwenLimits.EstimateTokens(string)"/>.
/// </summary>
internal sealed class PromptText
{
    private PromptText(SyntaxNode syntax, List<PromptPart> parts, bool isInterpolated, bool isFormat = false)
    {
        Syntax = syntax;
        Parts = parts;
        IsInterpolated = isInterpolated;
        IsFormat = isFormat;
    }

    /// <summary>Read from <c>string.Format</c>: reported, but the fix does not rewrite format strings.</summary>
    public bool IsFormat { get; }

    /// <summary>The string expression (an interpolated string, a concatenation, or a single value).</summary>
    public SyntaxNode Syntax { get; }
    public IReadOnlyList<PromptPart> Parts { get; }
    public bool IsInterpolated { get; }

    public bool HasVolatile => Parts.Any(p => p.Kind == PartKind.Volatile);

    /// <summary>
    /// The parts after the last varying one: what could lead the prompt and be cached. Short static text right after
    /// the last varying part (". ", ":\n") belongs to the varying sentence and stays with it.
    /// </summary>
    public IEnumerable<PromptPart> StaticTail
    {
        get
        {
            var start = 0;
            for (var i = 0; i < Parts.Count; i++)
            {
                if (Parts[i].Varies)
                    start = i + 1;
            }

            if (start > 0)
            {
                while (start < Parts.Count - 1 && !Parts[start].Varies && Parts[start].Characters is < ConnectorCharacters)
                    start++;
            }

            return Parts.Skip(start);
        }
    }

    /// <summary>Static text (or a short stable value, a date) this short, right after varying content, is part of its sentence.</summary>
    private const int ConnectorCharacters = 32;

    /// <summary>
    /// True when static text of cacheable size (or a stable value of unknown size) follows varying content: moving
    /// the varying part behind it lets the prefix be cached.
    /// </summary>
    public bool VaryingAheadOfCacheableText
        => Parts.Any(p => p.Varies) && IsCacheable(StaticTail.ToList());

    /// <summary>Static text of at least the implicit cache's minimum, or a stable value whose size is not visible.</summary>
    public static bool IsCacheable(IReadOnlyCollection<PromptPart> parts)
        => parts.Any(p => p.Kind == PartKind.Stable && p.Characters is null)
           || Tokens(parts.Where(p => p.Kind is PartKind.Static or PartKind.Stable)) >= QwenLimits.ImplicitCacheMinimumTokens;

    /// <summary>The text's tokens when every part is constant or stable of known length; null otherwise.</summary>
    public int? KnownTokens => Parts.All(p => !p.Varies && p.Characters is not null) ? Tokens(Parts) : null;

    public bool Varies => Parts.Any(p => p.Varies);

    private static int Tokens(IEnumerable<PromptPart> parts)
    {
        var characters = 0;
        var wide = 0;
        foreach (var part in parts)
        {
            characters += part.Characters ?? 0;
            wide += part.WideCharacters;
        }

        return wide + QwenLimits.EstimateTokens(characters - wide);
    }

    public static PromptText? Read(IOperation? value, QwenApi api)
    {
        if (value is null)
            return null;
        var unwrapped = ValueFlow.Unwrap(value);
        if (unwrapped.Type?.SpecialType != SpecialType.System_String)
            return null;

        var parts = new List<PromptPart>();
        switch (unwrapped)
        {
            case IInterpolatedStringOperation interpolated:
                foreach (var part in interpolated.Parts)
                {
                    if (part is IInterpolatedStringTextOperation text)
                        parts.Add(Constant(text.Text.ConstantValue.Value as string, text.Syntax));
                    else if (part is IInterpolationOperation hole)
                        parts.Add(Classify(hole.Expression, hole.Syntax, api, hole.FormatString?.ConstantValue.Value as string));
                }

                return new PromptText(unwrapped.Syntax, parts, isInterpolated: true);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add }:
                Flatten(unwrapped, parts, api);
                return new PromptText(unwrapped.Syntax, parts, isInterpolated: false);
            case IInvocationOperation { TargetMethod: { Name: "Format", ContainingType.SpecialType: SpecialType.System_String } } format
                when FormatParts(format, parts, api):
                return new PromptText(unwrapped.Syntax, parts, isInterpolated: false, isFormat: true);
            case IInvocationOperation { TargetMethod.Name: "ToString", Arguments.Length: 0, Instance: ILocalReferenceOperation builder } toString
                when builder.Type?.Name == "StringBuilder" && BuilderParts(builder.Local, toString, parts, api):
                return new PromptText(unwrapped.Syntax, parts, isInterpolated: false, isFormat: true);
            default:
                parts.Add(Classify(unwrapped, unwrapped.Syntax, api));
                return new PromptText(unwrapped.Syntax, parts, isInterpolated: false);
        }
    }

    /// <summary>
    /// A <c>StringBuilder</c> local filled in this method by <c>Append</c> / <c>AppendLine</c> calls (in statement order)
    /// before <c>ToString()</c>; any other use of the builder makes it unknown.
    /// </summary>
    private static bool BuilderParts(ILocalSymbol builder, IOperation toString, List<PromptPart> parts, QwenApi api)
    {
        foreach (var reference in ValueFlow.References(builder, ValueFlow.GetRoot(toString)))
        {
            if (reference.IsDeclaration || reference.Parent == toString)
                continue;
            if (reference.Parent is not IInvocationOperation { TargetMethod.Name: "Append" or "AppendLine" } append || append.Instance != reference
                || append.Syntax.SpanStart > toString.Syntax.SpanStart)
            {
                return false;
            }

            // sb.Append(a).Append(b): follow the chain.
            for (IOperation? call = append; call is IInvocationOperation { TargetMethod.Name: "Append" or "AppendLine" } link; call = link.Parent)
            {
                if (link.Arguments.Length == 1)
                    parts.Add(Classify(ValueFlow.Unwrap(link.Arguments[0].Value), link.Syntax, api));
                else if (link.Arguments.Length > 1)
                    return false;
            }
        }

        return ValueFlow.GetSingleValue(builder, ValueFlow.GetRoot(toString)) is IObjectCreationOperation { Arguments.Length: 0 } && parts.Count > 0;
    }

    /// <summary><c>string.Format("…{0}…", a)</c> with a constant format: its text runs and placeholders, in order.</summary>
    private static bool FormatParts(IInvocationOperation format, List<PromptPart> parts, QwenApi api)
    {
        var arguments = format.Arguments.Where(a => a.ArgumentKind != ArgumentKind.DefaultValue).ToList();
        var formatIndex = arguments.FindIndex(a => a.Value.Type?.SpecialType == SpecialType.System_String && a.Value.ConstantValue.HasValue);
        if (formatIndex < 0 || arguments[formatIndex].Value.ConstantValue.Value is not string text)
            return false;
        var values = arguments.Skip(formatIndex + 1).Select(a => ValueFlow.Unwrap(a.Value)).ToList();
        if (values.Count == 1 && values[0] is IArrayCreationOperation { Initializer: { } initializer })
            values = initializer.ElementValues.Select(ValueFlow.Unwrap).ToList();

        var run = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '{' || i + 1 < text.Length && text[i + 1] == '{')
            {
                if (text[i] is '{' or '}')
                    i++;   // an escaped brace
                run++;
                continue;
            }

            var close = text.IndexOf('}', i);
            var hole = close < 0 ? "" : text.Substring(i + 1, close - i - 1);
            var spec = hole.Split(',', ':')[0].Trim();
            var colon = hole.IndexOf(':');
            if (close < 0 || !int.TryParse(spec, out var index) || index >= values.Count)
                return false;
            if (run > 0)
                parts.Add(new PromptPart(PartKind.Static, run, format.Syntax));
            run = 0;
            parts.Add(Classify(values[index], values[index].Syntax, api, colon < 0 ? null : hole.Substring(colon + 1)));
            i = close;
        }

        if (run > 0)
            parts.Add(new PromptPart(PartKind.Static, run, format.Syntax));
        return true;
    }

    private static void Flatten(IOperation operation, List<PromptPart> parts, QwenApi api)
    {
        var unwrapped = operation is IParenthesizedOperation p ? p.Operand : operation;
        if (unwrapped is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } add && add.Type?.SpecialType == SpecialType.System_String && !add.ConstantValue.HasValue)
        {
            Flatten(add.LeftOperand, parts, api);
            Flatten(add.RightOperand, parts, api);
            return;
        }

        parts.Add(Classify(ValueFlow.Unwrap(unwrapped), operation.Syntax, api));
    }

    private static PromptPart Classify(IOperation value, SyntaxNode syntax, QwenApi api, string? format = null)
    {
        if (value.ConstantValue is { HasValue: true } constant)
            return Constant(constant.Value?.ToString(), syntax);
        // Today's date changes once a day: the cached prefix is rebuilt once a day, which is not worth a warning.
        if (IsDateOnly(value, format, api.Bcl))
            return new PromptPart(PartKind.Stable, 10, syntax);
        if (value.DescendantsAndSelf().Any(o => IsVolatile(o, api.Bcl)))
            return new PromptPart(PartKind.Volatile, null, syntax);
        switch (value)
        {
            case IFieldReferenceOperation { Field.IsStatic: true, Field.IsReadOnly: true } field:
                // Its text is read only from this project's source: another project's is an assembly to a build.
                var literal = api.Sources.IsOwn(field.Field) ? LiteralText(field.Field) : null;
                return new PromptPart(PartKind.Stable, literal?.Length, syntax, literal is null ? 0 : QwenLimits.WideCharacters(literal));
            case IPropertyReferenceOperation { Property: { IsStatic: true, SetMethod: null } property }
                when api.Sources.IsOwn(property):
                return new PromptPart(PartKind.Stable, null, syntax);
            default:
                return new PromptPart(PartKind.Dynamic, null, syntax);
        }
    }

    /// <summary>Constant text, its tokens counted from the text itself (CJK counts one a character).</summary>
    private static PromptPart Constant(string? text, SyntaxNode syntax)
        => new(PartKind.Static, text?.Length ?? 0, syntax, text is null ? 0 : QwenLimits.WideCharacters(text));

    /// <summary>A static readonly field's string-literal initializer (read from syntax only; the field is this project's).</summary>
    private static string? LiteralText(IFieldSymbol field)
    {
        foreach (var reference in field.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: LiteralExpressionSyntax literal } && literal.IsKind(SyntaxKind.StringLiteralExpression))
                return literal.Token.ValueText;
        }

        return null;
    }

    /// <summary>
    /// A date without a time: <c>DateTime.Today</c>, <c>….Date</c>, <c>DateOnly.FromDateTime(…)</c>,
    /// <c>ToShortDateString()</c> / <c>ToLongDateString()</c>, or the clock formatted without hours (<c>{DateTime.Now:d}</c>,
    /// <c>ToString("yyyy-MM-dd")</c>).
    /// </summary>
    private static bool IsDateOnly(IOperation value, string? format, BclTypes bcl)
    {
        var unwrapped = ValueFlow.Unwrap(value);
        switch (unwrapped)
        {
            case IPropertyReferenceOperation { Property: { Name: "Today", IsStatic: true } property } when property.ContainingType.Equals(bcl.DateTime, SymbolEqualityComparer.Default):
                return true;
            case IPropertyReferenceOperation { Property.Name: "Date", Instance: { } instance } when IsClock(instance, bcl) || IsDateOnly(instance, null, bcl):
                return true;
            case IInvocationOperation { TargetMethod: { Name: "FromDateTime", ContainingType.Name: "DateOnly" } }:
                return true;
            case IInvocationOperation { TargetMethod.Name: "ToShortDateString" or "ToLongDateString" }:
                return true;
            case IInvocationOperation { TargetMethod.Name: "ToString", Instance: { } clock, Arguments.Length: >= 1 } toString
                when IsClock(clock, bcl) && toString.Arguments[0].Value.ConstantValue.Value is string pattern:
                return IsDateFormat(pattern);
        }

        return format is not null && IsClock(unwrapped, bcl) && IsDateFormat(format);
    }

    private static bool IsClock(IOperation operation, BclTypes bcl)
        => ValueFlow.Unwrap(operation) is IPropertyReferenceOperation { Property: { Name: "Now" or "UtcNow", IsStatic: true } property }
           && (property.ContainingType.Equals(bcl.DateTime, SymbolEqualityComparer.Default) || QwenApi.Is(property.ContainingType, bcl.DateTimeOffset));

    /// <summary>A standard or custom format that writes no time of day.</summary>
    private static bool IsDateFormat(string format)
        => format is "d" or "D" or "M" or "m" or "Y" or "y"
           || format.Length > 1 && format.IndexOfAny(new[] { 'h', 'H', 'm', 's', 'f', 'F', 't', 'z', 'K' }) < 0;

    private static bool IsVolatile(IOperation operation, BclTypes bcl) => operation switch
    {
        IPropertyReferenceOperation { Property: var property } when property.IsStatic
            && (property.ContainingType.Equals(bcl.DateTime, SymbolEqualityComparer.Default) || QwenApi.Is(property.ContainingType, bcl.DateTimeOffset))
            && property.Name is "Now" or "UtcNow" or "Today" => true,
        IPropertyReferenceOperation { Property: var property } when QwenApi.Is(property.ContainingType, bcl.Environment) && property.Name is "TickCount" or "TickCount64" => true,
        IInvocationOperation { TargetMethod: var method } when method.Name == "NewGuid" && method.ContainingType.Name == "Guid" => true,
        IInvocationOperation { TargetMethod.ContainingType: var type } when type.Name == "Random" && type.ContainingNamespace?.Name == "System" => true,
        IOperation when QwenApi.Is(operation.Type, bcl.Stopwatch) => true,
        _ => false,
    };
}
