using FunctionalGossip.Harness.Cli;
using FunctionalGossip.Harness.Store;
using FunctionalGossip.Harness.Engine;
using FunctionalGossip.Harness.Maelstrom;
using FunctionalGossip.Harness.Sim;

namespace FunctionalGossip.Harness.Tests;

public sealed class CliTests
{
    [Fact]
    public void Defaults_AreMaelstroms()
    {
        var run = Assert.IsType<TestArgs.Run>(TestArgs.Parse(["--sim", "--seed", "1"]));
        var o = run.Options;
        Assert.Equal(["n1", "n2", "n3", "n4", "n5"], o.Nodes);
        Assert.Equal((60L, 5.0, 0L, LatencyDist.Constant),
            (o.TimeLimitS, o.Rate, o.Latency.MeanMs, o.Latency.Dist));
        Assert.Equal((false, 10.0, TopologyKind.Grid, 5, 10.0),
            (o.Partitions, o.NemesisIntervalS, o.Topology, o.Concurrency, o.RecoveryS));
        Assert.Equal("store", run.StoreDir);
    }

    [Fact]
    public void MaelstromFlags_AndNodeArgs_Parse()
    {
        var run = Assert.IsType<TestArgs.Run>(TestArgs.Parse([
            "test-ignored=1", "--sim", "-w", "broadcast", "--bin", "x", "--node-count", "25",
            "--time-limit=20", "--rate", "100", "--latency", "100", "--latency-dist",
            "exponential", "--nemesis", "partition", "--nemesis-interval", "2.5", "--topology",
            "tree", "--concurrency", "2n", "--recovery-s", "1", "--seed", "9", "--json",
            "--log-net-send", "--log-net-recv", "relay=total"]));
        var o = run.Options;
        Assert.Equal((25, 20L, 100.0, 2.5, TopologyKind.Tree2, 50, 1.0, 9UL),
            (o.Nodes.Count, o.TimeLimitS, o.Rate, o.NemesisIntervalS, o.Topology, o.Concurrency,
                o.RecoveryS, o.Seed));
        Assert.True(run.Json && o.Partitions && o.LogNetSend && o.LogNetRecv);
        Assert.Equal(["test-ignored=1", "relay=total"], o.NodeArgs);
    }

    [Theory]
    [InlineData("--rate")]
    [InlineData("--rate -1")]
    [InlineData("--node-count 0")]
    [InlineData("--latency-dist gaussian")]
    [InlineData("--nemesis kill")]
    [InlineData("--topology ring")]
    [InlineData("--concurrency n")]
    [InlineData("--seed -3")]
    [InlineData("-w lin-kv")]
    [InlineData("--latency-dist uniform")]
    [InlineData("--frobnicate")]
    [InlineData("stray")]
    [InlineData("--concurrency 0")]
    public void BadArguments_Exit254_WithOneLine(string extra)
    {
        var (code, _, err) = Run(["--sim", .. extra.Split(' ')]);
        Assert.Equal(254, code);
        var line = Assert.Single(err.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("gossip test: ", line);
        Assert.EndsWith(" (see gossip test --help)", line);
        Assert.Contains(extra.Split(' ')[0], line);
    }

    [Theory]
    [InlineData("--rate -1", "--rate -1: must be a number from 0 to 100000")]
    [InlineData("--topology ring",
        "--topology ring: must be one of grid, line, tree, tree2, tree3, tree4, total")]
    [InlineData("--latency-dist uniform", "--latency-dist uniform needs --latency above 0")]
    [InlineData("stray", "unexpected argument 'stray' (node settings are key=value)")]
    public void BadArguments_SayWhatIsWrong(string extra, string message) =>
        Assert.Contains(message, Run(["--sim", .. extra.Split(' ')]).Err);

    [Fact]
    public void MistypedOption_IsRefused_WithTheLibrarysSuggestion()
    {
        var (code, _, err) = Run(["--sim", "--rat", "3"]);
        Assert.Equal(254, code);
        Assert.Equal("gossip test: Unrecognized command or argument '--rat'. (see gossip test "
            + "--help)\n'--rat' was not matched. Did you mean one of the following?\n--rate\n",
            err.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Help_IsGenerated_FromTheOptions()
    {
        var (code, help, _) = Run(["--help"]);
        Assert.Equal(0, code);
        Assert.Contains("Usage:\n  gossip test [<key=value>...] [options]", help);
        foreach (var flag in new[] { "--node-count <N>", "--time-limit <S>", "--rate <R>",
            "--latency <MS>", "--nemesis <partition>", "--concurrency <N|Kn>", "-w, --workload",
            "--log-net-send", "[default: 60]" })
            Assert.Contains(flag, help);
        Assert.DoesNotContain("--log-stderr", help);
    }

    [Fact]
    public void MissingBin_OrBadNodeSettings_Exit254()
    {
        var (missing, _, why) =
            Run(["--bin", "/nonexistent/node", "--node-count", "3", "--store", Temp()]);
        Assert.Equal(254, missing);
        Assert.Contains("--bin /nonexistent/node: no such file", why);
        foreach (var mode in new[] { "--sim", "--node-count=1" })
        {
            var (code, _, err) = Run([mode, "relay=nowhere", "--store", Temp()]);
            Assert.Equal(254, code);
            Assert.Contains("relay=nowhere", err);
        }
    }

    [Fact]
    public void CheckInvariants_TurnsOnTheSimulatorsDebugMode_AndNeedsSim()
    {
        bool Checks(params string[] args)
        {
            var run = Assert.IsType<TestArgs.Run>(TestArgs.Parse(args));
            var mode = Assert.IsType<Mode.Sim>(Mode.Simulated(run.CheckInvariants));
            return mode.Strategy(run.Options).CheckInvariants;
        }
        Assert.False(Checks("--sim"));
        Assert.True(Checks("--sim", "--check-invariants"));
        var bad = Assert.IsType<TestArgs.Bad>(TestArgs.Parse(["--check-invariants"]));
        Assert.StartsWith("--check-invariants needs --sim", bad.Message);
        var (code, stdout, _) = Run(["--sim", "--check-invariants", "--node-count", "3",
            "--time-limit", "3", "--rate", "10", "--seed", "2", "--store", Temp()]);
        Assert.Equal(0, code);
        Assert.Contains("Everything looks good!", stdout);
    }

    [Fact]
    public void Render_RoundTrips()
    {
        var o = SafetySweep.Draw(5) with { NodeArgs = ["tick-ms=50"] };
        var back = Assert.IsType<TestArgs.Run>(TestArgs.Parse(TestArgs.Render(o).Split(' ')[2..]))
            .Options;
        Assert.Equal(TestArgs.Render(o), TestArgs.Render(back));
        Assert.Equal(o.Nodes, back.Nodes);
    }

    [Fact]
    public void ARun_WritesAMaelstromStore_AndExitsWithTheVerdict()
    {
        var store = Temp();
        var (code, stdout, _) = Run(["--sim", "--node-count", "3", "--time-limit", "5", "--rate",
            "10", "--store", store, "--seed", "4", "--log-net-send"]);
        Assert.Equal(0, code);
        Assert.Contains("Everything looks good!", stdout);
        Assert.Contains("seed 4", stdout);
        var latest = Path.Combine(store, "latest");
        foreach (var f in new[] { "results.edn", "results.json", "history.edn", "history.txt",
            "jepsen.log", "latency-raw.png", "node-logs/n0.log", "node-logs/n2.log" })
            Assert.True(File.Exists(Path.Combine(latest, f)), f);
        Assert.Matches(@"^\d{8}T\d{6}\.\d{3}[+-]\d{4}$",
            new FileInfo(Path.Combine(store, "broadcast", "latest")).LinkTarget!);
        var log = File.ReadAllText(Path.Combine(latest, "jepsen.log"));
        Assert.Contains(
            "INFO\t[n0 stdout] maelstrom.net: :send #maelstrom.net.message.Message{:id ", log);
        Assert.Contains("] jepsen.util: 0\t:invoke\t:", log);
        Assert.Contains(":valid? true", File.ReadAllText(Path.Combine(latest, "results.edn")));
        Assert.Contains(":gossip/floor {:hop-latency-ms 0,",
            File.ReadAllText(Path.Combine(latest, "results.edn")));
        Assert.Matches(@"\nfloor latency   min \d+, median \d+, 95% \d+, 99% \d+, max \d+ ms "
            + @"\(0 ms hops\); gap [+-]\d+/[+-]\d+/[+-]\d+/[+-]\d+/[+-]\d+ ms\n", stdout);
        var (jcode, json, _) = Run(["--sim", "--node-count", "1", "--time-limit", "2", "--store",
            store, "--json", "--seed", "1"]);
        Assert.Equal(0, jcode);
        Assert.StartsWith("{", json.TrimStart());
        Assert.Contains("\"valid\": true", json);
    }

    private static string Temp() =>
        Directory.CreateTempSubdirectory("gossip-harness-").FullName;

    private static (int Code, string Out, string Err) Run(string[] args)
    {
        var (o, e) = (new StringWriter(), new StringWriter());
        var code = TestCommand.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }
}
