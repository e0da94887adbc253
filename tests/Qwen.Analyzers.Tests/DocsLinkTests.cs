using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace Qwen.Analyzers.Tests;

/// <summary>
/// Every relative link in the README, the docs and the package readmes points at a file (or folder) of the repository,
/// and a link into a page's section names a heading that page has. Absolute links are to public pages and are not
/// fetched here (tests do no network I/O).
/// </summary>
public class DocsLinkTests
{
    private static readonly Regex Link = new(@"\]\(([^)\s]+)\)", RegexOptions.Compiled);

    public static IEnumerable<object[]> Pages()
    {
        var root = AnalyzerCatalog.RepositoryRoot;
        var pages = new List<string> { Path.Combine(root, "README.md") };
        pages.AddRange(Directory.GetFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories));
        pages.AddRange(Directory.GetFiles(Path.Combine(root, "src"), "*.md", SearchOption.AllDirectories).Where(p => !p.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar) && !p.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar)));
        pages.AddRange(Directory.GetFiles(Path.Combine(root, "tests"), "README.md", SearchOption.AllDirectories).Where(p => !p.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar)));
        return pages.Select(p => new object[] { Path.GetRelativePath(root, p) });
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void RelativeLinksResolve(string page)
    {
        var root = AnalyzerCatalog.RepositoryRoot;
        var path = Path.Combine(root, page);
        var broken = new List<string>();
        foreach (Match match in Link.Matches(File.ReadAllText(path)))
        {
            var target = match.Groups[1].Value;
            if (target.StartsWith("http://", StringComparison.Ordinal) || target.StartsWith("https://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
                continue;
            var hash = target.IndexOf('#');
            var file = hash >= 0 ? target.Substring(0, hash) : target;
            var anchor = hash >= 0 ? target.Substring(hash + 1) : null;
            var resolved = file.Length == 0 ? path : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, Uri.UnescapeDataString(file)));
            if (!resolved.StartsWith(root, StringComparison.Ordinal) || !(File.Exists(resolved) || Directory.Exists(resolved)))
            {
                broken.Add(target);
                continue;
            }

            if (anchor is not null && File.Exists(resolved) && resolved.EndsWith(".md", StringComparison.Ordinal) && !Anchors(resolved).Contains(anchor))
                broken.Add(target);
        }

        Assert.True(broken.Count == 0, $"{page}: broken links: {string.Join(", ", broken)}");
    }

    /// <summary>GitHub's heading anchors: lower case, spaces to hyphens, punctuation dropped.</summary>
    private static HashSet<string> Anchors(string markdown)
        => File.ReadLines(markdown).Where(l => l.StartsWith("#", StringComparison.Ordinal))
            .Select(l => Regex.Replace(l.TrimStart('#').Trim().ToLowerInvariant(), @"[^\p{L}\p{N}\- _]", "").Replace(' ', '-'))
            .ToHashSet(StringComparer.Ordinal);
}
