using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Qwen.Analyzers.Flow;

namespace Qwen.Analyzers.Tests;

/// <summary>
/// The local-value reading every rule relies on: a local counts as holding one value only when nothing else ever
/// writes it; anything else is unknown (null), never a guess.
/// </summary>
public class ValueFlowTests
{
    private static IOperation? Resolved(string body, int probe = 0)
        => ValueFlow.Resolve(Snippet.Compile($$"""
            using System;
            public class C
            {
                static void Probe(object? value) { }
                static void Set(out string s) => s = "";
                static void Change(ref string s) { }
                public void M(bool flag, string input)
                {
                    {{body}}
                }
            }
            """).Probe(probe));

    private static object? ConstantOf(IOperation? operation) => operation?.ConstantValue.Value;

    [Fact]
    public void A_local_written_once_resolves_to_its_initializer_through_other_locals()
    {
        Assert.Equal("qwen-plus", ConstantOf(Resolved("""var model = "qwen-plus"; var chosen = model; Probe(chosen);""")));
        Assert.Equal(300, ConstantOf(Resolved("""int cap = 300; Probe((object)cap);""")));
    }

    [Fact]
    public void A_value_that_is_not_a_local_is_itself()
        => Assert.Equal("qwen-max", ConstantOf(Resolved("""Probe("qwen-max");""")));

    [Theory]
    [InlineData("""var model = "qwen-plus"; model = "qwen-max"; Probe(model);""")]
    [InlineData("""var model = "qwen-plus"; if (flag) model += "-latest"; Probe(model);""")]
    [InlineData("""var model = "qwen-plus"; Set(out model); Probe(model);""")]
    [InlineData("""var model = "qwen-plus"; Change(ref model); Probe(model);""")]
    [InlineData("""var model = "qwen-plus"; (model, var other) = ("a", "b"); Probe(model);""")]
    [InlineData("""string model; model = input; Probe(model);""")]
    [InlineData("""var count = 1; count++; Probe(count);""")]
    [InlineData("""var chosen = input; var model = "qwen-plus"; model = chosen; Probe(model);""")]
    public void A_local_written_more_than_once_or_by_reference_is_unknown(string body)
        => Assert.Null(Resolved(body));

    [Fact]
    public void A_write_anywhere_in_the_body_counts_even_after_the_read()
        => Assert.Null(Resolved("""var model = "qwen-plus"; Probe(model); model = "qwen-max";"""));

    [Fact]
    public void Locals_of_the_same_name_in_other_scopes_are_other_locals()
        => Assert.Equal("qwen-plus", ConstantOf(Resolved("""
            { var model = "qwen-max"; model = input; }
            { var model = "qwen-plus"; Probe(model); }
            """)));

    [Fact]
    public void References_come_in_source_order_and_tell_writes_from_reads()
    {
        var probe = Snippet.Compile("""
            public class C
            {
                static void Probe(object? value) { }
                public void M(string input)
                {
                    var model = "qwen-plus";
                    Probe(model);
                    model = input;
                    var length = model.Length;
                    Probe(model);
                }
            }
            """).Probe();
        var local = ((ILocalReferenceOperation)ValueFlow.Unwrap(probe)).Local;
        var references = ValueFlow.References(local, ValueFlow.GetRoot(probe));

        Assert.Equal(4, references.Count);
        Assert.True(references.Select(r => r.Syntax.SpanStart).SequenceEqual(references.Select(r => r.Syntax.SpanStart).OrderBy(s => s)));
        Assert.Equal(new[] { false, true, false, false }, references.Select(ValueFlow.IsWrite));
    }

    [Fact]
    public void Unwrap_looks_through_conversions_and_parentheses_only()
    {
        var probe = Snippet.Compile("""
            public class C
            {
                static void Probe(object? value) { }
                public void M() => Probe(((object)("qwen" + "-plus")));
            }
            """).Probe();

        var unwrapped = ValueFlow.Unwrap(probe);
        Assert.IsAssignableFrom<IBinaryOperation>(unwrapped);
        Assert.Equal("qwen-plus", unwrapped.ConstantValue.Value);
    }
}
