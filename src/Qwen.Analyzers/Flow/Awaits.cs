using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Qwen.Analyzers.Flow;

/// <summary>The shapes around an awaited call, read in one place.</summary>
internal static class Awaits
{
    /// <summary><c>x.ConfigureAwait(c)</c> → <c>x</c>; anything else as it is.</summary>
    public static IOperation SkipConfigureAwait(IOperation awaited)
        => awaited is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } instance } ? instance : awaited;

    /// <summary>The <c>.ConfigureAwait(c)</c> call around <paramref name="awaited"/>, if any.</summary>
    public static IInvocationOperation? ConfigureAwaitOf(IOperation awaited)
        => awaited is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: not null } configure ? configure : null;

    /// <summary>Going up from a call: the <c>.ConfigureAwait(c)</c> wrapped around it, or the call itself.</summary>
    public static IOperation WithConfigureAwait(IOperation call)
        => call.Parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configure && configure.Instance == call ? configure : call;
}
