using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Threading;
using Microsoft.CodeAnalysis;
using Qwen.Analyzers.Json;

namespace Qwen.Analyzers.ApiModel;

/// <summary>
/// The values of the project's <c>appsettings*.json</c> files (handed to the analyzers as <c>AdditionalFiles</c> by the
/// package's build targets), by configuration key (<c>DashScope:Model</c>, case-insensitive as
/// <c>IConfiguration</c> is). Environment files are alternatives: a key the files give different values is unknown.
/// Read once per compilation from the text the host provides; nothing is read from disk.
/// </summary>
internal sealed class AppSettings
{
    public static readonly AppSettings Empty = new(new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase));

    // A null value: the files disagree, so the key is unknown.
    private readonly Dictionary<string, string?> _values;

    private AppSettings(Dictionary<string, string?> values) => _values = values;

    public bool IsEmpty => _values.Count == 0;

    public static AppSettings Read(ImmutableArray<AdditionalText> files, CancellationToken cancellationToken)
    {
        if (files.IsDefaultOrEmpty)
            return Empty;
        Dictionary<string, string?>? values = null;
        foreach (var file in files)
        {
            if (!IsSettingsFile(file.Path) || file.GetText(cancellationToken)?.ToString() is not { } text
                || MiniJson.Parse(text, out _) is not MiniJson.JsonObjectNode root)
            {
                continue;
            }

            values ??= new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            Flatten(root, prefix: "", values);
        }

        return values is null ? Empty : new AppSettings(values);
    }

    /// <summary>The value of <paramref name="key"/> when every settings file that has it agrees.</summary>
    public bool TryGet(string key, out string value)
    {
        value = "";
        if (!_values.TryGetValue(key, out var known) || known is null)
            return false;
        value = known;
        return true;
    }

    /// <summary>True when a value contains one of <paramref name="fragments"/> (a DashScope URL in configuration).</summary>
    public bool MentionsAny(string[] fragments)
    {
        foreach (var value in _values.Values)
        {
            foreach (var fragment in fragments)
            {
                if (value is not null && value.IndexOf(fragment, StringComparison.OrdinalIgnoreCase) >= 0)
                    return true;
            }
        }

        return false;
    }

    /// <summary><c>appsettings.json</c>, <c>appsettings.Production.json</c>, …</summary>
    private static bool IsSettingsFile(string path)
    {
        var name = Path.GetFileName(path);
        return name.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase) && name.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
    }

    private static void Flatten(object? node, string prefix, Dictionary<string, string?> values)
    {
        switch (node)
        {
            case MiniJson.JsonObjectNode obj:
                foreach (var member in obj.Members)
                    Flatten(member.Value, prefix.Length == 0 ? member.Key : prefix + ":" + member.Key, values);
                break;
            case MiniJson.JsonArrayNode array:
                for (var i = 0; i < array.Items.Count; i++)
                    Flatten(array.Items[i], prefix + ":" + i.ToString(CultureInfo.InvariantCulture), values);
                break;
            default:
                var text = node switch
                {
                    null => null,
                    string s => s,
                    bool b => b ? "True" : "False",
                    long l => l.ToString(CultureInfo.InvariantCulture),
                    double d => d.ToString(CultureInfo.InvariantCulture),
                    _ => null,
                };
                if (prefix.Length == 0)
                    return;
                // A second file with another value makes the key unknown; the same value keeps it.
                values[prefix] = values.TryGetValue(prefix, out var earlier) && earlier != text ? null : text;
                break;
        }
    }
}
