using System.Collections;
using LanguageExt;
using static LanguageExt.Prelude;

namespace FunctionalGossip.Core;

/// <summary>
/// Every value a node knows, held two ways that only change together: a set (membership, and
/// ascending enumeration) and the order the node learned them, which is what <c>read</c>
/// returns. The order is a contiguous sequence, so even the largest <c>read_ok</c> is one
/// pass over an array; walking the set's tree instead chases a pointer per value, and reads
/// were the costliest step of a 3d run.
/// </summary>
public sealed record KnownValues : IEnumerable<long>
{
    private KnownValues(Set<long> set, Seq<long> inOrder) => (Set, InOrder) = (set, inOrder);

    /// <summary>No values.</summary>
    public static readonly KnownValues Empty = new(Set<long>(), Seq<long>());

    /// <summary>The values as a set.</summary>
    public Set<long> Set { get; }

    /// <summary>The same values in the order they were learned.</summary>
    public Seq<long> InOrder { get; }

    /// <summary>How many values.</summary>
    public int Count => Set.Count;

    /// <summary>True when there are none.</summary>
    public bool IsEmpty => Set.IsEmpty;

    /// <summary>Whether <paramref name="value"/> is known.</summary>
    public bool Contains(long value) => Set.Contains(value);

    /// <summary>These values plus those of <paramref name="values"/> not yet known, appended in
    /// the order given (a repeat counts once), and which values were new. Nothing new gives
    /// back this very instance.</summary>
    public (KnownValues Known, Seq<long> Added) AddNew(Seq<long> values)
    {
        var (set, inOrder, added) = (Set, InOrder, Seq<long>());
        foreach (var v in values)
        {
            if (set.Contains(v)) continue;
            (set, inOrder, added) = (set.Add(v), inOrder.Add(v), added.Add(v));
        }
        return added.IsEmpty ? (this, added) : (new KnownValues(set, inOrder), added);
    }

    /// <summary>The values of <paramref name="values"/>, learned in that order.</summary>
    public static KnownValues Of(params long[] values) => Empty.AddNew(toSeq(values)).Known;

    /// <summary>The values in ascending order.</summary>
    public IEnumerator<long> GetEnumerator() => Set.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
