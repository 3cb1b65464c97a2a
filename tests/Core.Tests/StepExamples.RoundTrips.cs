using FunctionalGossip.Core;
using FunctionalGossip.Core.Wire;
using LanguageExt;
using static FunctionalGossip.Core.Tests.Fx;
using static LanguageExt.Prelude;

namespace FunctionalGossip.Core.Tests;

/// <summary>Issue 10: each link times out on its own round trips (RFC 6298's SRTT and RTTVAR,
/// Karn's rule): SRTT + 6 RTTVAR (suspect-deviations), between suspect-min-ms (300 here) and
/// suspect-ms (800).</summary>
public partial class StepExamples
{
    /// <summary>A leaf's hub link with batch 2 (value 4) in flight since 0.</summary>
    private static PeerLink HubAwaiting(Option<RoundTrip> rtt) => PeerLink.Empty with
    {
        SentSeq = 2, AckedSeq = 1, InFlight = Map((2L, new Batch(SetOf(4), 0))), Rtt = rtt,
    };

    /// <summary>The tick at <paramref name="now"/> of a leaf holding 1, 2 and 4.</summary>
    private static Transition LeafTick(PeerLink hub, long now) =>
        Node.Step(LeafState(Known(1, 2, 4), hub, dueMs: now), new Event.Tick(now, TimerId.Gossip));

    /// <summary>That tick when it does nothing but re-arm.</summary>
    private static Transition Idle(PeerLink hub, long now) => new(
        LeafState(Known(1, 2, 4), hub, dueMs: now + 200),
        Effects(new Effect.SetTimer(TimerId.Gossip, now + 200)));

    /// <summary>That tick when the leaf takes the hub for silent after
    /// <paramref name="silentMs"/> and relays through n2, owed the hub's value 4.</summary>
    private static Transition FellBack(PeerLink hub, long now, long silentMs) => new(
        LeafState(Known(1, 2, 4), hub, dueMs: now + 200) with
        {
            Peers = Map(("n0", hub), ("n2", PeerLink.Opened with
            {
                SentSeq = 1, InFlight = Map((1L, new Batch(SetOf(4), now))),
            })),
            Upstream = "n2",
        },
        Effects(Log(new Note.Fallback("n0", silentMs, "n2")),
            Send("n1", "n2", new Body.Gossip(Some(1L), None, Longs(4), 0, true, Longs(1, 2, 4, 4))),
            new Effect.SetTimer(TimerId.Gossip, now + 200)));

    // Round trips of about 300 ms (SRTT 280, RTTVAR 20): the hub is taken for silent once
    // batch 2 has waited 280 + 6 × 20 = 400 ms, not suspect-ms (800).
    [Fact]
    public void Tick_AtLeaf_TakesTheHubForSilent_AfterTheLinksOwnTimeout()
    {
        var hub = HubAwaiting(new RoundTrip(280, 20));
        Assert.Equal(Idle(hub, 399), LeafTick(hub, 399));
        Assert.Equal(FellBack(hub, 400, 400), LeafTick(hub, 400));
    }

    // Before its first sample a link waits suspect-first-ms (600): not suspect-min-ms, nor the
    // ceiling.
    [Fact]
    public void Tick_AtLeaf_BeforeAnySample_WaitsSuspectFirstMs()
    {
        var hub = HubAwaiting(None);
        Assert.Equal(Idle(hub, 599), LeafTick(hub, 599));
        Assert.Equal(FellBack(hub, 600, 600), LeafTick(hub, 600));
    }

    // However quick the round trips (40 + 6 × 5 = 70 ms), the timeout is at least
    // suspect-min-ms.
    [Fact]
    public void Tick_AtLeaf_QuickRoundTrips_StillWaitSuspectMinMs()
    {
        var hub = HubAwaiting(new RoundTrip(40, 5));
        Assert.Equal(Idle(hub, 299), LeafTick(hub, 299));
        Assert.Equal(FellBack(hub, 300, 300), LeafTick(hub, 300));
    }

    // However slow (900 + 6 × 300), at most suspect-ms.
    [Fact]
    public void Tick_AtLeaf_SlowRoundTrips_WaitAtMostSuspectMs() =>
        Assert.Equal(FellBack(HubAwaiting(new RoundTrip(900, 300)), 800, 800),
            LeafTick(HubAwaiting(new RoundTrip(900, 300)), 800));

    /// <summary>n0 (the hub) hears n1 acknowledge its batches up to <paramref name="ack"/> at
    /// <paramref name="now"/>; returns the transition and the link it should leave.</summary>
    private static (Transition Actual, Transition Expected) HubHearsAck(PeerLink n1, long now,
        long ack, Option<RoundTrip> rtt) =>
        (Node.Step(HubState(Known(1, 2), n1, PeerLink.Empty), Recv(now, "n1", "n0", BareAck(ack))),
            new Transition(HubState(Known(1, 2), n1 with
            {
                InFlight = n1.InFlight.Filter((seq, _) => seq > ack), AckedSeq = ack,
                HeardMs = now, Rtt = rtt,
            }, PeerLink.Empty), Effects()));

    // A second sample (300 ms, the first gave SRTT 100 and RTTVAR 50): RTTVAR = (3 × 50 +
    // |100 − 300|) / 4 = 87, then SRTT = (7 × 100 + 300) / 8 = 125 (whole ms).
    [Fact]
    public void Ack_OfABatchSentOnce_UpdatesTheRoundTripEstimate()
    {
        var n1 = PeerLink.Empty with
        {
            SentSeq = 1, InFlight = Map((1L, new Batch(SetOf(1), 0))), Rtt = new RoundTrip(100, 50),
        };
        var (actual, expected) = HubHearsAck(n1, 300, 1, new RoundTrip(125, 87));
        Assert.Equal(expected, actual);
    }

    // Karn's rule: batch 1 was resent at 3000, so its acknowledgement may answer the copy sent
    // at 0 or the one sent at 3000; 600 ms would be no sample of anything. The estimate stays.
    [Fact]
    public void Ack_OfAResentBatch_GivesNoSample()
    {
        var n1 = PeerLink.Empty with
        {
            SentSeq = 2, InFlight = Map((1L, new Batch(SetOf(1), 3000, Resent: true))),
            Rtt = new RoundTrip(100, 20),
        };
        var (actual, expected) = HubHearsAck(n1, 3600, 2, new RoundTrip(100, 20));
        Assert.Equal(expected, actual);
    }

    // An acknowledgement retiring a resent batch (1) and one sent once (2, at 3050) samples
    // only the latter: 150 ms, the link's first sample (RTTVAR half of it).
    [Fact]
    public void Ack_RetiringResentAndFreshBatches_SamplesOnlyTheFresh()
    {
        var n1 = PeerLink.Empty with
        {
            SentSeq = 2,
            InFlight = Map((1L, new Batch(SetOf(1), 3000, Resent: true)),
                (2L, new Batch(SetOf(2), 3050))),
        };
        var (actual, expected) = HubHearsAck(n1, 3200, 2, new RoundTrip(150, 75));
        Assert.Equal(expected, actual);
    }

    // A batch acknowledged after 2.5 s counts as suspect-ms (800): one outlier beyond the
    // longest timeout would otherwise hold the timeout there for many samples.
    [Fact]
    public void Ack_SlowerThanSuspectMs_CountsAsSuspectMs()
    {
        var n1 = PeerLink.Empty with { SentSeq = 1, InFlight = Map((1L, new Batch(SetOf(1), 0))) };
        var (actual, expected) = HubHearsAck(n1, 2500, 1, new RoundTrip(800, 400));
        Assert.Equal(expected, actual);
    }

    // With suspect-ms=0 nothing is ever suspected, and no estimate is kept.
    [Fact]
    public void Ack_WithSuspectMsZero_KeepsNoEstimate()
    {
        var n1 = PeerLink.Empty with { SentSeq = 1, InFlight = Map((1L, new Batch(SetOf(1), 0))) };
        var s = HubState(Known(1), n1, PeerLink.Empty) with
        {
            Settings = Settings with { SuspectMs = 0 },
        };
        var t = Node.Step(s, Recv(100, "n1", "n0", BareAck(1)));
        Assert.Equal(new Transition(s with
        {
            Peers = Map(("n1", PeerLink.Empty with { SentSeq = 1, AckedSeq = 1, HeardMs = 100 }),
                ("n2", PeerLink.Empty)),
        }, Effects()), t);
    }

    // The ping rule waits the link's timeout too: the hub last wrote at 100 and its round
    // trips give 150 + 6 × 25 = 300 ms, so a read at 400 pings it (at 399 it only answers).
    [Fact]
    public void Read_PingsAnUpstreamSilentForTheLinksOwnTimeout()
    {
        var hub = PeerLink.Empty with { HeardMs = 100, Rtt = new RoundTrip(150, 25) };
        var s = LeafState(Known(4), hub);
        var read = new Body.Read(Some(8L));
        Assert.Equal(new Transition(s, Effects(Send("n1", "c5", new Body.ReadOk(8, Longs(4))))),
            Node.Step(s, Recv(399, "c5", "n1", read)));
        var pinged = hub with { SentSeq = 1, InFlight = Map((1L, new Batch(SetOf(), 400))) };
        Assert.Equal(new Transition(LeafState(Known(4), pinged),
                Effects(Send("n1", "c5", new Body.ReadOk(8, Longs(4))),
                    Send("n1", "n0", new Body.Gossip(Some(1L), None, Longs(), 0, Up: true)))),
            Node.Step(s, Recv(400, "c5", "n1", read)));
    }

    // A message whose ack leaves out a batch sent the link's timeout ago (150 + 6 × 25 =
    // 300 ms) shows the batch missed: resend at once.
    [Fact]
    public void Gossip_WhoseAckShowsABatchMissedForTheLinksTimeout_GetsAResend()
    {
        var n1 = PeerLink.Empty with
        {
            SentSeq = 1, InFlight = Map((1L, new Batch(SetOf(5), 0))), Rtt = new RoundTrip(150, 25),
        };
        var s = HubState(Known(5), n1, PeerLink.Empty);
        var t = Node.Step(s, Recv(300, "n1", "n0", UpData(1, 0, 7)));
        var resent = n1 with
        {
            SentSeq = 2, InFlight = Map((1L, new Batch(SetOf(5), 300, Resent: true))),
            RecvPrefix = 1, SentAck = 1, Attached = true, HeardMs = 300,
        };
        Assert.Equal(new Transition(HubState(Known(5, 7), resent, Unsent(7)),
            Effects(Send("n0", "n1", new Body.Gossip(Some(2L), Some(1L), Longs(5), 1)))), t);
    }
}
