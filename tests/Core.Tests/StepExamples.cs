using FunctionalGossip.Core;
using FunctionalGossip.Core.Wire;
using LanguageExt;
using static FunctionalGossip.Core.Tests.Fx;
using static LanguageExt.Prelude;

namespace FunctionalGossip.Core.Tests;

/// <summary>Whole transitions (next state and effects) of Step, compared by equality.</summary>
public partial class StepExamples
{
    private static readonly Membership Three = new("n0", toSeq(new[] { "n0", "n1", "n2" }));

    private static NodeState HubState(KnownValues values, PeerLink n1, PeerLink n2,
        long dueMs = 200) =>
        NodeState.Initial(Settings) with
        {
            Membership = Three,
            Values = values,
            Peers = Map(("n1", n1), ("n2", n2)),
            GossipDueMs = dueMs,
        };

    /// <summary>n1 of n0..n2: a leaf whose only link is to the hub n0.</summary>
    private static NodeState LeafState(KnownValues values, PeerLink hub, long dueMs = 200) =>
        NodeState.Initial(Settings) with
        {
            Membership = Three with { Self = "n1" },
            Values = values,
            Peers = Map(("n0", hub)),
            GossipDueMs = dueMs,
            Upstream = "n0",
        };

    /// <summary>A batch from a node to its upstream (marked <c>up</c>).</summary>
    private static Body.Gossip UpData(long seq, long ack, params long[] values) =>
        new(Some(seq), None, Longs(values), ack, Up: true);

    private static Body.Gossip Data(long seq, long ack, params long[] values) =>
        new(Some(seq), None, Longs(values), ack);

    private static Body.Gossip BareAck(long ack) => new(None, None, Seq<long>(), ack);

    private static PeerLink Unsent(params long[] values) =>
        PeerLink.Empty with { Unsent = SetOf(values) };

    // Reference: "init ... The reply is {"type":"init_ok","in_reply_to":1}"
    // (maelstrom-broadcast.md §1.3)
    [Fact]
    public void Init_RepliesInitOk_LearnsStarPeers_ArmsGossipTimer()
    {
        var t = Node.Step(NodeState.Initial(Settings),
            Recv(7, "c0", "n0", Init("n0", "n0", "n1", "n2")));
        var expected = new Transition(
            HubState(KnownValues.Empty, PeerLink.Empty, PeerLink.Empty, dueMs: 207),
            Effects(Send("n0", "c0", new Body.InitOk(1)),
                new Effect.SetTimer(TimerId.Gossip, 207)));
        Assert.Equal(expected, t);
    }

    [Fact]
    public void Init_OnLeaf_RelaysOnlyToHub()
    {
        var t = Node.Step(NodeState.Initial(Settings),
            Recv(0, "c0", "n2", Init("n2", "n0", "n1", "n2")));
        Assert.Equal(toSeq(new[] { "n0" }), t.State.Peers.Keys.ToSeq());
    }

    [Fact]
    public void Init_Duplicate_RepliesAgain_StateUnchanged()
    {
        var s = Hub();
        var t = Node.Step(s, Recv(50, "c9", "n0", Init("n0", "n0", "n1", "n2")));
        Assert.Equal(new Transition(s, Effects(Send("n0", "c9", new Body.InitOk(1)))), t);
    }

    [Fact]
    public void Init_WithDifferentIdentity_IsRefusedWithAbort()
    {
        var s = Hub();
        var t = Node.Step(s, Recv(50, "c9", "n0", Init("n1", "n0", "n1", "n2")));
        const string text = "already initialised as n0 of 3 nodes";
        Assert.Equal(new Transition(s, Effects(
            Send("n0", "c9", new Body.Error(1, ErrorCode.Abort, Some(text))),
            Log(new Note.ErrorSent(14, "c9", text)))), t);
    }

    [Fact]
    public void Init_NodeIdNotAmongNodeIds_IsMalformed()
    {
        var s = NodeState.Initial(Settings);
        var t = Node.Step(s, Recv(0, "c0", "n7", Init("n7", "n0", "n1")));
        const string text = "node_id 'n7' is not in node_ids";
        Assert.Equal(new Transition(s, Effects(
            Send("n7", "c0", new Body.Error(1, 12, Some(text))),
            Log(new Note.ErrorSent(12, "c0", text)))), t);
    }

    // Reference: "The reply must be exactly {"type":"topology_ok","in_reply_to":…}" (§1.3)
    [Fact]
    public void Topology_WithStarRelay_RepliesOk_StateUnchanged()
    {
        var s = Hub();
        var topo = new Body.Topology(Some(1L), Map(("n0", toSeq(new[] { "n1" }))));
        var t = Node.Step(s, Recv(10, "c3", "n0", topo));
        Assert.Equal(new Transition(s, Effects(Send("n0", "c3", new Body.TopologyOk(1)))), t);
    }

    [Fact]
    public void Topology_WithGivenRelay_AddsKnownNeighboursOwedEverything_IgnoresUnknown()
    {
        var given = NodeSettings.Default with { Relay = new Relay.Given() };
        var s = Node.Step(NodeState.Initial(given),
            Recv(0, "c0", "n0", Init("n0", "n0", "n1", "n2"))).State;
        s = Node.Step(s, Recv(1, "c1", "n0", new Body.Broadcast(Some(1L), 4))).State;
        var topo = new Body.Topology(Some(1L), Map(("n0", toSeq(new[] { "n2", "n9" }))));
        var t = Node.Step(s, Recv(2, "c3", "n0", topo));
        var expected = new Transition(
            s with { Peers = Map(("n2", PeerLink.Empty with { Unsent = SetOf(4) })) },
            Effects(Send("n0", "c3", new Body.TopologyOk(1)),
                Log(new Note.UnknownNeighbours(Seq1("n9")))));
        Assert.Equal(expected, t);
    }

    // Reference: "broadcast ... reply {"type":"broadcast_ok","in_reply_to":k}" (§1.3)
    [Fact]
    public void Broadcast_StoresValue_QueuesForEveryPeer_RepliesOk()
    {
        var t = Node.Step(Hub(), Recv(20, "c5", "n0", new Body.Broadcast(Some(3L), 42)));
        var owed = PeerLink.Empty with { Unsent = SetOf(42) };
        Assert.Equal(new Transition(HubState(Known(42), owed, owed),
            Effects(Send("n0", "c5", new Body.BroadcastOk(3)))), t);
    }

    [Fact]
    public void Broadcast_Duplicate_RepliesOk_StateUnchanged()
    {
        var s = Node.Step(Hub(), Recv(20, "c5", "n0", new Body.Broadcast(Some(3L), 42))).State;
        var t = Node.Step(s, Recv(21, "c5", "n0", new Body.Broadcast(Some(3L), 42)));
        Assert.Equal(new Transition(s, Effects(Send("n0", "c5", new Body.BroadcastOk(3)))), t);
    }

    // Reference: "read ... reply {"type":"read_ok","messages":[…],"in_reply_to":k}" (§1.3)
    [Fact]
    public void Read_RepliesLocalValuesInTheOrderLearned_StateUnchanged()
    {
        var s = Hub() with { Values = Known(9, 1, 5) };
        var t = Node.Step(s, Recv(30, "c5", "n0", new Body.Read(Some(8L))));
        Assert.Equal(
            new Transition(s, Effects(Send("n0", "c5", new Body.ReadOk(8, Longs(9, 1, 5))))), t);
    }

    // No silent upstream goes unnoticed: the hub last wrote at 100 and the leaf owes it
    // nothing, so a read at 700 (suspect-first-ms 600 later: the link has measured no round
    // trip yet) also pings it, a numbered batch with no values that the fallback rule then
    // watches; at 699 the read only answers.
    [Fact]
    public void Read_AtANodeWhoseUpstreamWasSilentForSuspectMs_PingsIt()
    {
        var hub = PeerLink.Empty with { HeardMs = 100 };
        var s = LeafState(Known(4), hub);
        var read = new Body.Read(Some(8L));
        var early = Node.Step(s, Recv(699, "c5", "n1", read));
        Assert.Equal(new Transition(s, Effects(Send("n1", "c5", new Body.ReadOk(8, Longs(4))))),
            early);
        var t = Node.Step(s, Recv(700, "c5", "n1", read));
        var pinged = hub with { SentSeq = 1, InFlight = Map((1L, new Batch(SetOf(), 700))) };
        Assert.Equal(new Transition(LeafState(Known(4), pinged),
            Effects(Send("n1", "c5", new Body.ReadOk(8, Longs(4))),
                Send("n1", "n0", new Body.Gossip(Some(1L), None, Longs(), 0, Up: true)))), t);
    }

    // The leaf's upstream link is eager: the value leaves at once, as batch 1, carrying the
    // leaf's acknowledgement of the hub's batches (none yet).
    [Fact]
    public void Broadcast_AtLeaf_SendsTheValueToTheHubAtOnce()
    {
        var s = LeafState(KnownValues.Empty, PeerLink.Empty);
        var t = Node.Step(s, Recv(20, "c5", "n1", new Body.Broadcast(Some(3L), 42)));
        var expected = new Transition(
            LeafState(Known(42), PeerLink.Empty with
            {
                InFlight = Map((1L, new Batch(SetOf(42), 20))), SentSeq = 1,
            }),
            Effects(Send("n1", "c5", new Body.BroadcastOk(3)), Send("n1", "n0", UpData(1, 0, 42))));
        Assert.Equal(expected, t);
    }

    [Fact]
    public void Gossip_StoresNewValues_QueuesForOtherPeersOnly_OwesTheSenderAnAck()
    {
        var s = HubState(Known(1), Unsent(1), PeerLink.Empty);
        var t = Node.Step(s, Recv(40, "n1", "n0", UpData(1, 0, 1, 2, 3)));
        var expected = new Transition(
            HubState(Known(1, 2, 3),
                PeerLink.Empty with
                {
                    RecvPrefix = 1, AckDueMs = 40, Attached = true, HeardMs = 40,
                },
                Unsent(2, 3)),
            Effects());
        Assert.Equal(expected, t);
    }

    [Fact]
    public void Gossip_Redelivered_LeavesTheStateEqual()
    {
        var s = HubState(Known(1), PeerLink.Empty, PeerLink.Empty);
        var once = Node.Step(s, Recv(40, "n1", "n0", Data(1, 0, 1, 2)));
        Assert.Equal(new Transition(once.State, Effects()),
            Node.Step(once.State, Recv(40, "n1", "n0", Data(1, 0, 1, 2))));
    }

    // Batches arriving out of order: the acknowledgement stays at 1 until 2 arrives, then
    // covers 3 as well.
    [Fact]
    public void Gossip_BeyondAGap_IsHeldUntilTheGapFills()
    {
        var s = LeafState(KnownValues.Empty, PeerLink.Empty);
        var t1 = Node.Step(s, Recv(10, "n0", "n1", Data(1, 0, 1)));
        var t3 = Node.Step(t1.State, Recv(11, "n0", "n1", Data(3, 0, 3)));
        Assert.Equal(new Transition(LeafState(Known(1, 3), PeerLink.Empty with
        {
            RecvPrefix = 1, RecvAbove = SetOf(3), AckDueMs = 2010, HeardMs = 11,
        }), Effects()), t3);
        var t2 = Node.Step(t3.State, Recv(12, "n0", "n1", Data(2, 0, 2)));
        Assert.Equal(new Transition(LeafState(Known(1, 3, 2), PeerLink.Empty with
        {
            RecvPrefix = 3, AckDueMs = 2010, HeardMs = 12,
        }), Effects()), t2);
    }

    // A resend covers every batch it merged (from..seq), so it closes the gap it was sent for.
    [Fact]
    public void Gossip_Resend_CoversTheBatchesItMerged()
    {
        var s = LeafState(Known(1), PeerLink.Empty with { RecvPrefix = 1 });
        var resend = new Body.Gossip(Some(5L), Some(2L), Longs(2, 3, 4), 0);
        var t = Node.Step(s, Recv(50, "n0", "n1", resend));
        Assert.Equal(new Transition(LeafState(Known(1, 2, 3, 4), PeerLink.Empty with
        {
            RecvPrefix = 5, AckDueMs = 50, HeardMs = 50,
        }), Effects()), t);
    }

    [Fact]
    public void Gossip_FromANonNode_IsIgnored()
    {
        var s = Hub();
        var t = Node.Step(s, Recv(5, "c1", "n0", Data(1, 0, 9)));
        Assert.Equal(new Transition(s, Effects(Log(new Note.FromNonNode("gossip", "c1")))), t);
    }

    // Found by the golden scenarios' invariants (peers-are-other-nodes): gossip from our own id
    // used to open a link to ourselves, owing values that could never be acknowledged.
    [Fact]
    public void Gossip_FromOurOwnId_IsIgnored()
    {
        var s = Hub();
        var t = Node.Step(s, Recv(5, "n0", "n0", Data(1, 0, 9)));
        Assert.Equal(new Transition(s, Effects(Log(new Note.FromSelf("gossip")))), t);
    }

    [Fact]
    public void Tick_SendsOneBatchPerOwingPeer_CarryingTheAck_AndRearms()
    {
        var s = HubState(Known(1, 2), Unsent(1, 2) with { RecvPrefix = 4, AckDueMs = 150 },
            Unsent(2) with { SentSeq = 6 });
        var t = Node.Step(s, new Event.Tick(200, TimerId.Gossip));
        var expected = new Transition(
            HubState(Known(1, 2),
                PeerLink.Empty with
                {
                    InFlight = Map((1L, new Batch(SetOf(1, 2), 200))), SentSeq = 1, RecvPrefix = 4,
                    SentAck = 4,
                },
                PeerLink.Empty with { InFlight = Map((7L, new Batch(SetOf(2), 200))), SentSeq = 7 },
                dueMs: 400),
            Effects(
                Send("n0", "n1", Data(1, 4, 1, 2)),
                Send("n0", "n2", Data(7, 0, 2)),
                new Effect.SetTimer(TimerId.Gossip, 400)));
        Assert.Equal(expected, t);
    }

    // Reference: "a single hub cannot fan out to 999 peers cheaply" (issue 13). With a budget of
    // 4 messages a second, a tick's 2 batches (3 nodes) may go every 500 ms at most: init arms
    // the timer and every tick re-arms it that far ahead, whatever tick-ms says.
    [Fact]
    public void Tick_StretchesToTheFanoutBudget_FromInitOn()
    {
        var budget = Settings with { FanoutPerS = 4 };
        var init = Node.Step(NodeState.Initial(budget),
            Recv(7, "c0", "n0", Init("n0", "n0", "n1", "n2")));
        Assert.Equal(Effects(Send("n0", "c0", new Body.InitOk(1)),
            new Effect.SetTimer(TimerId.Gossip, 507)), init.Effects);
        var tick = Node.Step(init.State, new Event.Tick(507, TimerId.Gossip));
        Assert.Equal(new Transition(init.State with { GossipDueMs = 1007 },
            Effects(new Effect.SetTimer(TimerId.Gossip, 1007))), tick);
    }

    // The hub acknowledges a leaf's batch by its next tick even with nothing to send it, so the
    // leaf can tell a silent hub quickly.
    [Fact]
    public void Tick_AtHub_AcknowledgesALeafAloneWhenNothingElseGoes()
    {
        var s = HubState(Known(1), PeerLink.Empty with { RecvPrefix = 3, AckDueMs = 190 },
            PeerLink.Empty);
        var t = Node.Step(s, new Event.Tick(200, TimerId.Gossip));
        Assert.Equal(new Transition(
            HubState(Known(1), PeerLink.Empty with { RecvPrefix = 3, SentAck = 3 }, PeerLink.Empty,
                dueMs: 400),
            Effects(Send("n0", "n1", BareAck(3)), new Effect.SetTimer(TimerId.Gossip, 400))), t);
    }

    // A leaf acknowledges the hub's batches lazily: its next upstream batch carries the ack;
    // alone only after ack-ms.
    [Fact]
    public void Tick_AtLeaf_AcknowledgesTheHubAloneOnlyAfterAckMs()
    {
        var owing = PeerLink.Empty with { RecvPrefix = 9, AckDueMs = 2100 };
        var s = LeafState(Known(1), owing, dueMs: 2000);
        var early = Node.Step(s, new Event.Tick(2000, TimerId.Gossip));
        Assert.Equal(new Transition(LeafState(Known(1), owing, dueMs: 2200),
            Effects(new Effect.SetTimer(TimerId.Gossip, 2200))), early);
        var late = Node.Step(early.State, new Event.Tick(2200, TimerId.Gossip));
        Assert.Equal(new Transition(
            LeafState(Known(1), owing with { AckDueMs = None, SentAck = 9 }, dueMs: 2400),
            Effects(Send("n1", "n0", BareAck(9) with { Up = true }),
                new Effect.SetTimer(TimerId.Gossip, 2400))), late);
    }

    [Fact]
    public void Tick_ResendsEverythingOwedAsOneBatch_OnceABatchWaitedRetryMs()
    {
        var n1 = PeerLink.Empty with
        {
            Unsent = SetOf(5), SentSeq = 3, AckedSeq = 1,
            InFlight = Map((2L, new Batch(SetOf(1), 0)), (3L, new Batch(SetOf(2), 500))),
        };
        var s = HubState(Known(1, 2, 5), n1, PeerLink.Empty, dueMs: 3000);
        var t = Node.Step(s, new Event.Tick(3000, TimerId.Gossip));
        var expected = new Transition(
            HubState(Known(1, 2, 5),
                // One message, numbered 4 and covering 2-4; batches 2 and 3 keep their
                // numbers (an ack of 3 from an earlier copy still retires them), the unsent
                // value is batch 4, and all count as sent now, 2 and 3 as resent (their ack
                // gives no round-trip sample); 4 goes for the first time.
                PeerLink.Empty with
                {
                    SentSeq = 4, AckedSeq = 1,
                    InFlight = Map((2L, new Batch(SetOf(1), 3000, Resent: true)),
                        (3L, new Batch(SetOf(2), 3000, Resent: true)),
                        (4L, new Batch(SetOf(5), 3000))),
                },
                PeerLink.Empty, dueMs: 3200),
            Effects(Send("n0", "n1", new Body.Gossip(Some(4L), Some(2L), Longs(1, 2, 5), 0)),
                new Effect.SetTimer(TimerId.Gossip, 3200)));
        Assert.Equal(expected, t);
    }

    // A ping that went unanswered is resent like any batch: the resend is numbered (3) and
    // covers it (from 2), though it holds no values; without its number the peer refused it as
    // malformed ('from' needs 'seq') and the link owed its peer the ping for ever.
    [Fact]
    public void Tick_ResendOfAnUnansweredPing_IsNumbered()
    {
        var n1 = PeerLink.Empty with
        {
            SentSeq = 2, AckedSeq = 1, InFlight = Map((2L, new Batch(SetOf(), 0))),
        };
        var s = HubState(Known(1), n1, PeerLink.Empty, dueMs: 3000);
        var t = Node.Step(s, new Event.Tick(3000, TimerId.Gossip));
        var expected = new Transition(
            HubState(Known(1),
                n1 with
                {
                    SentSeq = 3, InFlight = Map((2L, new Batch(SetOf(), 3000, Resent: true))),
                },
                PeerLink.Empty, dueMs: 3200),
            Effects(Send("n0", "n1", new Body.Gossip(Some(3L), Some(2L), Longs(), 0)),
                new Effect.SetTimer(TimerId.Gossip, 3200)));
        Assert.Equal(expected, t);
    }

    // No single point of failure: the hub has not acknowledged batch 1 for suspect-first-ms
    // (600: the link has measured no round trip yet, see StepExamples.RoundTrips), so the
    // leaf relays through the next node id, owing it what the hub is owed, and tells it which
    // values it holds (ranges), so it sends back exactly what is missing. The hub's link
    // keeps its batch and resends it later.
    [Fact]
    public void Tick_AtLeaf_FallsBackToTheNextNodeId_WhenTheHubIsSilent()
    {
        var hub = PeerLink.Empty with { SentSeq = 1, InFlight = Map((1L, new Batch(SetOf(4), 0))) };
        var s = LeafState(Known(1, 2, 4), hub, dueMs: 600);
        var t = Node.Step(s, new Event.Tick(600, TimerId.Gossip));
        var n2 = PeerLink.Opened with
        {
            SentSeq = 1, InFlight = Map((1L, new Batch(SetOf(4), 600))),
        };
        var expected = new Transition(
            LeafState(Known(1, 2, 4), hub, dueMs: 800) with
            {
                Peers = Map(("n0", hub), ("n2", n2)), Upstream = "n2",
            },
            Effects(Log(new Note.Fallback("n0", 600, "n2")),
                Send("n1", "n2",
                    new Body.Gossip(Some(1L), None, Longs(4), 0, true, Longs(1, 2, 4, 4))),
                new Effect.SetTimer(TimerId.Gossip, 800)));
        Assert.Equal(expected, t);
    }

    // In fallback the silent hub gets no new batch: 5 goes to n2, n1's upstream now, and
    // waits on the hub link, whose batch 1 is still unanswered, for that link's retry.
    [Fact]
    public void Tick_InFallback_SendsTheSilentHubNoNewBatch()
    {
        var hub = PeerLink.Empty with
        {
            Unsent = SetOf(5), SentSeq = 1, InFlight = Map((1L, new Batch(SetOf(4), 0))),
        };
        var n2 = PeerLink.Opened with { Unsent = SetOf(5) };
        var s = LeafState(Known(1, 2, 4, 5), hub, dueMs: 1000) with
        {
            Peers = Map(("n0", hub), ("n2", n2)), Upstream = "n2",
        };
        var t = Node.Step(s, new Event.Tick(1000, TimerId.Gossip));
        var sent = PeerLink.Opened with
        {
            SentSeq = 1, InFlight = Map((1L, new Batch(SetOf(5), 1000))),
        };
        var expected = new Transition(
            s with { Peers = Map(("n0", hub), ("n2", sent)), GossipDueMs = 1200 },
            Effects(Send("n1", "n2",
                    new Body.Gossip(Some(1L), None, Longs(5), 0, true, Longs(1, 2, 4, 5))),
                new Effect.SetTimer(TimerId.Gossip, 1200)));
        Assert.Equal(expected, t);
    }

    // n2 (a leaf of n0) becomes n1's fallback upstream: it queues exactly what n1's ranges
    // leave out, forwards n1's new value to its own upstream at once, and acks by its tick.
    [Fact]
    public void Gossip_UpWithHave_AttachesTheSender_AndQueuesExactlyWhatItLacks()
    {
        var s = LeafState(Known(1, 2, 3, 5), PeerLink.Empty) with
        {
            Membership = Three with { Self = "n2" },
        };
        var msg = new Body.Gossip(Some(1L), None, Longs(4), 0, true, Longs(1, 2, 4, 4));
        var t = Node.Step(s, Recv(900, "n1", "n2", msg));
        var n1 = PeerLink.Opened with
        {
            Attached = true, RecvPrefix = 1, AckDueMs = 900, Unsent = SetOf(3, 5),
            WantsHave = true, // n1 is in fallback: our messages to it will carry our ranges
            HeardMs = 900,
        };
        var n0 = PeerLink.Empty with
        {
            SentSeq = 1, InFlight = Map((1L, new Batch(SetOf(4), 900))),
        };
        Assert.Equal(new Transition(
            s with { Values = Known(1, 2, 3, 5, 4), Peers = Map(("n0", n0), ("n1", n1)) },
            Effects(Send("n2", "n0", UpData(1, 0, 4)))), t);
    }

    // n1's ack (0) leaves out batch 1, sent 900 ms before: n1 would have had it long before
    // writing, so it was lost (e.g. in a partition that has healed): resend at once, carrying
    // the ack of n1's batch as well.
    [Fact]
    public void Gossip_WhoseAckShowsABatchMissed_GetsAResendAtOnce()
    {
        var n1 = PeerLink.Empty with { SentSeq = 1, InFlight = Map((1L, new Batch(SetOf(5), 0))) };
        var s = HubState(Known(5), n1, PeerLink.Empty);
        var t = Node.Step(s, Recv(900, "n1", "n0", UpData(1, 0, 7)));
        var resent = n1 with
        {
            // The resend is numbered 2 (so n1 acknowledges it); batch 1 keeps its number.
            SentSeq = 2, InFlight = Map((1L, new Batch(SetOf(5), 900, Resent: true))),
            RecvPrefix = 1, SentAck = 1, Attached = true, HeardMs = 900,
        };
        Assert.Equal(new Transition(HubState(Known(5, 7), resent, Unsent(7)),
            Effects(Send("n0", "n1", new Body.Gossip(Some(2L), Some(1L), Longs(5), 1)))), t);
    }

    [Fact]
    public void Gossip_NotMarkedUp_DetachesTheSender()
    {
        var s = HubState(Known(1), PeerLink.Empty with { Attached = true }, PeerLink.Empty);
        var t = Node.Step(s, Recv(60, "n1", "n0", BareAck(0)));
        Assert.Equal(new Transition(
            HubState(Known(1), PeerLink.Empty with { HeardMs = 60 }, PeerLink.Empty),
            Effects()), t);
    }

    [Fact]
    public void Gossip_FromTheShapesUpstream_EndsTheFallback()
    {
        var s = LeafState(Known(1), PeerLink.Empty) with { Upstream = "n2" };
        var t = Node.Step(s, Recv(60, "n0", "n1", BareAck(0)));
        Assert.Equal(new Transition(LeafState(Known(1), PeerLink.Empty with { HeardMs = 60 }),
            Effects(Log(new Note.UpstreamBack("n0")))), t);
    }

    [Fact]
    public void Ack_RetiresEveryBatchUpToIt_Only()
    {
        var n1 = PeerLink.Empty with
        {
            SentSeq = 3,
            InFlight = Map((1L, new Batch(SetOf(1), 0)), (2L, new Batch(SetOf(2), 0)),
                (3L, new Batch(SetOf(3), 0))),
        };
        var s = HubState(Known(1, 2, 3), n1, PeerLink.Empty);
        var t = Node.Step(s, Recv(60, "n1", "n0", BareAck(2)));
        var expected = new Transition(
            HubState(Known(1, 2, 3), n1 with
                {
                    InFlight = Map((3L, new Batch(SetOf(3), 0))), AckedSeq = 2, HeardMs = 60,
                    // The batches it retired were sent once, at 0: the link's first
                    // round-trip sample, 60 ms (RTTVAR starts at half of it).
                    Rtt = new RoundTrip(60, 30),
                },
                PeerLink.Empty),
            Effects());
        Assert.Equal(expected, t);
    }

    // A duplicate ack retires nothing: all it changes is when the peer was last heard.
    [Fact]
    public void Ack_Duplicate_OnlyNotesThePeerWasHeard()
    {
        var s = HubState(Known(1), PeerLink.Empty, PeerLink.Empty);
        Assert.Equal(
            new Transition(HubState(Known(1), PeerLink.Empty with { HeardMs = 60 }, PeerLink.Empty),
                Effects()),
            Node.Step(s, Recv(60, "n1", "n0", BareAck(0))));
    }

    [Fact]
    public void Tick_Stale_IsANoOp()
    {
        var s = Hub();
        Assert.Equal(new Transition(s, Effects()),
            Node.Step(s, new Event.Tick(199, TimerId.Gossip)));
    }

    [Fact]
    public void Tick_BeforeInit_IsANoOp()
    {
        var s = NodeState.Initial(Settings);
        Assert.Equal(new Transition(s, Effects()),
            Node.Step(s, new Event.Tick(1000, TimerId.Gossip)));
    }

    // Reference: "10 not-supported ... operation not implemented" (§1.4)
    [Fact]
    public void UnknownType_WithMsgId_GetsError10()
    {
        var s = Hub();
        var t = Node.Step(s, Recv(1, "c1", "n0", new Body.Unknown("echo", Some(4L))));
        const string text = "unsupported message type 'echo'";
        Assert.Equal(new Transition(s, Effects(
            Send("n0", "c1", new Body.Error(4, 10, Some(text))),
            Log(new Note.ErrorSent(10, "c1", text)))), t);
    }

    [Fact]
    public void UnknownType_WithoutMsgId_IsOnlyLogged()
    {
        var s = Hub();
        var t = Node.Step(s, Recv(1, "c1", "n0", new Body.Unknown("echo", None)));
        const string text = "unsupported message type 'echo'";
        Assert.Equal(new Transition(s, Effects(
            Log(new Note.Unanswerable("echo", "c1")), Log(new Note.ErrorSent(10, "c1", text)))), t);
    }

    // Reference: "12 malformed-request ... request could not possibly have been processed" (§1.4)
    [Fact]
    public void MalformedBody_GetsError12NamingTheField()
    {
        var s = Hub();
        var body = Codec.Decode(
            """{"src":"c1","dest":"n0","body":{"type":"broadcast","msg_id":2}}""");
        var t = Node.Step(s, new Event.Receive(1, (Envelope)body));
        const string text = "malformed broadcast: missing field 'message'";
        Assert.Equal(new Transition(s, Effects(
            Send("n0", "c1", new Body.Error(2, 12, Some(text))),
            Log(new Note.ErrorSent(12, "c1", text)))), t);
    }

    // Reference: "11 temporarily-unavailable ... (not initialized, no quorum, …)" (§1.4)
    [Fact]
    public void RequestBeforeInit_GetsError11()
    {
        var s = NodeState.Initial(Settings);
        var t = Node.Step(s, Recv(1, "c1", "n0", new Body.Read(Some(2L))));
        const string text = "not initialised: read before init";
        Assert.Equal(new Transition(s, Effects(
            Send("n0", "c1", new Body.Error(2, 11, Some(text))),
            Log(new Note.ErrorSent(11, "c1", text)))), t);
    }

    [Fact]
    public void UnreadableLine_IsLogged_StateUnchanged()
    {
        var s = Hub();
        var t = Node.Step(s, Event.FromLine(5, "not json"));
        Assert.Equal(s, t.State);
        var log = Assert.IsType<Effect.Log>(Assert.Single(t.Effects));
        var note = Assert.IsType<Note.Unreadable>(log.About);
        Assert.Equal("not json", note.Excerpt);
        Assert.StartsWith("skipped unreadable input (not JSON:", note.Describe());
    }

    [Fact]
    public void MessageForAnotherNode_IsLoggedNotAnswered()
    {
        var s = Hub();
        var t = Node.Step(s, Recv(5, "c1", "n2", new Body.Read(Some(1L))));
        Assert.Equal(
            new Transition(s, Effects(Log(new Note.Ignored("read", "c1", Some(("n2", "n0")))))),
            t);
    }

    [Fact]
    public void StrayReply_IsLoggedNotAnswered()
    {
        var s = Hub();
        var t = Node.Step(s, Recv(5, "n1", "n0", new Body.BroadcastOk(3)));
        Assert.Equal(
            new Transition(s, Effects(Log(new Note.Ignored("broadcast_ok", "n1", None)))), t);
    }
}
