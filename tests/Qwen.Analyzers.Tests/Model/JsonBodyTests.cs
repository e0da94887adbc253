using System.Linq;
using Qwen.Analyzers.ApiModel;

namespace Qwen.Analyzers.Tests;

/// <summary>
/// The request-body reader on each shape it knows, by the names the wire uses; and what it declines to read
/// (a body it cannot see whole is marked incomplete or not read, never filled in).
/// </summary>
public class JsonBodyTests
{
    private const string Usings = """
        using System.Collections.Generic;
        using System.Text.Json.Nodes;
        using System.Text.Json.Serialization;
        """;

    private static JsonBody? Read(string members, string body, JsonNaming? naming = null)
    {
        var snippet = Snippet.Compile($$"""
            {{Usings}}
            public class C
            {
                static void Probe(object? value) { }
                {{members}}
                public void M(string prompt, int cap)
                {
                    {{body}}
                }
            }
            """);
        return JsonBody.TryRead(snippet.Probe(), snippet.Api, naming ?? JsonNaming.Web);
    }

    private static string Names(JsonBody body) => string.Join(",", body.Members.Select(m => m.Name));

    [Fact]
    public void An_anonymous_object_with_a_nested_object_and_an_array()
    {
        var body = Read("", """
            var request = new { model = "qwen-plus", input = new { messages = new[] { new { role = "user", content = prompt } } }, parameters = new { max_tokens = cap, stream = true } };
            Probe(request);
            """)!;

        Assert.Equal(JsonBodyShape.AnonymousObject, body.Shape);
        Assert.True(body.IsComplete);
        Assert.Equal("model,input,parameters", Names(body));
        Assert.Equal("qwen-plus", body.Get("model")!.Constant);
        Assert.Single(body.Get("input")!.Object!.Get("messages")!.Items!);
        var parameters = body.Get("parameters")!.Object!;
        Assert.False(parameters.Get("max_tokens")!.HasConstant);
        Assert.True(parameters.Get("stream")!.IsTrue);
    }

    [Fact]
    public void A_typed_request_by_attribute_names_and_the_naming_policy()
    {
        var body = Read("""
            public sealed class ChatRequest
            {
                public string Model { get; set; } = "qwen-plus";
                [JsonPropertyName("max_tokens")] public int? MaxTokens { get; set; }
                public bool Stream { get; set; }
            }
            """, """Probe(new ChatRequest { MaxTokens = 300 });""")!;

        Assert.Equal(JsonBodyShape.TypedObject, body.Shape);
        Assert.Equal(300, body.Get("max_tokens")!.Constant);
        Assert.Equal("qwen-plus", body.Get("model")!.Constant);   // the declaration's default, camel-cased by the web policy
        Assert.Null(body.Get("Model"));
    }

    [Fact]
    public void A_JsonObject_and_a_dictionary_by_their_string_keys()
    {
        var node = Read("", """
            var body = new JsonObject { ["model"] = "qwen-plus" };
            body["stream"] = true;
            Probe(body);
            """)!;
        Assert.Equal(JsonBodyShape.JsonObject, node.Shape);
        Assert.True(node.Get("stream")!.IsTrue);
        Assert.True(node.HasLaterAdditions);

        var dictionary = Read("", """Probe(new Dictionary<string, object> { ["model"] = "qwen-plus", ["max_tokens"] = 200 });""")!;
        Assert.Equal(JsonBodyShape.Dictionary, dictionary.Shape);
        Assert.Equal(200, dictionary.Get("max_tokens")!.Constant);
    }

    [Fact]
    public void A_JSON_string_literal_with_the_positions_fixes_need()
    {
        var body = Read("", """Probe("{\"model\": \"qwen-plus\", \"parameters\": {\"result_format\": \"message\"}}");""")!;

        Assert.Equal(JsonBodyShape.StringLiteral, body.Shape);
        Assert.Equal("qwen-plus", body.Get("model")!.Constant);
        Assert.Equal(1, body.Get("parameters")!.Object!.BraceOrdinal);
    }

    [Fact]
    public void A_body_returned_by_a_helper_of_the_project()
    {
        var body = Read("""static object Build(string p) => new { model = "qwen-turbo", input = new { prompt = p } };""", """Probe(Build(prompt));""")!;
        Assert.Equal("qwen-turbo", body.Get("model")!.Constant);
    }

    [Fact]
    public void A_key_the_code_does_not_show_makes_the_body_incomplete()
    {
        var body = Read("", """
            var key = prompt.Length > 3 ? "max_tokens" : "max_completion_tokens";
            Probe(new Dictionary<string, object> { ["model"] = "qwen-plus", [key] = 200 });
            """);
        Assert.True(body is null || !body.IsComplete);
    }

    [Theory]
    [InlineData("Probe(prompt);")]
    [InlineData("""Probe("not json at all");""")]
    [InlineData("""object request = flag() ? new { model = "a" } : new { model = "b" }; Probe(request);""")]
    public void What_is_not_a_known_shape_is_not_read(string body)
        => Assert.Null(Read("static bool flag() => true;", body));
}
