using System.Numerics;
using FunctionalGossip.Maelstrom;
using FunctionalGossip.Harness.Engine;
using FunctionalGossip.Harness.Maelstrom;
using FunctionalGossip.Harness.Sim;

namespace FunctionalGossip.Harness.Tests;

using FunctionalGossip.Edn;

/// <summary>The one-pass readers of node output: envelopes (process.clj <c>parse-msg</c>),
/// reply bodies (client.clj) and JSON-to-EDN conversion (Cheshire's reading).</summary>
public sealed class WireReadingTests
{
    [Theory]
    [InlineData("""{"src":"n0","dest":"c1","body":{"type":"x"}}""", "n0", "c1", """{"type":"x"}""")]
    [InlineData("""{"id":3,"src":"n0","dest":"c1","body":{"type":"x"}}""", "n0", "c1",
        """{"type":"x"}""")]
    [InlineData("""{"src":"n0","dest":"c1","body": { "a" : [1, 2] } }""", "n0", "c1",
        """{"a":[1,2]}""")]
    [InlineData("""{"src":"n0","dest":"c1","body":{"t":"é"}}""", "n0", "c1", """{"t":"é"}""")]
    [InlineData("""{"src":"n0","dest":"c1","body":{"t":"\u00e9"}}""", "n0", "c1", """{"t":"é"}""")]
    [InlineData("""{"src":"n0","dest":"c1","body":5}""", "n0", "c1", "5")]
    [InlineData("""{"src":"n0","dest":"c1","body":"s"}""", "n0", "c1", "\"s\"")]
    [InlineData("""{"src":"n0","src":"n1","dest":"c1","body":1,"body":2}""", "n1", "c1", "2")]
    [InlineData("""  {"src":"n\u0030","dest":"c1","body":null}  """, "n0", "c1", "null")]
    public void WellFormedLines_GiveTheirEnds_AndTheBodyCompacted(
        string line, string src, string dest, string body)
    {
        var (envelope, error) = EnvelopeParser.Parse(line);
        Assert.Null(error);
        Assert.Equal((src, dest, body), (envelope!.Src, envelope.Dest, envelope.BodyJson));
    }

    [Theory]
    [InlineData("""{"src":"n0","dest":"c1","body":"""
        + """{"type":"read_ok","messages":[1,2],"in_reply_to":3}}""", true)]
    [InlineData("""{"src":"n0","dest":"c1","body":"""
        + """{ "type" : "read_ok", "messages" : [1, 2], "in_reply_to" : 3 }}""", true)]
    [InlineData("""{"src":"n0","body":"""
        + """{"type":"read_ok","messages":[1,2],"in_reply_to":3},"dest":"c1"}""", false)]
    [InlineData("""{"src":"n0","dest":"n1","body":"""
        + """{"type":"read_ok","messages":[1,2],"in_reply_to":3}}""", false)]
    [InlineData("""{"src":"n0","dest":"c1","body":"""
        + """{"type":"read_ok","messages":[1,2],"in_reply_to":3},"dest":"n1"}""", false)]
    public void AClientBoundBody_IsReadInTheSamePass_WhenItsDestComesFirst(string line, bool read)
    {
        var (envelope, _) = EnvelopeParser.Parse(line);
        Assert.Equal(read, envelope!.Reply is not null);
        if (!read) return;
        var again = ReplyBody.Parse(envelope.BodyJson);
        Assert.Equal(again.Keys, envelope.Reply!.Keys);
        Assert.Equal(ClientReplies.Judge(again, "read_ok"),
            ClientReplies.Judge(envelope.Reply, "read_ok"));
    }

    /// <summary>A JSON array of integers that fit an int is read as a compact vector; any
    /// other item (a float, a long, a string, an array) makes it an ordinary vector, items
    /// before it included; both are the EDN Cheshire's reading gives.</summary>
    [Theory]
    [InlineData("[]", true)]
    [InlineData("[0,1,-2,2147483647,-2147483648]", true)]
    [InlineData("[1,2.5]", false)]
    [InlineData("[1,2147483648]", false)]
    [InlineData("[1,\"a\"]", false)]
    [InlineData("[1,[2,3],4]", false)]
    [InlineData("[1e2]", false)]
    public void AnArrayOfInts_IsReadCompact_AndAnyOtherArrayAsItems(string json, bool compact)
    {
        var read = (Edn.Vector)MessageEdn.FromJson(json);
        Assert.Equal(compact, read.Ints is not null);
        var expected = Edn.VectorOf(System.Text.Json.JsonDocument.Parse(json).RootElement
            .EnumerateArray().Select(ExpectedItem));
        Assert.Equal(expected, read);
        Assert.Equal(EdnWriter.Write(expected), EdnWriter.Write(read));
    }

    private static Edn ExpectedItem(System.Text.Json.JsonElement e) => e.ValueKind switch
    {
        System.Text.Json.JsonValueKind.String => Edn.Of(e.GetString()!),
        System.Text.Json.JsonValueKind.Array => Edn.VectorOf(e.EnumerateArray()
            .Select(ExpectedItem)),
        _ when e.GetRawText().Contains('.') || e.GetRawText().Contains('e') =>
            new Edn.Float(e.GetDouble()),
        _ => Edn.Of(e.GetInt64()),
    };

    /// <summary>Where a node's line is read (now, ahead on a worker, or when the loop takes
    /// it) changes nothing: the same envelope, body reading and verdict, or the same error,
    /// for lines under and over the read-ahead length.</summary>
    [Theory]
    [InlineData(10)]
    [InlineData(3000)]
    public void AStdoutLine_ReadsTheSame_WhereverItIsRead(int values)
    {
        var messages = string.Join(",", Enumerable.Range(0, values));
        var good = """{"src":"n0","dest":"c1","body":{"type":"read_ok","messages":["""
            + messages + """],"in_reply_to":3}}""";
        var bad = good[..^1];
        Assert.Equal(values >= 1000, good.Length >= StdoutLine.AheadChars);
        foreach (var line in new[] { good, bad })
        {
            var expected = EnvelopeParser.Parse(line);
            foreach (var read in new[] { StdoutLine.ReadNow(line), StdoutLine.ReadAhead(line),
                StdoutLine.Unread(line) })
            {
                Assert.Equal(line, read.Text);
                var (envelope, error) = read.Reading;
                Assert.Equal(expected.Error, error);
                Assert.Equal(expected.Envelope?.BodyJson, envelope?.BodyJson);
                if (expected.Envelope?.Reply is not { } reply) continue;
                Assert.Equal(ClientReplies.Judge(reply, "read_ok"),
                    ClientReplies.Judge(envelope!.Reply!, "read_ok"));
            }
        }
    }

    [Fact]
    public void ALineOverAMebibyte_IsReadToo()
    {
        var text = new string('é', 1_200_000);
        var body = "{\"t\":\"" + text + "\"}";
        var (envelope, error) = EnvelopeParser.Parse(
            "{\"src\":\"n0\",\"dest\":\"c1\",\"body\":" + body + "}");
        Assert.Null(error);
        Assert.Equal(body, envelope!.BodyJson);
    }

    [Theory]
    [InlineData("", "line-not-valid-json")]
    [InlineData("   ", "line-not-valid-json")]
    [InlineData("[1,2", "line-not-valid-json")]
    [InlineData("""{"src":"n0","dest":"c1","body":{}} x""", "line-not-valid-json")]
    [InlineData("""{"src":"n0","dest":"c1","body":{}}{}""", "line-not-valid-json")]
    [InlineData("""{"src":5,"dest":"c1","body":{"bad":[1,}}""", "line-not-valid-json")]
    [InlineData("[1,2]", "malformed-message: a message must be a JSON object")]
    [InlineData("7", "malformed-message: a message must be a JSON object")]
    [InlineData("""{"src":1,"dest":"c1","body":{}}""", "malformed-message: src must be a string")]
    [InlineData("""{"extra":1,"src":1,"dest":"c1","body":{}}""",
        "malformed-message: disallowed key extra")]
    [InlineData("""{"src":"n0","dest":"c1"}""", "malformed-message: missing required key body")]
    [InlineData("""{"src":"n0","body":{}}""", "malformed-message: missing required key dest")]
    [InlineData("""{"src":"n0","dest":"c1","body":{},"id":1e3}""",
        "malformed-message: id must be an integer")]
    [InlineData("""{"src":"n0","dest":"c1","body":{},"id":"1"}""",
        "malformed-message: id must be an integer")]
    public void BadLines_GiveMaelstromsReason(string line, string reason)
    {
        var (envelope, error) = EnvelopeParser.Parse(line);
        Assert.Null(envelope);
        Assert.StartsWith(reason, error);
    }

    [Fact]
    public void AReadOk_IsJudgedOk_WithItsMessagesAsEdn()
    {
        var body = ReplyBody.Parse("""{"type":"read_ok","messages":[3,1,2],"in_reply_to":4}""");
        Assert.Equal(4, body.InReplyTo);
        var ok = Assert.IsType<ReplyOutcome.Ok>(ClientReplies.Judge(body, "read_ok"));
        Assert.Equal(Edn.VectorOf([Edn.Of(3), Edn.Of(1), Edn.Of(2)]), ok.Messages);
    }

    [Fact]
    public void MessagesOfAnyJson_AreReadAsCheshireWould()
    {
        var body = ReplyBody.Parse("""{"type":"read_ok","in_reply_to":1,"messages":"""
            + """[-1,1.5,1e2,123456789012345678901234,"x","""
            + """{"a":[true,null]},-9223372036854775808]}""");
        var ok = Assert.IsType<ReplyOutcome.Ok>(ClientReplies.Judge(body, "read_ok"));
        Assert.Equal(Edn.VectorOf([
            Edn.Of(-1), new Edn.Float(1.5), new Edn.Float(100),
            new Edn.BigInt(BigInteger.Parse("123456789012345678901234")), Edn.Of("x"),
            Edn.MapOf((Edn.Of("a"), Edn.VectorOf([Edn.Of(true), Edn.Nil.Value]))),
            Edn.Of(long.MinValue)]), ok.Messages);
    }

    [Theory]
    [InlineData("""{"type":"error","code":11,"text":"busy","extra":1,"in_reply_to":1}""", 11L,
        "temporarily-unavailable", true, "busy")]
    [InlineData("""{"type":"error","code":13,"in_reply_to":1}""", 13L, "crash", false, null)]
    [InlineData("""{"type":"error","code":1.0,"in_reply_to":1}""", null, "unknown", false, null)]
    [InlineData("""{"type":"error","code":99,"in_reply_to":1}""", 99L, "unknown", false, null)]
    public void ErrorBodies_AreNamedAndClassified(
        string json, long? code, string name, bool definite, string? text) =>
        Assert.Equal(new ReplyOutcome.Error(code, name, definite, text),
            ClientReplies.Judge(ReplyBody.Parse(json), "broadcast_ok"));

    [Theory]
    [InlineData("""{"type":"broadcast_ok","in_reply_to":1,"extra":2}""",
        "broadcast_ok", "disallowed key extra")]
    [InlineData("""{"type":"broadcast_ok","in_reply_to":"1"}""",
        "broadcast_ok", "in_reply_to must be an integer")]
    [InlineData("""{"type":"read_ok","in_reply_to":1,"msg_id":2.5,"messages":[]}""",
        "read_ok", "msg_id must be an integer")]
    [InlineData("""{"type":"read_ok","in_reply_to":1}""",
        "read_ok", "missing required key messages")]
    [InlineData("""{"type":"read_ok","in_reply_to":1,"messages":{}}""",
        "read_ok", "messages must be an array")]
    [InlineData("""{"type":"read_ok","in_reply_to":1,"messages":[]}""",
        "broadcast_ok", "type must be \"broadcast_ok\"")]
    [InlineData("""{"in_reply_to":1}""", "broadcast_ok", "missing required key type")]
    [InlineData("""{"type":"broadcast_ok"}""", "broadcast_ok", "missing required key in_reply_to")]
    public void SchemaBreaches_AreMalformed_WithTheFirstReason(
        string json, string okType, string reason) =>
        Assert.Equal(new ReplyOutcome.Malformed(reason),
            ClientReplies.Judge(ReplyBody.Parse(json), okType));

    [Theory]
    [InlineData("""{"in_reply_to":7}""", 7L)]
    [InlineData("""{"in_reply_to":7,"in_reply_to":8}""", 8L)]
    [InlineData("""{"in_reply_to":1e2}""", null)]
    [InlineData("""{"in_reply_to":99999999999999999999}""", null)]
    [InlineData("""{"in_reply_to":"7"}""", null)]
    [InlineData("""[7]""", null)]
    [InlineData("""7""", null)]
    public void InReplyTo_IsOnlyAnExactInteger(string json, long? expected) =>
        Assert.Equal(expected, ReplyBody.Parse(json).InReplyTo);

    [Fact]
    public void ABody_HasKeywordKeysAtItsTopLevelOnly() =>
        Assert.Equal(Edn.KwMap(("type", Edn.Of("x")),
                ("m", Edn.MapOf((Edn.Of("k"), Edn.Of(1))))),
            MessageEdn.Body("""{"type":"x","m":{"k":1}}"""));

    [Fact]
    public void SmallIntegers_AreShared_AndEqualToFreshOnes()
    {
        Assert.Same(Edn.Of(1234), Edn.Of(1234));
        Assert.Equal(new Edn.Int(1234), Edn.Of(1234));
        Assert.Equal(new Edn.Int(-5), Edn.Of(-5));
        Assert.Equal(new Edn.Int(1L << 40), Edn.Of(1L << 40));
    }
}

/// <summary>Core names the error codes the node sends; they must be Maelstrom's.</summary>
public sealed class ErrorCodeAgreementTests
{
    [Theory]
    [InlineData(FunctionalGossip.Core.Wire.ErrorCode.NotSupported, "not-supported")]
    [InlineData(FunctionalGossip.Core.Wire.ErrorCode.TemporarilyUnavailable,
        "temporarily-unavailable")]
    [InlineData(FunctionalGossip.Core.Wire.ErrorCode.MalformedRequest, "malformed-request")]
    [InlineData(FunctionalGossip.Core.Wire.ErrorCode.Abort, "abort")]
    public void CoresCodes_AreMaelstromsTable(int code, string name)
    {
        Assert.Equal(name, ErrorCodes.Of(code)?.Name);
        Assert.True(ErrorCodes.Of(code)!.Definite);
    }
}
