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
        if (msgId.Failed) return new Body.Malformed(TypeOrEmpty(body), None, msgId.Error!);
        var id = msgId.Value;
        if (!body.TryGetProperty("type", out var typeEl)
            || typeEl.ValueKind != JsonValueKind.String)
            return new Body.Malformed("", id, "body has no string 'type'");
        var type = typeEl.GetString()!;
        if (!IsKnown(type)) return new Body.Unknown(type, id);
        var decoded = DecodeKnown(type, id, body);
        return decoded.Failed ? new Body.Malformed(type, id, decoded.Error!) : decoded.Value;
    }

    private static bool IsKnown(string type) => type is "init" or "init_ok" or "topology"
        or "topology_ok" or "broadcast" or "broadcast_ok" or "read" or "read_ok" or "error"
        or "gossip";

    /// <summary>Decodes the fields of a known type. Plain C# on purpose: LanguageExt 4's LINQ
    /// over Either goes through generic type-class machinery that Native AOT cannot load.</summary>
    private static Got<Body> DecodeKnown(string type, Option<long> id, JsonElement b) => type switch
    {
        "init" => Got.Both(Str(b, "node_id"), StrArray(b, "node_ids"),
            (node, nodes) => (Body)new Body.Init(id, node, nodes)),
        "init_ok" => Got.One(Int(b, "in_reply_to"), r => (Body)new Body.InitOk(r)),
        "topology" => Got.One(StrArrayMap(b, "topology"), t => (Body)new Body.Topology(id, t)),
        "topology_ok" => Got.One(Int(b, "in_reply_to"), r => (Body)new Body.TopologyOk(r)),
        "broadcast" => Got.One(Int(b, "message"), v => (Body)new Body.Broadcast(id, v)),
        "broadcast_ok" => Got.One(Int(b, "in_reply_to"), r => (Body)new Body.BroadcastOk(r)),
        "read" => Got.Ok((Body)new Body.Read(id)),
        "read_ok" => Got.Both(Int(b, "in_reply_to"), IntArray(b, "messages"),
            (r, m) => (Body)new Body.ReadOk(r, m)),
        "error" => DecodeError(b),
        "gossip" => DecodeGossip(b),
        _ => throw new System.Diagnostics.UnreachableException(type),
    };

    /// <summary><c>gossip</c>: <c>values</c> come with <c>seq</c> (a batch) or with <c>for</c>
    /// (a detour), not both; <c>from</c> only with <c>seq</c>; <c>ack</c> is always present;
    /// <c>up</c>, <c>have</c>, <c>path</c>, <c>for</c> and <c>cut</c> are optional.</summary>
    private static Got<Body> DecodeGossip(JsonElement b)
    {
        var values = b.TryGetProperty("values", out _)
            ? IntArray(b, "values")
            : Got.Ok(Seq<long>());
        if (values.Failed) return Got.Fail<Body>(values.Error!);
        var seq = OptInt(b, "seq");
        var from = OptInt(b, "from");
        var ack = Int(b, "ack");
        if (seq.Failed || from.Failed || ack.Failed)
            return Got.Fail<Body>(seq.Error ?? from.Error ?? ack.Error!);
        var forNodes = OptStrArray(b, "for");
        var cut = OptStrArray(b, "cut");
        if (forNodes.Failed || cut.Failed) return Got.Fail<Body>(forNodes.Error ?? cut.Error!);
        var detour = !forNodes.Value.IsEmpty;
        if (detour && seq.Value.IsSome) return Got.Fail<Body>("'for' cannot come with 'seq'");
        if (seq.Value.IsNone && (from.Value.IsSome || (!values.Value.IsEmpty && !detour)))
            return Got.Fail<Body>("'values' need 'seq' or 'for', and 'from' needs 'seq'");
        var up = OptBool(b, "up");
        var have = b.TryGetProperty("have", out _) ? IntArray(b, "have") : Got.Ok(Seq<long>());
        if (up.Failed || have.Failed) return Got.Fail<Body>(up.Error ?? have.Error!);
        if (have.Value.Count % 2 != 0) return Got.Fail<Body>("'have' must hold pairs lo, hi");
        var path = OptStrArray(b, "path");
        if (path.Failed) return Got.Fail<Body>(path.Error!);
        return Got.Ok((Body)new Body.Gossip(seq.Value, from.Value, values.Value, ack.Value,
            up.Value, have.Value, path.Value, forNodes.Value, cut.Value));
    }

    private static Got<Seq<string>> OptStrArray(JsonElement b, string name) =>
        b.TryGetProperty(name, out _) ? StrArray(b, name) : Got.Ok(Seq<string>());

    private static Got<Body> DecodeError(JsonElement b)
    {
        var code = Int(b, "code");
        if (!code.Failed && code.Value is < int.MinValue or > int.MaxValue)
            return Got.Fail<Body>("'code' is out of range");
        return Got.Both(Got.Both(Int(b, "in_reply_to"), code, (r, c) => (r, c)), OptStr(b, "text"),
            (rc, text) => (Body)new Body.Error(rc.r, (int)rc.c, text));
    }

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
