using System.Linq;
using Qwen.Analyzers.Json;

namespace Qwen.Analyzers.Tests;

/// <summary>The JSON reader behind string-literal request bodies: what it reads, what it refuses, and the positions fixes use.</summary>
public class MiniJsonTests
{
    [Fact]
    public void Reads_a_request_body_with_nested_objects_arrays_and_every_literal()
    {
        var body = (MiniJson.JsonObjectNode)MiniJson.Parse("""
            { "model": "qwen-plus", "input": { "messages": [ { "role": "user", "content": "hi" } ] },
              "parameters": { "max_tokens": 300, "temperature": 0.7, "stream": true, "stop": null, "seed": -1, "top_p": 1e-1 } }
            """, out var ok)!;

        Assert.True(ok);
        Assert.Equal(new[] { "model", "input", "parameters" }, body.Members.Select(m => m.Key));
        Assert.Equal("qwen-plus", body.Members[0].Value);
        var messages = (MiniJson.JsonArrayNode)((MiniJson.JsonObjectNode)body.Members[1].Value!).Members.Single().Value!;
        Assert.Equal("hi", ((MiniJson.JsonObjectNode)messages.Items.Single()!).Members[1].Value);
        var parameters = ((MiniJson.JsonObjectNode)body.Members[2].Value!).Members.ToDictionary(m => m.Key, m => m.Value);
        Assert.Equal(300L, parameters["max_tokens"]);
        Assert.Equal(0.7, parameters["temperature"]);
        Assert.Equal(true, parameters["stream"]);
        Assert.Null(parameters["stop"]);
        Assert.Equal(-1L, parameters["seed"]);
        Assert.Equal(0.1, parameters["top_p"]);
    }

    [Theory]
    [InlineData("\"a\\nb\"", "a\nb")]
    [InlineData("\"tab\\there\"", "tab\there")]
    [InlineData("\"quote \\\" slash \\/ back \\\\\"", "quote \" slash / back \\")]
    [InlineData("\"\\u4F60\\u597D\"", "你好")]
    [InlineData("\"你好\"", "你好")]
    public void Reads_escapes_and_unicode(string json, string expected)
    {
        Assert.Equal(expected, MiniJson.Parse(json, out var ok));
        Assert.True(ok);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{\"model\": }")]
    [InlineData("{\"model\" \"qwen\"}")]
    [InlineData("{model: \"qwen\"}")]
    [InlineData("[1, 2,]")]
    [InlineData("{\"a\": 1} trailing")]
    [InlineData("\"unterminated")]
    [InlineData("\"bad \\u12\"")]
    [InlineData("{\"a\": tru}")]
    [InlineData("{\"prompt\": \"{0}\"")]
    public void Refuses_what_is_not_one_JSON_document(string text)
    {
        Assert.Null(MiniJson.Parse(text, out var ok));
        Assert.False(ok);
    }

    [Fact]
    public void Refuses_nesting_deeper_than_64_and_accepts_64()
    {
        Assert.False(Parsed(new string('[', 66) + new string(']', 66)));
        Assert.True(Parsed(new string('[', 65) + new string(']', 65)));

        static bool Parsed(string text)
        {
            MiniJson.Parse(text, out var ok);
            return ok;
        }
    }

    [Fact]
    public void Records_where_each_object_and_key_is_for_fixes_that_insert_members()
    {
        // "model" occurs once inside a string value before the key of the nested object.
        var body = (MiniJson.JsonObjectNode)MiniJson.Parse("""{"note": "model {x}", "model": "qwen", "parameters": {"model": 1}}""", out _)!;

        Assert.Equal(0, body.BraceOrdinal);
        Assert.Equal(1, body.KeyOrdinals["model"]);
        var parameters = (MiniJson.JsonObjectNode)body.Members[2].Value!;
        Assert.Equal(2, parameters.BraceOrdinal);
        Assert.Equal(2, parameters.KeyOrdinals["model"]);
    }

    [Fact]
    public void An_empty_object_and_array_are_documents()
    {
        Assert.Empty(((MiniJson.JsonObjectNode)MiniJson.Parse(" { } ", out var objectOk)!).Members);
        Assert.Empty(((MiniJson.JsonArrayNode)MiniJson.Parse("[]", out var arrayOk)!).Items);
        Assert.True(objectOk && arrayOk);
    }
}
