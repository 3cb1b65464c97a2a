using FunctionalGossip.Core.Wire;
using LanguageExt;
using static LanguageExt.Prelude;

namespace FunctionalGossip.Core;

public static partial class Node
{
    /// <summary>
    /// <c>broadcast</c> (Maelstrom broadcast workload): store the value and acknowledge it.
    /// Acknowledging is a promise that every node will get the value, so it is queued for
    /// every relay peer before the reply is sent; eager links (<see cref="Eager"/>) send it
    /// at once. A value we already hold changes nothing, which makes client retries and
    /// duplicated deliveries harmless. Nodes of other designs forward values as plain
    /// <c>broadcast</c>s, so the sender is treated as a holder.
    /// </summary>
    private static Transition OnBroadcast(NodeState s, long now, Envelope m, Body.Broadcast b) =>
        FlushEager(Learn(s, Seq1(b.Message), m.Src), now,
            ReplyTo(m, b.MsgId, id => new Body.BroadcastOk(id)), m.Src);

    /// <summary>
    /// <c>read</c>: answer with the node's own local values (fly.io 3c: "Nodes should only
    /// return copies of their own local values"), in the order the node learned them: a
    /// deterministic order it keeps anyway, so the reply is built without a pass over the set
    /// (see <see cref="KnownValues"/>). Maelstrom reads the messages as a set. A read also
    /// checks that the upstream is still there (see <see cref="PingIfSilent"/>).
    /// </summary>
    private static Transition OnRead(NodeState s, long now, Envelope m, Body.Read b) =>
        PingIfSilent(s, now,
            ReplyTo(m, b.MsgId, id => new Body.ReadOk(id, s.Values.InOrder)));

    /// <summary>
    /// <c>gossip</c> (ours, node to node): first the acknowledgement it carries retires our
    /// batches to the sender up to that number, and <c>up</c> says whether the sender relays
    /// through us now (then we forward it what we learn). Its batch, if any, is recorded as
    /// arrived (owing the sender an acknowledgement, which rides on the next message to it);
    /// a digest (<c>have</c>) queues exactly the values the sender lacks. Its values are
    /// stored and queued for every other forwarded peer, eager links sending at once. A
    /// message from the shape's upstream ends a fallback (see <see cref="FallBack"/>); one from
    /// the upstream whose path runs through us starts another (see
    /// <see cref="HeardUpstreamPath"/>); one whose ack shows a batch missed is answered with a
    /// resend (see <see cref="ResendIfMissed"/>); any message ends a detour around the sender
    /// (see <see cref="MarkDetours"/>), and a detour through us is passed on (see
    /// <see cref="PassOn"/>).
    /// A node that is no peer yet gets a link, so it can be acknowledged; gossip from a non-node,
    /// or from our own id (no node writes to itself; a link to ourselves would owe values
    /// forever), is ignored. Redelivery leaves the state equal: arrivals, acks and values are sets.
    /// </summary>
    private static Transition OnGossip(NodeState s, long now, Envelope m, Body.Gossip b)
    {
        if (!IsNode(s, m.Src)) return Unchanged(s, new Note.FromNonNode("gossip", m.Src));
        if (m.Src == s.Self) return Unchanged(s, new Note.FromSelf("gossip"));
        var before = s.Peers.Find(m.Src).IfNone(PeerLink.Opened);
        // Only a candidate being tried can answer first (see FirstToAnswer): no work on every
        // other gossip.
        var answered = !before.Probing ? None
            : before.InFlight.Filter((seq, _) => seq <= b.Ack).Values.ToSeq()
                is var acked && acked.IsEmpty
                ? None
                : Some(new Answered(acked.Map(x => x.SentAtMs).Min(),
                    acked.Fold(Set<long>(), (acc, x) => acc.TryAddRange(x.Values))));
        var link = before.Acked(b.Ack, now, s.Settings.SuspectMs) with
        {
            Attached = b.Up, WantsHave = !b.Have.IsEmpty, Detouring = false, PeerCut = toSet(b.Cut),
            HeardMs = now,
        };
        var heard = b.Seq.Match(
            seq => link.Received(seq, b.Covers.IfNone(seq), AckDueMs(s, now, b)),
            () => link);
        var filled = b.Have.IsEmpty ? heard : heard with
        {
            Unsent = heard.Owed is var owed
                ? heard.Unsent.TryAddRange(
                    Ranges.Lacking(s.Values.Set, b.Have).Filter(v => !owed.Contains(v)))
                : heard.Unsent,
        };
        var back = s.ShapeUpstream == Some(m.Src) && s.Upstream != s.ShapeUpstream;
        var peers = s.Peers.AddOrUpdate(m.Src, filled);
        var linked = s with
        {
            Peers = back ? NoneProbing(peers) : peers,
            Upstream = back ? s.ShapeUpstream : s.Upstream,
            UpstreamPath = back ? Seq<string>() : s.UpstreamPath,
        };
        var first = FirstToAnswer(linked, m.Src, answered);
        var routed = HeardUpstreamPath(first.State, now, m.Src, b.Path);
        var effects = back // then the upstream is the shape's: nothing to try, no loop to leave
            ? Seq1<Effect>(new Effect.Log(new Note.UpstreamBack(m.Src)))
            : routed.Effects.Fold(first.Effects, (acc, e) => acc.Add(e));
        var learned = Learn(routed.State, b.Values, m.Src);
        var passed = b.For.IsEmpty ? learned : PassOn(learned, b.For, b.Values, m.Src);
        var resent = ResendIfMissed(passed, now, m.Src, effects);
        return FlushEager(resent.State, now, resent.Effects, m.Src);
    }

    /// <summary>
    /// Adds values learned from <paramref name="from"/>: new ones are queued for every
    /// forwarded peer (<see cref="PeerLink.Forwarded"/>) and for the upstream, a fallback one
    /// included (it is how our values leave while the shape's upstream is cut off), except the
    /// sender (see <see cref="Relay.ForwardsLearned"/>); the sender, shown to hold them all, is
    /// owed none.
    /// Learning values already known leaves the state equal (idempotence).
    /// (LanguageExt 4's <c>Set.Union</c>/<c>Except</c> rebuild the whole set, ~1 ms at 10k
    /// values; <c>TryAddRange</c>/<c>RemoveRange</c> touch only the items given.)
    /// </summary>
    internal static NodeState Learn(NodeState s, Seq<long> values, string from)
    {
        var (known, added) = s.Values.AddNew(values);
        var fresh = Forwards(s, from) ? added : Seq<long>();
        if (fresh.IsEmpty) return s with { Values = known, Peers = Owned(s.Peers, values, from) };
        var queue = new SameAddition(fresh);
        var peers = s.Peers.Map((peer, link) => peer == from
            ? link.Unsent.IsEmpty ? link : link with { Unsent = link.Unsent.RemoveRange(values) }
            : !(link.Forwarded || s.Upstream == Some(peer))
                ? link
                : link with { Unsent = queue.To(link.Unsent) });
        return s with { Values = known, Peers = peers };
    }

    /// <summary>
    /// A detour through this node (<c>for</c>): the sender cannot reach the nodes named, so
    /// each of them (not ourselves, nor the sender) is owed the values its link does not owe
    /// already; eager links send them at once, and the link's acknowledgements and resends take
    /// it from there. They never go round again from here (<see cref="PeerLink.PassedOn"/>): if
    /// our link to that node is cut too, they wait for its resend (detours of detours flooded a
    /// side of a partition with copies, and where acknowledgements lag detour-ms they circled
    /// for ever). The values are stored first (see <see cref="Learn"/>), so the link owes only
    /// values held.
    /// </summary>
    private static NodeState PassOn(NodeState s, Seq<string> targets, Seq<long> values,
        string from) =>
        targets.Filter(t => t != s.Self && t != from && IsNode(s, t)).Distinct().Fold(s,
            (acc, t) => acc with
            {
                Peers = acc.Peers.AddOrUpdate(t,
                    OwingAlso(acc.Peers.Find(t).IfNone(PeerLink.Opened), values)),
            });

    /// <summary>The link owing, besides what it owes, those of <paramref name="values"/> it
    /// did not owe yet, marked as passed on.</summary>
    private static PeerLink OwingAlso(PeerLink link, Seq<long> values)
    {
        var owed = link.Owed;
        var lacking = values.Filter(v => !owed.Contains(v));
        return link with
        {
            Unsent = link.Unsent.TryAddRange(lacking),
            PassedOn = link.PassedOn.TryAddRange(lacking),
        };
    }

    /// <summary>The links after <paramref name="from"/> showed it holds
    /// <paramref name="values"/>, when nothing new is queued: only its own link can change, so
    /// the map is not rebuilt (at a hub, that is a thousand links per message).</summary>
    private static Map<string, PeerLink> Owned(Map<string, PeerLink> peers, Seq<long> values,
        string from) =>
        peers.Find(from).Case is PeerLink link && !link.Unsent.IsEmpty && !values.IsEmpty
            ? peers.SetItem(from, link with { Unsent = link.Unsent.RemoveRange(values) })
            : peers;

    /// <summary>Whether values learned from <paramref name="from"/> are passed on: always
    /// from a client, and from another node only when the relay forwards learned
    /// values.</summary>
    private static bool Forwards(NodeState s, string from) =>
        s.Settings.Relay.ForwardsLearned || !IsNode(s, from);

    /// <summary>Whether <paramref name="id"/> is one of the cluster's node ids.</summary>
    private static bool IsNode(NodeState s, string id) =>
        s.Membership.Exists(m => m.NodeIds.Exists(n => n == id));
}
