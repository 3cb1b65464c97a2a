using LanguageExt;
using static LanguageExt.Prelude;

namespace FunctionalGossip.Core;

/// <summary>Who the node is, learned from <c>init</c>.</summary>
/// <param name="Self">This node's id.</param>
/// <param name="NodeIds">Every node id, in test order.</param>
public sealed record Membership(string Self, Seq<string> NodeIds);

/// <summary>A batch of values sent to a peer and not yet acknowledged.</summary>
/// <param name="Values">The values the batch carried.</param>
/// <param name="SentAtMs">When it was last sent; after <see cref="NodeSettings.RetryMs"/> it
/// is resent.</param>
/// <param name="Resent">Whether it was sent more than once: then an acknowledgement may answer
/// any copy, so it gives no round-trip sample (Karn's rule, see <see cref="RoundTrip"/>).</param>
public sealed record Batch(Set<long> Values, long SentAtMs, bool Resent = false);

/// <summary>
/// A link's round-trip estimate, as TCP keeps it for its retransmission timeout (RFC 6298,
/// section 2): the smoothed round-trip time and its mean deviation, in whole ms, from the
/// acknowledgements of batches sent once. What it measures is how long a batch waits for its
/// acknowledgement, which rides on the peer's next message (the hub's tick, for a leaf), so
/// that wait is part of it.
/// </summary>
/// <param name="SrttMs">The smoothed round-trip time (SRTT).</param>
/// <param name="RttVarMs">The round-trip time's mean deviation (RTTVAR).</param>
public sealed record RoundTrip(long SrttMs, long RttVarMs)
{
    /// <summary>The estimate after the first sample: SRTT = R, RTTVAR = R / 2.</summary>
    public static RoundTrip First(long rttMs) => new(rttMs, rttMs / 2);

    /// <summary>The estimate after another sample: RTTVAR = 3/4 RTTVAR + 1/4 |SRTT − R|,
    /// then SRTT = 7/8 SRTT + 1/8 R (alpha 1/8, beta 1/4).</summary>
    public RoundTrip Sampled(long rttMs) =>
        new((7 * SrttMs + rttMs) / 8, (3 * RttVarMs + Math.Abs(SrttMs - rttMs)) / 4);

    /// <summary>How long an acknowledgement may take before its absence means something:
    /// SRTT + K RTTVAR, K being <paramref name="deviations"/> (RFC 6298's RTO, before its
    /// bounds, has K = 4).</summary>
    public long TimeoutMs(long deviations) => SrttMs + deviations * RttVarMs;
}

/// <summary>
/// One relay link, both ways. Outgoing: values not yet sent, and batches sent but not yet
/// acknowledged, by their sequence number on this link (1, 2, 3, ...). A value leaves this
/// record only when the peer acknowledges a batch holding it, or shows it already has it by
/// sending it to us. Incoming: which of the peer's batches arrived (every one up to
/// <see cref="RecvPrefix"/>, plus <see cref="RecvAbove"/>), and since when the peer has not
/// been told so, and by when it must be (acknowledgements are cumulative and ride on whatever
/// we send the peer; one goes alone only when due).
/// </summary>
/// <param name="Unsent">Values to put in the next batch.</param>
/// <param name="InFlight">Unacknowledged batches by sequence number.</param>
/// <param name="SentSeq">The sequence number of the last batch sent on this link.</param>
/// <param name="AckedSeq">The peer's latest acknowledgement: it has every batch up to this
/// one, so a resend covers every batch after it.</param>
/// <param name="RecvPrefix">Every batch of the peer's numbered up to this one has
/// arrived: the acknowledgement we send.</param>
/// <param name="RecvAbove">Batches of the peer's that arrived beyond a gap.</param>
/// <param name="SentAck">The acknowledgement we last sent the peer.</param>
/// <param name="AckDueMs">When an acknowledgement the peer has not yet had must go, alone if
/// nothing else carries it; none when the last acknowledgement we sent is current.</param>
/// <param name="Relayed">Whether the peer is part of this node's relay shape (from
/// <c>init</c> or <c>topology</c>); a link opened because the peer wrote to us is not.</param>
/// <param name="Attached">Whether the peer's latest message said it relays through us (its
/// upstream, by the shape or as a fallback).</param>
/// <param name="WantsHave">Whether the peer's latest message carried its values as ranges
/// (<c>have</c>): it is in fallback, so our messages to it carry ours, and each side sends
/// exactly what the other lacks.</param>
/// <param name="Probing">Whether the peer is one of the candidates a node in fallback tries at
/// once: messages to it say <c>up</c> until one candidate answers first (see
/// <see cref="NodeState.Upstream"/>).</param>
/// <param name="Detouring">Whether the link is taken for cut: a batch waited
/// <see cref="NodeSettings.DetourMs"/> for its acknowledgement and the peer has not been heard
/// from since. Its values go through other peers (see <see cref="Detoured"/>).</param>
/// <param name="Detoured">The values owed that already went through other peers in this
/// detour (cleared by each resend, so a detour lost on the way is tried again, and on the tick
/// once the link owes nothing).</param>
/// <param name="PassedOn">The values owed that came to us through a detour for this peer:
/// never sent round again by us (detours of detours kept circling where detour-ms is shorter
/// than a resend's round trip); cleared on the tick once the link owes nothing.</param>
/// <param name="PeerCut">The nodes the peer's latest message said it cannot reach
/// (<c>cut</c>): no detour for them goes through it.</param>
/// <param name="HeardMs">When the peer's latest message arrived (0 before any): a read at a node
/// whose upstream has been silent for <see cref="NodeSettings.SuspectMs"/> pings it (see
/// <see cref="Pinged"/>).</param>
/// <param name="Rtt">The link's round-trip estimate, none before the first sample: it sets how
/// long the peer may leave a batch unacknowledged (see <see cref="SuspectAfterMs"/>).</param>
public sealed record PeerLink(
    Set<long> Unsent,
    Map<long, Batch> InFlight,
    long SentSeq,
    long AckedSeq,
    long RecvPrefix,
    Set<long> RecvAbove,
    long SentAck,
    Option<long> AckDueMs,
    bool Relayed,
    bool Attached,
    bool WantsHave = false,
    bool Probing = false,
    bool Detouring = false,
    Set<long> Detoured = default,
    Set<string> PeerCut = default,
    Set<long> PassedOn = default,
    long HeardMs = 0,
    Option<RoundTrip> Rtt = default)
{
    /// <summary>A relay link that owes nothing and has heard nothing.</summary>
    public static readonly PeerLink Empty =
        new(Set<long>(), Map<long, Batch>(), 0, 0, 0, Set<long>(), 0, None, true, false);

    /// <summary>A link opened because the peer wrote to us (or we fell back to it): values
    /// go on it only while the peer is <see cref="Attached"/>.</summary>
    public static readonly PeerLink Opened = Empty with { Relayed = false };

    /// <summary>Whether the link is taken for cut and its values do go round it (some peer
    /// could take them): new values then go straight to the peer only with the resend, not
    /// also in batches of their own that the cut would drop. Where nobody can take them (a
    /// partition with no way round) they keep going straight, so the first to cross a healed
    /// link ends the detour at once.</summary>
    public bool GoesRound => Detouring && (!Detoured.IsEmpty || !PassedOn.IsEmpty);

    /// <summary>Whether values this node learns are queued for the peer.</summary>
    public bool Forwarded => Relayed || Attached;

    /// <summary>Whether the oldest batch in flight has waited <paramref name="ms"/> for its
    /// acknowledgement.</summary>
    public bool WaitedFor(long now, long ms) =>
        InFlight.Exists((_, b) => now - b.SentAtMs >= ms);

    /// <summary>How long a batch on this link may wait for its acknowledgement before the
    /// peer is taken for silent: the round-trip estimate's timeout (see
    /// <see cref="RoundTrip.TimeoutMs"/>, with <see cref="NodeSettings.SuspectDeviations"/>),
    /// at least <see cref="NodeSettings.SuspectMinMs"/>
    /// and at most <see cref="NodeSettings.SuspectMs"/> (which wins where the two cross), and
    /// <see cref="NodeSettings.SuspectFirstMs"/> (at most <see cref="NodeSettings.SuspectMs"/>)
    /// until the link has a sample.</summary>
    public long SuspectAfterMs(NodeSettings s) => Rtt.Match(
        r => Math.Min(s.SuspectMs, Math.Max(s.SuspectMinMs, r.TimeoutMs(s.SuspectDeviations))),
        () => Math.Min(s.SuspectFirstMs, s.SuspectMs));

    /// <summary>Whether the oldest batch in flight has waited the link's suspect timeout
    /// (<see cref="SuspectAfterMs"/>) for its acknowledgement.</summary>
    public bool Silent(long now, NodeSettings s) => WaitedFor(now, SuspectAfterMs(s));

    /// <summary>Every value this link still has to get acknowledged.</summary>
    public Set<long> Owed => InFlight.Values.Fold(Unsent, (acc, b) => acc.TryAddRange(b.Values));

    /// <summary>The link after the peer acknowledged every batch up to
    /// <paramref name="ack"/>, at <paramref name="now"/>. The oldest of the batches it retires
    /// that went only once gives a round-trip sample (<see cref="RoundTrip"/>; a resent batch
    /// gives none, by Karn's rule: the acknowledgement may answer any copy), counted as at
    /// most <paramref name="ceilingMs"/> (the longest timeout it can set: one outlier beyond it
    /// would keep the timeout there for many samples). No sample when
    /// <paramref name="ceilingMs"/> is 0 (nothing is ever suspected).</summary>
    public PeerLink Acked(long ack, long now, long ceilingMs)
    {
        if (ack <= AckedSeq) return this;
        var once = InFlight.Filter((seq, b) => seq <= ack && !b.Resent).Values.ToSeq();
        return this with
        {
            InFlight = InFlight.Filter((seq, _) => seq > ack),
            AckedSeq = Math.Min(ack, SentSeq),
            Rtt = ceilingMs == 0 || once.IsEmpty ? Rtt
                : Some(Sampled(Math.Min(now - once.Map(b => b.SentAtMs).Min(), ceilingMs))),
        };
    }

    /// <summary>The round-trip estimate after the sample <paramref name="rttMs"/>.</summary>
    private RoundTrip Sampled(long rttMs) =>
        Rtt.Match(r => r.Sampled(rttMs), () => RoundTrip.First(rttMs));

    /// <summary>The link after the peer's batch <paramref name="seq"/> arrived, covering its
    /// batches from <paramref name="from"/> (a resend covers every batch it merges). When
    /// that takes the prefix past the acknowledgement we last sent, one is owed by
    /// <paramref name="dueMs"/> (or earlier, if already owed). A resend always has a new
    /// number, so it is always acknowledged; a duplicate of a batch we acknowledged is
    /// not.</summary>
    public PeerLink Received(long seq, long from, long dueMs)
    {
        var (prefix, above) = from <= RecvPrefix + 1
            ? (Math.Max(RecvPrefix, seq), RecvAbove)
            : (RecvPrefix, seq > RecvPrefix ? RecvAbove.TryAdd(seq) : RecvAbove);
        while (above.Contains(prefix + 1)) prefix++;
        if (!above.IsEmpty && above.Min <= prefix) above = above.Filter(x => x > prefix);
        return this with
        {
            RecvPrefix = prefix,
            RecvAbove = above,
            AckDueMs = prefix <= SentAck ? AckDueMs
                : AckDueMs.Match(due => Math.Min(due, dueMs), () => dueMs),
        };
    }

    /// <summary>The link after sending the peer a message, which carries our current
    /// acknowledgement; with <paramref name="values"/>, also a new batch holding them.</summary>
    public PeerLink Sent(long now, Set<long> values) =>
        values.IsEmpty
            ? this with { AckDueMs = None, SentAck = RecvPrefix }
            : Numbered(now, values);

    /// <summary>The link after sending the peer a ping: a numbered batch with no values, which
    /// the peer acknowledges like any batch, so a silent peer shows itself by leaving it
    /// unacknowledged (see <see cref="NodeSettings.SuspectMs"/>). Sent only by a link that owes
    /// nothing.</summary>
    public PeerLink Pinged(long now) => Numbered(now, Set<long>());

    /// <summary>The link after sending the peer the next batch, holding
    /// <paramref name="values"/> (every value not yet sent), with our acknowledgement.</summary>
    private PeerLink Numbered(long now, Set<long> values) => this with
    {
        SentAck = RecvPrefix,
        Unsent = Set<long>(),
        InFlight = InFlight.Add(SentSeq + 1, new Batch(values, now)),
        SentSeq = SentSeq + 1,
        AckDueMs = None,
    };

    /// <summary>The link after resending everything it owes in one message, which carries our
    /// current acknowledgement. The resend takes a new number (so the peer always acknowledges
    /// it, and a duplicate of it changes nothing), the unsent values its batch; the batches in
    /// flight keep theirs, so an acknowledgement of any earlier copy still retires them (when a
    /// resend replaced them, an acknowledgement that crossed the next resend retired nothing,
    /// and where resends came as often as acknowledgements a link could owe for ever). Every
    /// batch counts as sent now, the ones in flight as resent (<see cref="Batch.Resent"/>).
    /// </summary>
    public PeerLink Resent(long now)
    {
        var inFlight = InFlight.Map(b => b with { SentAtMs = now, Resent = true });
        return this with
        {
            SentAck = RecvPrefix,
            Unsent = Set<long>(),
            InFlight = Unsent.IsEmpty
                ? inFlight
                : inFlight.Add(SentSeq + 1, new Batch(Unsent, now)),
            SentSeq = SentSeq + 1,
            AckDueMs = None,
        };
    }
}

/// <summary>
/// The whole state of one node. Immutable; every transition returns a new one via <c>with</c>.
/// </summary>
/// <param name="Settings">The node's tunables.</param>
/// <param name="Membership">None until <c>init</c>.</param>
/// <param name="Values">Every value the node knows, as a set and in the order learned: what
/// <c>read</c> returns.</param>
/// <param name="Peers">The relay peers and what is owed to each.</param>
/// <param name="GossipDueMs">When the gossip timer is due (a tick before it is stale).</param>
/// <param name="Upstream">The peer this node relays through now: the shape's upstream (hub,
/// tree parent), or a fallback while that one does not acknowledge; none for the hub, the
/// root and the flat shapes.</param>
/// <param name="UpstreamPath">The route towards the hub that <see cref="Upstream"/> last
/// sent us (its <c>path</c>); empty until it does, and again whenever the upstream
/// changes.</param>
public sealed record NodeState(
    NodeSettings Settings,
    Option<Membership> Membership,
    KnownValues Values,
    Map<string, PeerLink> Peers,
    long GossipDueMs,
    Option<string> Upstream,
    Seq<string> UpstreamPath = default)
{
    /// <summary>A node before <c>init</c>.</summary>
    public static NodeState Initial(NodeSettings settings) =>
        new(settings, None, KnownValues.Empty, Map<string, PeerLink>(), 0, None);

    /// <summary>Whether <c>init</c> has been handled.</summary>
    public bool IsInitialised => Membership.IsSome;

    /// <summary>The gossip tick interval for this cluster's size
    /// (<see cref="NodeSettings.TickMsFor"/>); <see cref="NodeSettings.TickMs"/> before
    /// <c>init</c>.</summary>
    public long TickIntervalMs =>
        Settings.TickMsFor(Membership.Map(m => m.NodeIds.Count).IfNone(1));

    /// <summary>The upstream the relay shape gives this node (see
    /// <see cref="Relay.Upstream"/>).</summary>
    public Option<string> ShapeUpstream =>
        Membership.Bind(m => Settings.Relay.Upstream(m.Self, m.NodeIds));

    /// <summary>This node's route towards the hub, as its <c>path</c> tells the peers that
    /// relay through it: the upstream, then the upstream's own route, at most one entry per
    /// node (a longer one can only be a loop).</summary>
    public Seq<string> RouteToHub => Upstream.Match(
        up => up.Cons(UpstreamPath).Take(Membership.Map(m => m.NodeIds.Count).IfNone(1)),
        () => Seq<string>());

    /// <summary>This node's id, or "" before <c>init</c>.</summary>
    public string Self => Membership.Match(m => m.Self, () => "");
}
