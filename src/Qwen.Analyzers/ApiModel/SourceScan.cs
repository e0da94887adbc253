using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Qwen.Analyzers.ApiModel;

/// <summary>A plain-text look through the compilation's sources, cheaper by far than any semantic question.</summary>
internal static class SourceScan
{
    private const int ChunkSize = 32 * 1024;

    // One buffer per thread: the scans run on every analyzer thread, and a 64 KB buffer per question was most of what they allocated.
    [ThreadStatic]
    private static char[]? _buffer;

    /// <summary>True when some source file contains one of <paramref name="fragments"/> (ignoring case), comments and strings included.</summary>
    public static bool MentionsAny(Compilation compilation, string[] fragments)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (Mentions(tree, fragments, StringComparison.OrdinalIgnoreCase))
                return true;
        }

        return false;
    }

    /// <summary>
    /// True when <paramref name="tree"/>'s text contains one of <paramref name="fragments"/>: one pass over the text for
    /// all of them. Identifiers are looked for with <see cref="StringComparison.Ordinal"/> (C# names are case-sensitive,
    /// and the ordinal search is several times faster); URLs ignoring case.
    /// </summary>
    public static bool Mentions(SyntaxTree tree, string[] fragments, StringComparison comparison)
    {
        var longest = 0;
        foreach (var fragment in fragments)
            longest = Math.Max(longest, fragment.Length);
        var text = tree.GetText();
        var buffer = _buffer;
        if (buffer is null || buffer.Length < ChunkSize + longest)
            _buffer = buffer = new char[ChunkSize + Math.Max(longest, 256)];

        // Chunks overlap by the longest fragment's length, so a match across a chunk boundary is still found.
        for (var start = 0; start < text.Length; start += ChunkSize)
        {
            var count = Math.Min(ChunkSize + longest - 1, text.Length - start);
            text.CopyTo(start, buffer, 0, count);
            var chunk = new ReadOnlySpan<char>(buffer, 0, count);
            foreach (var fragment in fragments)
            {
                if (chunk.IndexOf(fragment.AsSpan(), comparison) >= 0)
                    return true;
            }
        }

        return false;
    }
}
