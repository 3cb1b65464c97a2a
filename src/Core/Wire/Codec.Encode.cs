using System.Buffers;
using System.Diagnostics;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace FunctionalGossip.Core.Wire;

public static partial class Codec
{
    private static readonly JsonWriterOptions WriteOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>
    /// Encodes an envelope as one JSON line (no newline). Replies carry only their schema's
    /// fields plus <c>in_reply_to</c>; optional keys are omitted, never written as null, and
    /// integers stay integers, as Maelstrom's closed reply schemas require.
    /// </summary>
    public static string Encode(Envelope envelope)
    {
        var buffer = new ArrayBufferWriter<byte>(EstimatedBytes(envelope.Body));
        using (var w = new Utf8JsonWriter(buffer, WriteOptions))
        {
            w.WriteStartObject();
            w.WriteString("src", envelope.Src);
            w.WriteString("dest", envelope.Dest);
            w.WritePropertyName("body");
            WriteBody(w, envelope.Body);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Room for the line, so that a large <c>read_ok</c> or <c>gossip</c> is written
    /// without growing the buffer several times (values are rarely over 7 digits).</summary>
    private static int EstimatedBytes(Body body) =>
        128 + 8 * (body is Body.ReadOk r ? r.Messages.Count
            : body is Body.Gossip g ? g.Values.Count : 0);

    private static void WriteBody(Utf8JsonWriter w, Body body)
    {
        w.WriteStartObject();
        w.WriteString("type", body.Type);
        WriteFields(w, body);
        w.WriteEndObject();
    }

    private static void WriteFields(Utf8JsonWriter w, Body body)
    {
        switch (body)
        {
            case Body.Init b:
                w.WriteString("node_id", b.NodeId);
                WriteStrings(w, "node_ids", b.NodeIds);
                WriteOptId(w, b.MsgId);
                break;
            case Body.Topology b:
                w.WriteStartObject("topology");
                foreach (var (node, neighbours) in b.Neighbours) WriteStrings(w, node, neighbours);
                w.WriteEndObject();
                WriteOptId(w, b.MsgId);
                break;
            case Body.Broadcast b:
                w.WriteNumber("message", b.Message);
                WriteOptId(w, b.MsgId);
                break;
            case Body.Read b: WriteOptId(w, b.MsgId); break;
            case Body.ReadOk b:
                WriteLongs(w, "messages", b.Messages);
                w.WriteNumber("in_reply_to", b.InReplyTo);
                break;
            case Body.Error b:
                w.WriteNumber("code", b.Code);
                b.Text.IfSome(t => w.WriteString("text", t));
                w.WriteNumber("in_reply_to", b.InReplyTo);
                break;
            case Body.Gossip b:
                b.Seq.IfSome(seq => w.WriteNumber("seq", seq));
                b.From.IfSome(from => w.WriteNumber("from", from));
                if (b.Seq.IsSome || !b.For.IsEmpty) WriteLongs(w, "values", b.Values);
                w.WriteNumber("ack", b.Ack);
                if (b.Up) w.WriteBoolean("up", true);
                if (!b.Have.IsEmpty) WriteLongs(w, "have", b.Have);
                if (!b.Path.IsEmpty) WriteStrings(w, "path", b.Path);
                if (!b.For.IsEmpty) WriteStrings(w, "for", b.For);
                if (!b.Cut.IsEmpty) WriteStrings(w, "cut", b.Cut);
                break;
            case Body.InitOk b: w.WriteNumber("in_reply_to", b.InReplyTo); break;
            case Body.TopologyOk b: w.WriteNumber("in_reply_to", b.InReplyTo); break;
            case Body.BroadcastOk b: w.WriteNumber("in_reply_to", b.InReplyTo); break;
            case Body.Unknown b: WriteOptId(w, b.MsgId); break;
            case Body.Malformed b: WriteOptId(w, b.MsgId); break;
            default: throw new UnreachableException(body.ToString());
        }
    }

    private static void WriteOptId(Utf8JsonWriter w, LanguageExt.Option<long> id) =>
        id.IfSome(v => w.WriteNumber("msg_id", v));

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> items)
    {
        w.WriteStartArray(name);
        foreach (var s in items) w.WriteStringValue(s);
        w.WriteEndArray();
    }

    private static void WriteLongs(Utf8JsonWriter w, string name, IEnumerable<long> items)
    {
        w.WriteStartArray(name);
        foreach (var v in items) w.WriteNumberValue(v);
        w.WriteEndArray();
    }
}
