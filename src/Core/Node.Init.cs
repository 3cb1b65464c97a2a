using FunctionalGossip.Core.Wire;
using LanguageExt;
using static LanguageExt.Prelude;

namespace FunctionalGossip.Core;

public static partial class Node
{
    /// <summary>
    /// <c>init</c> (Maelstrom protocol): learn our id and the cluster, answer <c>init_ok</c>.
    /// The relay peers that need no topology are fixed here and the gossip timer starts, so
    /// values can flow as soon as clients write. A repeated identical <c>init</c> is answered
    /// again and changes nothing (duplicates are harmless); a different one is refused with
    /// <c>abort</c>, because changing identity would orphan values owed to old peers.
    /// </summary>
    private static Transition OnInit(NodeState s, long now, Envelope m, Body.Init b)
    {
        var ok = ReplyTo(m, b.MsgId, id => new Body.InitOk(id));
        if (s.Membership.Case is Membership known)
            return known.Self == b.NodeId && known.NodeIds == b.NodeIds
                ? Unchanged(s, ok)
                : Unchanged(s, ReplyError(m, b.MsgId, ErrorCode.Abort,
                    $"already initialised as {known.Self} of {known.NodeIds.Count} nodes"));
        if (!b.NodeIds.Exists(n => n == b.NodeId))
            return Unchanged(s, ReplyError(m, b.MsgId, ErrorCode.MalformedRequest,
                $"node_id '{b.NodeId}' is not in node_ids"));
        var peers = s.Settings.Relay.PeersAtInit(b.NodeId, b.NodeIds)
            .Fold(Map<string, PeerLink>(), (acc, p) => acc.Add(p, PeerLink.Empty));
        var dueMs = now + s.Settings.TickMsFor(b.NodeIds.Count);
        var next = s with
        {
            Membership = new Membership(b.NodeId, b.NodeIds),
            Peers = peers,
            GossipDueMs = dueMs,
            Upstream = s.Settings.Relay.Upstream(b.NodeId, b.NodeIds),
        };
        return new Transition(next, ok.Add(new Effect.SetTimer(TimerId.Gossip, dueMs)));
    }

    /// <summary>
    /// Requests before <c>init</c> get <c>temporarily-unavailable</c> (11): the node does not
    /// yet know who it is, and 11 is definite, so a client knows nothing happened.
    /// Replies and requests without <c>msg_id</c> can only be logged.
    /// </summary>
    private static Transition OnBeforeInit(NodeState s, Envelope m) =>
        Unchanged(s, ReplyError(m, m.Body.MsgIdOrNone, ErrorCode.TemporarilyUnavailable,
            $"not initialised: {m.Body.Type} before init"));

    /// <summary>
    /// <c>topology</c>: always answered <c>topology_ok</c>, as Maelstrom's setup requires.
    /// Only with <c>relay=given</c> does it change who we relay to: its listed neighbours that
    /// are known node ids become peers, each owed every value we hold (they may lack any).
    /// Peers are only ever added, never dropped, so no owed value is forgotten.
    /// </summary>
    private static Transition OnTopology(NodeState s, Envelope m, Body.Topology b)
    {
        var ok = ReplyTo(m, b.MsgId, id => new Body.TopologyOk(id));
        if (s.Settings.Relay is not Relay.Given) return Unchanged(s, ok);
        var known = toSet(s.Membership.Map(x => x.NodeIds).IfNone(Seq<string>()));
        var listed = b.Neighbours.Find(s.Self).IfNone(Seq<string>());
        var usable = listed.Filter(n => n != s.Self && known.Contains(n));
        var fresh = usable.Filter(n => !s.Peers.ContainsKey(n)).Distinct();
        var owedAll = PeerLink.Empty with { Unsent = s.Values.Set };
        var peers = fresh.Fold(s.Peers, (acc, p) => acc.Add(p, owedAll));
        var ignored = listed.Filter(n => !usable.Contains(n));
        var effects = ignored.IsEmpty
            ? ok
            : ok.Add(new Effect.Log(new Note.UnknownNeighbours(ignored)));
        return new Transition(s with { Peers = peers }, effects);
    }
}
