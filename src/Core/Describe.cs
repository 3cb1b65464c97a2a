using System.Diagnostics;
using System.Text;
using FunctionalGossip.Core.Wire;
using LanguageExt;

namespace FunctionalGossip.Core;

/// <summary>
/// Deterministic, readable text for states, events and effects (raft's <c>Describe*</c>):
/// ordered collections only, value sets as ranges (<c>0-17 19 21-30</c>), one fact per line.
/// </summary>
public static class Describe
{
    /// <summary>The whole state, one fact per line, peers in id order.</summary>
    public static string State(NodeState s)
    {
        var sb = new StringBuilder();
        sb.Append(s.Membership.Match(
            m => $"node {m.Self} of [{string.Join(" ", m.NodeIds)}]",
            () => "node (not initialised)")).Append('\n');
        sb.Append($"settings {s.Settings.Render()}\n");
        sb.Append($"gossip-due {s.GossipDueMs} ms  upstream "
            + s.Upstream.IfNone("none") + (s.Upstream == s.ShapeUpstream ? "" : " (fallback)")
            + (s.UpstreamPath.IsEmpty ? "" : $" path [{string.Join(" ", s.UpstreamPath)}]")
            + "\n");
        sb.Append($"values ({s.Values.Count}): {Values(s.Values)}\n");
        sb.Append($"peers ({s.Peers.Count}):");
        if (s.Peers.IsEmpty) sb.Append(" none");
        foreach (var (peer, link) in s.Peers)
        {
            sb.Append($"\n  {peer}{(link.Relayed ? "" : " (opened)")}"
                + $"{(link.Attached ? " attached" : "")}{(link.WantsHave ? " wants-have" : "")}"
                + $"{(link.Probing ? " probing" : "")}"
                + $"{(link.Detouring ? $" detouring ({link.Detoured.Count} detoured)" : "")}"
                + $"{(link.PassedOn.IsEmpty ? "" : $" passed-on {Values(link.PassedOn)}")}"
                + $"{(link.PeerCut.IsEmpty ? "" : $" cut [{string.Join(" ", link.PeerCut)}]")}: "
                + $"unsent ({link.Unsent.Count}) {Values(link.Unsent)}");
            sb.Append($"\n    sent seq {link.SentSeq} (acked {link.AckedSeq}), "
                + $"received {Received(link)}, ack "
                + link.AckDueMs.Match(t => $"due {t} ms", () => "none")
                + (link.HeardMs > 0 ? $", heard {link.HeardMs} ms" : "")
                + (link.Rtt.IsSome ? $"\n    rtt {RoundTrip(link, s.Settings)}" : ""));
            foreach (var (seq, batch) in link.InFlight)
                sb.Append($"\n    in flight seq {seq} {Batch(batch)}: "
                    + $"({batch.Values.Count}) {Values(batch.Values)}");
        }
        return sb.ToString();
    }

    /// <summary>When a batch in flight was sent: <c>sent 200 ms</c>, or <c>resent 3200 ms</c>
    /// when that was a resend (see <see cref="Core.Batch.Resent"/>).</summary>
    public static string Batch(Batch b) => $"{(b.Resent ? "resent" : "sent")} {b.SentAtMs} ms";

    /// <summary>A link's round-trip estimate and the suspect timeout it gives:
    /// <c>310 ms ±55, suspect after 640 ms</c> (SRTT, RTTVAR, see <see cref="Core.RoundTrip"/>);
    /// <c>none</c> before the first sample.</summary>
    public static string RoundTrip(PeerLink link, NodeSettings settings) => link.Rtt.Match(
        r => $"{r.SrttMs} ms ±{r.RttVarMs}, suspect after {link.SuspectAfterMs(settings)} ms",
        () => "none");

    /// <summary>Which of the peer's batches arrived: <c>1-7</c>, then any beyond a gap
    /// (<c>1-7 and 9</c>; <c>only 2</c> when batch 1 is missing).</summary>
    public static string Received(PeerLink link)
    {
        var prefix = link.RecvPrefix switch { 0 => "", 1 => "1", var p => $"1-{p}" };
        var above = Values(link.RecvAbove);
        return (prefix, link.RecvAbove.IsEmpty) switch
        {
            ("", true) => "none",
            ("", false) => $"only {above}",
            (_, true) => prefix,
            _ => $"{prefix} and {above}",
        };
    }

    /// <summary>Ascending values with runs collapsed: <c>0-3 7 9-10</c>; <c>-</c> when
    /// empty.</summary>
    public static string Values(IEnumerable<long> values) => InOrder(values.Order());

    /// <summary>Values in the order given, runs of consecutive ascending values collapsed:
    /// <c>9 3-5 1</c> (a <c>read_ok</c>'s order is the order the node learned them).</summary>
    public static string InOrder(IEnumerable<long> values)
    {
        var parts = new List<string>();
        (long Start, long Prev)? run = null;
        foreach (var v in values)
        {
            if (run is { } r && v == r.Prev + 1 && r.Prev != long.MaxValue)
            {
                run = (r.Start, v);
                continue;
            }
            if (run is { } done) parts.Add(Span(done.Start, done.Prev));
            run = (v, v);
        }
        if (run is { } last) parts.Add(Span(last.Start, last.Prev));
        return parts.Count == 0 ? "-" : string.Join(" ", parts);
    }

    private static string Span(long lo, long hi) =>
        lo == hi ? $"{lo}" : lo > hi ? "nothing" : $"{lo}-{hi}";

    /// <summary>One line for an event: what arrived, from whom, with its key fields.</summary>
    public static string Event(Event ev) => ev switch
    {
        Core.Event.Receive r => $"recv {r.Message.Src}→{r.Message.Dest} {Body(r.Message.Body)}",
        Core.Event.Tick t => $"tick {t.Timer.Name()}",
        Core.Event.Unreadable u => $"unreadable line ({u.Error.Describe()})",
        _ => throw new UnreachableException(ev.ToString()),
    };

    /// <summary>One line for an effect.</summary>
    public static string Effect(Effect effect) => effect switch
    {
        Core.Effect.Send s => $"send {Codec.Encode(s.Message)}",
        Core.Effect.SetTimer t => $"set-timer {t.Timer.Name()} at {t.AtMs} ms",
        Core.Effect.Log l => $"log {l.About.Describe()}",
        _ => throw new UnreachableException(effect.ToString()),
    };

    /// <summary>A body's type and key fields, e.g. <c>broadcast 17 msg_id=4</c>.</summary>
    public static string Body(Body body) => body switch
    {
        Core.Wire.Body.Init b => $"init {b.NodeId} of [{string.Join(" ", b.NodeIds)}]{Id(b.MsgId)}",
        Core.Wire.Body.Topology b => $"topology ({b.Neighbours.Count} nodes){Id(b.MsgId)}",
        Core.Wire.Body.Broadcast b => $"broadcast {b.Message}{Id(b.MsgId)}",
        Core.Wire.Body.Read b => $"read{Id(b.MsgId)}",
        Core.Wire.Body.Gossip b => b.Seq.Match(
            seq => $"gossip seq {b.Covers.Match(f => f == seq ? "" : $"{f}-", () => "")}{seq} "
                + $"[{Values(b.Values)}] ack {b.Ack}{Relaying(b)}",
            () => b.For.IsEmpty ? $"gossip ack {b.Ack}{Relaying(b)}"
                : $"gossip detour [{Values(b.Values)}] ack {b.Ack}{Relaying(b)}"),
        Core.Wire.Body.ReadOk b => $"read_ok [{InOrder(b.Messages)}] in_reply_to={b.InReplyTo}",
        Core.Wire.Body.Error b => $"error {b.Code} in_reply_to={b.InReplyTo}"
            + b.Text.Match(t => $" \"{t}\"", () => ""),
        Core.Wire.Body.InitOk b => $"init_ok in_reply_to={b.InReplyTo}",
        Core.Wire.Body.TopologyOk b => $"topology_ok in_reply_to={b.InReplyTo}",
        Core.Wire.Body.BroadcastOk b => $"broadcast_ok in_reply_to={b.InReplyTo}",
        Core.Wire.Body.Unknown b => $"{b.TypeName} (unknown type){Id(b.MsgId)}",
        Core.Wire.Body.Malformed b => $"{b.TypeName} (malformed: {b.Reason}){Id(b.MsgId)}",
        _ => throw new UnreachableException(body.ToString()),
    };

    /// <summary>A gossip's relay marks: <c> up</c> when the sender relays through the
    /// receiver, the values it holds (<c> have [0-5 9]</c>) and its route towards the hub
    /// (<c> path [n1 n0]</c>) when it sent them, the nodes a detour is for
    /// (<c> for [n3 n4]</c>) and those the sender cannot reach (<c> cut [n3 n4]</c>).</summary>
    private static string Relaying(Core.Wire.Body.Gossip b) =>
        (b.Up ? " up" : "") + (b.Have.IsEmpty ? "" : $" have [{Spans(b.Have)}]")
        + (b.Path.IsEmpty ? "" : $" path [{string.Join(" ", b.Path)}]")
        + (b.For.IsEmpty ? "" : $" for [{string.Join(" ", b.For)}]")
        + (b.Cut.IsEmpty ? "" : $" cut [{string.Join(" ", b.Cut)}]");

    /// <summary>Flat inclusive ranges (<see cref="Ranges"/>) as text: <c>0-5 9</c>.</summary>
    public static string Spans(LanguageExt.Seq<long> flat) => string.Join(" ",
        flat.Chunk(2).Select(p => p.Length < 2 ? $"{p[0]}" : Span(p[0], p[1])));

    private static string Id(Option<long> msgId) => msgId.Match(id => $" msg_id={id}", () => "");
}
