using FunctionalGossip.Core.Wire;
using static LanguageExt.Prelude;

namespace FunctionalGossip.Core.Tests;

/// <summary>The deterministic state description and diff (<see cref="Describe"/>,
/// <see cref="StateDiff"/>) that replay and the golden scenarios print.</summary>
public class RenderTests
{
    [Fact]
    public void Values_AreRangesInOrder()
    {
        Assert.Equal("-", Describe.Values([]));
        Assert.Equal("0-3 7 9-10", Describe.Values([10, 3, 2, 9, 7, 1, 0]));
        Assert.Equal("-2--1 5", Describe.Values([-1, 5, -2]));
    }

    [Fact]
    public void InOrder_KeepsTheOrderAndCollapsesAscendingRuns()
    {
        Assert.Equal("-", Describe.InOrder([]));
        Assert.Equal("9 3-5 1-2 0", Describe.InOrder([9, 3, 4, 5, 1, 2, 0]));
        Assert.Equal("read_ok [4 1-2] in_reply_to=3",
            Describe.Body(new Body.ReadOk(3, toSeq(new long[] { 4, 1, 2 }))));
    }

    [Fact]
    public void Gossip_ShowsEveryField() =>
        Assert.Equal("gossip seq 2-4 [1-3 9] ack 5 up have [0-3 9]", Describe.Body(
            new Body.Gossip(Some(4L), Some(2L), toSeq(new long[] { 1, 2, 3, 9 }), 5, true,
                toSeq(new long[] { 0, 3, 9, 9 }))));

    [Fact]
    public void State_IsDeterministicAndComplete()
    {
        var s = NodeState.Initial(NodeSettings.Default) with
        {
            Membership = Some(new Membership("n1", toSeq(new[] { "n0", "n1", "n2" }))),
            Values = KnownValues.Of(4, 1, 2, 3),
            Peers = toMap(new[] { ("n0", PeerLink.Empty with
            {
                Unsent = toSet(new long[] { 4 }),
                InFlight = toMap(new[]
                {
                    (3L, new Batch(toSet(new long[] { 1, 2 }), 250)),
                    (4L, new Batch(toSet(new long[] { 5 }), 3250, Resent: true)),
                }),
                SentSeq = 4,
                AckedSeq = 2,
                RecvPrefix = 5,
                RecvAbove = toSet(new long[] { 7 }),
                AckDueMs = Some(2100L),
                Rtt = new RoundTrip(310, 55),
            }) }),
            GossipDueMs = 300,
            Upstream = "n0",
        };
        const string settings = "settings tick-ms=220 retry-ms=3000 ack-ms=2000 suspect-ms=800 "
            + "suspect-first-ms=600 suspect-min-ms=300 suspect-deviations=6 fanout-per-s=2000 "
            + "probes=4 detour-ms=0 relay=star eager=up";
        Assert.Equal($"""
            node n1 of [n0 n1 n2]
            {settings}
            gossip-due 300 ms  upstream n0
            values (4): 1-4
            peers (1):
              n0: unsent (1) 4
                sent seq 4 (acked 2), received 1-5 and 7, ack due 2100 ms
                rtt 310 ms ±55, suspect after 640 ms
                in flight seq 3 sent 250 ms: (2) 1-2
                in flight seq 4 resent 3250 ms: (1) 5
            """.ReplaceLineEndings("\n"), Describe.State(s));
        var diff = StateDiff.Between(NodeState.Initial(NodeSettings.Default), s)
            .Select(c => c.Render());
        Assert.Equal(new[]
        {
            "membership: none → n1 of [n0 n1 n2]", "values +[1-4]",
            "gossip-due: 0 ms → 300 ms", "upstream: none → n0", "peer n0: absent → relay peer",
            "peer n0 unsent +[4]",
            "peer n0 in-flight seq 3: none → [1-2] sent 250 ms",
            "peer n0 in-flight seq 4: none → [5] resent 3250 ms",
            "peer n0 received: none → 1-5 and 7", "peer n0 acked: 0 → 2",
            "peer n0 ack due: none → 2100 ms",
            "peer n0 rtt: none → 310 ms ±55, suspect after 640 ms",
        }, diff);
        Assert.Empty(StateDiff.Between(s, s with { }));
    }
}
