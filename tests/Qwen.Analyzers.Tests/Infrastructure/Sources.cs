namespace Qwen.Analyzers.Tests;

/// <summary>Using directives shared by test sources, on one line so markup positions stay readable.</summary>
internal static class Sources
{
    public const string OpenAI = "using System; using System.Collections.Generic; using System.ClientModel; using System.Threading; using System.Threading.Tasks; using OpenAI; using OpenAI.Chat;\n";
    public const string ExtensionsAI = "using System; using System.Collections.Generic; using System.Threading; using System.Threading.Tasks; using Microsoft.Extensions.AI;\n";
    public const string SemanticKernel = "using System; using System.Collections.Generic; using System.Threading; using System.Threading.Tasks; using Microsoft.SemanticKernel; using Microsoft.SemanticKernel.ChatCompletion; using Microsoft.SemanticKernel.Connectors.OpenAI;\n";
    public const string Http = "using System; using System.Collections.Generic; using System.Net.Http; using System.Net.Http.Json; using System.Text; using System.Text.Json; using System.Text.Json.Nodes; using System.Threading.Tasks;\n";
}
