using Microsoft.CodeAnalysis;

namespace Qwen.Analyzers.Rules;

/// <summary>
/// A finding that needs another project's source (a wrapper read through <see cref="ApiModel.ReferencedProjects"/>)
/// exists only where a workspace hands that project over as a compilation: in the IDE and under <c>dotnet format</c>,
/// never in a command-line build, which sees the project as an assembly. It is therefore a suggestion, so the warnings
/// of the build and of the IDE are the same, and <c>dotnet format --severity warn</c> does not apply what the build
/// never reported.
/// </summary>
internal static class OtherProjectFinding
{
    /// <summary>The severity to report with: the rule's default, or a suggestion when <paramref name="otherProject"/> showed the call.</summary>
    public static DiagnosticSeverity Severity(DiagnosticDescriptor rule, string? otherProject)
        => otherProject is null ? rule.DefaultSeverity : DiagnosticSeverity.Info;

    /// <summary>A message's closing note naming the project whose source showed the call; empty otherwise.</summary>
    public static string Note(string? otherProject)
        => otherProject is null ? "" : $" (the call is in project {otherProject}, whose source a command-line build does not read: a suggestion)";
}
