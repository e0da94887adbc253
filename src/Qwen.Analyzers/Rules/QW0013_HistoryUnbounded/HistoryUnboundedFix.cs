using System.Collections.Immutable;
using Qwen.Analyzers.ApiModel;

namespace Qwen.Analyzers.Rules;

/// <summary>QW0013's analyzer-to-fixer data (the diagnostic's location is the messages argument).</summary>
internal sealed class HistoryUnboundedFix
{
    private const string SurfaceKey = "Surface";

    public HistoryUnboundedFix(ClientSurface surface) => Surface = surface;

    /// <summary>Whose message type the list holds: the helper's overload follows it.</summary>
    public ClientSurface Surface { get; }

    public ImmutableDictionary<string, string?> ToProperties() => FixData.Empty.With(SurfaceKey, Surface.ToString());

    public static HistoryUnboundedFix? Read(ImmutableDictionary<string, string?> properties)
        => System.Enum.TryParse<ClientSurface>(properties.Text(SurfaceKey), out var surface) ? new HistoryUnboundedFix(surface) : null;
}
