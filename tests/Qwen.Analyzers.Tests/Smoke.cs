using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Qwen.Analyzers.Tests;

public class Smoke
{
    [Fact]
    public void Compiles()
    {
        var tree = CSharpSyntaxTree.ParseText("""
            using System; using System.ClientModel; using System.Threading.Tasks; using OpenAI; using OpenAI.Chat;
            using Microsoft.Extensions.AI; using Microsoft.SemanticKernel; using Microsoft.SemanticKernel.ChatCompletion;
            using Microsoft.SemanticKernel.Connectors.OpenAI;
            class C {
              async Task M(ChatClient c, IChatClient m, IChatCompletionService s, Kernel k) {
                ChatCompletion a = await c.CompleteChatAsync(new UserChatMessage("hi"));
                await foreach (var u in c.CompleteChatStreamingAsync(new UserChatMessage("x"))) {}
                var r = await m.GetResponseAsync("hi", new ChatOptions { MaxOutputTokens = 3 });
                var h = new ChatHistory("sys"); var x = await s.GetChatMessageContentAsync(h, new OpenAIPromptExecutionSettings { MaxTokens = 5 });
                var f = await k.InvokePromptAsync("hi {{$a}}", new KernelArguments { ["a"] = 1 });
              }
            }
            """);
        var compilation = CSharpCompilation.Create("t", new[] { tree }, References.FrameworkAndClients, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToArray();
        Assert.Empty(errors);
    }
}
