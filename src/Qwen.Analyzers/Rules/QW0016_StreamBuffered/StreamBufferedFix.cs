using System.Collections.Immutable;

namespace Qwen.Analyzers.Rules;

/// <summary>How QW0016's finding can be fixed.</summary>
internal enum StreamBufferedRewrite
{
    /// <summary>No rewrite: the code reads the body whole, or the send has a shape the fix does not rewrite.</summary>
    None,
    /// <summary><c>SendAsync(request[, ct])</c> / <c>Send</c>: the completion option is added (or replaced) as <c>ResponseHeadersRead</c>.</summary>
    AddCompletionOption,
    /// <summary><c>PostAsync(url, content[, ct])</c> → <c>SendAsync(new HttpRequestMessage(HttpMethod.Post, url) { Content = content }, ResponseHeadersRead[, ct])</c>.</summary>
    PostAsSend,
    /// <summary><c>PostAsJsonAsync(url, value[, ct])</c> → the same, with <c>Content = JsonContent.Create(value)</c> (the same web defaults).</summary>
    PostAsJsonAsSend,
}

/// <summary>QW0016's analyzer-to-fixer data (the diagnostic's location is the send's name).</summary>
internal sealed class StreamBufferedFix
{
    private const string RewriteKey = "Rewrite";

    public StreamBufferedFix(StreamBufferedRewrite rewrite) => Rewrite = rewrite;

    public StreamBufferedRewrite Rewrite { get; }

    public ImmutableDictionary<string, string?> ToProperties() => FixData.Empty.With(RewriteKey, Rewrite == StreamBufferedRewrite.None ? null : Rewrite.ToString());

    public static StreamBufferedFix Read(ImmutableDictionary<string, string?> properties)
        => new(System.Enum.TryParse<StreamBufferedRewrite>(properties.Text(RewriteKey), out var rewrite) ? rewrite : StreamBufferedRewrite.None);
}
