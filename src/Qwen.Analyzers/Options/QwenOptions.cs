using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Qwen.Analyzers.Options;

/// <summary>One <c>.editorconfig</c> / <c>.globalconfig</c> key: its name, the rules it configures, and what it does.</summary>
internal sealed class QwenOption
{
    public QwenOption(string key, string rules, string summary)
    {
        Key = key;
        Rules = rules;
        Summary = summary;
    }

    public string Key { get; }

    /// <summary>The rule ids it configures (space separated), or <c>all</c>.</summary>
    public string Rules { get; }

    public string Summary { get; }
}

/// <summary>
/// Every rule option, read in one place. Rules ask for typed values; nobody parses a key by hand. <see cref="All"/>
/// feeds the test that checks every key is documented.
/// </summary>
internal sealed class QwenOptions
{
    public static readonly QwenOption DefaultMaxOutputTokensKey = new("qwen_analyzers.default_max_output_tokens", "QW0001",
        "The cap QW0001's fix writes when the code does not show what the answer needs (default 1024; the fix picks smaller caps for one-word, one-sentence and structured answers).");

    public static readonly QwenOption ExtensionsAIClientDefaultsCapKey = new("qwen_analyzers.meai_client_defaults_cap_output", "QW0001",
        "true when Microsoft.Extensions.AI clients get a default cap where they are built (ChatClientBuilder.ConfigureOptions): calls that pass no ChatOptions are then not reported.");

    public static readonly QwenOption MaxConcurrencyKey = new("qwen_analyzers.max_concurrency", "QW0006",
        "How many calls QW0006's fix keeps in flight (default 8).");

    public static readonly QwenOption AnalyzeTestCodeKey = new("qwen_analyzers.analyze_test_code", "all",
        "true to report in projects that reference a test framework (xunit, NUnit, MSTest, TUnit); default false, because tests call fakes and nobody waits there.");

    public static readonly QwenOption DefaultModelKey = new("qwen_analyzers.default_model", "QW0001 QW0010",
        "The model calls target when the code does not show it (read from configuration or dependency injection), for projects that configure one model: decides whether the model thinks by default.");

    public static readonly QwenOption EndpointHostsKey = new("qwen_analyzers.endpoint_hosts", "QW0001 QW0002 QW0003 QW0004 QW0005 QW0006 QW0007 QW0008 QW0009 QW0010 QW0012 QW0016",
        "Host names, comma separated, that serve DashScope's APIs besides DashScope's own (a company gateway, a proxy): requests sent to them are read as Qwen requests. Read once per compilation, from a global config or any .editorconfig section that applies to the project's files.");

    public static readonly QwenOption StreamingFixKey = new("qwen_analyzers.streaming_fix", "QW0002",
        "collect (default) or forward: which of QW0002's fixes Fix All and dotnet format apply where a person waits behind an endpoint the team owns. collect streams from Qwen and returns the same response as before; forward changes the endpoint to stream each piece on to its caller (server-sent events, an IAsyncEnumerable<string>; a Blazor component re-rendering each piece, a streaming SignalR hub method), so the person sees the first token — the caller must read the stream.");

    public static readonly IReadOnlyList<QwenOption> All = new[]
    {
        DefaultMaxOutputTokensKey, ExtensionsAIClientDefaultsCapKey, MaxConcurrencyKey, AnalyzeTestCodeKey, DefaultModelKey, EndpointHostsKey, StreamingFixKey,
    };

    public static readonly QwenOptions Defaults = new(null);

    private QwenOptions(AnalyzerConfigOptions? options)
    {
        DefaultMaxOutputTokens = PositiveInt(options, DefaultMaxOutputTokensKey);
        ExtensionsAIClientDefaultsCap = Bool(options, ExtensionsAIClientDefaultsCapKey) ?? false;
        MaxConcurrency = PositiveInt(options, MaxConcurrencyKey) ?? 8;
        AnalyzeTestCode = Bool(options, AnalyzeTestCodeKey) ?? false;
        DefaultModel = Text(options, DefaultModelKey);
        ForwardStreams = string.Equals(Text(options, StreamingFixKey), "forward", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary><c>qwen_analyzers.streaming_fix = forward</c>: QW0002's bulk fix streams to the endpoint's caller where it can.</summary>
    public bool ForwardStreams { get; }

    /// <summary>The model a call whose model the code does not show targets; null when not configured (then it is unknown).</summary>
    public string? DefaultModel { get; }

    /// <summary>The cap the user configured for QW0001's fix; null when not configured (the rule picks one).</summary>
    public int? DefaultMaxOutputTokens { get; }

    public bool ExtensionsAIClientDefaultsCap { get; }

    /// <summary>
    /// Eight calls in flight: DashScope's default per-model limits (requests and tokens per minute) leave room for a
    /// few concurrent long generations per account; eight cuts a long loop's latency nearly eightfold without
    /// bursting into 429s. Raise it with your account's limits.
    /// </summary>
    public int MaxConcurrency { get; }

    public bool AnalyzeTestCode { get; }

    public static QwenOptions Read(AnalyzerConfigOptions options) => new(options);

    /// <summary>
    /// The gateway hosts of <see cref="EndpointHostsKey"/>, lower-cased: from the global options, else from the first
    /// source file whose options set them (the key describes the project, not a file).
    /// </summary>
    public static IReadOnlyList<string> EndpointHosts(AnalyzerConfigOptionsProvider? provider, IEnumerable<Microsoft.CodeAnalysis.SyntaxTree> trees)
    {
        if (provider is null)
            return Array.Empty<string>();
        var text = Text(provider.GlobalOptions, EndpointHostsKey);
        if (text is null)
        {
            foreach (var tree in trees)
            {
                if ((text = Text(provider.GetOptions(tree), EndpointHostsKey)) is not null)
                    break;
            }
        }

        if (text is null)
            return Array.Empty<string>();
        var hosts = new List<string>();
        foreach (var part in text.Split(new[] { ',', ';', ' ' }, StringSplitOptions.RemoveEmptyEntries))
            hosts.Add(part.Trim().ToLowerInvariant());
        return hosts;
    }

    private static string? Text(AnalyzerConfigOptions? options, QwenOption option)
        => options is not null && options.TryGetValue(option.Key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static bool? Bool(AnalyzerConfigOptions? options, QwenOption option)
        => Text(options, option) is { } text && bool.TryParse(text, out var value) ? value : null;

    private static int? PositiveInt(AnalyzerConfigOptions? options, QwenOption option)
        => Text(options, option) is { } text && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;
}
