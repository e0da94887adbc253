using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Qwen.Analyzers.Flow;

/// <summary>
/// What the rules learn about one method body (or initializer), kept with it: every local reference and declarator,
/// found in one pass and scanned by each question (a method has a few dozen; per-symbol dictionaries cost more to build
/// and to collect than the scans they save). One weak-table entry per body, not one per question: the garbage collector
/// pays for every entry. (The call-site model keeps its per-invocation facts in <c>ApiModel.CallFacts</c>.)
/// </summary>
internal sealed class MethodFacts
{
    private static readonly ConditionalWeakTable<IOperation, MethodFacts> Cache = new();

    private readonly IOperation _root;
    private List<ILocalReferenceOperation>? _localReferences;
    private List<IVariableDeclaratorOperation>? _declarators;

    private MethodFacts(IOperation root) => _root = root;

    public static MethodFacts For(IOperation root) => Cache.GetValue(root, r => new MethodFacts(r));

    private object? _attached;

    /// <summary>
    /// One object of <typeparamref name="T"/> kept with the body for another layer (the call facts' table): it rides on
    /// this body's weak-table entry instead of adding a second table whose lock the rule threads would share.
    /// </summary>
    public T Attached<T>()
        where T : class, new()
    {
        if (Volatile.Read(ref _attached) is T known)
            return known;
        var created = new T();
        return Interlocked.CompareExchange(ref _attached, created, null) as T ?? created;
    }

    public IReadOnlyList<ILocalReferenceOperation> LocalReferences
    {
        get
        {
            EnsureLocals();
            return _localReferences!;
        }
    }

    public IReadOnlyList<IVariableDeclaratorOperation> Declarators
    {
        get
        {
            EnsureLocals();
            return _declarators!;
        }
    }

    private void EnsureLocals()
    {
        if (Volatile.Read(ref _declarators) is not null)
            return;
        var references = new List<ILocalReferenceOperation>(32);
        var declarators = new List<IVariableDeclaratorOperation>(16);
        Collect(_root, references, declarators);
        _localReferences = references;
        Volatile.Write(ref _declarators, declarators);
    }

    /// <summary>A recursive walk over <see cref="IOperation.ChildOperations"/> (struct enumerators: no allocation per node).</summary>
    private static void Collect(IOperation operation, List<ILocalReferenceOperation> references, List<IVariableDeclaratorOperation> declarators)
    {
        if (operation is ILocalReferenceOperation reference)
            references.Add(reference);
        else if (operation is IVariableDeclaratorOperation declarator)
            declarators.Add(declarator);
        foreach (var child in operation.ChildOperations)
            Collect(child, references, declarators);
    }
}
