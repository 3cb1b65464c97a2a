using System.Diagnostics;
using FunctionalGossip.Core.Wire;
using LanguageExt;
using static LanguageExt.Prelude;

namespace FunctionalGossip.Core;

public static partial class Node
{
    /// <summary>
    /// The gossip tick: for each relay peer, send one batch holding its unsent values plus the
    /// values of batches unacknowledged for <see cref="NodeSettings.RetryMs"/> (merged, so a
    /// partitioned peer costs one message per retry interval, not one per batch), then re-arm.
    /// Batching on a tick rather than per receive is what keeps messages per op low.
    /// A tick before the due time (stale) or before <c>init</c> is a no-op.
    /// </summary>
    private static Transition OnTick(NodeState s, Event.Tick t)
    {
        if (t.Timer != TimerId.Gossip) throw new UnreachableException(t.ToString());
        if (!s.IsInitialised || t.NowMs < s.GossipDueMs) return Unchanged(s, Seq<Effect>());
        var (peers, sends, nextId) = s.Peers.Fold(
            (Peers: s.Peers, Sends: Seq<Effect>(), NextId: s.NextMsgId),
            (acc, peer, link) => FlushPeer(s, t.NowMs, peer, link).Match(
                Some: link2 => (
                    acc.Peers.SetItem(peer, link2.With(acc.NextId, t.NowMs)),
                    acc.Sends.Add(GossipTo(s.Self, peer, acc.NextId, link2.Values)),
                    acc.NextId + 1),
                None: () => acc));
        var dueMs = t.NowMs + s.Settings.TickMs;
        var next = s with { Peers = peers, NextMsgId = nextId, GossipDueMs = dueMs };
        return new Transition(next, sends.Add(new Effect.SetTimer(TimerId.Gossip, dueMs)));
    }

    /// <summary>What one peer gets on this tick, if anything: the link without the values
    /// being sent, and those values.</summary>
    private static Option<Outgoing> FlushPeer(NodeState s, long now, string peer, PeerLink link)
    {
        bool Expired(Batch b) => now - b.SentAtMs >= s.Settings.RetryMs;
        if (link.Unsent.IsEmpty && !link.InFlight.Exists(Expired)) return None;
        var expired = link.InFlight.Filter(Expired);
        var values = expired.Values.Fold(link.Unsent, (acc, b) => acc.TryAddRange(b.Values));
        if (values.IsEmpty) return None;
        var remaining = expired.Keys.Fold(link.InFlight, (acc, id) => acc.Remove(id));
        return new Outgoing(new PeerLink(Set<long>(), remaining), values);
    }

    private static Effect GossipTo(string self, string peer, long msgId, Set<long> values) =>
        new Effect.Send(new Envelope(self, peer,
            new Body.Gossip(Some(msgId), Ascending.Values(values))));

    private sealed record Outgoing(PeerLink Link, Set<long> Values)
    {
        public PeerLink With(long msgId, long now) =>
            Link with { InFlight = Link.InFlight.Add(msgId, new Batch(Values, now)) };
    }
}
