using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Qwen.Analyzers.ApiModel;

/// <summary>
/// Hand-built DashScope requests (<c>HttpClient</c>, <c>HttpWebRequest</c>, RestSharp-style senders), recognised by their
/// URL: a DashScope host or a DashScope-only path (<see cref="HttpRequestFacts.Classify"/>), written in the source, or a
/// Qwen.Latency endpoint constant, or in the project's settings files. A project whose code names none gets no HTTP callbacks, and without a client library
/// no callbacks at all: it pays neither for the rules nor for the operation trees they would have the compiler build.
/// </summary>
internal sealed class HandBuiltHttpSurface
{
    /// <summary>What every DashScope host name ends with (<c>dashscope*.aliyuncs.com</c>, <c>*.maas.aliyuncs.com</c>).</summary>
    internal const string DashScopeHostSuffix = "aliyuncs.com";

    /// <summary>
    /// A fragment of every URL <see cref="HttpRequestFacts.Classify"/> accepts, short enough to survive a URL built from
    /// pieces, and of the OpenAI-compatible chat path read on hosts the code does not show.
    /// </summary>
    private static readonly string[] DashScopeUrlFragments = { DashScopeHostSuffix, "compatible-mode", "aigc/", "v1/tasks", "chat/completions" };

    public HandBuiltHttpSurface(Compilation compilation, TypeLookup types, BclTypes bcl, bool hasClientLibrary, AppSettings settings, IReadOnlyList<string> gatewayHosts)
    {
        GatewayHosts = gatewayHosts;
        // The text scan comes first: it is cheaper than resolving the HTTP types. A URL may sit in a settings file instead,
        // or go to a gateway the project names.
        var fragments = gatewayHosts.Count == 0 ? DashScopeUrlFragments : DashScopeUrlFragments.Concat(gatewayHosts).ToArray();
        Requests = bcl.HelpersReferenced || SourceScan.MentionsAny(compilation, fragments) || settings.MentionsAny(fragments);
        Http = hasClientLibrary || Requests ? HttpTypes.Create(types) : null;
    }

    /// <summary>Hosts that serve DashScope's APIs besides DashScope's own (<c>qwen_analyzers.endpoint_hosts</c>), lower-cased.</summary>
    public IReadOnlyList<string> GatewayHosts { get; }

    /// <summary>True when the sources name a DashScope URL (or the project references Qwen.Latency): hand-built requests are read.</summary>
    public bool Requests { get; }

    /// <summary>The HTTP types, resolved when there is a client library or a hand-built request to read.</summary>
    public HttpTypes? Http { get; }

    /// <summary>True when send methods are candidate calls.</summary>
    public bool Reads => Requests && Http is not null;
}
