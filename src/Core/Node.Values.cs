using FunctionalGossip.Core.Wire;
using LanguageExt;
using static LanguageExt.Prelude;

namespace FunctionalGossip.Core;

public static partial class Node
{
    /// <summary>
    /// <c>broadcast</c> (Maelstrom broadcast workload): store the value and acknowledge it.
    /// Acknowledging is a promise that every node will get the value, so it is queued for
    /// every relay peer before the reply is sent. A value we already hold changes nothing,
    /// which makes client retries and duplicated deliveries harmless. Nodes of other designs
    /// forward values as plain <c>broadcast</c>s, so the sender is treated as a holder.
    /// </summary>
    private static Transition OnBroadcast(NodeState s, Envelope m, Body.Broadcast b) =>
        new(Learn(s, Seq1(b.Message), m.Src), ReplyTo(m, b.MsgId, id => new Body.BroadcastOk(id)));

    /// <summary>
    /// <c>read</c>: answer with the node's own local values (fly.io 3c: "Nodes should only
    /// return copies of their own local values"), in the order the node learned them: a
    /// deterministic order it keeps anyway, so the reply is built without a pass over the set
    /// (see <see cref="KnownValues"/>). Maelstrom reads the messages as a set.
    /// </summary>
    private static Transition OnRead(NodeState s, Envelope m, Body.Read b) =>
        Unchanged(s, ReplyTo(m, b.MsgId, id => new Body.ReadOk(id, s.Values.InOrder)));

    /// <summary>
    /// <c>gossip</c> (ours, node to node): store the batch, queue the new values for every
    /// other relay peer, then acknowledge. The ack means "stored and queued onward", so once
    /// it is sent the sender may forget the batch without any value being lost.
    /// </summary>
    private static Transition OnGossip(NodeState s, Envelope m, Body.Gossip b) =>
        new(Learn(s, b.Values, m.Src), ReplyTo(m, b.MsgId, id => new Body.GossipOk(id)));

    /// <summary>
    /// <c>gossip_ok</c> (our ack): the peer stored the batch sent with that <c>msg_id</c>, so it
    /// stops being retried. An ack for an unknown or already acknowledged batch (a duplicate,
    /// or a late ack of a batch since merged into a retry) changes nothing.
    /// </summary>
    private static Transition OnGossipOk(NodeState s, Envelope m, Body.GossipOk b)
    {
        if (s.Peers.Find(m.Src).Case is not PeerLink link
            || !link.InFlight.ContainsKey(b.InReplyTo))
            return Unchanged(s, Seq<Effect>());
        var acked = link with { InFlight = link.InFlight.Remove(b.InReplyTo) };
        return new Transition(s with { Peers = s.Peers.SetItem(m.Src, acked) }, Seq<Effect>());
    }

    /// <summary>
    /// Adds values learned from <paramref name="from"/>: new ones are queued for every relay
    /// peer except the sender (see <see cref="Relay.ForwardsLearned"/>); the sender, shown to
    /// hold them all, is owed none of them.
    /// Learning values already known leaves the state equal (idempotence).
    /// (LanguageExt 4's <c>Set.Union</c>/<c>Except</c> rebuild the whole set, ~1 ms at 10k
    /// values; <c>TryAddRange</c>/<c>RemoveRange</c> touch only the items given.)
    /// </summary>
    internal static NodeState Learn(NodeState s, Seq<long> values, string from)
    {
        var (known, added) = s.Values.AddNew(values);
        var fresh = Forwards(s, from) ? added : Seq<long>();
        var peers = s.Peers.Map((peer, link) => peer == from
            ? link.Unsent.IsEmpty ? link : link with { Unsent = link.Unsent.RemoveRange(values) }
            : fresh.IsEmpty ? link : link with { Unsent = link.Unsent.TryAddRange(fresh) });
        return s with { Values = known, Peers = peers };
    }

    /// <summary>Whether values learned from <paramref name="from"/> are passed on: always
    /// from a client, and from another node only when the relay forwards learned
    /// values.</summary>
    private static bool Forwards(NodeState s, string from) =>
        s.Settings.Relay.ForwardsLearned
        || !s.Membership.Exists(m => m.NodeIds.Exists(n => n == from));
}
