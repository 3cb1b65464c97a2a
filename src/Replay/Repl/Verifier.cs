using System.Collections.Immutable;
using FunctionalGossip.Core;
using FunctionalGossip.Core.Journal;
using FunctionalGossip.Core.Wire;
using LanguageExt;

namespace FunctionalGossip.Replay.Repl;

/// <summary>
/// <c>verify</c>: refold the whole log and compare the outputs with the recorded ones.
/// For our journal every step's stdout lines (the outputs <see cref="Journaled.Apply"/>
/// returned) must equal the recorded <c>send</c> lines, in order.
/// For foreign logs and jepsen.log, ticks are synthesised, so gossip cannot be lined up;
/// only the replies to each recorded request are compared (decoded and re-encoded, read_ok
/// values sorted, so field order and value order do not count).
/// </summary>
public static class Verifier
{
    /// <summary>Verifies the whole recording; the timeline's snapshots are reused and
    /// filled.</summary>
    public static Verification Run(Timeline timeline)
    {
        var exact = timeline.Recording.ExactTiming;
        var compared = 0;
        Divergence? first = null;
        timeline.Scan(timeline.At(0), (position, before, applied) =>
        {
            var (step, ev) = (timeline.StepAt(position), applied.Event);
            var (recorded, replayed) = exact ? (step.RecordedSends, Stdout(applied.Outputs))
                : step.Synthesised ? ([], [])
                : (Replies(ev, step.RecordedSends), Replies(ev, Stdout(applied.Outputs)));
            for (var i = 0; i < Math.Max(recorded.Length, replayed.Length); i++)
            {
                var r = i < recorded.Length ? recorded[i] : "(nothing)";
                var p = i < replayed.Length ? replayed[i] : "(nothing)";
                if (r == p) { compared++; continue; }
                var at = Moment.Of(position, before, applied);
                first = new Divergence(Session.PositionOf(timeline, at), r, p);
                return true;
            }
            return false;
        });
        var mode = exact
            ? "every stdout line of every step against the journal's send lines"
            : "replies to each recorded request only (timing is approximate, ticks synthesised)";
        return new Verification(mode, compared, first);
    }

    /// <summary>The stdout lines among a step's outputs, as the node wrote them.</summary>
    private static ImmutableArray<string> Stdout(Seq<NodeOutput> outputs)
    {
        var lines = ImmutableArray.CreateBuilder<string>();
        foreach (var o in outputs)
            if (o is NodeOutput.Stdout s) lines.Add(s.Line);
        return lines.ToImmutable();
    }

    /// <summary>The replies among <paramref name="lines"/> to the request <paramref name="ev"/>,
    /// in canonical form.</summary>
    private static ImmutableArray<string> Replies(Option<Event> ev, IEnumerable<string> lines)
    {
        if (ev.Case is not Event.Receive { Message: var request }) return [];
        var msgId = request.Body.MsgIdOrNone;
        if (msgId.IsNone) return [];
        var id = msgId.IfNone(0);
        var replies = ImmutableArray.CreateBuilder<string>();
        foreach (var line in lines)
        {
            var decoded = Codec.Decode(line).Match(Right: e => e, Left: _ => (Envelope?)null);
            if (decoded is null || decoded.Dest != request.Src) continue;
            if (decoded.Body.InReplyToOrNone != Prelude.Some(id)) continue;
            replies.Add(Codec.Encode(Canonical(decoded)));
        }
        return replies.ToImmutable();
    }

    private static Envelope Canonical(Envelope e) => e.Body is Body.ReadOk r
        ? e with { Body = r with { Messages = Prelude.toSeq(r.Messages.Distinct().Order()) } }
        : e;
}
