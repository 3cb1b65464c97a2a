using System.Text.Json;
using FunctionalGossip.Core;
using FunctionalGossip.Replay.Repl;

namespace FunctionalGossip.Replay.Tests;

/// <summary>Replaying a jepsen.log written with --log-net-recv (and --log-net-send), in
/// Maelstrom's exact line format (J:store.clj layout, net.clj <c>:recv</c>/<c>:send</c>).</summary>
public class JepsenLogTests
{
    private const string Msg = "#maelstrom.net.message.Message";

    private static string At(string time, string thread, string logger, string text) =>
        $"2025-01-20 12:08:{time}{{GMT}}\tINFO\t[{thread}] {logger}: {text}";

    internal static List<string> Log(string readOkMessages = "[8 5 7]") =>
    [
        At("02,000", "main", "jepsen.cli", "Test options:"),
        " {:concurrency 2,",
        "  :nodes [\"n0\" \"n1\"]}",
        At("02,500", "jepsen node n0", "maelstrom.db", "Setting up n0"),
        At("03,100", "n0 stdin", "maelstrom.net",
            $":recv {Msg}{{:id 0, :src \"c0\", :dest \"n0\", "
            + $":body {{:type \"init\", :node_id \"n0\", :node_ids [\"n0\" \"n1\"], :msg_id 1}}}}"),
        At("03,101", "n0 stdout", "maelstrom.net",
            $":send {Msg}{{:id 2, :src \"n0\", :dest \"c0\", "
            + $":body {{:type \"init_ok\", :in_reply_to 1}}}}"),
        At("03,102", "n1 stdin", "maelstrom.net",
            $":recv {Msg}{{:id 1, :src \"c1\", :dest \"n1\", "
            + $":body {{:type \"init\", :node_id \"n1\", :node_ids [\"n0\" \"n1\"], :msg_id 1}}}}"),
        At("03,150", "n0 stdin", "maelstrom.net",
            $":recv {Msg}{{:id 3, :src \"c2\", :dest \"n0\", :body {{:type \"topology\", "
            + $":topology {{:n0 [\"n1\"], :n1 [\"n0\"]}}, :msg_id 1}}}}"),
        At("03,151", "n0 stdout", "maelstrom.net",
            $":send {Msg}{{:id 4, :src \"n0\", :dest \"c2\", "
            + $":body {{:type \"topology_ok\", :in_reply_to 1}}}}"),
        At("03,200", "n0 stdin", "maelstrom.net",
            $":recv {Msg}{{:id 5, :src \"c4\", :dest \"n0\", "
            + $":body {{:type \"broadcast\", :message 5, :msg_id 2}}}}"),
        At("03,200", "n0 stdout", "maelstrom.net",
            $":send {Msg}{{:id 6, :src \"n0\", :dest \"c4\", "
            + $":body {{:type \"broadcast_ok\", :in_reply_to 2}}}}"),
        At("03,300", "n0 stdin", "maelstrom.net", $":recv {Msg}{{:id 7, :src \"c4\""),
        At("03,400", "jepsen worker 0", "jepsen.util", "0\t:invoke\t:broadcast\t5"),
        "java.lang.Exception: a stack trace line",
        "\tat clojure.core$eval.invoke(core.clj:1)",
        At("03,500", "n0 stdin", "maelstrom.net",
            $":recv {Msg}{{:id 8, :src \"n1\", :dest \"n0\", "
            + $":body {{:type \"gossip\", :seq 1, :values [7 8], :ack 0}}}}"),
        At("03,501", "jepsen worker 0", "jepsen.util", "0\t:ok\t:broadcast\t5"),
        At("04,000", "n0 stdin", "maelstrom.net",
            $":recv {Msg}{{:id 10, :src \"c4\", :dest \"n0\", "
            + $":body {{:type \"read\", :msg_id 3}}}}"),
        At("04,001", "n0 stdout", "maelstrom.net",
            $":send {Msg}{{:id 11, :src \"n0\", :dest \"c4\", "
            + $":body {{:type \"read_ok\", :messages {readOkMessages}, :in_reply_to 3}}}}"),
        At("04,100", "jepsen worker 0", "jepsen.core", "Analysis complete"),
    ];

    private static readonly ReplayOptions N0 = new("n0", false, []);

    [Fact]
    public void RecvLines_BecomeTheNodesInputs_WithTicksSynthesisedBetweenThem()
    {
        var recording = Support.Load(Log(), N0);
        Assert.Equal(LogKind.JepsenLog, recording.Kind);
        Assert.Equal("n0", recording.Node);
        var inputs = recording.Steps.Where(s => !s.Synthesised).ToList();
        Assert.Equal(new[] { 5, 8, 10, 16, 18 }, inputs.Select(s => s.SourceLine));
        Assert.Equal(1100, inputs[0].NowMs);
        var first = Assert.IsType<Event.Receive>(Support.EventOf(inputs[0]));
        Assert.Equal("c0", first.Message.Src);
        Assert.Equal(new[] { 1320L, 1540, 1760, 1980 },
            recording.Steps.Where(s => s.Synthesised).Select(s => s.NowMs));
        Assert.Equal(1, recording.Skipped["unreadable :recv record"]);
        Assert.Contains(recording.Notes, n => n.Contains("approximate") && n.Contains("220 ms"));
        var final = Support.Fold(recording, recording.Steps.Length);
        Assert.Equal(new[] { 5L, 7, 8 }, final.Values);
        Assert.Equal(new[] { "n1" }, final.Peers.Keys);
    }

    [Fact]
    public void TickInterval_FollowsTheSettingsOverride()
    {
        var recording = Support.Load(Log(), N0 with { SettingWords = ["tick-ms=300"] });
        Assert.Equal(300, recording.Settings.TickMs);
        Assert.Equal(new[] { 1400L, 1700, 2000 },
            recording.Steps.Where(s => s.Synthesised).Select(s => s.NowMs));
    }

    [Fact]
    public void Verify_ComparesReplies_IgnoringValueOrder()
    {
        var v = Verifier.Run(new Timeline(Support.Load(Log(), N0)));
        Assert.Null(v.First);
        Assert.Equal(4, v.Compared);
        var bad = Verifier.Run(new Timeline(Support.Load(Log("[8 5]"), N0)));
        Assert.NotNull(bad.First);
        Assert.Equal(18, bad.First!.At.SourceLine);
        Assert.Contains("[5,8]", bad.First.Recorded);
        Assert.Contains("[5,7,8]", bad.First.Replayed);
    }

    [Fact]
    public void SeveralNodes_WithoutNode_AreRefusedByName()
    {
        var path = Support.WriteTemp(Log(), "jepsen.log");
        var (code, output, err) = Support.Cli(path);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("n0, n1: pick one with --node nX", err);
        var (code2, _, err2) = Support.Cli(path, "--node", "n7");
        Assert.Equal(2, code2);
        Assert.Contains("no ':recv' lines for n7", err2);
        var (code3, out3, _) =
            Support.Cli(path, "--node", "n1", "--json", "--script", "goto end; state");
        Assert.Equal(0, code3);
        var state = JsonDocument.Parse(out3.Split('\n')[2]).RootElement.GetProperty("state");
        Assert.Equal("n1", state.GetProperty("node").GetString());
    }
}
