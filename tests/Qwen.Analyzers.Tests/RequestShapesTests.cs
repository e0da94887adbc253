using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Qwen.Analyzers.Tests;

/// <summary>
/// Every rule that reads a hand-built request (QW0001 cap, QW0002 streaming, QW0005 prompt_extend, QW0007
/// incremental_output) on every request shape real code writes: an anonymous object, a typed DTO with
/// <c>[JsonPropertyName]</c>, a typed DTO serialized by Newtonsoft with <c>[JsonProperty]</c>, a <c>JObject</c>, a
/// request built by a helper method, a relative path against a base address set in the typed client's constructor,
/// and a URL held in a <c>static readonly</c> field of another class. Each positive case has a negative twin whose
/// body carries the member the rule asks for. And TTS, ASR and embedding requests never get chat rules.
/// </summary>
public class RequestShapesTests
{
    /// <summary>A JSON member: a C# value expression, or an object of members.</summary>
    private sealed record Member(string Name, string? Value, Member[]? Members = null);

    private sealed record RuleCase(string Rule, string Path, bool Streams, Member[] Body, Member Fix);

    private static Member Obj(string name, params Member[] members) => new(name, null, members);

    private static readonly RuleCase[] Rules =
    {
        new("QW0001", "api/v1/services/aigc/text-generation/generation", false,
            new[] { new Member("model", "\"qwen-plus\""), Obj("input", new Member("prompt", "prompt")) }, new Member("max_completion_tokens", "300")),
        new("QW0002", "api/v1/services/aigc/text-generation/generation", false,
            new[] { new Member("model", "\"qwen-plus\""), Obj("input", new Member("prompt", "prompt")) }, new Member("max_completion_tokens", "48")),
        new("QW0005", "api/v1/services/aigc/text2image/image-synthesis", false,
            new[] { new Member("model", "\"wan2.2-t2i-flash\""), Obj("input", new Member("prompt", "prompt")) }, new Member("prompt_extend", "false")),
        new("QW0007", "api/v1/services/aigc/text-generation/generation", true,
            new[] { new Member("model", "\"qwen-plus\""), Obj("input", new Member("prompt", "prompt")) }, new Member("incremental_output", "true")),
    };

    private static readonly string[] Shapes = { "Anonymous", "TypedDto", "Newtonsoft", "JObject", "HelperBuilder", "BaseAddress", "StaticReadonlyUrl" };

    public static TheoryData<string, string, bool> Cases()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var rule in Rules)
        {
            foreach (var shape in Shapes)
            {
                data.Add(rule.Rule, shape, true);
                data.Add(rule.Rule, shape, false);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EveryBodyReadingRule_SeesEveryShape(string ruleId, string shape, bool reported)
    {
        var rule = Rules.Single(r => r.Rule == ruleId);
        var body = reported ? rule.Body : rule.Body.Append(Obj("parameters", rule.Fix)).ToArray();
        var source = Source(shape, rule.Path, body, rule.Streams);
        var found = (await Analysis.RunAsync(source, References.FrameworkClientsAndHelpers.AddRange(References.Newtonsoft))).Where(d => d.Id == ruleId).ToList();
        if (reported)
            Assert.True(found.Count == 1, $"{ruleId} on {shape}: expected one finding, got {found.Count}\n{source}");
        else
            Assert.True(found.Count == 0, $"{ruleId} on {shape} with {rule.Fix.Name}: expected none, got {string.Join("; ", found)}\n{source}");
    }

    [Theory]
    [InlineData("api/v1/services/aigc/multimodal-generation/generation", "\"qwen3-tts-flash\"", "text")]
    [InlineData("api/v1/services/aigc/multimodal-generation/generation", "model", "text")]   // a model from a parameter: unknown
    [InlineData("api/v1/services/audio/asr/transcription", "\"paraformer-v2\"", "file_urls")]
    [InlineData("compatible-mode/v1/embeddings", "\"text-embedding-v4\"", "input")]
    public async Task SpeechAndEmbeddingRequests_NeverGetChatRules(string path, string model, string field)
    {
        foreach (var shape in Shapes)
        {
            var source = Source(shape, path, new[] { new Member("model", model), Obj("input", new Member(field, "prompt")) }, streams: false);
            var found = (await Analysis.RunAsync(source, References.FrameworkClientsAndHelpers.AddRange(References.Newtonsoft))).Where(d => d.Id is "QW0001" or "QW0002" or "QW0004" or "QW0007").ToList();
            Assert.True(found.Count == 0, $"{path} with {model} as {shape}: {string.Join("; ", found)}\n{source}");
        }
    }

    /// <summary>A controller action that sends the request in <paramref name="shape"/> and returns the answer.</summary>
    private static string Source(string shape, string path, Member[] body, bool streams)
    {
        const string Host = "https://dashscope-intl.aliyuncs.com/";
        var header = streams ? "        request.Headers.Add(\"X-DashScope-SSE\", \"enable\");\n" : "";
        var dtos = new StringBuilder();
        string request;
        string extra = "";
        var ctor = "    public AskController(HttpClient http) => _http = http;\n";
        switch (shape)
        {
            case "Anonymous":
                request = $"new HttpRequestMessage(HttpMethod.Post, \"{Host}{path}\") {{ Content = JsonContent.Create({Anonymous(body)}) }}";
                break;
            case "TypedDto":
                request = $"new HttpRequestMessage(HttpMethod.Post, \"{Host}{path}\") {{ Content = JsonContent.Create({Typed(body, "Request", dtos, "JsonPropertyName")}) }}";
                break;
            case "Newtonsoft":
                request = $"new HttpRequestMessage(HttpMethod.Post, \"{Host}{path}\") {{ Content = new StringContent(JsonConvert.SerializeObject({Typed(body, "Request", dtos, "JsonProperty")}), Encoding.UTF8, \"application/json\") }}";
                break;
            case "JObject":
                request = $"new HttpRequestMessage(HttpMethod.Post, \"{Host}{path}\") {{ Content = new StringContent({JObject(body)}.ToString(), Encoding.UTF8, \"application/json\") }}";
                break;
            case "HelperBuilder":
                request = "Build(prompt, model)";
                extra = $"    private static HttpRequestMessage Build(string prompt, string model) => new(HttpMethod.Post, \"{Host}{path}\") {{ Content = JsonContent.Create({Anonymous(body)}) }};\n";
                break;
            case "BaseAddress":
                request = $"new HttpRequestMessage(HttpMethod.Post, \"{path}\") {{ Content = JsonContent.Create({Anonymous(body)}) }}";
                ctor = $"    public AskController(HttpClient http)\n    {{\n        _http = http;\n        _http.BaseAddress = new Uri(\"{Host}\");\n    }}\n";
                break;
            case "StaticReadonlyUrl":
                request = $"new HttpRequestMessage(HttpMethod.Post, DashScopeUrls.Endpoint) {{ Content = JsonContent.Create({Anonymous(body)}) }}";
                extra = "";
                dtos.Append($"public static class DashScopeUrls\n{{\n    public static readonly string Endpoint = \"{Host}{path}\";\n}}\n");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(shape));
        }

        return $$"""
            using System;
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Text;
            using System.Text.Json.Serialization;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;
            using Newtonsoft.Json;
            using Newtonsoft.Json.Linq;

            [ApiController]
            public class AskController : ControllerBase
            {
                private readonly HttpClient _http;

            {{ctor}}
                [HttpPost("ask")]
                public async Task<string> Ask(string prompt, string model)
                {
                    using var request = {{request}};
            {{header}}        using var response = await _http.SendAsync(request);
                    return await response.Content.ReadAsStringAsync();
                }
            {{extra}}}

            {{dtos}}
            """;
    }

    private static string Anonymous(Member[] members)
        => "new { " + string.Join(", ", members.Select(m => m.Name + " = " + (m.Members is null ? m.Value : Anonymous(m.Members)))) + " }";

    private static string JObject(Member[] members)
        => "new JObject { " + string.Join(", ", members.Select(m => $"[\"{m.Name}\"] = " + (m.Members is null ? m.Value : JObject(m.Members)))) + " }";

    /// <summary>Declares a class per object (C# names, JSON names in attributes) and returns the <c>new</c> expression.</summary>
    private static string Typed(Member[] members, string type, StringBuilder declarations, string attribute)
    {
        var properties = new StringBuilder();
        var values = new List<string>();
        foreach (var member in members)
        {
            var property = Pascal(member.Name);
            string propertyType;
            string value;
            if (member.Members is { } children)
            {
                propertyType = type + property;
                value = Typed(children, propertyType, declarations, attribute);
            }
            else
            {
                propertyType = member.Value is "true" or "false" ? "bool" : int.TryParse(member.Value, out _) ? "int" : "string";
                value = member.Value!;
            }

            properties.Append($"    [{attribute}(\"{member.Name}\")] public {propertyType} {property} {{ get; set; }} = default!;\n");
            values.Add($"{property} = {value}");
        }

        declarations.Append($"public sealed class {type}\n{{\n{properties}}}\n");
        return $"new {type} {{ {string.Join(", ", values)} }}";
    }

    private static string Pascal(string name) => string.Concat(name.Split('_').Select(p => char.ToUpperInvariant(p[0]) + p.Substring(1)));
}
