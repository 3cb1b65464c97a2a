using System.Collections.Immutable;
using FunctionalGossip.Check.Checkers;
using FunctionalGossip.Check.History;

namespace FunctionalGossip.Check.Floor;

using FunctionalGossip.Edn;

/// <summary>The network an ideal flood would have had in a run.</summary>
/// <param name="Nodes">The server nodes, in test order.</param>
/// <param name="NodeOfProcess">The node a client process sends its requests to.</param>
/// <param name="HopMs">One node-to-node message's latency.</param>
public sealed record FloorModel(IReadOnlyList<string> Nodes, Func<long, string> NodeOfProcess,
    long HopMs);

/// <summary>
/// The history the run would have had with an ideal flood: the same ops at the same times,
/// but every <c>:ok</c> read returns the values whose flood arrival at the read's node comes
/// before the read completes. A broadcast's value is at its node from the broadcast's
/// invocation; at the same instant, the op that happened first in the history comes first.
/// A read is judged at its completion, not its invocation: client messages have no latency,
/// but a read queues head-of-line behind node messages delayed for its node (Maelstrom's
/// net.clj delivers each destination's queue in deadline order), so the node may answer it
/// well after its invocation. The node answers no later than the completion, so a read's
/// floor values include all it could have returned and the floor stays a lower bound.
/// </summary>
public static class FloorHistory
{
    /// <summary>The floor history of <paramref name="history"/> (ops in history order) under
    /// <paramref name="model"/>, with the partitions of its own nemesis ops.</summary>
    public static ImmutableArray<Op> Of(IReadOnlyList<Op> history, FloorModel model)
    {
        var floorRead = FloorReads(history, model);
        var ops = ImmutableArray.CreateBuilder<Op>(history.Count);
        // A read is judged at its completion alone; an :ok whose process invoked nothing
        // before it keeps its own values, as it did when the invocation was looked up.
        var invoked = new HashSet<long>();
        foreach (var op in history)
        {
            if (op.ClientNumber is long p && op.Type == OpType.Invoke) invoked.Add(p);
            var read = op.ClientNumber is long q && op.Type == OpType.Ok && op.IsF("read")
                && invoked.Contains(q) ? floorRead(op) : null;
            ops.Add(read is { } values ? op with { Value = new Edn.Vector([.. values.Span]) }
                : op);
        }
        return ops.MoveToImmutable();
    }

    /// <summary>What each <c>:ok</c> read of <paramref name="history"/> returns in the floor
    /// history (<see cref="Of"/>), given its completion, for set-full to fold without
    /// building that history: a slice of its node's arrivals, no copy; a read whose process
    /// has no node keeps its own values.</summary>
    public static SetFull.ReadValuesOf ReadValues(IReadOnlyList<Op> history, FloorModel model)
    {
        var floorRead = FloorReads(history, model);
        return (inv, completion) => floorRead(completion) is { } values ? new(values)
            : SetFull.ValuesOf(inv, completion);
    }

    /// <summary>A read's floor values, given its completion (null when its process has no
    /// node).</summary>
    private static Func<Op, ReadOnlyMemory<Edn>?> FloorReads(IReadOnlyList<Op> history,
        FloorModel model)
    {
        var schedule = PartitionSchedule.Of(history, model.Nodes);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < model.Nodes.Count; i++) index[model.Nodes[i]] = i;
        int? NodeOf(long process) =>
            index.TryGetValue(model.NodeOfProcess(process), out var i) ? i : null;
        var arrived = Arrivals(history, NodeOf, model.HopMs * 1_000_000, schedule);
        return completion => completion.ClientNumber is long p && NodeOf(p) is int node
            ? arrived[node].Before(completion.Time, completion.Index) : null;
    }

    /// <summary>Every broadcast invocation's flood arrivals, gathered per node.</summary>
    private static NodeArrivals[] Arrivals(IReadOnlyList<Op> history, Func<long, int?> nodeOf,
        long hopNs, PartitionSchedule schedule)
    {
        bool Floods(Op op, out int origin)
        {
            origin = -1;
            return op.ClientNumber is long p && op.Type == OpType.Invoke
                && (op.IsF("broadcast") || op.IsF("add")) && nodeOf(p) is int o
                && (origin = o) >= 0;
        }
        // Sized for every broadcast up front: at 1,000 nodes these lists hold ten million
        // arrivals, and growing them by doubling copied each several times.
        var floods = history.Count(op => Floods(op, out _));
        var perNode = Enumerable.Range(0, schedule.NodeCount)
            .Select(_ => new List<Arrival>(floods)).ToArray();
        foreach (var op in history)
        {
            if (!Floods(op, out var origin)) continue;
            var at = FloodArrivals.Of(origin, op.Time, hopNs, schedule);
            for (var n = 0; n < at.Length; n++)
            {
                if (at[n] != long.MaxValue) perNode[n].Add(new Arrival(at[n], op.Index, op.Value));
            }
        }
        // Each node's list is dropped once its arrays are built, so the two never all coexist.
        var nodes = new NodeArrivals[perNode.Length];
        for (var n = 0; n < perNode.Length; n++) (nodes[n], perNode[n]) = (new(perNode[n]), null!);
        return nodes;
    }

    private readonly record struct Arrival(long TimeNs, long Index, Edn Value);

    /// <summary>Arrivals by time, then by the broadcast's invocation: a struct comparer, so
    /// that sorting a node's arrivals (ten thousand each at 1,000 nodes) compares inline
    /// rather than through a delegate.</summary>
    private readonly struct ByTimeThenIndex : IComparer<Arrival>
    {
        public int Compare(Arrival a, Arrival b) => a.TimeNs != b.TimeNs
            ? a.TimeNs.CompareTo(b.TimeNs) : a.Index.CompareTo(b.Index);
    }

    /// <summary>One node's arrivals, in order of time and then of the broadcast's
    /// invocation.</summary>
    private sealed class NodeArrivals
    {
        private readonly long[] _times;
        private readonly long[] _indices;
        private readonly Edn[] _values;

        public NodeArrivals(List<Arrival> arrivals)
        {
            System.Runtime.InteropServices.CollectionsMarshal.AsSpan(arrivals)
                .Sort(default(ByTimeThenIndex));
            _times = [.. arrivals.Select(a => a.TimeNs)];
            _indices = [.. arrivals.Select(a => a.Index)];
            _values = [.. arrivals.Select(a => a.Value)];
        }

        /// <summary>The values that arrived before an op at <paramref name="timeNs"/> with
        /// history index <paramref name="index"/>, in arrival order.</summary>
        public ReadOnlyMemory<Edn> Before(long timeNs, long index)
        {
            int lo = 0, hi = _times.Length;
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                var earlier = _times[mid] < timeNs
                    || (_times[mid] == timeNs && _indices[mid] < index);
                if (earlier) lo = mid + 1;
                else hi = mid;
            }
            return _values.AsMemory(0, lo);
        }
    }
}
