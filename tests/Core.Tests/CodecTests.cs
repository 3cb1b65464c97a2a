using CsCheck;
using FunctionalGossip.Core.Wire;
using LanguageExt;
using static LanguageExt.Prelude;

namespace FunctionalGossip.Core.Tests;

public class CodecTests
{
    private static Body BodyOf(string json) =>
        ((Envelope)Codec.Decode($$"""{"src":"c1","dest":"n0","body":{{json}}}""")).Body;

    // Reference: "Messages delivered to a node carry an extra top-level "id" field ... Nodes must
    // accept and ignore it." (maelstrom-broadcast.md §1.1)
    [Fact]
    public void Decode_AcceptsAndDropsMaelstromsTopLevelId()
    {
        var e = Codec.Decode(
            """{"id":17,"src":"c0","dest":"n0","body":{"type":"read","msg_id":3}}""");
        Assert.Equal(
            Right<LineError, Envelope>(new Envelope("c0", "n0", new Body.Read(Some(3L)))), e);
    }

    [Theory]
    [InlineData("", "not JSON: empty line")]
    [InlineData("   ", "not JSON: empty line")]
    [InlineData("[1,2]", "not a JSON object but an array")]
    [InlineData("\"hi\"", "not a JSON object but a string")]
    [InlineData("""{"dest":"n0","body":{}}""", "envelope has no 'src'")]
    [InlineData("""{"src":"c0","body":{}}""", "envelope has no 'dest'")]
    [InlineData("""{"src":"c0","dest":"n0"}""", "envelope has no 'body'")]
    [InlineData("""{"src":1,"dest":"n0","body":{}}""", "envelope field 'src' is not a string")]
    [InlineData("""{"src":"c0","dest":"n0","body":[]}""", "envelope field 'body' is not an object")]
    public void Decode_LineErrors_AreDescribed(string line, string expected)
    {
        var e = Codec.Decode(line);
        Assert.True(e.IsLeft, line);
        Assert.Equal(expected, ((LineError)e).Describe());
    }

    [Fact]
    public void Decode_InvalidJson_IsNotJson()
    {
        var e = Codec.Decode("{\"src\":");
        Assert.IsType<LineError.NotJson>((LineError)e);
    }

    [Theory]
    [InlineData("""{"type":"broadcast","message":1.0,"msg_id":1}""",
        "'message' must be an integer, got 1.0")]
    [InlineData("""{"type":"broadcast","message":"5","msg_id":1}""",
        "'message' must be an integer, got \"5\"")]
    [InlineData("""{"type":"broadcast","message":99999999999999999999,"msg_id":1}""",
        "'message' must be an integer, got 99999999999999999999")]
    [InlineData("""{"type":"broadcast","message":null,"msg_id":1}""",
        "'message' must be an integer, got null")]
    [InlineData("""{"type":"init","node_ids":["n0"],"msg_id":1}""", "missing field 'node_id'")]
    [InlineData("""{"type":"init","node_id":"n0","node_ids":["n0",1],"msg_id":1}""",
        "'node_ids' must hold only strings, got 1")]
    [InlineData("""{"type":"topology","topology":{"n0":"n1"},"msg_id":1}""",
        "'topology.n0' must be an array of strings")]
    [InlineData("""{"type":"gossip","values":[1,"x"],"msg_id":1}""",
        "'values' must hold only integers, got \"x\"")]
    [InlineData("""{"type":"gossip","seq":1,"values":[1],"msg_id":1}""", "missing field 'ack'")]
    [InlineData("""{"type":"gossip","values":[1],"ack":0,"msg_id":1}""",
        "'values' need 'seq' or 'for', and 'from' needs 'seq'")]
    [InlineData("""{"type":"gossip","seq":"2","values":[],"ack":0,"msg_id":1}""",
        "'seq' must be an integer, got \"2\"")]
    [InlineData("""{"type":"gossip","ack":0,"up":1,"msg_id":1}""", "'up' must be a boolean, got 1")]
    [InlineData("""{"type":"gossip","ack":0,"have":[1,2,3],"msg_id":1}""",
        "'have' must hold pairs lo, hi")]
    [InlineData("""{"type":"gossip","seq":1,"values":[1],"ack":0,"for":["n1"],"msg_id":1}""",
        "'for' cannot come with 'seq'")]
    [InlineData("""{"type":"gossip","values":[1],"ack":0,"for":[1],"msg_id":1}""",
        "'for' must hold only strings, got 1")]
    [InlineData("""{"type":"gossip","ack":0,"cut":"n1","msg_id":1}""",
        "'cut' must be an array of strings")]
    public void Decode_KnownTypeWithBadFields_IsMalformedWithReason(string body, string reason)
    {
        var b = Assert.IsType<Body.Malformed>(BodyOf(body));
        Assert.Equal(reason, b.Reason);
        Assert.Equal(Some(1L), b.MsgId);
    }

    [Fact]
    public void Decode_IllTypedMsgId_IsMalformedWithNoMsgId()
    {
        var b = Assert.IsType<Body.Malformed>(BodyOf("""{"type":"read","msg_id":1.5}"""));
        Assert.Equal(Option<long>.None, b.MsgId);
        Assert.Equal("read", b.TypeName);
    }

    [Fact]
    public void Decode_MissingType_IsMalformedKeepingMsgId()
    {
        var b = Assert.IsType<Body.Malformed>(BodyOf("""{"msg_id":9}"""));
        Assert.Equal(Some(9L), b.MsgId);
        Assert.Equal("body has no string 'type'", b.Reason);
    }

    [Fact]
    public void Decode_UnknownType_KeepsNameAndMsgId() =>
        Assert.Equal(new Body.Unknown("echo", Some(4L)),
            BodyOf("""{"type":"echo","msg_id":4,"echo":"x"}"""));

    // Reference: "The reply body may contain only the listed keys plus in_reply_to (required) and
    // msg_id (optional)" (§1.3); "Omit optional keys rather than writing null" (§1.2)
    [Fact]
    public void Encode_ReplyHasOnlySchemaFields()
    {
        var line = Codec.Encode(
            new Envelope("n0", "c1", new Body.ReadOk(3, toSeq(new long[] { 1, 2 }))));
        Assert.Equal(
            """{"src":"n0","dest":"c1","body":{"type":"read_ok","messages":"""
            + """[1,2],"in_reply_to":3}}""", line);
        var err = Codec.Encode(new Envelope("n0", "c1", new Body.Error(3, 10, None)));
        Assert.Equal(
            """{"src":"n0","dest":"c1","body":{"type":"error","code":10,"in_reply_to":3}}""", err);
    }

    // The only node-to-node message: a numbered batch with the cumulative ack, or a bare ack.
    [Fact]
    public void Encode_Gossip_BatchOrBareAck()
    {
        var batch = new Body.Gossip(Some(4L), Some(2L), toSeq(new long[] { 1, 5 }), 7);
        Assert.Equal(
            """{"src":"n1","dest":"n0","body":{"type":"gossip","seq":4,"from":"""
            + """2,"values":[1,5],"ack":7}}""",
            Codec.Encode(new Envelope("n1", "n0", batch)));
        var ack = new Body.Gossip(None, None, Seq<long>(), 3);
        Assert.Equal("""{"src":"n1","dest":"n0","body":{"type":"gossip","ack":3}}""",
            Codec.Encode(new Envelope("n1", "n0", ack)));
    }

    private static readonly Gen<string> GenId =
        Gen.OneOf(Gen.Const("n0"), Gen.Const("c12"), Gen.String[Gen.Char.AlphaNumeric, 1, 6],
            Gen.String);

    private static readonly Gen<Option<long>> GenMsgId =
        Gen.Long.Select(Gen.Bool, (v, some) => some ? Some(v) : Option<long>.None);

    private static readonly Gen<Seq<long>> GenLongs =
        Gen.Long.Array[0, 20].Select(a => toSeq(a).Strict());

    private static readonly Gen<Body> GenBody = Gen.OneOf<Body>(
        GenMsgId.Select(GenId, GenId.Array[0, 5],
            (m, n, ns) => (Body)new Body.Init(m, n, toSeq(ns).Strict())),
        Gen.Long.Select(r => (Body)new Body.InitOk(r)),
        GenMsgId.Select(Gen.Long, (m, v) => (Body)new Body.Broadcast(m, v)),
        Gen.Long.Select(r => (Body)new Body.BroadcastOk(r)),
        GenMsgId.Select(m => (Body)new Body.Read(m)),
        Gen.Long.Select(GenLongs, (r, v) => (Body)new Body.ReadOk(r, v)),
        Gen.Long.Select(Gen.Int, Gen.String, (r, c, t) => (Body)new Body.Error(r, c, Some(t))),
        GenMsgId.Select(GenMsgId, GenLongs, Gen.Long, Gen.Bool, GenLongs,
            (seq, from, v, ack, up, have) => (Body)(seq.IsSome
                ? new Body.Gossip(seq, from, v, ack, up, have.Count % 2 == 0 ? have : have.Tail)
                : new Body.Gossip(None, None, Seq<long>(), ack, up))),
        // A detour: values without a batch, for the nodes named, with the sender's cut links.
        GenLongs.Select(Gen.Long, GenId.Array[1, 4], GenId.Array[0, 4], GenId.Array[0, 3],
            (v, ack, fr, cut, path) => (Body)new Body.Gossip(None, None, v, ack, false,
                Seq<long>(), toSeq(path).Strict(), toSeq(fr).Strict(), toSeq(cut).Strict())),
        GenMsgId.Select(
            GenId.Select(GenId.Array[0, 4], (k, v) => (k, toSeq(v).Strict())).Array[0, 4],
            (m, kvs) => (Body)new Body.Topology(m, toMap(kvs.DistinctBy(kv => kv.k)))),
        Gen.Long.Select(r => (Body)new Body.TopologyOk(r)));

    [Fact]
    public void EncodeThenDecode_GivesTheSameEnvelope() =>
        GenId.Select(GenId, GenBody, (s, d, b) => new Envelope(s, d, b))
            .Sample(e => Codec.Decode(Codec.Encode(e)) == Right<LineError, Envelope>(e),
                iter: 5000);

    [Fact]
    public void Decode_NeverThrows_OnArbitraryText() =>
        Gen.String.Sample(s => { _ = Codec.Decode(s); }, iter: 5000);
}
