using System.Collections;
using LanguageExt;
using static LanguageExt.Prelude;

namespace FunctionalGossip.Core;

/// <summary>
/// Every value a node knows, in the order the node learned them: what <c>read</c> returns.
/// The order is a contiguous sequence, so even the largest <c>read_ok</c> is one pass over an
/// array. Membership is a hash index from value to its place in that order, shared by the
/// versions that extend one another (see <see cref="Index"/>): learning a value costs one
/// entry, where a persistent set copied a path of its tree per value (every node learns every
/// value, so that was most of what a 1,000-node run allocated). The values as a sorted set
/// (<see cref="Set"/>) are built when first asked for, off the hot path.
/// Immutable as far as any reader can tell: equal when the orders are equal.
/// </summary>
public sealed record KnownValues : IEnumerable<long>
{
    private readonly Index _index;
    private Set<long>[]? _sorted;

    private KnownValues(Seq<long> inOrder, Index index) => (InOrder, _index) = (inOrder, index);

    /// <summary>No values.</summary>
    public static readonly KnownValues Empty = new(Seq<long>(), new Index());

    /// <summary>The values as a set (built on first use, then kept).</summary>
    public Set<long> Set
    {
        get
        {
            var sorted = Volatile.Read(ref _sorted);
            if (sorted is null)
            {
                sorted = [toSet(InOrder)];
                Volatile.Write(ref _sorted, sorted);
            }
            return sorted[0];
        }
    }

    /// <summary>The values in the order they were learned.</summary>
    public Seq<long> InOrder { get; }

    /// <summary>How many values.</summary>
    public int Count => InOrder.Count;

    /// <summary>True when there are none.</summary>
    public bool IsEmpty => InOrder.IsEmpty;

    /// <summary>Whether <paramref name="value"/> is known.</summary>
    public bool Contains(long value)
    {
        lock (_index) return _index.Holds(value, Count);
    }

    /// <summary>The values of <paramref name="values"/> not known, in the order given: one
    /// look-up each under one lock (what a check over many values wants, where
    /// <see cref="Contains"/> would take the lock per value).</summary>
    public Seq<long> Lacking(IEnumerable<long> values)
    {
        List<long>? lacking = null;
        lock (_index)
            foreach (var v in values)
                if (!_index.Holds(v, Count)) (lacking ??= new List<long>()).Add(v);
        return lacking is null ? Seq<long>() : toSeq(lacking).Strict();
    }

    /// <summary>Whether every value of <paramref name="values"/> is known (none is
    /// <see cref="Lacking"/>).</summary>
    public bool ContainsAll(IEnumerable<long> values) => Lacking(values).IsEmpty;

    /// <summary>These values plus those of <paramref name="values"/> not yet known, appended in
    /// the order given (a repeat counts once), and which values were new. Nothing new gives
    /// back this very instance.</summary>
    public (KnownValues Known, Seq<long> Added) AddNew(Seq<long> values)
    {
        if (values.IsEmpty) return (this, values);
        lock (_index)
        {
            if (values.ForAll(v => _index.Holds(v, Count))) return (this, Seq<long>());
            var index = _index.Length == Count && Count > 0 ? _index : Index.Of(InOrder);
            var (inOrder, added) = (InOrder, Seq<long>());
            lock (index)
            {
                foreach (var v in values)
                {
                    if (!index.TryAppend(v)) continue;
                    (inOrder, added) = (inOrder.Add(v), added.Add(v));
                }
            }
            return (new KnownValues(inOrder, index), added);
        }
    }

    /// <summary>The values of <paramref name="values"/>, learned in that order.</summary>
    public static KnownValues Of(params long[] values) => Empty.AddNew(toSeq(values)).Known;

    /// <summary>The values in ascending order.</summary>
    public IEnumerator<long> GetEnumerator() => Set.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Equal when the values were learned in the same order (so the sets are equal
    /// too).</summary>
    public bool Equals(KnownValues? other) =>
        other is not null && (ReferenceEquals(this, other) || InOrder.Equals(other.InOrder));

    /// <inheritdoc/>
    public override int GetHashCode() => InOrder.GetHashCode();

    /// <summary>
    /// Where each value stands in a learned order, shared by every version that is a prefix of
    /// it: a version of <c>Count</c> values holds a value exactly when its place is below
    /// <c>Count</c>. Only the version as long as the index may append to it; an older version
    /// that learns (replay stepping back, a test reusing a state) copies its prefix into an
    /// index of its own, so no version ever sees another's values. Callers lock the index:
    /// states may be stepped on several threads.
    /// </summary>
    private sealed class Index
    {
        /// <summary>Place + 1 of each value in [0, length) (0: not held): broadcast values are
        /// small consecutive integers, so this is most of them at 4 bytes each.</summary>
        private int[] _dense = [];
        private Dictionary<long, int>? _sparse;

        public int Length { get; private set; }

        public static Index Of(Seq<long> inOrder)
        {
            var index = new Index();
            foreach (var v in inOrder) index.TryAppend(v);
            return index;
        }

        public bool Holds(long value, int count) => PlaceOf(value) is var at && at >= 0
            && at < count;

        public bool TryAppend(long value)
        {
            if (PlaceOf(value) >= 0) return false;
            if ((value >= 0 && value < _dense.Length)
                || (value >= 0 && value < 2L * Length + 1024 && Grow((int)value)))
                _dense[value] = Length + 1;
            else
                (_sparse ??= new Dictionary<long, int>())[value] = Length;
            Length++;
            return true;
        }

        private int PlaceOf(long value) =>
            value >= 0 && value < _dense.Length ? _dense[value] - 1
            : _sparse is not null && _sparse.TryGetValue(value, out var at) ? at
            : -1;

        /// <summary>Widens the dense part to hold <paramref name="value"/>, moving any
        /// sparse entries that now fit.</summary>
        private bool Grow(int value)
        {
            var dense = new int[Math.Max(value + 1, Math.Max(1024, 2 * _dense.Length))];
            _dense.CopyTo(dense, 0);
            _dense = dense;
            if (_sparse is null) return true;
            foreach (var (v, at) in _sparse.Where(e => e.Key >= 0 && e.Key < dense.Length)
                         .ToList())
            {
                dense[v] = at + 1;
                _sparse.Remove(v);
            }
            return true;
        }
    }
}
