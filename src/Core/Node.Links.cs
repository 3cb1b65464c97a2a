using System.Diagnostics;
using FunctionalGossip.Core.Wire;
using LanguageExt;
using static LanguageExt.Prelude;

namespace FunctionalGossip.Core;

public static partial class Node
{
    /// <summary>
    /// The gossip tick. First the upstream check (see <see cref="FallBack"/>) and the check for
    /// cut links (see <see cref="MarkDetours"/>). Then, per link in peer order: if a batch has
    /// waited <see cref="NodeSettings.RetryMs"/> for its acknowledgement, one batch resends
    /// everything the link owes (cumulative: a partitioned peer costs one message per retry
    /// interval); else unsent values go as a new batch, unless they go round a cut (see
    /// <see cref="PeerLink.GoesRound"/>); else
    /// an acknowledgement that is due goes alone. Every one of these carries our
    /// acknowledgement of the peer's batches. Then the detours (see <see cref="Detour"/>), and
    /// re-arm.
    /// A tick before the due time (stale) or before <c>init</c> is a no-op.
    /// </summary>
    private static Transition OnTick(NodeState s, Event.Tick t)
    {
        if (t.Timer != TimerId.Gossip) throw new UnreachableException(t.ToString());
        if (!s.IsInitialised || t.NowMs < s.GossipDueMs) return Unchanged(s, Seq<Effect>());
        var checkedUp = FallBack(s, t.NowMs);
        var marked = MarkDetours(Settled(checkedUp.State), t.NowMs, checkedUp.Effects);
        var state = marked.State;
        var (peers, sends) = state.Peers.Fold((Peers: state.Peers, Sends: marked.Effects),
            (acc, peer, link) => TickLink(state, t.NowMs, peer, link).Match(
                Some: sent => (acc.Peers.SetItem(peer, sent.Link), acc.Sends.Add(sent.Effect)),
                None: () => acc));
        var detoured = Detour(state with { Peers = peers }, t.NowMs, sends);
        var dueMs = t.NowMs + s.TickIntervalMs;
        var next = detoured.State with { GossipDueMs = dueMs };
        return new Transition(next,
            detoured.Effects.Add(new Effect.SetTimer(TimerId.Gossip, dueMs)));
    }

    /// <summary>
    /// No single point of failure: when a batch to the upstream has waited the link's suspect
    /// timeout for its acknowledgement (<see cref="PeerLink.SuspectAfterMs"/>: its measured
    /// round trips, within <see cref="NodeSettings.SuspectMinMs"/> and
    /// <see cref="NodeSettings.SuspectMs"/>; an acknowledgement that is merely late still
    /// comes, and is taken back, see <see cref="FirstToAnswer"/>), the node relays through
    /// the next node id instead (cyclically, skipping itself), which is owed everything the
    /// silent upstream is owed. The old link keeps its batches and resends them, so nothing
    /// depends on the guess being right. Messages to a fallback upstream carry the node's
    /// values as ranges, so it sends exactly what is missing.
    /// </summary>
    private static Transition FallBack(NodeState s, long now)
    {
        if (s.Settings.SuspectMs == 0 || s.Upstream.Case is not string up
            || s.Peers.Find(up).Case is not PeerLink link || !link.Silent(now, s.Settings))
            return Unchanged(s, Seq<Effect>());
        var silentMs = link.SuspectAfterMs(s.Settings);
        return Reroute(s, now, up, next => new Note.Fallback(up, silentMs, next));
    }

    /// <summary>
    /// Stop relaying through <paramref name="up"/>: try the next
    /// <see cref="NodeSettings.Probes"/> node ids after it at once (cyclically, skipping
    /// ourselves and candidates already silent, see <see cref="PeerLink.Silent"/>), each
    /// owed everything <paramref name="up"/> is owed. The first of them is the upstream until
    /// another answers sooner (see <see cref="FirstToAnswer"/>): trying one at a time would
    /// cost a silence per unreachable candidate. <paramref name="why"/> says why, given the new
    /// upstream.
    /// </summary>
    private static Transition Reroute(NodeState s, long now, string up, Func<string, Note> why)
    {
        var tries = Candidates(s, up, l => l.Silent(now, s.Settings))
            .Take((int)s.Settings.Probes);
        if (tries.IsEmpty) return Unchanged(s, Seq<Effect>());
        var owed = s.Peers[up].Owed;
        var next = tries.Head;
        var peers = tries.Fold(NoneProbing(s.Peers),
            (acc, c) => acc.AddOrUpdate(c, acc.Find(c).IfNone(PeerLink.Opened) is var link
                ? link with { Unsent = link.Unsent.TryAddRange(owed), Probing = c != next }
                : link));
        var rerouted = s with { Peers = peers, Upstream = next, UpstreamPath = Seq<string>() };
        return PingIdle(rerouted, now, tries, Seq1<Effect>(new Effect.Log(why(next))));
    }

    /// <summary>Pings each of <paramref name="peers"/> whose link owes nothing (see
    /// <see cref="PeerLink.Pinged"/>): a candidate tried by a node that owes nothing (its
    /// upstream went silent on a ping) would otherwise not hear from it, so would neither
    /// answer nor learn what the node lacks.</summary>
    private static Transition PingIdle(NodeState s, long now, Seq<string> peers,
        Seq<Effect> before)
    {
        var (links, sends) = peers.Fold((Links: s.Peers, Sends: before), (acc, peer) =>
            acc.Links[peer] is var link && (!link.Unsent.IsEmpty || !link.InFlight.IsEmpty)
                ? acc
                : SendOn(s, now, peer, link, Set<long>(), false, ping: true) is var sent
                    ? (acc.Links.SetItem(peer, sent.Link), acc.Sends.Add(sent.Effect))
                    : acc);
        return new Transition(s with { Peers = links }, sends);
    }

    /// <summary>
    /// No silent upstream goes unnoticed: a node learns that its upstream is cut off when a
    /// batch to it goes unacknowledged for the link's suspect timeout, but a node
    /// whose clients give it no values sends none, so it could stay cut off from every value
    /// until the partition heals (in one simulated run a leaf cut from the hub at the start
    /// heard nothing for 2.6 s, until a client's value gave it a batch to wait on). So a read
    /// at a node whose upstream has written nothing for that timeout
    /// (<see cref="PeerLink.SuspectAfterMs"/>), and is owed nothing, pings
    /// it (see <see cref="PeerLink.Pinged"/>), and the fallback rule applies to the ping as to
    /// any batch. On reads, not on the tick: in a quiet cluster the upstream is silent too, and
    /// a ping every interval would cost two messages per node with no value to carry, while
    /// reads mean clients are waiting for values.
    /// </summary>
    private static Transition PingIfSilent(NodeState s, long now, Seq<Effect> before) =>
        s.Settings.SuspectMs > 0 && s.Upstream.Case is string up
        && s.Peers.Find(up).Case is PeerLink link && link.Unsent.IsEmpty
        && link.InFlight.IsEmpty && now - link.HeardMs >= link.SuspectAfterMs(s.Settings)
            ? PingIdle(s, now, Seq1(up), before)
            : new Transition(s, before);

    /// <summary>The links with no candidate being tried any more (an upstream was chosen, or
    /// the shape's own answered).</summary>
    private static Map<string, PeerLink> NoneProbing(Map<string, PeerLink> peers) =>
        peers.Map(l => l.Probing ? l with { Probing = false } : l);

    /// <summary>The node ids after <paramref name="up"/>, cyclically, without ourselves,
    /// <paramref name="up"/>, and peers whose link is <paramref name="silent"/> (tried, and
    /// silent).</summary>
    private static Seq<string> Candidates(NodeState s, string up, Func<PeerLink, bool> silent)
    {
        var ids = s.Membership.Map(m => m.NodeIds).IfNone(Seq<string>());
        var i = ids.ToList().IndexOf(up);
        // Enumerable.Range, not LanguageExt's Range: that one builds its IntegerRange through
        // reflection, which Native AOT cannot (see the README's traps).
        return toSeq(Enumerable.Range(1, Math.Max(0, ids.Count - 1))
            .Select(k => ids[(i + k) % ids.Count])
            .Where(id => id != s.Self && !s.Peers.Find(id).Exists(silent))
            .ToArray());
    }

    /// <summary>
    /// The first candidate to answer wins: while in fallback, an acknowledgement from a peer
    /// being tried (<see cref="PeerLink.Probing"/>) of a batch no newer than one the upstream
    /// still has not acknowledged makes that peer the upstream, owed what the old one is owed.
    /// Either way that peer is no longer being tried.
    /// </summary>
    private static Transition FirstToAnswer(NodeState s, string from, Option<Answered> answered)
    {
        if (answered.Case is not Answered a || s.Upstream.Case is not string up || up == from
            || !s.Peers.Find(from).Exists(l => l.Probing))
            return Unchanged(s, Seq<Effect>());
        var link = s.Peers[from] with { Probing = false };
        var old = s.Peers[up];
        if (!old.InFlight.Exists((_, b) => b.SentAtMs <= a.SentAtMs))
            return Unchanged(s with { Peers = s.Peers.SetItem(from, link) }, Seq<Effect>());
        var owed = old.Owed.RemoveRange(a.Values);
        var peers = NoneProbing(s.Peers)
            .SetItem(from, link with { Unsent = link.Unsent.TryAddRange(owed) });
        var next = s with { Peers = peers, Upstream = from, UpstreamPath = Seq<string>() };
        return new Transition(next, Seq1<Effect>(new Effect.Log(new Note.AnsweredFirst(from, up))));
    }

    /// <summary>
    /// No relay loops: a fallback upstream whose route towards the hub (its <c>path</c>) runs
    /// through this node cannot carry our values anywhere new (two nodes cut off from the hub
    /// may pick each other, or three may form a ring), so the node moves on to the next
    /// candidate at once instead of waiting for a silence that never comes (the loop answers
    /// every batch). Only a node in fallback moves: the shape has no loops, so every loop holds
    /// one. Otherwise the path is just remembered, to build our own.
    /// </summary>
    private static Transition HeardUpstreamPath(NodeState s, long now, string from,
        Seq<string> path)
    {
        if (s.Upstream != Some(from)) return Unchanged(s, Seq<Effect>());
        var heard = s with { UpstreamPath = path };
        return path.Exists(n => n == s.Self) && s.Upstream != s.ShapeUpstream
            ? Reroute(heard, now, from, next => new Note.RelayLoop(from, next))
            : Unchanged(heard, Seq<Effect>());
    }

    /// <summary>
    /// A message from <paramref name="peer"/> whose acknowledgement leaves out a batch we sent
    /// the link's suspect timeout ago or more (<see cref="PeerLink.Silent"/>: longer than its
    /// acknowledgements take) shows that batch was lost (the peer
    /// would have had it long before writing): resend everything the link owes at once,
    /// instead of waiting for <see cref="NodeSettings.RetryMs"/>. This is what catches a peer
    /// up within a round trip of a partition healing.
    /// </summary>
    private static Transition ResendIfMissed(NodeState s, long now, string peer,
        Seq<Effect> before)
    {
        if (s.Settings.SuspectMs == 0 || s.Peers.Find(peer).Case is not PeerLink link
            || !link.Silent(now, s.Settings))
            return new Transition(s, before);
        var sent = SendOn(s, now, peer, link, link.Owed, true);
        return new Transition(s with { Peers = s.Peers.SetItem(peer, sent.Link) },
            before.Add(sent.Effect));
    }

    /// <summary>
    /// No cut link stalls a value: a link to a peer other than the upstream (which has
    /// <see cref="FallBack"/>) whose batch has waited <see cref="NodeSettings.DetourMs"/> for
    /// its acknowledgement is taken for cut (<see cref="PeerLink.Detouring"/>) until the peer is
    /// heard from again. Acknowledgements ride on the peer's own traffic or go alone within
    /// <see cref="NodeSettings.AckMs"/>, so a longer silence means the link, not the peer, is
    /// the likelier fault.
    /// </summary>
    private static Transition MarkDetours(NodeState s, long now, Seq<Effect> before)
    {
        if (s.Settings.DetourMs == 0) return new Transition(s, before);
        var (peers, notes) = s.Peers.Fold((Peers: s.Peers, Notes: before),
            (acc, peer, link) => link.Detouring || s.Upstream == Some(peer)
                || s.ShapeUpstream == Some(peer) || !link.WaitedFor(now, s.Settings.DetourMs)
                ? acc
                : (acc.Peers.SetItem(peer, link with { Detouring = true }),
                    acc.Notes.Add(new Effect.Log(new Note.Detouring(peer, s.Settings.DetourMs)))));
        return new Transition(s with { Peers = peers }, notes);
    }

    /// <summary>Links that owe nothing any more forget what went round (see
    /// <see cref="PeerLink.Detoured"/> and <see cref="PeerLink.PassedOn"/>).</summary>
    private static NodeState Settled(NodeState s)
    {
        static bool Stale(PeerLink l) => (!l.Detoured.IsEmpty || !l.PassedOn.IsEmpty)
            && l.InFlight.IsEmpty && l.Unsent.IsEmpty;
        return s.Peers.Exists((_, l) => Stale(l))
            ? s with
            {
                Peers = s.Peers.Map(l =>
                    Stale(l) ? l with { Detoured = Set<long>(), PassedOn = Set<long>() } : l),
            }
            : s;
    }

    /// <summary>
    /// Detours: the values that links taken for cut owe and have not yet sent around go, for
    /// each such link, to <see cref="NodeSettings.Probes"/> other peers that are neither cut nor
    /// silent themselves and have not said they cannot reach that node either
    /// (<see cref="PeerLink.PeerCut"/>; see <see cref="DetourVia"/>), one message per peer
    /// naming the nodes it is for; each passes them on (see <see cref="PassOn"/>). More than
    /// one, because which of them still reaches a cut-off node is not known for sure. Values
    /// for a node nobody is known to reach wait (a partition with no way round costs nothing
    /// extra). The links keep owing the values and resend them to the peer every
    /// <see cref="NodeSettings.RetryMs"/>, so nothing depends on a detour arriving; each resend
    /// starts the detour afresh, so one lost on the way is tried again. Values that came to us
    /// through a detour never go round again from here (<see cref="PeerLink.PassedOn"/>).
    /// </summary>
    private static Transition Detour(NodeState s, long now, Seq<Effect> before)
    {
        // Only MarkDetours takes links for cut, and not without detour-ms: spare the scan.
        if (s.Settings.DetourMs == 0) return new Transition(s, before);
        var owing = s.Peers.Filter(l => l.Detouring)
            .Map(l => l.Owed.RemoveRange(l.Detoured).RemoveRange(l.PassedOn))
            .Filter(v => !v.IsEmpty);
        if (owing.IsEmpty) return new Transition(s, before);
        var via = DetourVia(s, now, toSeq(owing.Keys));
        var covered = via.Fold(Set<string>(), (acc, c) => acc.TryAddRange(c.For));
        var marked = owing.Filter((peer, _) => covered.Contains(peer)).Fold(s.Peers,
            (acc, peer, v) =>
                acc.SetItem(peer, acc[peer] with { Detoured = acc[peer].Detoured.TryAddRange(v) }));
        var (peers, sends) = via.Fold((Peers: marked, Sends: before), (acc, c) =>
            SendOn(s, now, c.Peer, c.Link, c.For.Fold(Set<long>(),
                (vs, t) => vs.TryAddRange(owing[t])), false, c.For) is var sent
                ? (acc.Peers.AddOrUpdate(c.Peer, sent.Link), acc.Sends.Add(sent.Effect))
                : acc);
        return new Transition(s with { Peers = peers }, sends);
    }

    /// <summary>Which peers a detour for <paramref name="targets"/> goes through, and for which
    /// of them: the node ids after this one in order (neither cut nor silent), each target
    /// through the first <see cref="NodeSettings.Probes"/> of them that have not said they
    /// cannot reach it. Taking them in one order keeps the messages few: each peer gets one
    /// message for all its targets.</summary>
    private static Seq<(string Peer, PeerLink Link, Seq<string> For)> DetourVia(NodeState s,
        long now, Seq<string> targets)
    {
        var needed = toMap(targets.Map(t => (t, s.Settings.Probes)));
        var picked = Seq<(string Peer, PeerLink Link, Seq<string> For)>();
        foreach (var peer in Candidates(s, s.Self, l => l.WaitedFor(now, s.Settings.DetourMs)))
        {
            var link = s.Peers.Find(peer).IfNone(PeerLink.Opened);
            var reaches = targets.Filter(t => needed[t] > 0 && !link.PeerCut.Contains(t));
            if (link.Detouring || reaches.IsEmpty) continue;
            needed = reaches.Fold(needed, (acc, t) => acc.SetItem(t, acc[t] - 1));
            picked = picked.Add((peer, link, reaches));
        }
        return picked;
    }

    /// <summary>What one link sends on a tick, if anything. A resend sends what a link taken
    /// for cut owes round again too (see <see cref="PeerLink.Detoured"/>); a link left behind
    /// sends no new batch (see <see cref="LeftBehind"/>).</summary>
    private static Option<Sent> TickLink(NodeState s, long now, string peer, PeerLink link) =>
        link.WaitedFor(now, s.Settings.RetryMs)
            ? Some(SendOn(s, now, peer, link with { Detoured = Set<long>() }, link.Owed, true))
        : !link.Unsent.IsEmpty && !link.GoesRound && !LeftBehind(s, peer, link)
            ? Some(SendOn(s, now, peer, link, link.Unsent, false))
        : link.AckDueMs.Exists(due => due <= now)
            ? Some(SendOn(s, now, peer, link, Set<long>(), false))
        : None;

    /// <summary>
    /// No batch per tick to an upstream that went silent: while a node relays through a
    /// fallback, its link to the shape's upstream, with a batch there still unanswered, sends
    /// no new batch; what it owes waits for the link's retry (<see cref="NodeSettings.RetryMs"/>),
    /// which carries it all in one message. The values reach the others through the fallback
    /// meanwhile, and the shape's upstream takes the node back with its first message after
    /// the heal (in one simulated run, four leaves cut off from the hub for 19 s sent it about
    /// 220 batches that could not arrive, a fifth of the run's messages).
    /// </summary>
    private static bool LeftBehind(NodeState s, string peer, PeerLink link) =>
        s.ShapeUpstream == Some(peer) && s.Upstream != s.ShapeUpstream && !link.InFlight.IsEmpty;

    /// <summary>
    /// When a batch arriving at <paramref name="now"/> must be acknowledged at the latest: by
    /// the next tick if its sender relays through this node (so it can tell a silent upstream
    /// quickly) or if the batch is a resend (the peer is waiting for us: waiting longer would
    /// only make it resend again); otherwise after <see cref="NodeSettings.AckMs"/> of
    /// waiting for other traffic to carry it.
    /// </summary>
    private static long AckDueMs(NodeState s, long now, Body.Gossip b) =>
        b.Up || b.From.IsSome ? now : now + s.Settings.AckMs;

    /// <summary>
    /// After values were learned from <paramref name="from"/>: links that are eager (see
    /// <see cref="Eager"/>) send their unsent values now, as a batch, instead of on the tick; a
    /// link whose values go round a cut does not (see <see cref="PeerLink.GoesRound"/>). With
    /// <c>eager=up</c> that is the shape's upstream, and a peer in fallback that relays through
    /// us for values from the shape's upstream: the hub's come in one batch per tick anyway, so
    /// passing each on at once costs no more messages than our tick would, and takes a tick
    /// wait off a route that is long already. Not while we are in fallback ourselves (where the
    /// hub is cut off from everyone, passing on every batch along chains of fallbacks raised
    /// the worst seed's cost from 4.6 to 6.2 messages per operation), and not the values a
    /// client gives a node in fallback (sent at once to its fallback upstream, they cost 0.3
    /// messages per operation more on that seed for no gain the sweep could see).
    /// </summary>
    private static Transition FlushEager(NodeState s, long now, Seq<Effect> before, string from)
    {
        var fromShapeUpstream = s.Upstream == Some(from) && s.Upstream == s.ShapeUpstream;
        bool Eager(string peer, PeerLink link) => s.Settings.Eager switch
        {
            Core.Eager.All => true,
            Core.Eager.Up => (s.Upstream == Some(peer) && s.Upstream == s.ShapeUpstream)
                || (fromShapeUpstream && link.Attached && link.WantsHave),
            _ => false,
        };
        var (peers, sends) = s.Peers.Fold((Peers: s.Peers, Sends: before),
            (acc, peer, link) => link.Unsent.IsEmpty || link.GoesRound || !Eager(peer, link)
                ? acc
                : SendOn(s, now, peer, link, link.Unsent, false) is var sent
                    ? (acc.Peers.SetItem(peer, sent.Link), acc.Sends.Add(sent.Effect))
                    : acc);
        return new Transition(s with { Peers = peers }, sends);
    }

    /// <summary>One <c>gossip</c> on a link: a new batch of <paramref name="values"/> (none
    /// makes it a bare acknowledgement, unless it is a <paramref name="ping"/>), or when
    /// <paramref name="merged"/> a resend of everything the link owes (<paramref name="values"/>:
    /// see <see cref="PeerLink.Resent"/>; always numbered, even when all it owes is an
    /// unanswered ping), and our acknowledgement of the peer's batches; to our
    /// upstream marked <c>up</c>, to a fallback upstream and to a peer in fallback that relays
    /// through us with our values as ranges (so a fallback upstream learns what its new relayer
    /// lacks, and the relayer what the upstream lacks: values stranded where a loop was are
    /// pushed on), and to a peer that relays through us with our route towards the
    /// hub. With <paramref name="detourFor"/> it is a detour instead of a batch: the values, for
    /// the peer to pass on to those nodes, unnumbered and never acknowledged.</summary>
    private static Sent SendOn(NodeState s, long now, string peer, PeerLink link,
        Set<long> values, bool merged, Seq<string> detourFor = default, bool ping = false)
    {
        var detour = !detourFor.IsEmpty;
        var next = ping ? link.Pinged(now)
            : merged ? link.Resent(now)
            : link.Sent(now, detour ? Set<long>() : values);
        var seq = ping || merged || (!values.IsEmpty && !detour) ? Some(next.SentSeq) : None;
        var from = merged ? Some(link.AckedSeq + 1) : None;
        var up = s.Upstream == Some(peer) || link.Probing;
        var have = (up && (s.Upstream != s.ShapeUpstream || link.Probing))
            || (link.WantsHave && link.Attached)
            ? Ranges.Of(s.Values.Set)
            : Seq<long>();
        var path = link.Attached ? s.RouteToHub : Seq<string>();
        var body = new Body.Gossip(seq, from, Ascending.Values(values), link.RecvPrefix, up, have,
            path, detourFor, CutOff(s));
        var send = new Effect.Send(new Envelope(s.Self, peer, body));
        return new Sent(next, send);
    }

    /// <summary>The peers this node takes for cut (see <see cref="MarkDetours"/>), which every
    /// message it sends names (<c>cut</c>), so its peers detour around them
    /// elsewhere.</summary>
    private static Seq<string> CutOff(NodeState s) =>
        s.Settings.DetourMs == 0 ? Seq<string>()
        : toSeq(s.Peers.Filter(l => l.Detouring).Keys);

    private sealed record Sent(PeerLink Link, Effect Effect);

    /// <summary>What an acknowledgement just retired on a link: when the oldest of those
    /// batches was sent, and the values they held (the peer has them now).</summary>
    private sealed record Answered(long SentAtMs, Set<long> Values);
}
