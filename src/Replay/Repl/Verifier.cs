using System.Collections.Immutable;
using FunctionalGossip.Core;
using FunctionalGossip.Core.Wire;
using LanguageExt;

namespace FunctionalGossip.Replay.Repl;

/// <summary>
/// <c>verify</c>: refold the whole log and compare the outputs with the recorded ones.
/// For our journal every step's stdout lines must equal the recorded <c>send</c> lines, in order.
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
        timeline.Scan(timeline.At(0), (position, _, t) =>
        {
            var step = timeline.StepAt(position);
            var (recorded, replayed) = exact ? (step.RecordedSends, Sends(t.Effects))
                : step.Synthesised ? ([], [])
                : (Replies(step.Event, step.RecordedSends), Replies(step.Event, Sends(t.Effects)));
            for (var i = 0; i < Math.Max(recorded.Length, replayed.Length); i++)
            {
                var r = i < recorded.Length ? recorded[i] : "(nothing)";
                var p = i < replayed.Length ? replayed[i] : "(nothing)";
                if (r == p) { compared++; continue; }
                first = new Divergence(Session.PositionOf(timeline, position), r, p);
                return true;
            }
            return false;
        });
        var mode = exact
            ? "every stdout line of every step against the journal's send lines"
            : "replies to each recorded request only (timing is approximate, ticks synthesised)";
        return new Verification(mode, compared, first);
    }

    private static ImmutableArray<string> Sends(Seq<Effect> effects)
    {
        var lines = ImmutableArray.CreateBuilder<string>();
        foreach (var e in effects)
            if (e is Effect.Send s) lines.Add(Codec.Encode(s.Message));
        return lines.ToImmutable();
    }

    /// <summary>The replies among <paramref name="lines"/> to the request <paramref name="ev"/>,
    /// in canonical form.</summary>
    private static ImmutableArray<string> Replies(Event ev, IEnumerable<string> lines)
    {
        if (ev is not Event.Receive { Message: var request }) return [];
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
