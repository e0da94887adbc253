using System.Collections.Immutable;

namespace Qwen.Analyzers.Rules;

/// <summary>How QW0012's fix shares the client.</summary>
internal enum ClientShare
{
    /// <summary>No safe rewrite: the client is changed after it is built, or built from values of the call.</summary>
    None,
    /// <summary>A local (<c>var http = new HttpClient()</c>, with or without <c>using</c>) or an inline creation: a <c>static readonly</c> field takes its place.</summary>
    StaticField,
    /// <summary>An instance field of a type built per request: the field becomes <c>static</c>.</summary>
    MakeFieldStatic,
}

/// <summary>QW0012's analyzer-to-fixer data (the diagnostic's location is the <c>new HttpClient(…)</c> expression).</summary>
internal sealed class ClientPerCallFix
{
    private const string ShareKey = "Share";

    public ClientPerCallFix(ClientShare share) => Share = share;

    public ClientShare Share { get; }

    public ImmutableDictionary<string, string?> ToProperties() => FixData.Empty.With(ShareKey, Share == ClientShare.None ? null : Share.ToString());

    public static ClientPerCallFix Read(ImmutableDictionary<string, string?> properties)
        => new(System.Enum.TryParse<ClientShare>(properties.Text(ShareKey), out var share) ? share : ClientShare.None);
}
