using System.Collections.Immutable;

namespace Qwen.Analyzers.Rules;

/// <summary>QW0003's analyzer-to-fixer data: the group's statements travel as additional locations; this says whether a fix is safe.</summary>
internal sealed class SequentialAwaitsFix
{
    private const string NoFixKey = "NoFix";

    public SequentialAwaitsFix(string? noFixReason) => NoFixReason = noFixReason;

    /// <summary>Why no fix is offered (shared options with OpenAI before 2.9); null when the fix is safe.</summary>
    public string? NoFixReason { get; }

    public ImmutableDictionary<string, string?> ToProperties() => FixData.Empty.With(NoFixKey, NoFixReason);

    public static SequentialAwaitsFix Read(ImmutableDictionary<string, string?> properties) => new(properties.Text(NoFixKey));
}
