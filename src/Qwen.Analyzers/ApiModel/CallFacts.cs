using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Qwen.Analyzers.Flow;

namespace Qwen.Analyzers.ApiModel;

/// <summary>
/// What the model knows about one invocation whose name a client method or a send method has: whether it is an LLM
/// call (its <see cref="CallSite"/>), and what an <c>await</c> of it waits for. Each fact is computed by whichever rule
/// asks first and kept for the others; the table is per method body and takes no lock (rules analyse the same body on
/// several threads at once, and a lock there was a fifth of the analyzers' time).
/// </summary>
internal sealed class CallFacts
{
    private CallFacts(IInvocationOperation invocation) => Invocation = invocation;

    public IInvocationOperation Invocation { get; }

    // Set once, by the first thread to finish computing it; NotKnown until then. A second thread may compute the same
    // answer meanwhile (the computations are pure), and then takes the first one stored.
    private object _call = NotKnown;
    private object _awaited = NotKnown;

    private static readonly object NotKnown = new();
    private static readonly object None = new();

    /// <summary>The facts kept for <paramref name="invocation"/> in its method body.</summary>
    public static CallFacts Of(IInvocationOperation invocation)
        => MethodFacts.For(ValueFlow.GetRoot(invocation)).Attached<Table>().Get(invocation);

    /// <summary>The recognised call, or null when the invocation is not one; <paramref name="classify"/> runs at most once per thread that finds it unknown.</summary>
    public CallSite? Call(Func<IInvocationOperation, CallSite?> classify)
        => Read(ref _call) is { } known ? known as CallSite : Store(ref _call, classify(Invocation)) as CallSite;

    /// <summary>What awaiting this invocation waits for (<see cref="QwenApi.TryGetAwaitedCall"/>), through the project's wrappers.</summary>
    public AwaitedModelCall? Awaited(Func<IInvocationOperation, AwaitedModelCall?> read)
        => Read(ref _awaited) is { } known ? known as AwaitedModelCall? : Store(ref _awaited, read(Invocation)) as AwaitedModelCall?;

    private static object? Read(ref object slot)
    {
        var value = Volatile.Read(ref slot);
        return value == NotKnown ? null : value;
    }

    private static object Store(ref object slot, object? value)
    {
        var previous = Interlocked.CompareExchange(ref slot, value ?? None, NotKnown);
        return previous == NotKnown ? value ?? None : previous;
    }

    /// <summary>The facts of one body: a copy-on-write array (a body has a handful of candidate calls), read without a lock.</summary>
    internal sealed class Table
    {
        private CallFacts[] _facts = Array.Empty<CallFacts>();

        public CallFacts Get(IInvocationOperation invocation)
        {
            while (true)
            {
                var current = Volatile.Read(ref _facts);
                foreach (var facts in current)
                {
                    if (facts.Invocation == invocation)
                        return facts;
                }

                var grown = new CallFacts[current.Length + 1];
                Array.Copy(current, grown, current.Length);
                grown[current.Length] = new CallFacts(invocation);
                if (Interlocked.CompareExchange(ref _facts, grown, current) == current)
                    return grown[current.Length];
            }
        }
    }
}
