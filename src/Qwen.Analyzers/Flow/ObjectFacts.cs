using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Qwen.Analyzers.Flow;

/// <summary>
/// What an options object created in this method has set: the members assigned in its initializer or later
/// through the local that holds it, and the members read (a read of a collection may fill it).
/// <see cref="IsKnown"/> is false when the object escapes (passed to an unknown method, aliased, captured by ref,
/// reassigned) or does not come from a visible <c>new</c>.
/// </summary>
internal sealed class ObjectFacts
{
    private readonly Dictionary<string, IOperation> _assigned = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    private ObjectFacts(IObjectCreationOperation? creation, bool isKnown)
    {
        Creation = creation;
        IsKnown = isKnown;
    }

    public IObjectCreationOperation? Creation { get; }
    public bool IsKnown { get; private set; }

    /// <summary>True when the value is <c>null</c> or <c>default</c>: no object at all.</summary>
    public bool IsNull { get; private set; }

    public IReadOnlyDictionary<string, IOperation> Assigned => _assigned;
    public IReadOnlyCollection<string> Read => _read;

    public bool WasRead(string member) => _read.Contains(member);

    public static readonly ObjectFacts Unknown = new(null, isKnown: false);

    /// <summary>The name <see cref="Read"/> records for an indexer or a collection initializer (a member the object may gain).</summary>
    public const string IndexerOrCollection = "<indexer or collection>";

    /// <summary>
    /// Describes <paramref name="value"/>. <paramref name="isHarmlessUse"/> says whether a use of the local other than a
    /// member access (typically: passing it as the options of a recognised call) leaves the object as it was.
    /// </summary>
    /// <param name="sameInstance">
    /// For a call that returns the object it was given (a fluent helper such as <c>options.WithoutThinking()</c>):
    /// that object; null for anything else.
    /// </param>
    public static ObjectFacts Describe(IOperation value, Func<IOperation, bool> isHarmlessUse, Func<IOperation, IOperation?>? sameInstance = null)
    {
        var unwrapped = ValueFlow.Unwrap(value);
        if (IsNullValue(unwrapped))
            return new ObjectFacts(null, isKnown: true) { IsNull = true };

        var resolved = ValueFlow.Resolve(unwrapped);
        for (var depth = 0; depth < 4 && resolved is not null && sameInstance?.Invoke(resolved) is { } inner; depth++)
            resolved = ValueFlow.Resolve(inner);
        if (resolved is not null && IsNullValue(resolved))
            return new ObjectFacts(null, isKnown: true) { IsNull = true };
        if (resolved is not IObjectCreationOperation creation)
            return Unknown;

        var facts = new ObjectFacts(creation, isKnown: true);
        if (creation.Initializer is not null)
        {
            foreach (var initializer in creation.Initializer.Initializers)
            {
                if (initializer is IAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: false } property } assignment)
                    facts._assigned[property.Property.Name] = assignment.Value;
                else if (initializer is IMemberInitializerOperation { InitializedMember: IPropertyReferenceOperation member })
                    facts._read.Add(member.Property.Name);   // Tools = { … } fills a collection property
                else
                    facts._read.Add(IndexerOrCollection);
            }
        }

        if (unwrapped is ILocalReferenceOperation local)
            facts.ReadUses(local.Local, ValueFlow.GetRoot(local), isHarmlessUse);
        return facts;
    }

    private void ReadUses(ILocalSymbol local, IOperation root, Func<IOperation, bool> isHarmlessUse)
    {
        foreach (var reference in ValueFlow.References(local, root))
        {
            if (reference.IsDeclaration)
                continue;
            var parent = reference.Parent;
            while (parent is IConversionOperation { IsImplicit: true } or IParenthesizedOperation)
                parent = parent.Parent;

            if (parent is IPropertyReferenceOperation { Property.IsIndexer: false } property && property.Instance is not null)
            {
                if (property.Parent is IAssignmentOperation assignment && assignment.Target == property)
                    _assigned[property.Property.Name] = assignment.Value;
                else
                    _read.Add(property.Property.Name);
            }
            else if (parent is IPropertyReferenceOperation { Property.IsIndexer: true })
            {
                _read.Add(IndexerOrCollection);
            }
            else if (parent is IArgumentOperation argument && isHarmlessUse(argument))
            {
                // e.g. the options of a recognised LLM call: the call does not change what the object holds.
            }
            else
            {
                IsKnown = false;
                return;
            }
        }
    }

    private static bool IsNullValue(IOperation operation)
        => operation is IDefaultValueOperation
           || (operation is ILiteralOperation && operation.ConstantValue is { HasValue: true, Value: null });
}
