using System.Diagnostics;
using FunctionalGossip.Core.Wire;
using LanguageExt;
using static LanguageExt.Prelude;

namespace FunctionalGossip.Core;

public static partial class Node
{
    /// <summary>
    /// The gossip tick, per relay link in peer order: if a batch has waited
    /// <see cref="NodeSettings.RetryMs"/> for its acknowledgement, one batch resends everything
    /// the link owes (cumulative: a partitioned peer costs one message per retry interval);
    /// else unsent values go as a new batch; else an acknowledgement that is due goes alone.
    /// Every one of these carries our acknowledgement of the peer's batches. Then re-arm.
    /// A tick before the due time (stale) or before <c>init</c> is a no-op.
    /// </summary>
    private static Transition OnTick(NodeState s, Event.Tick t)
    {
        if (t.Timer != TimerId.Gossip) throw new UnreachableException(t.ToString());
        if (!s.IsInitialised || t.NowMs < s.GossipDueMs) return Unchanged(s, Seq<Effect>());
        var (peers, sends) = s.Peers.Fold((Peers: s.Peers, Sends: Seq<Effect>()),
            (acc, peer, link) => TickLink(s, t.NowMs, peer, link).Match(
                Some: sent => (acc.Peers.SetItem(peer, sent.Link), acc.Sends.Add(sent.Effect)),
                None: () => acc));
        var dueMs = t.NowMs + s.Settings.TickMs;
        var next = s with { Peers = peers, GossipDueMs = dueMs };
        return new Transition(next, sends.Add(new Effect.SetTimer(TimerId.Gossip, dueMs)));
    }

    /// <summary>What one link sends on a tick, if anything.</summary>
    private static Option<Sent> TickLink(NodeState s, long now, string peer, PeerLink link) =>
        link.RetryDue(now, s.Settings.RetryMs)
            ? Some(SendOn(s.Self, now, peer, link, link.Owed, true))
        : !link.Unsent.IsEmpty ? Some(SendOn(s.Self, now, peer, link, link.Unsent, false))
        : link.AckDueMs.Exists(due => due <= now)
            ? Some(SendOn(s.Self, now, peer, link, Set<long>(), false))
        : None;

    /// <summary>
    /// When a batch from <paramref name="peer"/> arriving at <paramref name="now"/> must be
    /// acknowledged at the latest: by the next tick if the peer relays through this node (so
    /// it can tell a silent upstream quickly) or if the batch is a resend (the peer is waiting
    /// for us: waiting longer would only make it resend again); otherwise after
    /// <see cref="NodeSettings.AckMs"/> of waiting for other traffic to carry it.
    /// </summary>
    private static long AckDueMs(NodeState s, long now, string peer, Body.Gossip b) =>
        RelaysThroughUs(s, peer) || b.From.IsSome ? now : now + s.Settings.AckMs;

    private static bool RelaysThroughUs(NodeState s, string peer) =>
        s.Membership.Exists(m => s.Settings.Relay.Upstream(peer, m.NodeIds) == Some(m.Self));

    /// <summary>
    /// After values were learned: links that are eager (see <see cref="Eager"/>) send their
    /// unsent values now, as a batch, instead of on the tick.
    /// </summary>
    private static Transition FlushEager(NodeState s, long now, Seq<Effect> before)
    {
        var up = s.Membership.Bind(m => s.Settings.Relay.Upstream(m.Self, m.NodeIds));
        bool Eager(string peer) => s.Settings.Eager switch
        {
            Core.Eager.All => true,
            Core.Eager.Up => up == Some(peer),
            _ => false,
        };
        var (peers, sends) = s.Peers.Fold((Peers: s.Peers, Sends: before),
            (acc, peer, link) => link.Unsent.IsEmpty || !Eager(peer)
                ? acc
                : SendOn(s.Self, now, peer, link, link.Unsent, false) is var sent
                    ? (acc.Peers.SetItem(peer, sent.Link), acc.Sends.Add(sent.Effect))
                    : acc);
        return new Transition(s with { Peers = peers }, sends);
    }

    /// <summary>One <c>gossip</c> on a link: a new batch of <paramref name="values"/> (none
    /// makes it a bare acknowledgement), replacing every batch in flight when
    /// <paramref name="merged"/>, and our acknowledgement of the peer's batches.</summary>
    private static Sent SendOn(string self, long now, string peer, PeerLink link,
        Set<long> values, bool merged)
    {
        var seq = values.IsEmpty ? None : Some(link.SentSeq + 1);
        var from = merged ? Some(link.AckedSeq + 1) : None;
        var body = new Body.Gossip(seq, from, Ascending.Values(values), link.RecvPrefix);
        var send = new Effect.Send(new Envelope(self, peer, body));
        return new Sent(link.Sent(now, values, merged), send);
    }

    private sealed record Sent(PeerLink Link, Effect Effect);
}
