using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Qwen.Analyzers.ApiModel;

namespace Qwen.Analyzers.Tests;

/// <summary>
/// One compiled source file for the model's own tests: the operation a call to <c>Probe(…)</c> passes, the way a rule
/// would meet it inside a method body, and the compilation's <see cref="QwenApi"/>.
/// </summary>
internal sealed class Snippet
{
    private Snippet(CSharpCompilation compilation) => Compilation = compilation;

    public CSharpCompilation Compilation { get; }

    public QwenApi Api => QwenApi.Create(Compilation);

    public static Snippet Compile(string source)
    {
        var compilation = CSharpCompilation.Create("snippet", new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: "/0/Snippet.cs") },
            References.FrameworkAndClients.AddRange(References.Newtonsoft), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        return new Snippet(compilation);
    }

    /// <summary>The argument of the <paramref name="index"/>th <c>Probe(x)</c> call, as an operation of its method body's tree.</summary>
    public IOperation Probe(int index = 0)
    {
        var tree = Compilation.SyntaxTrees.Single();
        var model = Compilation.GetSemanticModel(tree);
        var call = tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Where(i => i.Expression is IdentifierNameSyntax { Identifier.ValueText: "Probe" }).ElementAt(index);
        var body = call.Ancestors().OfType<MethodDeclarationSyntax>().First();
        var root = model.GetOperation(body)!;
        var invocation = root.Descendants().OfType<IInvocationOperation>().Single(i => i.Syntax == call);
        return invocation.Arguments[0].Value;
    }
}
