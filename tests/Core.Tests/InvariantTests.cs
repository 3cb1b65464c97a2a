using FunctionalGossip.Testing;
using LanguageExt;
using static LanguageExt.Prelude;

namespace FunctionalGossip.Core.Tests;

/// <summary>
/// Every named invariant can fail: a reachable state breaks none, and each deliberately
/// broken state is reported under the invariant it breaks (and only that one).
/// </summary>
public class InvariantTests
{
    /// <summary>A star of three after n1 broadcast 7 and the hub learned it: the hub owes
    /// n2 the value, n1's batch is acknowledged by nobody yet.</summary>
    private static Map<string, NodeState> Reachable()
    {
        var c = new TestCluster(3, NodeSettings.Default);
        foreach (var id in c.Ids) c.Init(id);
        c.BroadcastValue("n1", 7);
        c.Deliver(c.Pending[0]);
        return c.States;
    }

    private static readonly Set<long> Broadcast = Set(7L);

    private static NodeState Link(NodeState s, string peer, Func<PeerLink, PeerLink> change) =>
        s with { Peers = s.Peers.SetItem(peer, change(s.Peers[peer])) };

    /// <summary>Node <paramref name="node"/> of the reachable cluster, changed, breaks exactly
    /// <paramref name="invariant"/> of the per-node ones.</summary>
    private static void NodeBreaks(string invariant, string node, Func<NodeState, NodeState> change)
    {
        Assert.Empty(Invariants.OfNode(Reachable()[node]));
        Assert.Equal(new[] { invariant },
            Invariants.OfNode(change(Reachable()[node])).Map(v => v.Invariant).Distinct());
    }

    /// <summary>The cluster, with one node changed, breaks exactly
    /// <paramref name="invariant"/>.</summary>
    private static void ClusterBreaks(string invariant, Map<string, NodeState> nodes,
        Set<long>? broadcast = null) =>
        Assert.Equal(new[] { invariant }, Invariants.OfCluster(nodes, broadcast ?? Broadcast)
            .Map(v => v.Invariant).Distinct());

    private static Map<string, NodeState> With(string node, Func<NodeState, NodeState> change)
    {
        var nodes = Reachable();
        return nodes.SetItem(node, change(nodes[node]));
    }

    [Fact]
    public void AReachableClusterBreaksNone() =>
        Assert.Empty(Invariants.OfCluster(Reachable(), Broadcast));

    [Fact]
    public void OwingAnUnknownValue() => NodeBreaks(Invariants.OwesOnlyKnown, "n0",
        s => Link(s, "n2", l => l with { Unsent = l.Unsent.Add(99) }));

    [Fact]
    public void AckedBeyondSent() => NodeBreaks(Invariants.AckedWithinSent, "n2",
        s => Link(s, "n0", l => l with { AckedSeq = 1 }));

    [Fact]
    public void BatchInFlightBeyondTheLastSent() => NodeBreaks(Invariants.InFlightUnacked, "n1",
        s => Link(s, "n0", l => l with { InFlight = l.InFlight.Add(5, new Batch(Set(7L), 0)) }));

    [Fact]
    public void GapTouchingThePrefix() => NodeBreaks(Invariants.GapBeyondPrefix, "n0",
        s => Link(s, "n1", l => l with { RecvAbove = Set(2L) }));

    [Fact]
    public void AckOwedWithoutDeadline() => NodeBreaks(Invariants.AckDueWhenBehind, "n0",
        s => Link(s, "n1", l => l with { AckDueMs = None }));

    [Fact]
    public void PeerThatIsNoNode() => NodeBreaks(Invariants.PeersAreShape, "n0",
        s => s with { Peers = s.Peers.Add("n9", PeerLink.Opened) });

    [Fact]
    public void UpstreamThatIsNoPeer() => NodeBreaks(Invariants.UpstreamIsPeer, "n2",
        s => s with { Upstream = Some("n1") });

    [Fact]
    public void ValueNobodyBroadcast() =>
        ClusterBreaks(Invariants.OnlyBroadcast, Reachable(), Set<long>());

    [Fact]
    public void ValueNoLongerOwed() => ClusterBreaks(Invariants.OwedUntilHeld,
        With("n0", s => Link(s, "n2", l => l with { Unsent = Set<long>() })));

    [Fact]
    public void ValueOwedByNobody_WhenLearnedValuesAreNotPassedOn()
    {
        var c = new TestCluster(3, NodeSettings.Latency);
        foreach (var id in c.Ids) c.Init(id);
        c.BroadcastValue("n1", 7);
        c.Deliver(c.Pending.First(w => w.Dest == "n0"));
        Assert.Empty(Invariants.OfCluster(c.States, Broadcast));
        var n1 = Link(c["n1"], "n2", l => l with { InFlight = Map<long, Batch>() });
        ClusterBreaks(Invariants.OwedUntilHeld, c.States.SetItem("n1", n1));
    }

    [Fact]
    public void AckForABatchThePeerNeverGot() => ClusterBreaks(Invariants.AckedOnlyReceived,
        With("n1", s => Link(s, "n0", l => l with
        {
            SentSeq = 2,
            AckedSeq = 2,
            InFlight = Map<long, Batch>(),
        })));

    [Fact]
    public void BatchReceivedThatWasNeverSent() => ClusterBreaks(Invariants.ReceivedOnlySent,
        With("n0", s => Link(s, "n1", l => l with { RecvAbove = Set(3L) })));

    [Fact]
    public void ValueLostInAStep()
    {
        var nodes = Reachable();
        var lost = nodes["n2"];
        var after = nodes.SetItem("n0", nodes["n0"] with
        {
            Values = KnownValues.Empty,
            Peers = nodes["n0"].Peers.Map(l => l with { Unsent = Set<long>() }),
        });
        Assert.Equal(new[] { Invariants.ValuesKept }, Invariants.AfterStep(after, Broadcast, "n0",
            nodes["n0"]).Map(v => v.Invariant).Distinct());
        Assert.Empty(Invariants.AfterStep(nodes, Broadcast, "n2", lost));
    }

    [Fact]
    public void AfterStep_FindsWhatTheStepBroke()
    {
        var nodes = Reachable();
        var broken = With("n0", s => Link(s, "n2", l => l with { Unsent = Set<long>() }));
        Assert.Empty(Invariants.AfterStep(nodes, Broadcast, "n0", nodes["n0"]));
        Assert.Equal(new[] { Invariants.OwedUntilHeld },
            Invariants.AfterStep(broken, Broadcast, "n0", nodes["n0"]).Map(v => v.Invariant));
        var received = With("n0", s => Link(s, "n1", l => l with { RecvAbove = Set(3L) }));
        Assert.Equal(new[] { Invariants.ReceivedOnlySent },
            Invariants.AfterStep(received, Broadcast, "n0", nodes["n0"]).Map(v => v.Invariant));
    }
}
