using FunctionalGossip.Core.Journal;

namespace FunctionalGossip.EndToEnd.Tests;

/// <summary>The published node answers the Maelstrom protocol over real pipes.</summary>
[Collection(BinaryCollection.Name)]
public sealed class NodeProtocolTests(GossipBinary binary)
{
    /// <summary>Every setting's key, as a refusal lists them.</summary>
    private const string Keys = "keys: profile, tick-ms, retry-ms, ack-ms, suspect-ms, "
        + "suspect-first-ms, suspect-min-ms, suspect-deviations, fanout-per-s, probes, detour-ms, "
        + "relay, eager";

    private const string Init = """{"id":0,"src":"c0","dest":"n0","body":"""
        + """{"type":"init","node_id":"n0","node_ids":["n0","n1","n2"],"msg_id":1}}""";

    private static string Req(string body) => $$"""{"src":"c1","dest":"n0","body":{{body}}}""";

    private static string Reply(string body) => $$"""{"src":"n0","dest":"c1","body":{{body}}}""";

    [Fact]
    public void Session_InitTopologyBroadcastRead_GetsExactReplies()
    {
        using var node = new NodeProcess(binary.Path);
        node.Send(Init);
        Assert.Equal("""{"src":"n0","dest":"c0","body":{"type":"init_ok","in_reply_to":1}}""",
            node.Next());
        node.Send("""{"id":3,"src":"c3","dest":"n0","body":{"type":"topology","topology":"""
            + """{"n0":["n1"],"n1":["n0","n2"],"n2":["n1"]},"msg_id":1}}""");
        Assert.Equal("""{"src":"n0","dest":"c3","body":{"type":"topology_ok","in_reply_to":1}}""",
            node.Next());
        foreach (var (v, id) in new[] { (3, 2), (1, 3), (2, 4), (3, 5) })
        {
            node.Send(Req($$"""{"type":"broadcast","message":{{v}},"msg_id":{{id}}}"""));
            Assert.Equal(Reply($$"""{"type":"broadcast_ok","in_reply_to":{{id}}}"""),
                NextReply(node));
        }
        node.Send(Req("""{"type":"read","msg_id":6}"""));
        // In the order learned; the repeated 3 counts once.
        Assert.Equal(Reply("""{"type":"read_ok","messages":[3,1,2],"in_reply_to":6}"""),
            NextReply(node));
        Assert.Equal(0, node.CloseAndWait());
        Assert.StartsWith(
            "gossip-journal 1 tick-ms=220 retry-ms=3000 ack-ms=2000 suspect-ms=800 "
            + "suspect-first-ms=600 suspect-min-ms=300 suspect-deviations=6 fanout-per-s=2000 "
            + "probes=4 detour-ms=0 relay=star eager=up\n",
            node.Journal);
        Assert.Contains(" exit eof\n", node.Journal);
    }

    /// <summary>The hub sends a value to both leaves on its tick and resends it only to the
    /// leaf that has not acknowledged it, once per retry interval. retry-ms is 5 s so that the
    /// test's acknowledgement, sent as soon as the first batch is read, is in time even after
    /// seconds of stall on a loaded host; each wait is on the next line (about 10 s in all).
    /// </summary>
    [Fact]
    public void Hub_GossipsBatchesOnTick_ResendsUntilAcked()
    {
        using var node = new NodeProcess(binary.Path, "tick-ms=50", "retry-ms=5000");
        node.Send(Init);
        node.Next();
        node.Send(Req("""{"type":"broadcast","message":7,"msg_id":2}"""));
        Assert.Equal(Reply("""{"type":"broadcast_ok","in_reply_to":2}"""), node.Next());
        var first = new[] { node.Next(), node.Next() }.Order().ToArray();
        Assert.Equal(new[] { Gossip("n1", 1, ""), Gossip("n2", 1, "") }, first);
        node.Send("""{"src":"n1","dest":"n0","body":{"type":"gossip","ack":1}}""");
        // n2 never acks: the next two lines are its resends, each covering batch 1 on. A resend
        // to n1, which acked, would come with n2's first (same send time, same interval).
        Assert.Equal(Gossip("n2", 2, "\"from\":1,"), node.Next());
        Assert.Equal(Gossip("n2", 3, "\"from\":1,"), node.Next());
        Assert.Equal(0, node.CloseAndWait());
    }

    /// <summary>The hub's batch of the value 7 to <paramref name="dest"/>.</summary>
    private static string Gossip(string dest, int seq, string from) =>
        $$$"""{"src":"n0","dest":"{{{dest}}}","body":{"type":"gossip","seq":{{{seq}}},"""
        + $$$"""{{{from}}}"values":[7],"ack":0}}""";

    /// <summary>A leaf sends a value to the hub at once and acknowledges the hub's batch alone
    /// only once ack-ms has passed, as the node's journal times it: its clock, not the test's,
    /// so a loaded host can only lengthen the gap. retry-ms is 10 minutes and suspicion is off,
    /// so a slow test cannot make the leaf resend or fall back before the hub's batch comes.
    /// </summary>
    [Fact]
    public void Leaf_SendsEachValueToTheHubAtOnce_AndAcksTheHubLazily()
    {
        using var node = new NodeProcess(binary.Path, "ack-ms=300", "retry-ms=600000",
            "suspect-ms=0");
        node.Send(Init.Replace("\"node_id\":\"n0\"", "\"node_id\":\"n1\"")
            .Replace("\"dest\":\"n0\"", "\"dest\":\"n1\""));
        Assert.Equal("""{"src":"n1","dest":"c0","body":{"type":"init_ok","in_reply_to":1}}""",
            node.Next());
        node.Send("""{"src":"c1","dest":"n1","body":{"type":"broadcast","message":4,"""
            + "\"msg_id\":2}}");
        Assert.Equal("""{"src":"n1","dest":"c1","body":{"type":"broadcast_ok","in_reply_to":2}}""",
            node.Next());
        Assert.Equal("""{"src":"n1","dest":"n0","body":{"type":"gossip","seq":1,"values":[4],"""
            + "\"ack\":0,\"up\":true}}", node.Next());
        const string batch = """{"src":"n0","dest":"n1","body":{"type":"gossip","seq":1,"""
            + "\"values\":[8],\"ack\":1}}";
        node.Send(batch);
        // Nothing else to carry the ack: it goes alone, next, once ack-ms has passed.
        const string ack =
            """{"src":"n1","dest":"n0","body":{"type":"gossip","ack":1,"up":true}}""";
        Assert.Equal(ack, node.Next());
        Assert.Equal(0, node.CloseAndWait());
        var entries = node.Journal.Split('\n').Select(l => JournalFormat.Parse(l).Case)
            .OfType<JournalEntry>().ToList();
        var at = entries.FindIndex(e => e is JournalEntry.Received r && r.Line == batch);
        var received = (JournalEntry.Received)entries[at];
        var sent = entries.Skip(at).OfType<JournalEntry.Sent>().ToList();
        Assert.True(sent.Count == 1 && sent[0].Line == ack, node.Journal);
        Assert.True(sent[0].NowMs - received.NowMs >= 300, node.Journal);
    }

    // Reference: "11 temporarily-unavailable ... (not initialized ...)" (§1.4)
    [Fact]
    public void RequestBeforeInit_GetsError11()
    {
        using var node = new NodeProcess(binary.Path);
        node.Send("""{"src":"c1","dest":"n0","body":{"type":"read","msg_id":1}}""");
        Assert.Equal(
            Reply("""{"type":"error","code":11,"text":"not initialised: read before init","""
                + "\"in_reply_to\":1}"),
            node.Next());
    }

    [Theory]
    [InlineData("SIGTERM", "sigterm")]
    [InlineData("SIGINT", "sigint")]
    public void Signal_ExitsZeroAfterFlushing(string signal, string reason)
    {
        using var node = new NodeProcess(binary.Path);
        node.Send(Init);
        node.Next();
        node.Signal(signal);
        Assert.Equal(0, node.WaitForExit());
        Assert.Contains($" exit {reason}\n", node.Journal);
    }

    [Theory]
    [InlineData("tick-ms=0", "tick-ms=0 must be an integer from 1 to 60000")]
    [InlineData("relay=ring", "relay=ring is not one of star, total, given, tree1..tree64")]
    [InlineData("profile=fast", "profile=fast is not one of default, latency")]
    [InlineData("eager=some", "eager=some is not one of none, up, all")]
    [InlineData("speed=9", "unknown setting 'speed' (" + Keys + ")")]
    [InlineData("bogus", "'bogus' is not key=value (" + Keys + ")")]
    public void BadSetting_ExitsTwoWithAClearMessage_BeforeReadingStdin(string arg, string message)
    {
        using var node = new NodeProcess(binary.Path, arg);
        Assert.Equal(2, node.WaitForExit());
        Assert.StartsWith($"gossip: {message}\n", node.Journal);
        Assert.Null(node.NextOrNull(10));
    }

    [Fact]
    public void ClosedStdout_IsAClearMessageAndExit2_NotACrash()
    {
        var psi = new System.Diagnostics.ProcessStartInfo("bash")
        {
            ArgumentList = { "-c", $"'{binary.Path}' >&- </dev/null" },
            RedirectStandardError = true,
        };
        using var p = System.Diagnostics.Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEnd();
        Assert.True(p.WaitForExit(30_000));
        Assert.Equal(2, p.ExitCode);
        Assert.StartsWith("gossip: cannot open stdout/stderr:", stderr);
        Assert.DoesNotContain("Unhandled exception", stderr);
    }

    private static string NextReply(NodeProcess node)
    {
        while (true)
        {
            var line = node.Next();
            if (!line.Contains("\"type\":\"gossip\"")) return line;
        }
    }
}
