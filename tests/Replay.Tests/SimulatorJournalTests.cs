using FunctionalGossip.Core;
using FunctionalGossip.Harness.Sim;
using FunctionalGossip.Replay.Repl;
using FunctionalGossip.Harness.Engine;
using FunctionalGossip.Harness.Maelstrom;

namespace FunctionalGossip.Replay.Tests;

/// <summary>
/// The node logs a simulator run writes (exactly what the shell writes to stderr) replay to
/// each node's final state, and every recorded output is reproduced.
/// </summary>
public class SimulatorJournalTests
{
    [Theory]
    [InlineData(11, false, "default")]
    [InlineData(12, true, "default")]
    [InlineData(13, false, "latency")]
    [InlineData(14, true, "latency")]
    public void SimulatedRun_ReplaysToEveryNodesFinalState_WithNoDivergence(
        ulong seed, bool partitions, string profile)
    {
        var settings = NodeSettings.Parse([$"profile={profile}"])
            .Match(s => s, e => throw new InvalidOperationException(e));
        var strategy = new CoreNodeStrategy(settings);
        var options = RunOptions.For(5) with
        {
            TimeLimitS = 5, Rate = 30, RecoveryS = 2, Seed = seed, Partitions = partitions,
            NemesisIntervalS = 1, Latency = new Latency(30, LatencyDist.Exponential),
        };
        var run = Simulator.Run(options, strategy);
        Assert.Null(run.Crash);
        for (var i = 0; i < options.Nodes.Count; i++)
        {
            var (node, log) = (run.NodeLogs[i].Key, run.NodeLogs[i].Value);
            var recording = Support.Load(log);
            Assert.Equal(node, recording.Node);
            var timeline = new Timeline(recording);
            var final = timeline.StateAt(timeline.Length);
            Assert.Equal(strategy.States[i], final);
            Assert.True(final.Values.Count > 10, $"{node} holds only {final.Values.Count} values");
            var verify = Verifier.Run(timeline);
            Assert.Null(verify.First);
            Assert.True(verify.Compared > 25, $"{node}: only {verify.Compared} outputs compared");
        }
    }

    /// <summary>The simulator's debug mode checks Core's named invariants after every input
    /// of every node, through partitions, with both profiles.</summary>
    [Theory]
    [InlineData(21, "default")]
    [InlineData(22, "latency")]
    public void SimulatedRun_KeepsEveryInvariantAfterEveryStep(ulong seed, string profile)
    {
        var settings = NodeSettings.Parse([$"profile={profile}"])
            .Match(s => s, e => throw new InvalidOperationException(e));
        var strategy = new CoreNodeStrategy(settings) { CheckInvariants = true };
        var options = RunOptions.For(5) with
        {
            TimeLimitS = 5, Rate = 30, RecoveryS = 2, Seed = seed, Partitions = true,
            NemesisIntervalS = 1, Latency = new Latency(30, LatencyDist.Exponential),
        };
        var run = Simulator.Run(options, strategy);
        Assert.Null(run.Crash);
        Assert.All(strategy.States, s => Assert.True(s.Values.Count > 10));
    }
}

/// <summary>
/// The harness's own jepsen.log round-trips: written with --log-net-send/--log-net-recv by
/// the same grammar and message form replay reads (src/Maelstrom), it replays every node,
/// and each reply to a recorded request is reproduced.
/// </summary>
public class HarnessJepsenLogTests
{
    [Theory]
    [InlineData(21, false)]
    [InlineData(22, true)]
    public void HarnessJepsenLog_ReplaysEachNode_WithNoDivergence(ulong seed, bool partitions)
    {
        var options = RunOptions.For(3) with
        {
            TimeLimitS = 4, Rate = 20, RecoveryS = 1, Seed = seed, Partitions = partitions,
            NemesisIntervalS = 1, Latency = new Latency(20, LatencyDist.Constant),
            LogNetSend = true, LogNetRecv = true,
        };
        var run = Simulator.Run(options);
        Assert.Null(run.Crash);
        var text = FunctionalGossip.Harness.Store.JepsenLogFormat
            .Append(new System.Text.StringBuilder(), run.Log).ToString();
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        foreach (var node in options.Nodes)
        {
            var recording = Support.Load(lines, ReplayOptions.None with { Node = node });
            Assert.Equal(node, recording.Node);
            var verify = Verifier.Run(new Timeline(recording));
            Assert.True(verify.First is null, $"{node}: {verify.First}");
            Assert.True(verify.Compared >= 10, $"{node}: only {verify.Compared} outputs compared");
        }
    }
}
