using System.Collections.Immutable;
using FunctionalGossip.Check.History;

namespace FunctionalGossip.Check.Checkers;

using FunctionalGossip.Edn;

/// <summary>
/// Jepsen's <c>set-full</c> checker (jepsen/checker.clj) as Maelstrom's broadcast workload runs
/// it: ops with <c>:f :broadcast</c> are renamed <c>:add</c>, then only client ops (integer
/// <c>:process</c>) are folded in history order. A pure function of the history.
/// </summary>
public static class SetFull
{
    /// <summary>The values an <c>:ok</c> read returned, given its invocation and its
    /// completion.</summary>
    public delegate ReadValues ReadValuesOf(Op invocation, Op completion);

    /// <summary>Checks a broadcast history.</summary>
    public static SetFullResult Check(IEnumerable<Op> history) => Check(history, ValuesOf);

    /// <summary>Checks a broadcast history whose <c>:ok</c> reads returned what
    /// <paramref name="readValues"/> says instead of their own values (the floor's reads are
    /// slices of one array per node, not a vector each).</summary>
    public static SetFullResult Check(IEnumerable<Op> history, ReadValuesOf readValues) =>
        Aggregate(Elements(history, readValues));

    /// <summary>
    /// The result for every element whose broadcast was invoked, sorted by element.
    /// </summary>
    public static ImmutableArray<ElementResult> Elements(IEnumerable<Op> history) =>
        Elements(history, ValuesOf);

    private static ImmutableArray<ElementResult> Elements(IEnumerable<Op> history,
        ReadValuesOf readValues) =>
        [.. Fold(history, readValues).States.OrderBy(e => e.Element, EdnOrder.Instance)
            .Select(e => e.Result())];

    /// <summary>A read's own values: the integers of a compact vector, or the items of its
    /// vector, list or set (none otherwise).</summary>
    public static ReadValues ValuesOf(Op invocation, Op completion) =>
        completion.Value switch
        {
            Edn.Vector { Ints: { } ints } => new(ints),
            Edn.Vector v => new(v.Items.AsMemory()),
            Edn.List l => new(l.Items.AsMemory()),
            Edn.Set s => new(s.Items.AsMemory()),
            _ => new(ReadOnlyMemory<Edn>.Empty),
        };

    private static Tracked Fold(IEnumerable<Op> history, ReadValuesOf readValues)
    {
        var elements = new Tracked();
        var invocations = new Dictionary<long, Op>();
        foreach (var original in history)
        {
            if (original.ClientNumber is not long process) continue;
            var op = original.IsF("broadcast") ? original with { F = Edn.Kw("add") } : original;
            if (op.Type == OpType.Invoke) invocations[process] = op;
            if (op.IsF("add")) Add(elements, op);
            else if (op.IsF("read") && op.Type == OpType.Ok
                && invocations.TryGetValue(process, out var inv))
                elements.Read(inv, op, readValues(inv, op));
        }
        return elements;
    }

    /// <summary>An add invocation (re)starts tracking; an :ok completion makes it known.</summary>
    private static void Add(Tracked elements, Op op)
    {
        if (op.Type == OpType.Invoke) elements.Track(op.Value);
        else if (op.Type == OpType.Ok && elements.Find(op.Value) is { } state)
            state.Known ??= op;
    }

    /// <summary>
    /// The elements tracked so far, each with a dense index, so that a read marks the values
    /// it saw (one lookup per value read, integers without hashing an EDN value) and then
    /// visits every element once: Jepsen's fold, without a set built per read.
    /// </summary>
    private sealed class Tracked
    {
        private readonly Dictionary<Edn, int> _index = [];
        private readonly Dictionary<long, int> _ints = [];
        private int[] _dense = []; // index + 1 of each tracked integer below its length
        private readonly List<ElementState> _states = [];
        private int[] _seenBy = [];
        private int _reads;

        public IReadOnlyList<ElementState> States => _states;

        /// <summary>Starts (or restarts) tracking <paramref name="element"/>.</summary>
        public void Track(Edn element)
        {
            if (_index.TryGetValue(element, out var i))
            {
                _states[i] = new ElementState(element);
                return;
            }
            _index[element] = _states.Count;
            if (element is Edn.Int n) TrackInt(n.Value, _states.Count);
            _states.Add(new ElementState(element));
        }

        public ElementState? Find(Edn element) =>
            _index.TryGetValue(element, out var i) ? _states[i] : null;

        /// <summary>An :ok read updates every element tracked so far.</summary>
        public void Read(Op invocation, Op completion, ReadValues values)
        {
            _reads++;
            if (_seenBy.Length < _states.Count)
                Array.Resize(ref _seenBy, Math.Max(_states.Count, 2 * _seenBy.Length));
            if (values.Ints is { } ints)
            {
                foreach (var value in ints.Span) Mark(IndexOf(value));
            }
            else
            {
                foreach (var value in values.Items.Span) Mark(IndexOf(value));
            }
            for (var i = 0; i < _states.Count; i++)
            {
                if (_seenBy[i] == _reads) _states[i].Present(invocation, completion);
                else _states[i].Absent(invocation);
            }
        }

        private void Mark(int i)
        {
            if (i >= 0) _seenBy[i] = _reads;
        }

        /// <summary>The element's index, or −1 when it is not tracked.</summary>
        private int IndexOf(Edn value) => value is Edn.Int n ? IndexOf(n.Value)
            : _index.TryGetValue(value, out var j) ? j : -1;

        /// <summary>An integer's index, or −1 when it is not tracked.</summary>
        private int IndexOf(long value)
        {
            if ((ulong)value < (ulong)_dense.Length) return _dense[value] - 1;
            return _ints.TryGetValue(value, out var i) ? i : -1;
        }

        /// <summary>Tracks an integer's index, also in a dense table while the values stay
        /// small (Maelstrom's are 0, 1, 2, …): a read of ten thousand values at 1,000 nodes is
        /// then ten thousand array loads rather than hash look-ups.</summary>
        private void TrackInt(long value, int index)
        {
            _ints[value] = index;
            if (value < 0) return;
            if (value >= _dense.Length)
            {
                if (value >= DenseLimit(_ints.Count)) return;
                var grown = new int[Math.Max(2 * _dense.Length, (int)value + 1)];
                foreach (var (v, i) in _ints)
                {
                    if (v >= 0 && v < grown.Length) grown[v] = i + 1;
                }
                _dense = grown;
            }
            _dense[value] = index + 1;
        }

        /// <summary>How far the dense table may reach with <paramref name="count"/> integers
        /// tracked: a few entries per integer, so sparse values stay in the dictionary.</summary>
        private static long DenseLimit(int count) => 4L * count + 1024;
    }

    private static SetFullResult Aggregate(ImmutableArray<ElementResult> results)
    {
        var stable = results.Where(r => r.Outcome == Outcome.Stable).ToImmutableArray();
        var lost = results.Where(r => r.Outcome == Outcome.Lost).ToImmutableArray();
        var neverRead = results.Where(r => r.Outcome == Outcome.NeverRead).ToImmutableArray();
        var stale = stable.Where(r => r.StableLatency > 0).ToImmutableArray();
        var worstStale = stale.OrderBy(r => r.StableLatency).Reverse().Take(8).ToImmutableArray();
        var valid = lost.Length > 0 ? Validity.Invalid
            : stable.Length == 0 ? Validity.Unknown
            : Validity.Valid;
        return new SetFullResult(
            valid, results.Length, stable.Length, lost.Length, Elements(lost),
            neverRead.Length, Elements(neverRead), stale.Length, Elements(stale), worstStale,
            LatencyQuantiles.Of(results.Select(r => r.StableLatency).OfType<long>()),
            LatencyQuantiles.Of(results.Select(r => r.LostLatency).OfType<long>()));
    }

    private static ImmutableArray<Edn> Elements(ImmutableArray<ElementResult> rs) =>
        [.. rs.Select(r => r.Element).Order(EdnOrder.Instance)];
}

/// <summary>What a read returned, as set-full folds it: a compact vector's integers
/// (<see cref="Edn.Vector.Ints"/>), or EDN items.</summary>
public readonly struct ReadValues
{
    /// <summary>EDN items.</summary>
    public ReadValues(ReadOnlyMemory<Edn> items) => Items = items;

    /// <summary>A compact vector's integers.</summary>
    public ReadValues(ReadOnlyMemory<int> ints) => Ints = ints;

    /// <summary>The items, when they are not <see cref="Ints"/>.</summary>
    public ReadOnlyMemory<Edn> Items { get; }

    /// <summary>The integers; null when the values are <see cref="Items"/>.</summary>
    public ReadOnlyMemory<int>? Ints { get; }
}
