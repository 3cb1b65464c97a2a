using FunctionalGossip.Core;
using FunctionalGossip.Core.Wire;
using LanguageExt;
using static FunctionalGossip.Core.Tests.Fx;
using static LanguageExt.Prelude;

namespace FunctionalGossip.Core.Tests;

/// <summary>Whole transitions (next state and effects) of Step, compared by equality.</summary>
public class StepExamples
{
    private static readonly Membership Three = new("n0", toSeq(new[] { "n0", "n1", "n2" }));

    private static NodeState HubState(KnownValues values, PeerLink n1, PeerLink n2, long nextId = 1,
        long dueMs = 100) =>
        NodeState.Initial(Settings) with
        {
            Membership = Three,
            Values = values,
            Peers = Map(("n1", n1), ("n2", n2)),
            NextMsgId = nextId,
            GossipDueMs = dueMs,
        };

    // Reference: "init ... The reply is {"type":"init_ok","in_reply_to":1}" (maelstrom-broadcast.md §1.3)
    [Fact]
    public void Init_RepliesInitOk_LearnsStarPeers_ArmsGossipTimer()
    {
        var t = Node.Step(NodeState.Initial(Settings), Recv(7, "c0", "n0", Init("n0", "n0", "n1", "n2")));
        var expected = new Transition(
            HubState(KnownValues.Empty, PeerLink.Empty, PeerLink.Empty, dueMs: 107),
            Effects(Send("n0", "c0", new Body.InitOk(1)), new Effect.SetTimer(TimerId.Gossip, 107)));
        Assert.Equal(expected, t);
    }

    [Fact]
    public void Init_OnLeaf_RelaysOnlyToHub()
    {
        var t = Node.Step(NodeState.Initial(Settings), Recv(0, "c0", "n2", Init("n2", "n0", "n1", "n2")));
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
            Send("n7", "c0", new Body.Error(1, 12, Some(text))), Log(new Note.ErrorSent(12, "c0", text)))), t);
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
        var s = Node.Step(NodeState.Initial(given), Recv(0, "c0", "n0", Init("n0", "n0", "n1", "n2"))).State;
        s = Node.Step(s, Recv(1, "c1", "n0", new Body.Broadcast(Some(1L), 4))).State;
        var topo = new Body.Topology(Some(1L), Map(("n0", toSeq(new[] { "n2", "n9" }))));
        var t = Node.Step(s, Recv(2, "c3", "n0", topo));
        var expected = new Transition(
            s with { Peers = Map(("n2", PeerLink.Empty with { Unsent = SetOf(4) })) },
            Effects(Send("n0", "c3", new Body.TopologyOk(1)), Log(new Note.UnknownNeighbours(Seq1("n9")))));
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
        Assert.Equal(new Transition(s, Effects(Send("n0", "c5", new Body.ReadOk(8, Longs(9, 1, 5))))), t);
    }

    [Fact]
    public void Gossip_StoresNewValues_QueuesForOtherPeersOnly_Acks()
    {
        var s = HubState(Known(1), PeerLink.Empty with { Unsent = SetOf(1) }, PeerLink.Empty);
        var t = Node.Step(s, Recv(40, "n1", "n0", new Body.Gossip(Some(7L), Longs(1, 2, 3))));
        var expected = new Transition(
            HubState(Known(1, 2, 3), PeerLink.Empty, PeerLink.Empty with { Unsent = SetOf(2, 3) }),
            Effects(Send("n0", "n1", new Body.GossipOk(7))));
        Assert.Equal(expected, t);
    }

    [Fact]
    public void Tick_SendsOneBatchPerOwingPeer_WithFreshMsgIds_AndRearms()
    {
        var s = HubState(Known(1, 2), PeerLink.Empty with { Unsent = SetOf(1, 2) },
            PeerLink.Empty with { Unsent = SetOf(2) });
        var t = Node.Step(s, new Event.Tick(100, TimerId.Gossip));
        var expected = new Transition(
            HubState(Known(1, 2),
                PeerLink.Empty with { InFlight = Map((1L, new Batch(SetOf(1, 2), 100))) },
                PeerLink.Empty with { InFlight = Map((2L, new Batch(SetOf(2), 100))) },
                nextId: 3, dueMs: 200),
            Effects(
                Send("n0", "n1", new Body.Gossip(Some(1L), Longs(1, 2))),
                Send("n0", "n2", new Body.Gossip(Some(2L), Longs(2))),
                new Effect.SetTimer(TimerId.Gossip, 200)));
        Assert.Equal(expected, t);
    }

    [Fact]
    public void Tick_RetriesExpiredBatchesMergedWithUnsent_KeepsFreshOnes()
    {
        var n1 = new PeerLink(SetOf(5), Map(
            (1L, new Batch(SetOf(1), 0)), (2L, new Batch(SetOf(2), 500)), (3L, new Batch(SetOf(3), 1000))));
        var s = HubState(Known(1, 2, 3, 5), n1, PeerLink.Empty, nextId: 4, dueMs: 1500);
        var t = Node.Step(s, new Event.Tick(1500, TimerId.Gossip));
        var expected = new Transition(
            HubState(Known(1, 2, 3, 5),
                new PeerLink(Set<long>(), Map((3L, new Batch(SetOf(3), 1000)), (4L, new Batch(SetOf(1, 2, 5), 1500)))),
                PeerLink.Empty, nextId: 5, dueMs: 1600),
            Effects(Send("n0", "n1", new Body.Gossip(Some(4L), Longs(1, 2, 5))),
                new Effect.SetTimer(TimerId.Gossip, 1600)));
        Assert.Equal(expected, t);
    }

    [Fact]
    public void Ack_ForgetsThatBatch_Only()
    {
        var n1 = new PeerLink(Set<long>(), Map((1L, new Batch(SetOf(1), 0)), (2L, new Batch(SetOf(2), 0))));
        var s = HubState(Known(1, 2), n1, PeerLink.Empty);
        var t = Node.Step(s, Recv(60, "n1", "n0", new Body.GossipOk(1)));
        var expected = new Transition(
            HubState(Known(1, 2), n1 with { InFlight = Map((2L, new Batch(SetOf(2), 0))) }, PeerLink.Empty),
            Effects());
        Assert.Equal(expected, t);
    }

    [Fact]
    public void Ack_Duplicate_IsANoOp()
    {
        var s = HubState(Known(1), PeerLink.Empty, PeerLink.Empty);
        Assert.Equal(new Transition(s, Effects()), Node.Step(s, Recv(60, "n1", "n0", new Body.GossipOk(1))));
    }

    [Fact]
    public void Tick_Stale_IsANoOp()
    {
        var s = Hub();
        Assert.Equal(new Transition(s, Effects()), Node.Step(s, new Event.Tick(99, TimerId.Gossip)));
    }

    [Fact]
    public void Tick_BeforeInit_IsANoOp()
    {
        var s = NodeState.Initial(Settings);
        Assert.Equal(new Transition(s, Effects()), Node.Step(s, new Event.Tick(1000, TimerId.Gossip)));
    }

    // Reference: "10 not-supported ... operation not implemented" (§1.4)
    [Fact]
    public void UnknownType_WithMsgId_GetsError10()
    {
        var s = Hub();
        var t = Node.Step(s, Recv(1, "c1", "n0", new Body.Unknown("echo", Some(4L))));
        const string text = "unsupported message type 'echo'";
        Assert.Equal(new Transition(s, Effects(
            Send("n0", "c1", new Body.Error(4, 10, Some(text))), Log(new Note.ErrorSent(10, "c1", text)))), t);
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
        var body = Codec.Decode("""{"src":"c1","dest":"n0","body":{"type":"broadcast","msg_id":2}}""");
        var t = Node.Step(s, new Event.Receive(1, (Envelope)body));
        const string text = "malformed broadcast: missing field 'message'";
        Assert.Equal(new Transition(s, Effects(
            Send("n0", "c1", new Body.Error(2, 12, Some(text))), Log(new Note.ErrorSent(12, "c1", text)))), t);
    }

    // Reference: "11 temporarily-unavailable ... (not initialized, no quorum, …)" (§1.4)
    [Fact]
    public void RequestBeforeInit_GetsError11()
    {
        var s = NodeState.Initial(Settings);
        var t = Node.Step(s, Recv(1, "c1", "n0", new Body.Read(Some(2L))));
        const string text = "not initialised: read before init";
        Assert.Equal(new Transition(s, Effects(
            Send("n0", "c1", new Body.Error(2, 11, Some(text))), Log(new Note.ErrorSent(11, "c1", text)))), t);
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
        Assert.Equal(new Transition(s, Effects(Log(new Note.Ignored("read", "c1", Some(("n2", "n0")))))), t);
    }

    [Fact]
    public void StrayReply_IsLoggedNotAnswered()
    {
        var s = Hub();
        var t = Node.Step(s, Recv(5, "n1", "n0", new Body.BroadcastOk(3)));
        Assert.Equal(new Transition(s, Effects(Log(new Note.Ignored("broadcast_ok", "n1", None)))), t);
    }
}
