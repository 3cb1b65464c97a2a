using System.Buffers;
using System.Text;
using System.Text.Json;
using FunctionalGossip.Core;
using FunctionalGossip.Maelstrom;

namespace FunctionalGossip.Replay.Repl;

/// <summary>
/// Renders results as one compact JSON object per line (<c>--json</c>), written with
/// <see cref="Utf8JsonWriter"/> so Native AOT needs no reflection. Every object has
/// <c>"command"</c>; misuse has <c>"error"</c>.
/// </summary>
public static class JsonOutput
{
    private static readonly JsonWriterOptions Options = Json.Compact;

    /// <summary>One line of JSON (with its newline) for one result.</summary>
    public static string Render(Result result) => Write(w => WriteResult(w, result));

    /// <summary>One line of JSON describing the opened recording and the position (step
    /// 0).</summary>
    public static string Opening(Recording r, Position at) => Write(w =>
    {
        w.WriteString("command", "open");
        WriteRecording(w, r);
        WritePosition(w, "at", at);
    });

    private static string Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    private static void WriteResult(Utf8JsonWriter w, Result result)
    {
        switch (result)
        {
            case Result.Moved m:
                w.WriteString("command", m.Command);
                WritePosition(w, "at", m.At);
                if (m.Note.Length > 0) w.WriteString("note", m.Note);
                break;
            case Result.StateOf s:
                w.WriteString("command", "state");
                WritePosition(w, "at", s.At);
                WriteState(w, s.State);
                w.WriteString("text", Describe.State(s.State));
                break;
            case Result.DiffOf d: WriteDiff(w, d); break;
            case Result.EffectsOf e:
                w.WriteString("command", "effects");
                WritePosition(w, "at", e.At);
                Strings(w, "emitted", e.Emitted);
                Strings(w, "recorded", e.Recorded);
                break;
            case Result.Found f: WriteFound(w, f); break;
            case Result.PeerTable p: WritePeers(w, p); break;
            case Result.Verified v: WriteVerification(w, v.Verification); break;
            case Result.Summarised s: WriteAudit(w, s.Audit); break;
            case Result.HelpText h:
                w.WriteString("command", "help");
                w.WriteString("text", h.Text);
                break;
            case Result.Quitting: w.WriteString("command", "quit"); break;
            case Result.Error e:
                w.WriteString("command", e.Input);
                w.WriteString("error", e.Message);
                break;
            default: throw new System.Diagnostics.UnreachableException(result.ToString());
        }
    }

    private static void WritePosition(Utf8JsonWriter w, string name, Position p)
    {
        w.WriteStartObject(name);
        w.WriteNumber("step", p.Step);
        w.WriteNumber("of", p.Of);
        w.WriteNumber("nowMs", p.NowMs);
        w.WriteString("event", p.Event);
        w.WriteNumber("sourceLine", p.SourceLine);
        w.WriteBoolean("synthesised", p.Synthesised);
        w.WriteEndObject();
    }

    private static void WriteState(Utf8JsonWriter w, NodeState s)
    {
        w.WriteStartObject("state");
        w.WriteString("node", s.Self);
        Strings(w, "nodeIds", s.Membership.Match(m => m.NodeIds.ToList(), () => []));
        w.WriteString("settings", s.Settings.Render());
        w.WriteNumber("gossipDueMs", s.GossipDueMs);
        s.Upstream.IfSome(u => w.WriteString("upstream", u));
        Longs(w, "values", s.Values);
        w.WriteStartObject("peers");
        foreach (var (peer, link) in s.Peers)
        {
            w.WriteStartObject(peer);
            Longs(w, "unsent", link.Unsent);
            w.WriteNumber("sentSeq", link.SentSeq);
            w.WriteNumber("ackedSeq", link.AckedSeq);
            w.WriteBoolean("relayed", link.Relayed);
            w.WriteBoolean("attached", link.Attached);
            w.WriteNumber("recvPrefix", link.RecvPrefix);
            Longs(w, "recvAbove", link.RecvAbove);
            link.AckDueMs.IfSome(t => w.WriteNumber("ackDueMs", t));
            w.WriteStartArray("inFlight");
            foreach (var (seq, batch) in link.InFlight)
            {
                w.WriteStartObject();
                w.WriteNumber("seq", seq);
                w.WriteNumber("sentAtMs", batch.SentAtMs);
                Longs(w, "values", batch.Values);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteDiff(Utf8JsonWriter w, Result.DiffOf d)
    {
        w.WriteString("command", "diff");
        WritePosition(w, "at", d.At);
        w.WriteStartArray("changes");
        foreach (var change in d.Changes)
        {
            w.WriteStartObject();
            w.WriteString("what", change.What);
            switch (change)
            {
                case Change.Set s:
                    Longs(w, "added", s.Added);
                    Longs(w, "removed", s.Removed);
                    break;
                case Change.Field f:
                    w.WriteString("before", f.Before);
                    w.WriteString("after", f.After);
                    break;
                default: throw new System.Diagnostics.UnreachableException(change.ToString());
            }
            w.WriteString("text", change.Render());
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteFound(Utf8JsonWriter w, Result.Found f)
    {
        w.WriteString("command", "find");
        w.WriteNumber("value", f.Value);
        w.WriteBoolean("known", f.At is not null);
        if (f.At is null) return;
        WritePosition(w, "at", f.At);
        w.WriteString("from", f.From);
    }

    private static void WritePeers(Utf8JsonWriter w, Result.PeerTable p)
    {
        w.WriteString("command", "peers");
        WritePosition(w, "at", p.At);
        w.WriteStartArray("peers");
        foreach (var row in p.Rows)
        {
            w.WriteStartObject();
            w.WriteString("peer", row.Peer);
            Longs(w, "unsent", row.Unsent);
            w.WriteNumber("inFlight", row.InFlight);
            Longs(w, "owed", row.Owed);
            w.WriteNumber("oldestSentAtMs", row.OldestSentAtMs);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteVerification(Utf8JsonWriter w, Verification v)
    {
        w.WriteString("command", "verify");
        w.WriteString("mode", v.Mode);
        w.WriteNumber("compared", v.Compared);
        w.WriteBoolean("diverged", v.First is not null);
        if (v.First is null) return;
        WritePosition(w, "at", v.First.At);
        w.WriteString("recorded", v.First.Recorded);
        w.WriteString("replayed", v.First.Replayed);
    }

    private static void WriteAudit(Utf8JsonWriter w, Audit a)
    {
        w.WriteString("command", "summary");
        WriteRecording(w, a.Recording);
        w.WriteNumber("rejectedCount", a.Rejected.Values.Sum());
        Counts(w, "rejected", a.Rejected);
        w.WriteNumber("ignoredCount", a.Ignored.Values.Sum());
        Counts(w, "ignored", a.Ignored);
        w.WriteNumber("finalValues", a.FinalValues);
    }

    private static void WriteRecording(Utf8JsonWriter w, Recording r)
    {
        w.WriteString("format", r.Kind.ToString());
        w.WriteString("node", r.Node);
        w.WriteString("settings", r.Settings.Render());
        w.WriteBoolean("exactTiming", r.ExactTiming);
        w.WriteNumber("steps", r.Steps.Length);
        w.WriteNumber("synthesisedTicks", r.SynthesisedCount);
        w.WriteNumber("skippedCount", r.SkippedCount);
        Counts(w, "skipped", r.Skipped);
        w.WriteNumber("otherLines", r.OtherLines);
        Strings(w, "notes", r.Notes);
    }

    private static void Counts(Utf8JsonWriter w, string name,
        IEnumerable<KeyValuePair<string, int>> counts)
    {
        w.WriteStartObject(name);
        foreach (var (key, n) in counts) w.WriteNumber(key, n);
        w.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> items)
    {
        w.WriteStartArray(name);
        foreach (var s in items) w.WriteStringValue(s);
        w.WriteEndArray();
    }

    private static void Longs(Utf8JsonWriter w, string name, IEnumerable<long> items)
    {
        w.WriteStartArray(name);
        foreach (var v in items) w.WriteNumberValue(v);
        w.WriteEndArray();
    }
}
