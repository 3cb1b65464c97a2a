using LanguageExt;
using static LanguageExt.Prelude;

namespace FunctionalGossip.Core;

/// <summary>A named invariant that a state breaks, and where.</summary>
/// <param name="Invariant">The invariant's name (one of <see cref="Invariants"/>' constants).
/// </param>
/// <param name="Detail">Which node, peer or value breaks it.</param>
public sealed record Violation(string Invariant, string Detail)
{
    /// <summary>One line: <c>name: detail</c>.</summary>
    public string Render() => $"{Invariant}: {Detail}";
}

/// <summary>
/// What is true of every reachable node state, and of every cluster of them, whatever the
/// network does (drops, duplicates, reordering, partitions): the protocol's rules as checkable
/// facts, in one place. The golden scenarios, the cluster properties and the simulator's debug
/// mode (Harness's <c>CoreNodeStrategy.CheckInvariants</c>) call these after every step; each
/// returns the violations (empty when all hold). Pure, and linear in the state's size, so
/// checking after every step is affordable. (That <c>read</c>'s order
/// holds each known value once is not here: <see cref="KnownValues"/> cannot be built
/// otherwise.)
/// </summary>
public static class Invariants
{
    /// <summary>A step never loses a value the node held (a transition invariant, checked
    /// by <see cref="AfterStep"/>).</summary>
    public const string ValuesKept = "values-never-lost";

    /// <summary>A link owes (unsent or in flight) only values the node holds.</summary>
    public const string OwesOnlyKnown = "owes-only-known-values";

    /// <summary>A link's acknowledged prefix never passes the last batch it sent.</summary>
    public const string AckedWithinSent = "acked-within-sent";

    /// <summary>Batches in flight are exactly numbered after the acknowledged prefix, up to
    /// the last batch sent.</summary>
    public const string InFlightUnacked = "in-flight-after-acked";

    /// <summary>Batches recorded beyond a gap lie beyond the received prefix and do not touch
    /// it (a batch that closes the gap extends the prefix).</summary>
    public const string GapBeyondPrefix = "gap-beyond-prefix";

    /// <summary>The acknowledgement we last sent never passes what has arrived, and one is
    /// due (has a deadline) exactly when the peer has not been told all that arrived.</summary>
    public const string AckDueWhenBehind = "ack-due-when-behind";

    /// <summary>Peers are other node ids of the cluster (none before <c>init</c>), and the
    /// relay shape's peers are all relay links.</summary>
    public const string PeersAreShape = "peers-are-other-nodes";

    /// <summary>The node relays through an upstream exactly when its shape has one, and
    /// that upstream is one of its peers.</summary>
    public const string UpstreamIsPeer = "upstream-is-a-peer";

    /// <summary>No node holds a value that no client broadcast.</summary>
    public const string OnlyBroadcast = "only-broadcast-values";

    /// <summary>An acknowledged value is owed to every forwarded peer that has not shown it
    /// holds it: by the node itself when its relay passes learned values on, by some node
    /// (the value's origin) when it does not (<see cref="Relay.ForwardsLearned"/>).</summary>
    public const string OwedUntilHeld = "owed-until-held";

    /// <summary>A link's acknowledged prefix never exceeds what the peer has received.
    /// </summary>
    public const string AckedOnlyReceived = "acked-only-received";

    /// <summary>A peer has received only batches that were sent to it.</summary>
    public const string ReceivedOnlySent = "received-only-sent";

    /// <summary>The violated invariants of one node state.</summary>
    public static Seq<Violation> OfNode(NodeState s)
    {
        var found = new List<Violation>();
        void Fail(string name, string detail) =>
            found.Add(new Violation(name, $"{Name(s)} {detail}"));
        CheckShape(s, Fail);
        foreach (var (peer, link) in s.Peers) CheckLink(s, peer, link, Fail);
        return toSeq(found).Strict();
    }

    /// <summary>The violated invariants of a cluster: each node's (<see cref="OfNode"/>), then
    /// those between nodes. <paramref name="broadcast"/> is every value clients broadcast so
    /// far.</summary>
    public static Seq<Violation> OfCluster(Map<string, NodeState> nodes, Set<long> broadcast)
    {
        var found = new List<Violation>();
        foreach (var (id, s) in nodes)
        {
            found.AddRange(OfNode(s));
            foreach (var v in s.Values.InOrder.Filter(v => !broadcast.Contains(v)))
                found.Add(new Violation(OnlyBroadcast, $"{id} holds {v}"));
            foreach (var (peer, link) in s.Peers)
                if (nodes.Find(peer).Case is NodeState p)
                {
                    CheckPair(id, link, peer, p, found);
                    if (link.Forwarded) CheckOwed(nodes, id, s, peer, p, link, AllHeld, found);
                }
        }
        return toSeq(found).Strict();
    }

    /// <summary>
    /// The violations one step of node <paramref name="stepped"/> (from
    /// <paramref name="before"/> to its state in <paramref name="nodes"/>) can have caused,
    /// which is all of them if the cluster held every invariant before the step: a step
    /// changes only the stepped node. So: its own (<see cref="OfNode"/>; it kept every value
    /// it held, <see cref="ValuesKept"/>), the new values it holds were broadcast, and each
    /// link to or from it. A peer's values and received batches only grow, so on links to
    /// the stepped node only <see cref="ReceivedOnlySent"/> can newly fail; on its own links
    /// <see cref="OwedUntilHeld"/> can newly fail only for a value it just learned or just
    /// stopped owing (or every value, on a link that just became forwarded). The cost is one
    /// node's links and what changed, not the whole cluster.
    /// </summary>
    public static Seq<Violation> AfterStep(Map<string, NodeState> nodes, Set<long> broadcast,
        string stepped, NodeState before)
    {
        var s = nodes[stepped];
        var found = new List<Violation>(OfNode(s));
        if (before.Values.Count > s.Values.Count
            || before.Values.InOrder.Exists(v => !s.Values.Contains(v)))
            found.Add(new Violation(ValuesKept, $"{stepped} held "
                + $"[{Describe.Values(before.Values)}], holds [{Describe.Values(s.Values)}]"));
        var learned = s.Values.InOrder.Skip(before.Values.Count).Strict();
        foreach (var v in learned.Filter(v => !broadcast.Contains(v)))
            found.Add(new Violation(OnlyBroadcast, $"{stepped} holds {v}"));
        foreach (var (peer, link) in s.Peers)
            if (nodes.Find(peer).Case is NodeState p)
            {
                CheckPair(stepped, link, peer, p, found);
                if (link.Forwarded)
                    CheckOwed(nodes, stepped, s, peer, p, link,
                        Changed(before.Peers.Find(peer), link, learned), found);
            }
        foreach (var (other, n) in nodes)
            if (other != stepped && n.Peers.Find(stepped).Case is PeerLink toUs)
                CheckPair(other, toUs, stepped, s, found);
        return toSeq(found).Strict();
    }

    /// <summary>The values whose owed-until-held status a step may have changed on a
    /// forwarded link: every value the node holds when the link was not forwarded before,
    /// else those just learned and those the link no longer owes.</summary>
    private static IEnumerable<long> Changed(Option<PeerLink> before, PeerLink after,
        Seq<long> learned)
    {
        if (before.Case is not PeerLink old || !old.Forwarded) return AllHeld;
        if (ReferenceEquals(old, after)) return learned;
        var dropped = old.InFlight.Values.Fold(old.Unsent.Filter(v => !Owes(after, v)),
            (acc, b) => acc.TryAddRange(b.Values.Filter(v => !Owes(after, v))));
        return learned.Concat(dropped);
    }

    /// <summary>Stands for "every value the node holds" in <see cref="CheckOwed"/>.</summary>
    private static readonly long[] AllHeld = [];

    private static void CheckShape(NodeState s, Action<string, string> fail)
    {
        if (s.Membership.Case is not Membership m)
        {
            if (!s.Peers.IsEmpty) fail(PeersAreShape, "has peers before init");
            return;
        }
        foreach (var peer in s.Peers.Keys)
            if (peer == m.Self || !m.NodeIds.Exists(n => n == peer))
                fail(PeersAreShape, $"has peer {peer}");
        foreach (var peer in s.Settings.Relay.PeersAtInit(m.Self, m.NodeIds))
            if (!s.Peers.Find(peer).Exists(l => l.Relayed))
                fail(PeersAreShape, $"has no relay link to shape peer {peer}");
        if (s.Upstream.IsSome != s.ShapeUpstream.IsSome)
            fail(UpstreamIsPeer, $"upstream {s.Upstream.IfNone("none")} but shape's "
                + s.ShapeUpstream.IfNone("none"));
        if (s.Upstream.Case is string up && (up == m.Self || !s.Peers.ContainsKey(up)))
            fail(UpstreamIsPeer, $"upstream {up} is not a peer");
    }

    private static void CheckLink(NodeState s, string peer, PeerLink l,
        Action<string, string> fail)
    {
        if (l.Unsent.Exists(v => !s.Values.Contains(v))
            || l.InFlight.Exists((_, b) => b.Values.Exists(v => !s.Values.Contains(v))))
            fail(OwesOnlyKnown, $"owes {peer} [{Describe.Values(l.Owed.Filter(
                v => !s.Values.Contains(v)))}] it does not hold");
        if (l.AckedSeq > l.SentSeq)
            fail(AckedWithinSent, $"link {peer} acked {l.AckedSeq} of {l.SentSeq} sent");
        if (l.InFlight.Keys.Exists(k => k <= l.AckedSeq || k > l.SentSeq))
            fail(InFlightUnacked, $"link {peer} has batches [{Describe.Values(l.InFlight.Keys)}]"
                + $" in flight, acked {l.AckedSeq} of {l.SentSeq}");
        if (l.RecvAbove.Exists(k => k <= l.RecvPrefix + 1))
            fail(GapBeyondPrefix, $"link {peer} received 1-{l.RecvPrefix} and "
                + Describe.Values(l.RecvAbove));
        if (l.SentAck > l.RecvPrefix || l.AckDueMs.IsSome != (l.RecvPrefix > l.SentAck))
            fail(AckDueWhenBehind, $"link {peer} received 1-{l.RecvPrefix}, told {l.SentAck},"
                + $" ack due {l.AckDueMs.Match(t => $"{t} ms", () => "none")}");
    }

    /// <summary>Between the two ends of a link: <paramref name="link"/> is node
    /// <paramref name="id"/>'s link to <paramref name="peer"/>.</summary>
    private static void CheckPair(string id, PeerLink link, string peer, NodeState p,
        List<Violation> found)
    {
        var back = p.Peers.Find(id).IfNone(PeerLink.Opened);
        if (link.AckedSeq > back.RecvPrefix)
            found.Add(new Violation(AckedOnlyReceived,
                $"{id} has {peer}'s ack {link.AckedSeq}, {peer} received 1-{back.RecvPrefix}"));
        var received = Math.Max(back.RecvPrefix, back.RecvAbove.Max.IfNone(0L));
        if (received > link.SentSeq)
            found.Add(new Violation(ReceivedOnlySent,
                $"{peer} received batch {received} of {id}, which sent {link.SentSeq}"));
    }

    /// <summary><see cref="OwedUntilHeld"/> on node <paramref name="id"/>'s link to
    /// <paramref name="peer"/>, for the held values among <paramref name="values"/>
    /// (<see cref="AllHeld"/>: all).</summary>
    private static void CheckOwed(Map<string, NodeState> nodes, string id, NodeState s,
        string peer, NodeState p, PeerLink link, IEnumerable<long> values, List<Violation> found)
    {
        var selfOwes = s.Settings.Relay.ForwardsLearned;
        foreach (var v in ReferenceEquals(values, AllHeld) ? s.Values.InOrder : values)
        {
            if (p.Values.Contains(v) || Owes(link, v) || !s.Values.Contains(v)) continue;
            if (!selfOwes && nodes.Exists((_, m) => m.Peers.Find(peer).Exists(l => Owes(l, v))))
                continue;
            found.Add(new Violation(OwedUntilHeld, $"{id} holds {v}, {peer} lacks it and "
                + (selfOwes ? $"{id} does not owe it" : "no node owes it")));
        }
    }

    private static bool Owes(PeerLink l, long v) =>
        l.Unsent.Contains(v) || l.InFlight.Exists((_, b) => b.Values.Contains(v));

    private static string Name(NodeState s) => s.Membership.Match(m => m.Self, () => "(uninit)");
}
