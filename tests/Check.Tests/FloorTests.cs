using CsCheck;
using FunctionalGossip.Check.Checkers;
using FunctionalGossip.Check.Floor;
using FunctionalGossip.Check.History;
using FunctionalGossip.Check.Results;

namespace FunctionalGossip.Check.Tests;

using FunctionalGossip.Edn;

/// <summary>The physical floor on cases small enough to check by hand.</summary>
public class FloorTests
{
    private const long Ms = 1_000_000;
    private static readonly string[] Three = ["n0", "n1", "n2"];

    /// <summary>Process p talks to node p mod 3; hops take 100 ms.</summary>
    private static readonly FloorModel Model = new(Three, p => Three[p % 3], 100);

    private static PartitionSchedule Schedule(TestHistory h) => PartitionSchedule.Of(h.Ops, Three);

    /// <summary>A start-partition completion's value: <c>[:isolated {dest #{src …} …}]</c>.
    /// </summary>
    private static Edn Isolated(params (string Dest, string[] Sources)[] grudge) =>
        new Edn.Vector([Edn.Kw("isolated"), Edn.MapOf([.. grudge.Select(g =>
            (Edn.Of(g.Dest), (Edn)new Edn.Set([.. g.Sources.Select(Edn.Of)])))])]);

    private static TestHistory Partition(TestHistory h, long ms, Edn grudge) =>
        h.Nemesis("start-partition", Edn.Kw("one"), ms).Nemesis("start-partition", grudge, ms);

    private static TestHistory Heal(TestHistory h, long ms) =>
        h.Nemesis("stop-partition", Edn.Nil.Value, ms)
            .Nemesis("stop-partition", Edn.Kw("network-healed"), ms);

    private static long[] InMs(long[] ns) => [.. ns.Select(t => t / Ms)];

    [Fact]
    public void NoPartition_ConstantLatency_EveryArrivalIsOneHop() =>
        Gen.Select(Gen.Int[1, 30], Gen.Long[0, 1L << 40], Gen.Long[0, 1L << 30])
            .SelectMany(t => Gen.Int[0, t.Item1 - 1].Select(o => (t.Item1, t.Item2, t.Item3, o)))
            .Sample(t =>
            {
                var (n, at, hop, origin) = t;
                var nodes = Enumerable.Range(0, n).Select(i => $"n{i}").ToList();
                var arrivals = FloodArrivals.Of(origin, at, hop, PartitionSchedule.Of([], nodes));
                var expected = Enumerable.Range(0, n).Select(i => i == origin ? at : at + hop);
                Assert.Equal(expected, arrivals);
            });

    [Fact]
    public void FloorReads_SeeAValueOneHopAfterItsBroadcast_AndSetFullJudgesThem()
    {
        var h = new TestHistory()
            .InvokeBroadcast(0, 5, 0)  // 0: n0 has 5 from 0 ms
            .InvokeRead(3, 0)          // 1: n0, same instant, invoked after the broadcast
            .OkBroadcast(0, 5, 1)      // 2: known at 1 ms
            .OkRead(3, 1)              // 3
            .Read(1, 50)               // 4, 5: n1, before the hop ends
            .Read(2, 98)               // 6, 7: n2, answered 1 ms before it arrives
            .Read(1, 99)               // 8, 9: n1, answered the instant it arrives (arrival first)
            .Read(2, 150, 5);          // 10, 11: the node's only read that saw it
        var floor = FloorHistory.Of(h.Ops, Model);
        Assert.Equal(h.Ops.Select((op, i) => i is 3 or 9 or 11
                ? op with { Value = Edn.VectorOf([Edn.Of(5)]) }
                : op.Type == OpType.Ok && op.IsF("read") ? op with { Value = Edn.VectorOf([]) }
                : op),
            floor);
        // Floor: last absent read invoked at 98 ms, known at 1 ms: 97 ms. The run: 99 − 1.
        var result = FloorCheck.Check(h.Ops, Model, SetFull.Check(h.Ops));
        Assert.Equal(new FloorResult(100, 1, new LatencyQuantiles(97, 97, 97, 97, 97),
            new LatencyQuantiles(1, 1, 1, 1, 1)), result);
    }

    /// <summary>A read that waits behind delayed node messages (Maelstrom's head-of-line
    /// delivery) is answered late: its node may hold values that arrived after its invocation,
    /// so the floor judges it at its completion and stays at or below the run.</summary>
    [Fact]
    public void AReadAnsweredLate_SeesWhatArrivedBeforeItsCompletion_SoTheFloorStaysBelow()
    {
        var h = new TestHistory()
            .Broadcast(0, 5, 0)       // 0, 1: n0 has 5 from 0 ms, known at 0 ms
            .InvokeRead(1, 50)        // 2: n1, invoked before the hop ends...
            .OkRead(1, 120, 5)        // 3: ...answered after it, holding 5
            .Read(1, 130, 5);         // 4, 5
        var floor = FloorHistory.Of(h.Ops, Model);
        Assert.Equal(Edn.VectorOf([Edn.Of(5)]), floor[3].Value);
        // Judged at its invocation, the floor read would miss 5 where the run's read held it:
        // a floor of 50 ms against the run's 0, a gap of -50.
        var result = FloorCheck.Check(h.Ops, Model, SetFull.Check(h.Ops));
        Assert.Equal(new FloorResult(100, 1, new LatencyQuantiles(0, 0, 0, 0, 0),
            new LatencyQuantiles(0, 0, 0, 0, 0)), result);
    }

    [Fact]
    public void NodeIsolatedFromZeroToFiveSeconds_ItsValuesFloorIsAtLeastTheHealTime()
    {
        var h = Partition(new TestHistory(), 0,
            Isolated(("n0", ["n1", "n2"]), ("n1", ["n0"]), ("n2", ["n0"])));
        h = Heal(h.Broadcast(0, 1, 1000).Broadcast(1, 2, 1000), 5000);
        foreach (var ms in new long[] { 2000, 4000, 5098, 5100, 6000 }) h.Read(2, ms, 1, 2);
        Assert.Equal([1000, 5100, 5100], InMs(FloodArrivals.Of(0, 1000 * Ms, 100 * Ms,
            Schedule(h))));
        Assert.Equal([5100, 1000, 1100], InMs(FloodArrivals.Of(1, 1000 * Ms, 100 * Ms,
            Schedule(h))));
        var floor = SetFull.Elements(FloorHistory.Of(h.Ops, Model));
        // Value 1: absent from n2's reads up to the one answered at 5099 ms; known at 1001 ms.
        Assert.Equal([4097L, 0L], floor.Select(e => e.StableLatency ?? -1));
        Assert.True(floor[0].StableLatency >= 5000 - 1001);
    }

    [Fact]
    public void AMessageSentBeforeAPartition_Arrives_AndACutLinkIsRoutedAround()
    {
        var h = Partition(new TestHistory(), 50, Isolated(("n2", ["n0"])));
        var schedule = Schedule(h);
        Assert.Equal([0, 100, 100], InMs(FloodArrivals.Of(0, 0, 100 * Ms, schedule)));
        Assert.Equal([60, 160, 260], InMs(FloodArrivals.Of(0, 60 * Ms, 100 * Ms, schedule)));
        Assert.Equal([149, 49, 149], InMs(FloodArrivals.Of(1, 49 * Ms, 100 * Ms, schedule)));
    }

    [Fact]
    public void Grudges_AddUpUntilTheHeal_WhichOpensEveryLinkAtItsInstant()
    {
        var h = Partition(Partition(new TestHistory(), 10, Isolated(("n1", ["n0"]))), 20,
            Isolated(("n2", ["n0"])));
        var unhealed = Schedule(h);
        var schedule = Schedule(Heal(h, 1000));
        Assert.Equal(4, schedule.EpochCount);
        Assert.Equal(15 * Ms, schedule.EarliestOpen(0, 2, 15 * Ms));
        Assert.Equal(1000 * Ms, schedule.EarliestOpen(0, 1, 15 * Ms));
        Assert.Equal(1000 * Ms, schedule.EarliestOpen(0, 2, 20 * Ms));
        Assert.Equal(1000 * Ms, schedule.EarliestOpen(0, 2, 1000 * Ms));
        Assert.Equal(30 * Ms, schedule.EarliestOpen(2, 0, 30 * Ms));
        Assert.Equal(long.MaxValue, unhealed.EarliestOpen(0, 1, 30 * Ms));
        Assert.Equal([30, long.MaxValue / Ms, long.MaxValue / Ms],
            InMs(FloodArrivals.Of(0, 30 * Ms, 100 * Ms, unhealed)));
        Assert.Equal([30, 1100, 1100], InMs(FloodArrivals.Of(0, 30 * Ms, 100 * Ms, schedule)));
    }

    [Fact]
    public void Results_CarryTheFloorUnderOurOwnKey_OnlyWhenThereIsOne()
    {
        var h = new TestHistory().Broadcast(0, 1, 0).Read(1, 50).Read(1, 150).Read(1, 200, 1);
        var plain = BroadcastChecker.Check(h.Ops);
        Assert.DoesNotContain("gossip/floor", ResultsWriter.ToEdnText(plain));
        var withFloor = plain with { Floor = FloorCheck.Check(h.Ops, Model, plain.Workload) };
        var keys = ResultsEdn.ToEdn(withFloor).Entries.Select(e => e.Key.ToString()).ToList();
        Assert.Equal([":workload", ":gossip/floor", ":valid?"], keys[^3..]);
        Assert.Equal("{:hop-latency-ms 100, :stable-count 1, :stable-latencies {0 49, 0.5 49, "
            + "0.95 49, 0.99 49, 1 49}, :latency-gaps {0 100, 0.5 100, 0.95 100, 0.99 100, "
            + "1 100}}", EdnWriter.Write(ResultsEdn.Floor(withFloor.Floor!)));
        Assert.Equal(plain.Valid, withFloor.Valid);
        Assert.Contains("\"gossip/floor\": {", ResultsWriter.ToJson(withFloor));
    }
}
