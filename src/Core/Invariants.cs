using LanguageExt;
using LanguageExt.ClassInstances;
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
        NodeChecks(s, true, s.Peers, found);
        return Found(found);
    }

    /// <summary><see cref="OfNode"/>'s checks, into <paramref name="found"/>: the shape's
    /// when <paramref name="shape"/>, and those of each of <paramref name="links"/>.</summary>
    private static void NodeChecks(NodeState s, bool shape,
        IEnumerable<(string Peer, PeerLink Link)> links, List<Violation> found)
    {
        void Fail(string name, string detail) =>
            found.Add(new Violation(name, $"{Name(s)} {detail}"));
        if (shape) CheckShape(s, Fail);
        foreach (var (peer, link) in links) CheckLink(s, peer, link, Fail);
    }

    /// <summary>The violations found, as returned (no copy when there are none: the usual
    /// case, after every step).</summary>
    private static Seq<Violation> Found(List<Violation> found) =>
        found.Count == 0 ? Seq<Violation>() : toSeq(found).Strict();

    /// <summary>The violated invariants of a cluster: each node's (<see cref="OfNode"/>), then
    /// those between nodes. <paramref name="broadcast"/> is every value clients broadcast so
    /// far.</summary>
    public static Seq<Violation> OfCluster(Map<string, NodeState> nodes, Set<long> broadcast)
    {
        var found = new List<Violation>();
        var owers = new Owers(nodes);
        foreach (var (id, s) in nodes)
        {
            found.AddRange(OfNode(s));
            foreach (var v in s.Values.InOrder.Filter(v => !broadcast.Contains(v)))
                found.Add(new Violation(OnlyBroadcast, $"{id} holds {v}"));
            foreach (var (peer, link) in s.Peers)
                if (nodes.Find(peer).Case is NodeState p)
                {
                    CheckPair(id, link, peer, p, found);
                    if (link.Forwarded) CheckOwed(owers, id, s, peer, p, link, AllHeld, found);
                }
        }
        return Found(found);
    }

    /// <summary>
    /// The violations one step of node <paramref name="stepped"/> (from
    /// <paramref name="before"/> to its state in <paramref name="nodes"/>) can have caused,
    /// which is all of them if the cluster held every invariant before the step: a step
    /// changes only the stepped node, and a link it leaves alone is the very same record. So:
    /// it kept every value it held (<see cref="ValuesKept"/>), the new values it holds were
    /// broadcast, and of its own invariants (<see cref="OfNode"/>) the shape's when its
    /// membership, relay, upstream, peers or relay links changed, and each link it replaced
    /// (every link, if it lost a value: then a link may owe one it no longer holds). Between
    /// nodes, only links it replaced, added or removed: both ends of each (a peer's values
    /// and received batches only grow, so on an unchanged link nothing can newly fail). On
    /// its forwarded links <see cref="OwedUntilHeld"/> can newly fail only for a value it
    /// just learned or just stopped owing (or every value, on a link that just became
    /// forwarded). The cost is what changed, not the node's links or the whole cluster.
    /// </summary>
    public static Seq<Violation> AfterStep(Map<string, NodeState> nodes, Set<long> broadcast,
        string stepped, NodeState before)
    {
        var s = nodes[stepped];
        var kept = ReferenceEquals(before.Values, s.Values)
            || (before.Values.Count <= s.Values.Count
                && s.Values.ContainsAll(before.Values.InOrder));
        var learned = s.Values.InOrder.Skip(before.Values.Count).Strict();
        var links = LinkSteps(before.Peers, s.Peers, all: !learned.IsEmpty);
        var found = new List<Violation>();
        if (kept)
            NodeChecks(s, ShapeChanged(before, s, links), links
                .Where(l => l.Replaced && l.New is not null).Select(l => (l.Peer, l.New!)), found);
        else
        {
            NodeChecks(s, true, s.Peers, found);
            found.Add(new Violation(ValuesKept, $"{stepped} held "
                + $"[{Describe.Values(before.Values)}], holds [{Describe.Values(s.Values)}]"));
        }
        foreach (var v in learned.Filter(v => !broadcast.Contains(v)))
            found.Add(new Violation(OnlyBroadcast, $"{stepped} holds {v}"));
        var owers = new Owers(nodes);
        foreach (var l in links)
            if (l.New is PeerLink link && nodes.Find(l.Peer).Case is NodeState p)
            {
                if (l.Replaced) CheckPair(stepped, link, l.Peer, p, found);
                if (link.Forwarded)
                    CheckOwed(owers, stepped, s, l.Peer, p, link,
                        Changed(l.Old, link, learned), found);
            }
        foreach (var l in links)
            if (l.Replaced && l.Peer != stepped && nodes.Find(l.Peer).Case is NodeState other
                && other.Peers.Find(stepped).Case is PeerLink toUs)
                CheckPair(l.Peer, toUs, stepped, s, found);
        return Found(found);
    }

    /// <summary>A peer's link either side of a step: <see cref="Old"/> or <see cref="New"/>
    /// is null where the step added or removed it.</summary>
    private readonly record struct LinkStep(string Peer, PeerLink? Old, PeerLink? New)
    {
        /// <summary>Whether the step replaced, added or removed the link (records are
        /// immutable, so one it left alone is the very same record).</summary>
        public bool Replaced => Old is null || !ReferenceEquals(Old, New);
    }

    /// <summary>The links the step replaced, added or removed (with <paramref name="all"/>,
    /// every link of <paramref name="after"/> too): both maps walked once, side by side in
    /// their shared key order.</summary>
    private static List<LinkStep> LinkSteps(Map<string, PeerLink> before,
        Map<string, PeerLink> after, bool all)
    {
        var steps = new List<LinkStep>();
        using var b = before.GetEnumerator();
        using var a = after.GetEnumerator();
        var (inB, inA) = (b.MoveNext(), a.MoveNext());
        while (inB || inA)
        {
            var order = !inA ? -1 : !inB ? 1 : KeyOrder(b.Current.Key, a.Current.Key);
            var step = order < 0 ? new LinkStep(b.Current.Key, b.Current.Value, null)
                : order > 0 ? new LinkStep(a.Current.Key, null, a.Current.Value)
                : new LinkStep(a.Current.Key, b.Current.Value, a.Current.Value);
            if (all || step.Replaced) steps.Add(step);
            if (order <= 0) inB = b.MoveNext();
            if (order >= 0) inA = a.MoveNext();
        }
        return steps;
    }

    /// <summary>The order of a <c>Map</c>'s string keys, equal ones first (the keys of two
    /// versions of one map are mostly the very same strings).</summary>
    private static int KeyOrder(string x, string y) =>
        x == y ? 0 : OrdDefault<string>.Inst.Compare(x, y);

    /// <summary>Whether the step changed anything <see cref="CheckShape"/> reads: the
    /// membership, the relay, the upstream, which peers there are or which are relay links.
    /// </summary>
    private static bool ShapeChanged(NodeState before, NodeState s, List<LinkStep> links) =>
        !before.Membership.Equals(s.Membership) || before.Settings.Relay != s.Settings.Relay
        || before.Upstream != s.Upstream
        || links.Exists(l => l.Old is null || l.New is null || l.Old.Relayed != l.New.Relayed);

    /// <summary>The values whose owed-until-held status a step may have changed on a
    /// forwarded link: every value the node holds when the link was not forwarded before,
    /// else those just learned and those the link no longer owes.</summary>
    private static IEnumerable<long> Changed(PeerLink? before, PeerLink after,
        Seq<long> learned)
    {
        if (before is not { Forwarded: true } old) return AllHeld;
        if (ReferenceEquals(old, after)) return learned;
        var owedNow = new System.Collections.Generic.HashSet<long>(OwedValues(after));
        var changed = new List<long>(learned);
        foreach (var v in OwedValues(old))
            if (owedNow.Add(v)) changed.Add(v); // not owed now, and not listed yet
        return changed;
    }

    /// <summary>Every value <paramref name="l"/> owes, unsent or in flight, as it stands (a
    /// value in several batches comes once per batch), without building a set.</summary>
    private static IEnumerable<long> OwedValues(PeerLink l) =>
        l.Unsent.Concat(l.InFlight.Values.SelectMany(b => b.Values));

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
        if (!s.Values.ContainsAll(OwedValues(l)))
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
    private static void CheckOwed(Owers owers, string id, NodeState s, string peer,
        NodeState p, PeerLink link, IEnumerable<long> values, List<Violation> found)
    {
        var selfOwes = s.Settings.Relay.ForwardsLearned;
        foreach (var v in p.Values.Lacking(ReferenceEquals(values, AllHeld) ? s.Values.InOrder
                     : values))
        {
            if (Owes(link, v) || !s.Values.Contains(v)) continue;
            if (!selfOwes && owers.AnyOwes(peer, v)) continue;
            found.Add(new Violation(OwedUntilHeld, $"{id} holds {v}, {peer} lacks it and "
                + (selfOwes ? $"{id} does not owe it" : "no node owes it")));
        }
    }

    /// <summary>Whether some node of a cluster owes a value to a peer. The node found owing
    /// a value is asked first for the next peer (in <c>relay=total</c> the value's origin
    /// owes it to every peer that lacks it), so a step that learned a value looks the
    /// cluster over about once, not once per peer.</summary>
    private sealed class Owers(Map<string, NodeState> nodes)
    {
        private readonly Dictionary<long, NodeState> _last = new();

        public bool AnyOwes(string peer, long v)
        {
            if (_last.TryGetValue(v, out var last) && OwesTo(last, peer, v)) return true;
            foreach (var (_, m) in nodes)
                if (OwesTo(m, peer, v))
                {
                    _last[v] = m;
                    return true;
                }
            return false;
        }

        private static bool OwesTo(NodeState m, string peer, long v) =>
            m.Peers.Find(peer).Exists(l => Owes(l, v));
    }

    private static bool Owes(PeerLink l, long v) =>
        l.Unsent.Contains(v) || l.InFlight.Exists((_, b) => b.Values.Contains(v));

    private static string Name(NodeState s) => s.Membership.Match(m => m.Self, () => "(uninit)");
}
