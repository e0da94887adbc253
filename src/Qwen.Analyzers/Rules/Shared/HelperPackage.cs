namespace Qwen.Analyzers.Rules;

/// <summary>
/// The runtime package an automatic fix calls into. When a finding's fix needs one the project does not reference, the
/// message ends with the package to add, so a CI user of <c>dotnet format --verify-no-changes</c> (which leaves such
/// findings unfixed and prints nothing) and an IDE user (who sees no light bulb) both learn why.
/// </summary>
internal static class HelperPackage
{
    public const string Latency = "Qwen.Latency";
    public const string OpenAI = "Qwen.Latency.OpenAI";
    public const string SemanticKernel = "Qwen.Latency.SemanticKernel";
    public const string Cache = "Qwen.Latency.Cache";

    /// <summary>The message's closing note: empty when nothing is missing.</summary>
    public static string Note(string? missing)
        => missing is null ? "" : "; add the " + missing + " package to get the automatic fix";

    /// <summary>The note when <paramref name="helper"/> (a type of <paramref name="package"/>) is absent.</summary>
    public static string NoteUnless(object? helper, string package) => helper is null ? Note(package) : "";
}
