using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Qwen.Analyzers.ApiModel;

namespace Qwen.Analyzers.Rules;

/// <summary>
/// The rules about one boolean request parameter of a hand-built body (QW0005 <c>prompt_extend</c>, QW0007
/// <c>incremental_output</c>): report where it is missing or wrong, with the fix that sets it.
/// </summary>
internal static class RequestParameter
{
    /// <summary>
    /// Reports <paramref name="descriptor"/> when <paramref name="key"/> is not <paramref name="desired"/>; the message's
    /// last argument is <paramref name="missing"/> or <paramref name="wrong"/>. Silent when the value is not a constant or
    /// the body may get the parameter in a way not read here.
    /// </summary>
    public static void RequireBoolean(OperationAnalysisContext context, CallSite call, DiagnosticDescriptor descriptor, string key, bool desired,
        string missing, string wrong, params object[] leadingArguments)
    {
        if (call.Http is not { Body: { } body } http || !http.TryGetParameters(out var parameters))
            return;
        if (JsonBodyFix.RequireBoolean(body, parameters, key, desired) is not { } required)
            return;   // already as desired, or a value not known here

        var (isMissing, fix) = required;
        var arguments = new object[leadingArguments.Length + 1];
        leadingArguments.CopyTo(arguments, 0);
        arguments[leadingArguments.Length] = isMissing ? missing : wrong;
        var additional = fix is { } f ? FixData.EditTarget(f.Node) : null;
        context.ReportDiagnostic(Diagnostic.Create(descriptor, call.NameLocation, additional, fix?.Fix.WriteTo(FixData.Empty) ?? FixData.Empty, arguments));
    }
}
