using System.Text;

namespace Qwen.Benchmarks;

/// <summary>
/// A generated C# project of realistic service code: filler logic (loops, LINQ, string work) and, in the "clients"
/// variant, calls to Qwen through the OpenAI SDK and Microsoft.Extensions.AI — most in the fast shape (capped,
/// streamed, started together), one method in twenty in a slow one, as in a codebase that mostly follows the rules.
/// </summary>
internal static class GeneratedProject
{
    public const int MethodsPerFile = 30;

    /// <summary>Writes the project, adding files until it has at least <paramref name="minimumLines"/> lines; returns (files, lines).</summary>
    public static (int Files, int Lines) Write(string directory, int minimumLines, bool withClients, string qwenAnalyzer, IReadOnlyList<string> threadingAnalyzers)
    {
        Directory.CreateDirectory(directory);
        var analyzers = new StringBuilder();
        analyzers.AppendLine($"""    <Analyzer Include="{qwenAnalyzer}" Condition="'$(WithQwen)' == 'true'" />""");
        foreach (var dll in threadingAnalyzers)
            analyzers.AppendLine($"""    <Analyzer Include="{dll}" Condition="'$(WithThreading)' == 'true'" />""");
        var packages = withClients
            ? """
                <PackageReference Include="OpenAI" Version="2.15.0" />
                <PackageReference Include="Microsoft.Extensions.AI" Version="10.11.0" />
                <PackageReference Include="Microsoft.Extensions.AI.OpenAI" Version="10.11.0" />
            """
            : "";
        File.WriteAllText(Path.Combine(directory, "Generated.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <NoWarn>$(NoWarn);NU1603;CS1998;CS0219;CS8321</NoWarn>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
              </PropertyGroup>
              <ItemGroup>
            {packages}
              </ItemGroup>
              <ItemGroup>
            {analyzers}  </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(directory, "Directory.Packages.props"), "<Project />");

        var lines = 0;
        var f = 0;
        for (; lines < minimumLines; f++)
        {
            var code = new StringBuilder();
            code.AppendLine(withClients ? "using OpenAI.Chat;\nusing Microsoft.Extensions.AI;\nusing ChatMessage = OpenAI.Chat.ChatMessage;" : "");
            code.AppendLine($"namespace Generated.Area{f % 10};");
            code.AppendLine($"public sealed class Service{f}");
            code.AppendLine("{");
            for (var m = 0; m < MethodsPerFile; m++)
                Method(code, f * MethodsPerFile + m, withClients);
            code.AppendLine("}");
            var text = code.ToString();
            lines += text.Count(c => c == '\n');
            File.WriteAllText(Path.Combine(directory, $"Service{f}.cs"), text);
        }

        return (f, lines);
    }

    private static void Method(StringBuilder code, int n, bool withClients)
    {
        var slow = n % 20 == 0;
        var parameters = withClients ? "ChatClient chat, IChatClient meai, " : "";
        code.AppendLine($$"""
                public async Task<string> Handle{{n}}Async({{parameters}}IReadOnlyList<string> items, string doc, CancellationToken ct)
                {
                    var total = 0;
                    for (var k = 0; k < items.Count; k++)
                    {
                        total += items[k].Length * {{n % 7 + 1}};
                        if (total > 10_000)
                            total -= items[k].Length;
                    }

                    var words = doc.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    var longest = words.Where(w => w.Length > 3).OrderByDescending(w => w.Length).Take(5).ToList();
                    var summary = string.Join(", ", longest.Select(w => w.ToUpperInvariant()));
                    var map = new Dictionary<string, int>();
                    foreach (var word in words)
                        map[word] = map.TryGetValue(word, out var seen) ? seen + 1 : 1;
                    var top = map.OrderByDescending(p => p.Value).FirstOrDefault();
            """);
        if (withClients)
        {
            code.AppendLine(slow
                ? """
                        ChatCompletion first = await chat.CompleteChatAsync(new ChatMessage[] { new SystemChatMessage("Be brief."), new UserChatMessage(doc) }, cancellationToken: ct);
                        var second = await meai.GetResponseAsync("Translate: " + doc, cancellationToken: ct);
                        var answer = first.Content[0].Text + second.Text;
                """
                : """
                        var options = new ChatCompletionOptions { MaxOutputTokenCount = 300 };
                        var firstTask = OpenAIStreaming(chat.CompleteChatStreamingAsync(new ChatMessage[] { new SystemChatMessage("Be brief."), new UserChatMessage(doc) }, options, ct));
                        var secondTask = meai.GetStreamingResponseAsync("Translate: " + doc, new ChatOptions { MaxOutputTokens = 300 }, ct).ToChatResponseAsync(ct);
                        await Task.WhenAll(firstTask, secondTask);
                        var answer = await firstTask + (await secondTask).Text;
                """);
        }
        else
        {
            code.AppendLine("""
                        await Task.Yield();
                        var answer = summary.Length > 10 ? summary[..10] : summary;
                """);
        }

        code.AppendLine("""
                    var builder = new System.Text.StringBuilder();
                    builder.Append(summary).Append(';').Append(total).Append(';').Append(top.Key).Append(answer);
                    return builder.ToString();
                }
            """);
        if (withClients && n % MethodsPerFile == 0)
        {
            code.AppendLine("""
                    private static async Task<string> OpenAIStreaming(System.ClientModel.AsyncCollectionResult<StreamingChatCompletionUpdate> updates)
                    {
                        var text = new System.Text.StringBuilder();
                        await foreach (var update in updates)
                            foreach (var part in update.ContentUpdate)
                                text.Append(part.Text);
                        return text.ToString();
                    }
                """);
        }
    }
}
