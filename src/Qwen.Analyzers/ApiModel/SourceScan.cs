using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Qwen.Analyzers.ApiModel;

/// <summary>A plain-text look through the compilation's sources, cheaper by far than any semantic question.</summary>
internal static class SourceScan
{
    private const int ChunkSize = 32 * 1024;

    /// <summary>True when some source file contains one of <paramref name="fragments"/> (ignoring case), comments and strings included.</summary>
    public static bool MentionsAny(Compilation compilation, string[] fragments)
    {
        var longest = 0;
        foreach (var fragment in fragments)
            longest = Math.Max(longest, fragment.Length);
        var buffer = new char[ChunkSize + longest];
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (ContainsAny(tree.GetText(), fragments, longest - 1, buffer))
                return true;
        }

        return false;
    }

    /// <summary>True when <paramref name="tree"/>'s text contains <paramref name="fragment"/> (ignoring case).</summary>
    public static bool Mentions(SyntaxTree tree, string fragment)
        => ContainsAny(tree.GetText(), new[] { fragment }, fragment.Length - 1, new char[ChunkSize + fragment.Length]);

    private static bool ContainsAny(SourceText text, string[] fragments, int overlap, char[] buffer)
    {
        // Chunks overlap by the longest fragment's length, so a match across a chunk boundary is still found.
        for (var start = 0; start < text.Length; start += ChunkSize)
        {
            var count = Math.Min(ChunkSize + overlap, text.Length - start);
            text.CopyTo(start, buffer, 0, count);
            var chunk = new ReadOnlySpan<char>(buffer, 0, count);
            foreach (var fragment in fragments)
            {
                if (chunk.IndexOf(fragment.AsSpan(), StringComparison.OrdinalIgnoreCase) >= 0)
                    return true;
            }
        }

        return false;
    }
}
