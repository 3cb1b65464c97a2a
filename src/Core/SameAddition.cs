using System.Runtime.CompilerServices;
using LanguageExt;

namespace FunctionalGossip.Core;

/// <summary>
/// The same values added to many sets at once, each distinct set instance's result built
/// once and shared. A hub queues every value it learns for every leaf, and the leaves' queues
/// are mostly one instance (all emptied by the same tick, then given the same values), so
/// this turns a thousand equal additions into a few. Sets are values: sharing an instance
/// changes nothing anyone can observe.
/// </summary>
internal sealed class SameAddition(Seq<long> values)
{
    /// <summary>Whether a <see cref="Set{A}"/> is one reference to its tree (LanguageExt 4's
    /// layout), which is what identifies an instance; otherwise nothing is shared.</summary>
    private static readonly bool ByInstance =
        Unsafe.SizeOf<Set<long>>() == Unsafe.SizeOf<object>();

    private readonly Dictionary<object, Set<long>> _done =
        new(ReferenceEqualityComparer.Instance);

    /// <summary><paramref name="set"/> with the values added
    /// (<see cref="Set{A}.TryAddRange"/>).</summary>
    public Set<long> To(Set<long> set)
    {
        var key = ByInstance ? Unsafe.As<Set<long>, object?>(ref set) : null;
        if (key is null) return set.TryAddRange(values);
        if (_done.TryGetValue(key, out var done)) return done;
        var added = set.TryAddRange(values);
        _done[key] = added;
        return added;
    }
}
