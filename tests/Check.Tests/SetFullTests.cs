using FunctionalGossip.Check.Checkers;
using FunctionalGossip.Check.History;

namespace FunctionalGossip.Check.Tests;

using FunctionalGossip.Edn;

public class SetFullTests
{
    // Reference: set-full-read-present sets :known to the read *completion* when still unset.
    [Fact]
    public void ValueReadBeforeItsAck_IsKnownFromTheReadCompletion_AndStable()
    {
        var h = new TestHistory()
            .InvokeBroadcast(0, 7, 0)   // 0
            .InvokeRead(1, 1)           // 1
            .OkRead(1, 2, 7)            // 2
            .OkBroadcast(0, 7, 5);      // 3
        var r = SetFull.Check(h.Ops);
        var element = Assert.Single(SetFull.Elements(h.Ops));
        Assert.Equal(Outcome.Stable, element.Outcome);
        Assert.Equal(h[2], element.Known);
        Assert.Equal(Validity.Valid, r.Valid);
        Assert.Equal(0, r.StaleCount);
        Assert.Equal(new LatencyQuantiles(0, 0, 0, 0, 0), r.StableLatencies);
    }

    [Fact]
    public void AckedValueMissingFromTheLastRead_IsLost_AndInvalid()
    {
        var h = new TestHistory()
            .Broadcast(0, 1, 0)          // 0,1 ack at 1 ms
            .Read(1, 10, 1)              // 2,3 present, invoked at 10 ms
            .Read(1, 50);                // 4,5 absent, invoked at 50 ms
        var r = SetFull.Check(h.Ops);
        Assert.Equal(Validity.Invalid, r.Valid);
        Assert.Equal(1, r.LostCount);
        Assert.Equal(new[] { Edn.Of(1) }, r.Lost);
        Assert.Equal(0, r.StableCount);
        Assert.Null(r.StableLatencies);
        // lost latency = (lastPresent.time + 1ns − known.time) in ms, floored: 10ms+1ns − 1ms → 9
        Assert.Equal(new LatencyQuantiles(9, 9, 9, 9, 9), r.LostLatencies);
    }

    [Fact]
    public void ValuesSmallLargeAndNegative_AreEachFoundInARead_ThoughIndexedInTwoWays()
    {
        // 5000 is tracked first, beyond the dense table's reach, and moves into it when the
        // table grows past it (4101); -7 and 10^12 stay hashed.
        long[] values = [5000, .. Enumerable.Range(0, 1300).Select(i => (long)i), 4100, 4101,
            -7, 1_000_000_000_000];
        var h = new TestHistory();
        foreach (var v in values) h.Broadcast(0, v, 0);
        h.Read(1, 10, [.. values.Where(v => v != 17)]);
        var r = SetFull.Check(h.Ops);
        Assert.Equal(values.Length, r.AttemptCount);
        Assert.Equal(new[] { Edn.Of(17) }, r.Lost);
        Assert.Equal(values.Length - 1, r.StableCount);
    }

    [Fact]
    public void AbsentReadInvokedBeforeTheAck_MakesNeverRead_NotLost()
    {
        var h = new TestHistory()
            .InvokeBroadcast(0, 3, 0)   // 0
            .InvokeRead(1, 1)           // 1 invoked before the ack
            .OkBroadcast(0, 3, 2)       // 2 known here
            .OkRead(1, 3);              // 3 misses it
        var r = SetFull.Check(h.Ops);
        Assert.Equal(0, r.LostCount);
        Assert.Equal(1, r.NeverReadCount);
        Assert.Equal(new[] { Edn.Of(3) }, r.NeverRead);
        Assert.Equal(Validity.Unknown, r.Valid);
    }

    [Fact]
    public void UnackedNeverObservedBroadcast_IsNeverRead_AndCountsAsAttempt()
    {
        var h = new TestHistory()
            .Broadcast(0, 0, 0)
            .InvokeBroadcast(1, 1, 5).InfoBroadcast(1, 1, 6)
            .Read(2, 20, 0);
        var r = SetFull.Check(h.Ops);
        Assert.Equal(2, r.AttemptCount);
        Assert.Equal(1, r.StableCount);
        Assert.Equal(new[] { Edn.Of(1) }, r.NeverRead);
        Assert.Equal(Validity.Valid, r.Valid);
    }

    [Fact]
    public void StableLatency_RunsFromAckToTheLastMissingReadInvocation()
    {
        var h = new TestHistory()
            .Broadcast(0, 1, 9)        // ack at 10 ms
            .Read(1, 500)              // misses it, invoked at 500 ms
            .Read(2, 800, 1);          // sees it
        var r = SetFull.Check(h.Ops);
        Assert.Equal(Validity.Valid, r.Valid);
        Assert.Equal(1, r.StaleCount);
        Assert.Equal(490,
            Assert.Single(r.WorstStale).StableLatency); // (500ms + 1ns − 10ms) floored
        Assert.Equal(490, r.StableLatencies!.P50);
    }

    [Fact]
    public void NoStableElement_IsUnknown_AndEmptyHistoryToo()
    {
        Assert.Equal(Validity.Unknown, SetFull.Check([]).Valid);
        var r = SetFull.Check(new TestHistory().InvokeBroadcast(0, 1, 0).InfoBroadcast(0, 1,
            5).Ops);
        Assert.Equal(Validity.Unknown, r.Valid);
        Assert.Equal(1, r.AttemptCount);
    }

    [Fact]
    public void FailedReadsAndNemesisOpsAreIgnored()
    {
        var h = new TestHistory()
            .Broadcast(0, 1, 0)
            .Nemesis("start-partition", Edn.Kw("majority"), 1)
            .Read(1, 5, 1)
            .InvokeRead(2, 10).FailRead(2, 15);
        var r = SetFull.Check(h.Ops);
        Assert.Equal(1, r.StableCount);
        Assert.Equal(0, r.StaleCount);
    }

    [Fact]
    public void WorstStale_KeepsEightHighestLatencies_TiesInReverseElementOrder()
    {
        var h = new TestHistory();
        for (int v = 0; v < 10; v++) h.Broadcast(0, v, 0);          // all acked at 1 ms
        h.Read(1, 100);                                              // misses all at 100 ms
        h.Read(1, 200, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        var worst = SetFull.Check(h.Ops).WorstStale;
        Assert.Equal(8, worst.Length);
        Assert.Equal([9L, 8, 7, 6, 5, 4, 3, 2], worst.Select(e => ((Edn.Int)e.Element).Value));
    }

    [Theory]
    [InlineData(1, new[] { 0, 0, 0, 0, 0 })]
    [InlineData(2, new[] { 0, 1, 1, 1, 1 })]
    [InlineData(5, new[] { 0, 2, 4, 4, 4 })]
    [InlineData(100, new[] { 0, 50, 95, 99, 99 })]
    public void QuantileIndex_IsMinOfNMinusOneAndFloorNP(int n, int[] expected)
    {
        Assert.Equal(expected, LatencyQuantiles.Points.Select(p => LatencyQuantiles.Index(n, p)));
    }

    [Fact]
    public void Quantiles_SortTheLatenciesFirst()
    {
        Assert.Equal(new LatencyQuantiles(1, 30, 50, 50, 50), LatencyQuantiles.Of([50, 1, 30, 20,
            40]));
        Assert.Equal(new LatencyQuantiles(4, 9, 9, 9, 9), LatencyQuantiles.Of([9, 4]));
        Assert.Null(LatencyQuantiles.Of([]));
    }
}
