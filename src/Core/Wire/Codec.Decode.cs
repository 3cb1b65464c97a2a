using System.Text.Json;
using LanguageExt;
using static LanguageExt.Prelude;

namespace FunctionalGossip.Core.Wire;

/// <summary>
/// The wire codec: one JSON line to one <see cref="Envelope"/> and back. Pure and total: every
/// input line yields either an envelope or a <see cref="LineError"/>, never an exception.
/// A body that is present but wrong becomes <see cref="Body.Unknown"/> or
/// <see cref="Body.Malformed"/>, so the node can answer it with the right error code.
/// </summary>
public static partial class Codec
{
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 64 };

    /// <summary>Decodes one input line (without its newline).</summary>
    public static Either<LineError, Envelope> Decode(string line)
    {
        if (string.IsNullOrWhiteSpace(line)) return new LineError.NotJson("empty line");
        try
        {
            using var doc = JsonDocument.Parse(line, ParseOptions);
            return DecodeEnvelope(doc.RootElement);
        }
        catch (JsonException e)
        {
            return new LineError.NotJson(FirstSentence(e.Message));
        }
    }

    private static Either<LineError, Envelope> DecodeEnvelope(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
            return new LineError.NotAnObject(KindName(root.ValueKind));
        if (!root.TryGetProperty("src", out var src)) return new LineError.MissingField("src");
        if (src.ValueKind != JsonValueKind.String) return new LineError.IllTyped("src", "a string");
        if (!root.TryGetProperty("dest", out var dest)) return new LineError.MissingField("dest");
        if (dest.ValueKind != JsonValueKind.String)
            return new LineError.IllTyped("dest", "a string");
        if (!root.TryGetProperty("body", out var body)) return new LineError.MissingField("body");
        if (body.ValueKind != JsonValueKind.Object)
            return new LineError.IllTyped("body", "an object");
        return new Envelope(src.GetString()!, dest.GetString()!, DecodeBody(body));
    }

    private static Body DecodeBody(JsonElement body)
    {
        var msgId = ReadMsgId(body);
        if (msgId.IsLeft)
            return new Body.Malformed(TypeOrEmpty(body), None, (string)msgId);
        var id = (Option<long>)msgId;
        if (!body.TryGetProperty("type", out var typeEl) || typeEl.ValueKind != JsonValueKind.String)
            return new Body.Malformed("", id, "body has no string 'type'");
        var type = typeEl.GetString()!;
        var decoded = DecodeKnown(type, id, body);
        return decoded.Match(
            Right: b => b,
            Left: reason => reason.Length == 0
                ? new Body.Unknown(type, id)
                : new Body.Malformed(type, id, reason));
    }

    /// <summary>Known types decode to their record; an empty Left means "unknown type";
    /// any other Left is the reason the body is malformed.</summary>
    private static Either<string, Body> DecodeKnown(string type, Option<long> id, JsonElement b) =>
        type switch
        {
            "init" => from node in Str(b, "node_id")
                      from nodes in StrArray(b, "node_ids")
                      select (Body)new Body.Init(id, node, nodes),
            "init_ok" => Reply(b, r => new Body.InitOk(r)),
            "topology" => StrArrayMap(b, "topology").Map(t => (Body)new Body.Topology(id, t)),
            "topology_ok" => Reply(b, r => new Body.TopologyOk(r)),
            "broadcast" => Int(b, "message").Map(v => (Body)new Body.Broadcast(id, v)),
            "broadcast_ok" => Reply(b, r => new Body.BroadcastOk(r)),
            "read" => new Body.Read(id),
            "read_ok" => from r in Int(b, "in_reply_to")
                         from m in IntArray(b, "messages")
                         select (Body)new Body.ReadOk(r, m),
            "error" => DecodeError(b),
            "gossip" => IntArray(b, "values").Map(v => (Body)new Body.Gossip(id, v)),
            "gossip_ok" => Reply(b, r => new Body.GossipOk(r)),
            _ => Left<string, Body>(""),
        };

    private static Either<string, Body> DecodeError(JsonElement b) =>
        from r in Int(b, "in_reply_to")
        from code in Int(b, "code")
        from _ in code is >= int.MinValue and <= int.MaxValue
            ? Right<string, Unit>(unit)
            : Left<string, Unit>("'code' is out of range")
        from text in OptStr(b, "text")
        select (Body)new Body.Error(r, (int)code, text);

    private static Either<string, Body> Reply(JsonElement b, Func<long, Body> make) =>
        Int(b, "in_reply_to").Map(make);

    private static string TypeOrEmpty(JsonElement body) =>
        body.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String
            ? t.GetString()!
            : "";

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return cut < 0 ? message : message[..cut];
    }
}
