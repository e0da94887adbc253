using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Editing;
using Qwen.Analyzers.Rules;

namespace Qwen.Analyzers.CodeFixes;

/// <summary>The fix of a rule about one request parameter of a hand-built body (QW0005, QW0007): set it as the analyzer says.</summary>
public abstract class JsonParameterFixer : DocumentEditFixer
{
    private protected override string Title(Diagnostic diagnostic)
        => JsonBodyFix.Read(diagnostic.Properties) is { } fix ? $"Set {fix.Key} to {fix.Value}" : "Set the request parameter";

    private protected override SyntaxEdit? Plan(SyntaxNode root, SemanticModel model, SyntaxGenerator generator, Diagnostic diagnostic, System.Threading.CancellationToken cancellationToken)
        => JsonBodyEdits.Plan(root, model, generator, diagnostic, JsonBodyFix.Read(diagnostic.Properties));
}
