namespace FunctionalGossip.EndToEnd.Tests;

/// <summary>The published node answers the Maelstrom protocol over real pipes.</summary>
[Collection(BinaryCollection.Name)]
public sealed class NodeProtocolTests(GossipBinary binary)
{
    /// <summary>Every setting's key, as a refusal lists them.</summary>
    private const string Keys = "keys: profile, tick-ms, retry-ms, ack-ms, suspect-ms, "
        + "fanout-per-s, probes, detour-ms, relay, eager";

    private const string Init =
        """{"id":0,"src":"c0","dest":"n0","body":{"type":"init","node_id":"n0","node_ids":["n0","n1","n2"],"msg_id":1}}""";

    private static string Req(string body) => $$"""{"src":"c1","dest":"n0","body":{{body}}}""";

    private static string Reply(string body) => $$"""{"src":"n0","dest":"c1","body":{{body}}}""";

    [Fact]
    public void Session_InitTopologyBroadcastRead_GetsExactReplies()
    {
        using var node = new NodeProcess(binary.Path);
        node.Send(Init);
        Assert.Equal("""{"src":"n0","dest":"c0","body":{"type":"init_ok","in_reply_to":1}}""", node.Next());
        node.Send("""{"id":3,"src":"c3","dest":"n0","body":{"type":"topology","topology":{"n0":["n1"],"n1":["n0","n2"],"n2":["n1"]},"msg_id":1}}""");
        Assert.Equal("""{"src":"n0","dest":"c3","body":{"type":"topology_ok","in_reply_to":1}}""", node.Next());
        foreach (var (v, id) in new[] { (3, 2), (1, 3), (2, 4), (3, 5) })
        {
            node.Send(Req($$"""{"type":"broadcast","message":{{v}},"msg_id":{{id}}}"""));
            Assert.Equal(Reply($$"""{"type":"broadcast_ok","in_reply_to":{{id}}}"""), NextReply(node));
        }
        node.Send(Req("""{"type":"read","msg_id":6}"""));
        // In the order learned; the repeated 3 counts once.
        Assert.Equal(Reply("""{"type":"read_ok","messages":[3,1,2],"in_reply_to":6}"""), NextReply(node));
        Assert.Equal(0, node.CloseAndWait());
        Assert.StartsWith(
            "gossip-journal 1 tick-ms=220 retry-ms=3000 ack-ms=2000 suspect-ms=800 "
            + "fanout-per-s=2000 probes=4 detour-ms=0 relay=star eager=up\n",
            node.Journal);
        Assert.Contains(" exit eof\n", node.Journal);
    }

    [Fact]
    public void Hub_GossipsBatchesOnTick_ResendsUntilAcked()
    {
        using var node = new NodeProcess(binary.Path, "tick-ms=50", "retry-ms=400");
        node.Send(Init);
        node.Next();
        node.Send(Req("""{"type":"broadcast","message":7,"msg_id":2}"""));
        Assert.Equal(Reply("""{"type":"broadcast_ok","in_reply_to":2}"""), node.Next());
        var first = new[] { node.Next(1000), node.Next(1000) }.Order().ToArray();
        Assert.Equal(new[]
        {
            """{"src":"n0","dest":"n1","body":{"type":"gossip","seq":1,"values":[7],"ack":0}}""",
            """{"src":"n0","dest":"n2","body":{"type":"gossip","seq":1,"values":[7],"ack":0}}""",
        }, first);
        node.Send("""{"src":"n1","dest":"n0","body":{"type":"gossip","ack":1}}""");
        // n2 never acks: only n2 gets resends, one per retry interval, each covering batch 1
        // on. The window is generous and the count is not asserted, so a loaded machine cannot
        // fail it.
        Assert.Equal("""{"src":"n0","dest":"n2","body":{"type":"gossip","seq":2,"from":1,"values":[7],"ack":0}}""",
            node.Next(5000));
        var later = new List<string>();
        var until = DateTime.UtcNow.AddMilliseconds(1500);
        while (DateTime.UtcNow < until
            && node.NextOrNull((int)Math.Max(1, (until - DateTime.UtcNow).TotalMilliseconds)) is { } line)
            later.Add(line);
        Assert.All(later.Select((line, i) => (line, i)), x => Assert.Equal(
            $$$"""{"src":"n0","dest":"n2","body":{"type":"gossip","seq":{{{3 + x.i}}},"from":1,"values":[7],"ack":0}}""", x.line));
        Assert.Equal(0, node.CloseAndWait());
    }

    [Fact]
    public void Leaf_SendsEachValueToTheHubAtOnce_AndAcksTheHubLazily()
    {
        using var node = new NodeProcess(binary.Path, "ack-ms=300");
        node.Send(Init.Replace("\"node_id\":\"n0\"", "\"node_id\":\"n1\"").Replace("\"dest\":\"n0\"", "\"dest\":\"n1\""));
        Assert.Equal("""{"src":"n1","dest":"c0","body":{"type":"init_ok","in_reply_to":1}}""", node.Next());
        node.Send("""{"src":"c1","dest":"n1","body":{"type":"broadcast","message":4,"msg_id":2}}""");
        Assert.Equal("""{"src":"n1","dest":"c1","body":{"type":"broadcast_ok","in_reply_to":2}}""", node.Next());
        Assert.Equal("""{"src":"n1","dest":"n0","body":{"type":"gossip","seq":1,"values":[4],"ack":0,"up":true}}""", node.Next());
        node.Send("""{"src":"n0","dest":"n1","body":{"type":"gossip","seq":1,"values":[8],"ack":1}}""");
        // Nothing else to carry the ack: it goes alone once ack-ms has passed (on a tick).
        Assert.Null(node.NextOrNull(150));
        Assert.Equal("""{"src":"n1","dest":"n0","body":{"type":"gossip","ack":1,"up":true}}""", node.Next(2000));
        Assert.Equal(0, node.CloseAndWait());
    }

    // Reference: "11 temporarily-unavailable ... (not initialized ...)" (§1.4)
    [Fact]
    public void RequestBeforeInit_GetsError11()
    {
        using var node = new NodeProcess(binary.Path);
        node.Send("""{"src":"c1","dest":"n0","body":{"type":"read","msg_id":1}}""");
        Assert.Equal(Reply("""{"type":"error","code":11,"text":"not initialised: read before init","in_reply_to":1}"""), node.Next());
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
        Assert.True(p.WaitForExit(5000));
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
