using System.Diagnostics;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace FunctionalGossip.EndToEnd.Tests;

/// <summary>
/// <c>gossip test</c> running real node processes, like <c>maelstrom test</c>: verdicts,
/// store layout, crash and violation reports, cleanup, and agreement with the simulator.
/// Short settings keep each run to a few seconds, with recovery windows that allow for a
/// loaded host.
/// </summary>
[Collection(BinaryCollection.Name)]
public sealed class HarnessProcessTests(GossipBinary binary, ITestOutputHelper output)
{
    /// <summary>How long a node process may stall on a loaded 2-core host without failing a
    /// run: added to each recovery window, since a value still on its way at the final reads
    /// counts as lost. A value a node drops for good is lost however long the window.
    /// </summary>
    private const int StallMs = 4000;

    /// <summary>A second for the values in flight when the main phase ends, plus
    /// <see cref="StallMs"/>.</summary>
    private static readonly string RecoveryS = $"{(1000 + StallMs) / 1000}";

    private static readonly string[] Short = { "--time-limit", "3", "--recovery-s", RecoveryS };

    private GossipTestRun Test(params string[] args) =>
        GossipTestRun.Start(binary.Path,
            new[] { "-w", "broadcast" }.Concat(args).Concat(Short).ToArray());

    [Fact]
    public void OneNode_IsValid_AndWritesMaelstromsStore()
    {
        var run = Test("--bin", binary.Path, "--node-count", "1", "--rate", "10");
        Assert.True(run.ExitCode == 0, run.Why);
        Assert.Contains("Everything looks good! ヽ(‘ー`)ノ", run.Stdout);
        foreach (var f in new[] { "results.edn", "results.json", "history.edn", "history.txt",
            "jepsen.log", "latency-raw.png" })
            Assert.True(File.Exists(run.File(f)), $"missing {f}\n{run.Why}");
        Assert.StartsWith("gossip-journal 1 ", File.ReadAllText(run.File("node-logs/n0.log")));
        Assert.True(run.Results.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public void BinDefaultsToTheRunningGossip()
    {
        var run = Test("--node-count", "1", "--rate", "5");
        Assert.True(run.ExitCode == 0, run.Why);
        Assert.Contains($"1 processes of {binary.Path}", run.Stdout);
    }

    [Fact]
    public void FiveNodes_AreValid_WithGossipBetweenThem()
    {
        var run = Test("--bin", binary.Path, "--node-count", "5", "--rate", "20",
            "--latency", "20");
        Assert.True(run.ExitCode == 0, run.Why);
        Assert.True(run.ServersMsgsPerOp > 0, run.Why);
        Assert.Contains("routing overhead", run.Stdout);
    }

    // Reference: "each node's CPU time (user+sys) and peak RSS, read from /proc when the run
    // ends, in results.json and the summary" (issue 9, item 4)
    [Fact]
    public void ProcessRun_ReportsEveryNodesCost_SimulatorRunHasNone()
    {
        var run = Test("--bin", binary.Path, "--node-count", "3", "--rate", "20",
            "--latency", "20");
        Assert.True(run.ExitCode == 0, run.Why);
        Assert.Matches(@"node cost\s+CPU \d+\.\d\d s total \(max \d+\.\d\d s, n\d\); peak RSS max "
            + @"\d+\.\d MiB \(n\d\), median \d+\.\d MiB\n", run.Stdout);
        var cost = run.Results.GetProperty("node-cost");
        foreach (var node in new[] { "n0", "n1", "n2" })
        {
            var n = cost.GetProperty("nodes").GetProperty(node);
            Assert.True(n.GetProperty("cpu-s").GetDouble() is > 0 and < 1000, $"{node}: {n}");
            Assert.True(n.GetProperty("peak-rss-kb").GetInt64() is > 100 and < 10_000_000,
                $"{node}: {n}");
        }
        Assert.True(cost.GetProperty("cpu-s-total").GetDouble() > 0, cost.ToString());
        Assert.True(cost.GetProperty("peak-rss-kb-median").GetInt64() > 100, cost.ToString());
        AssertSoakFigures(run);
        var sim = GossipTestRun.Start(binary.Path,
            new[] { "--sim", "--node-count", "3" }.Concat(Short).ToArray());
        Assert.True(sim.ExitCode == 0, sim.Why);
        Assert.DoesNotContain("node cost", sim.Stdout);
        Assert.False(sim.Results.TryGetProperty("node-cost", out _), sim.Why);
        Assert.DoesNotContain("node RSS", sim.Stdout);
        Assert.DoesNotContain("clients", sim.Stdout);
        Assert.False(sim.Results.TryGetProperty("node-rss", out _), sim.Why);
        Assert.False(sim.Results.TryGetProperty("clients", out _), sim.Why);
    }

    /// <summary>Issue 13's soak figures: each node's RSS sampled over the run (at least at
    /// start and stop) with its slope, and what the clients saw.</summary>
    private static void AssertSoakFigures(GossipTestRun run)
    {
        Assert.Matches(@"node RSS\s+sampled every 1 s; at the end max \d+\.\d MiB \(n\d\); slope "
            + @"after warm-up max [+-]\d+\.\d\d KiB/s \(n\d\), median [+-]\d+\.\d\d KiB/s\n",
            run.Stdout);
        // An op times out after 5 s, which a node stalled on a loaded host can take: the count
        // is not asserted, only that the row and results.json agree on it.
        var row = Regex.Match(run.Stdout, @"clients\s+\d+ of 60 requested ops completed "
            + @"\(\d+\.\d%\), \d+ invoked, (\d+) timed out; read latency median \d+\.\d ms");
        Assert.True(row.Success, run.Stdout);
        var rss = run.Results.GetProperty("node-rss");
        foreach (var node in new[] { "n0", "n1", "n2" })
        {
            var samples = rss.GetProperty("nodes").GetProperty(node).GetProperty("rss-kb");
            Assert.True(samples.GetArrayLength() >= 2, rss.ToString());
            Assert.All(samples.EnumerateArray(), kb => Assert.True(kb.GetInt64() > 100));
        }
        var clients = run.Results.GetProperty("clients");
        Assert.Equal(60, clients.GetProperty("requested").GetInt64());
        Assert.True(clients.GetProperty("completed").GetInt64() > 0, clients.ToString());
        Assert.Equal(row.Groups[1].Value, clients.GetProperty("timed-out").GetInt64().ToString());
        Assert.True(clients.GetProperty("read-latency-ms").GetProperty("count").GetInt64() > 0,
            clients.ToString());
    }

    /// <summary>Seed 128674707 cuts n3 off from 2.90 s to 3.08 s, just as the main phase ends,
    /// with a value broadcast to n3 inside the cut. The recovery window is the node's promise
    /// (<see cref="Core.NodeSettings.CatchUpMsFor"/>) plus <see cref="StallMs"/> for a loaded
    /// machine: with the 1 s the other tests once used, that value cannot reach every node in
    /// time (CI found this seed), and Maelstrom itself waits 10 s.</summary>
    [Fact]
    public void FiveNodesWithPartitions_AreValid_AndPartitionsWereApplied()
    {
        var recoveryS = (Core.NodeSettings.Default.CatchUpMsFor(5) + StallMs) / 1000.0;
        var run = GossipTestRun.Start(binary.Path, "-w", "broadcast", "--bin", binary.Path,
            "--node-count", "5", "--rate", "20", "--nemesis", "partition",
            "--nemesis-interval", "1", "--log-net-send", "--log-net-recv", "--time-limit", "3",
            "--recovery-s", recoveryS.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--seed", "128674707");
        Assert.True(run.ExitCode == 0, run.Why);
        Assert.Matches(@"partitions\s+\d+ applied", run.Stdout);
        var history = File.ReadAllText(run.File("history.edn"));
        Assert.Contains(":start-partition", history);
        var log = File.ReadAllText(run.File("jepsen.log"));
        Assert.Contains("maelstrom.net: :send #maelstrom.net.message.Message{", log);
        Assert.Contains("maelstrom.net: :recv #maelstrom.net.message.Message{", log);
    }

    [Fact]
    public void NodeThatLosesValues_IsInvalid_Exit1()
    {
        var run = Test("--bin", BrokenNodes.Create("lose"), "--node-count", "2", "--rate", "20");
        Assert.True(run.ExitCode == 1, run.Why);
        Assert.Contains("Analysis invalid! (ﾉಥ益ಥ）ﾉ ┻━┻", run.Stdout);
        Assert.True(run.Results.GetProperty("workload").GetProperty("lost-count").GetInt32() > 0,
            run.Why);
    }

    [Fact]
    public void NodeThatCrashes_IsReportedWithStatusAndLastLines_Exit255_NoOrphans()
    {
        var node = BrokenNodes.Create("crash");
        var run = Test("--bin", node, "--node-count", "3", "--rate", "20");
        Assert.True(run.ExitCode == 255, run.Why);
        Assert.Matches(@"Node n\d crashed with exit status 3\.", run.Stderr);
        Assert.Matches(@"Last \d+ lines on stderr:\n(  .*\n)*  got broadcast from c\d+\n"
            + @"  crashing on purpose", run.Stderr);
        Assert.Matches(@"Last \d+ lines on stdout:\n  \{""src"":""n\d""", run.Stderr);
        Assert.Empty(BrokenNodes.Survivors(BrokenNodes.ScriptOf(node)));
    }

    [Fact]
    public void NodeThatPrintsAMalformedLine_IsReportedWithNodeLineAndReason_Exit255()
    {
        var run = Test("--bin", BrokenNodes.Create("malformed"), "--node-count", "2",
            "--rate", "5");
        Assert.True(run.ExitCode == 255, run.Why);
        Assert.Matches(@"n\d output rejected at \d+ ms \(.+\): this is not JSON", run.Stderr);
        Assert.Contains("topology", run.Stderr);
    }

    [Fact]
    public async Task CtrlC_KillsEveryNode_Exit130()
    {
        var node = BrokenNodes.Create("lose");
        var store = Directory.CreateTempSubdirectory("gossip-store-").FullName;
        var psi = new ProcessStartInfo(binary.Path)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var a in new[] { "test", "-w", "broadcast", "--bin", node, "--node-count", "3",
            "--time-limit", "30", "--store", store })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (BrokenNodes.Survivors(BrokenNodes.ScriptOf(node)).Count < 3
            && DateTime.UtcNow < deadline)
            Thread.Sleep(50);
        Assert.Equal(3, BrokenNodes.Survivors(BrokenNodes.ScriptOf(node)).Count);
        using (var kill = Process.Start("kill", new[] { "-INT", p.Id.ToString() })!)
            kill.WaitForExit();
        Assert.True(p.WaitForExit(30_000), "gossip test did not stop on SIGINT");
        Assert.Equal(130, p.ExitCode);
        Assert.Contains("interrupted", await stderr);
        Assert.Empty(BrokenNodes.Survivors(BrokenNodes.ScriptOf(node)));
    }

    [Fact]
    public void MissingBin_IsABadArgument_Exit254()
    {
        var run = Test("--bin", "/nonexistent/node", "--node-count", "1");
        Assert.True(run.ExitCode == 254, run.Why);
        Assert.Contains("--bin /nonexistent/node: no such file", run.Stderr);
    }

    /// <summary>The tick-batched star (leaves and hub both send on their ticks): the regime in
    /// which perfectly aligned ticks mislead. The default's leaves send at once, which hides
    /// it.</summary>
    private static readonly string[] TickBatched = { "--node-count", "25", "--rate", "100",
        "--latency", "100", "--time-limit", "5", "--json", "eager=none", "tick-ms=100" };

    // Reference: issue 9, "a shorter agreement test over at least 5 seeds (looser bounds are
    // fine there; it must still fail if the simulator's timing realism is switched off)".
    /// <summary>The half of the agreement test that no host load can move, in every run: with
    /// ideal timing the simulator's median stable latency over 5 seeds is more than 20% above
    /// that with measured timing (both simulated, so deterministic; equal if timing realism
    /// were switched off), and process mode's runs of the same command are valid, with a
    /// recovery window that allows for a loaded host. Whether the simulator's figures match
    /// process mode's is the opt-in test below.</summary>
    [Fact]
    public void Simulator_MeasuredTimingIsNotIdeal_AndProcessRunsAreValid()
    {
        var sim = Figures(5, "--sim", "--recovery-s", "1");
        var ideal = Figures(5, "--sim", "--sim-timing", "ideal", "--recovery-s", "1");
        var why = $"median over 5 seeds: simulator {sim}, ideal timing {ideal}";
        output.WriteLine(why);
        Assert.True(ideal.Median / sim.Median - 1 > 0.20,
            "ideal timing reads no slower than measured timing: " + why);
        output.WriteLine($"processes, 3 seeds: {Figures(3, "--bin", binary.Path, "--recovery-s",
            RecoveryS)}");
    }

    /// <summary>The simulator's figures against process mode's (issue 9), which move with the
    /// host's load: a deep run in a quiet sitting sets GOSSIP_AGREEMENT=1 (README, "The
    /// simulator against process mode"). Over 5 seeds the simulator is within 5% of process
    /// mode on msgs-per-op and 20% on the median stable latency, and ideal timing is not.
    /// </summary>
    [OptInFact("GOSSIP_AGREEMENT", "process mode's figures move with the host's load")]
    public void Simulator_PredictsProcessMode_AndWouldNotWithIdealTiming()
    {
        var real = Figures(5, "--bin", binary.Path, "--recovery-s", "1");
        var sim = Figures(5, "--sim", "--recovery-s", "1");
        var ideal = Figures(5, "--sim", "--sim-timing", "ideal", "--recovery-s", "1");
        var why = $"median over 5 seeds: processes {real}, simulator {sim}, ideal timing {ideal}";
        output.WriteLine(why);
        Assert.True(Math.Abs(sim.Mpo / real.Mpo - 1) <= 0.05, why);
        Assert.True(Math.Abs(sim.Median / real.Median - 1) <= 0.20, why);
        Assert.True(Math.Abs(ideal.Median / real.Median - 1) > 0.20,
            "the test cannot tell realistic timing from ideal timing: " + why);
    }

    /// <summary>The median over seeds 1..<paramref name="seeds"/> of servers msgs-per-op and
    /// median stable latency of <see cref="TickBatched"/> in <paramref name="mode"/>; every run
    /// must be valid with nothing lost.</summary>
    private (double Mpo, double Median) Figures(int seeds, params string[] mode)
    {
        var runs = Enumerable.Range(1, seeds).Select(seed =>
        {
            var run = GossipTestRun.Start(binary.Path,
                [.. mode, .. TickBatched, "--seed", seed.ToString()]);
            Assert.True(run.ExitCode == 0, run.Why);
            var workload = run.Results.GetProperty("workload");
            Assert.True(workload.GetProperty("lost-count").GetInt32() == 0, run.Why);
            var stable = workload.GetProperty("stable-latencies");
            return (Mpo: run.ServersMsgsPerOp, Median: stable.GetProperty("0.5").GetDouble());
        }).ToList();
        return (Median(runs.Select(r => r.Mpo)), Median(runs.Select(r => r.Median)));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2]
            : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
