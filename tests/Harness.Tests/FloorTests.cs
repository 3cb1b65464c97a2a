using FunctionalGossip.Check.Checkers;
using FunctionalGossip.Check.Floor;
using FunctionalGossip.Check.History;
using FunctionalGossip.Harness.Sim;
using FunctionalGossip.Harness.Engine;
using FunctionalGossip.Harness.Maelstrom;

namespace FunctionalGossip.Harness.Tests;

using FunctionalGossip.Edn;

/// <summary>The physical floor of simulated runs, against a brute-force search; the hop
/// latency; the routing of client processes to nodes.</summary>
public sealed class FloorTests
{
    [Theory]
    [InlineData(100, LatencyDist.Constant, 11UL)]
    [InlineData(40, LatencyDist.Exponential, 12UL)]
    public void SimulatedRunsFloor_MatchesABruteForceSearch(long mean, LatencyDist dist,
        ulong seed)
    {
        var o = Scenarios.Small(5, seed, partitions: true) with
        {
            TimeLimitS = 10, NemesisIntervalS = 1.5, Latency = new Latency(mean, dist),
        };
        var run = Simulator.Run(o);
        var hopNs = o.Latency.MedianMs * 1_000_000;
        var brute = new BruteFlood(run.History, o.Nodes, hopNs);
        var broadcasts = run.History.Where(op => op.ClientNumber is not null
            && op.Type == OpType.Invoke && op.IsF("broadcast")).ToList();
        var arrivals = broadcasts.ToDictionary(b => b.Index, b => brute.Arrivals(
            Node(o, b), b.Time));
        var schedule = PartitionSchedule.Of(run.History, o.Nodes);
        foreach (var b in broadcasts)
            Assert.Equal(arrivals[b.Index], FloodArrivals.Of(Node(o, b), b.Time, hopNs, schedule));
        // The partitions mattered: some value reached some node later than one hop.
        Assert.Contains(broadcasts, b => arrivals[b.Index].Max() > b.Time + hopNs);
        var expected = BruteHistory(run.History, o, arrivals, broadcasts);
        var floorHistory = FloorHistory.Of(run.History, run.FloorModel);
        Assert.Equal(expected.Select(Sorted), floorHistory.Select(Sorted));
        var bruteSetFull = SetFull.Check(expected);
        var floor = run.Check().Floor!;
        Assert.Equal((o.Latency.MedianMs, bruteSetFull.StableCount,
            bruteSetFull.StableLatencies), (floor.HopMs, floor.StableCount, floor.StableLatencies));
        Assert.NotNull(floor.StableLatencies);
        // With a constant hop nothing beats the flood: a floor, at every quantile.
        if (dist == LatencyDist.Constant)
        {
            var g = floor.Gaps!;
            Assert.All(new[] { g.P0, g.P50, g.P95, g.P99, g.P100 }, gap => Assert.True(gap >= 0));
        }
    }

    [Theory]
    [InlineData(100, LatencyDist.Constant, 100)]
    [InlineData(100, LatencyDist.Uniform, 99)]
    [InlineData(100, LatencyDist.Exponential, 69)]
    [InlineData(1, LatencyDist.Exponential, 0)]
    [InlineData(0, LatencyDist.Constant, 0)]
    public void HopLatency_IsTheLowerMedianOfTheDraws(long mean, LatencyDist dist, long median)
    {
        var latency = new Latency(mean, dist);
        Assert.Equal(median, latency.MedianMs);
        var rng = new Prng(5);
        var draws = Enumerable.Range(0, 20_000).Select(_ => latency.DrawMs(rng)).ToList();
        Assert.InRange(draws.Count(d => d <= median) / 20_000.0, 0.49, 1);
        Assert.InRange(draws.Count(d => d < median) / 20_000.0, 0, 0.51);
    }

    [Fact]
    public void AProcess_TalksToItsThreadsNode()
    {
        var o = RunOptions.For(3) with { Concurrency = 6 };
        Assert.Equal(["n0", "n1", "n2", "n0", "n1", "n2", "n0", "n1", "n1"],
            new long[] { 0, 1, 2, 3, 4, 5, 6, 7, 10 }.Select(o.NodeOfProcess));
    }

    private static int Node(RunOptions o, Op op) =>
        o.Nodes.ToList().IndexOf(o.NodeOfProcess(op.ClientNumber!.Value));

    /// <summary>The history with every :ok read returning the values whose brute-force
    /// arrival at its node precedes the read's completion (in time, then in history).</summary>
    private static List<Op> BruteHistory(IReadOnlyList<Op> history, RunOptions o,
        Dictionary<long, long[]> arrivals, List<Op> broadcasts)
    {
        var invocations = new Dictionary<long, Op>();
        var ops = new List<Op>();
        foreach (var op in history)
        {
            if (op.ClientNumber is long p && op.Type == OpType.Invoke) invocations[p] = op;
            if (op.ClientNumber is null || op.Type != OpType.Ok || !op.IsF("read"))
            {
                ops.Add(op);
                continue;
            }
            var node = Node(o, invocations[op.ClientNumber.Value]);
            ops.Add(op with
            {
                Value = Edn.VectorOf(broadcasts.Where(b => arrivals[b.Index][node] < op.Time
                    || (arrivals[b.Index][node] == op.Time && b.Index < op.Index))
                    .Select(b => b.Value)),
            });
        }
        return ops;
    }

    private static Op Sorted(Op op) => op.IsF("read") && op.Value is Edn.Vector v
        ? op with { Value = Edn.VectorOf(v.Items.OrderBy(x => ((Edn.Int)x).Value)) }
        : op;

    /// <summary>
    /// The flood's arrivals by brute force, independent of the Dijkstra and of
    /// <see cref="PartitionSchedule"/>: whether a link is cut is answered by replaying the
    /// nemesis ops up to that instant, and every link is relaxed from every candidate send
    /// time (the holder's arrival, or any later partition change) until nothing improves.
    /// </summary>
    private sealed class BruteFlood(IReadOnlyList<Op> history, IReadOnlyList<string> nodes,
        long hopNs)
    {
        private readonly List<Op> _nemesis =
            [.. history.Where(op => op.Process is OpProcess.Nemesis)];

        public long[] Arrivals(int origin, long atNs)
        {
            var arrival = nodes.Select(_ => long.MaxValue).ToArray();
            arrival[origin] = atNs;
            for (var changed = true; changed;)
            {
                changed = false;
                for (var a = 0; a < nodes.Count; a++)
                {
                    for (var b = 0; b < nodes.Count; b++)
                    {
                        if (a == b || arrival[a] == long.MaxValue) continue;
                        var sendable = new[] { arrival[a] }
                            .Concat(_nemesis.Select(op => op.Time).Where(t => t > arrival[a]))
                            .Order()
                            .Where(s => !Drops(nodes[b], nodes[a], s));
                        foreach (var s in sendable.Take(1))
                        {
                            if (s + hopNs >= arrival[b]) continue;
                            arrival[b] = s + hopNs;
                            changed = true;
                        }
                    }
                }
            }
            return arrival;
        }

        private bool Drops(string dest, string src, long atNs)
        {
            var dropped = new HashSet<(string, string)>();
            foreach (var op in _nemesis.Where(op => op.Time <= atNs))
            {
                if (op.Value.IsKeyword("network-healed")) dropped.Clear();
                if (op.Value is not Edn.Vector { Items: [_, Edn.Map grudge] }) continue;
                foreach (var (d, sources) in grudge.Entries)
                {
                    foreach (var s in ((Edn.Set)sources).Items)
                        dropped.Add((((Edn.Str)d).Value, ((Edn.Str)s).Value));
                }
            }
            return dropped.Contains((dest, src));
        }
    }
}
