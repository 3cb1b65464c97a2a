using FunctionalGossip.Check.Checkers;
using FunctionalGossip.Core;
using FunctionalGossip.Harness.Cli;
using FunctionalGossip.Harness.Engine;
using FunctionalGossip.Harness.Maelstrom;
using FunctionalGossip.Harness.Sim;
using Xunit.Abstractions;

namespace FunctionalGossip.Harness.Tests;

/// <summary>
/// The node's promise after a heal, <see cref="NodeSettings.CatchUpMsFor"/>, held to: short runs
/// with frequent partitions (the last one may heal just as the main phase ends) whose recovery
/// window is only that bound plus two network hops and a little timer slack, far less than
/// Maelstrom's 10 s. A fixed set of seeds, both profiles. A value still missing from a final
/// read means the bound is false.
/// </summary>
public sealed class CatchUpBoundSweep(ITestOutputHelper output)
{
    private const int Seeds = 120;

    /// <summary>Timer lateness and per-input cost of the simulated processes, generously.</summary>
    private const long SlackMs = 300;

    /// <summary>The options seed <paramref name="seed"/> stands for.</summary>
    public static RunOptions Draw(ulong seed)
    {
        var r = new Prng(seed * 104_729 + 3);
        var nodes = r.NextInt(4) == 0 ? 25 : 5;
        var latency = new[] { 0L, 5, 20, 100 }[r.NextInt(4)];
        var args = r.NextInt(2) == 0 ? new string[0] : ["profile=latency"];
        var settings = NodeSettings.Parse(args).IfLeft(e => throw new InvalidOperationException(e));
        var recoveryMs = settings.CatchUpMsFor(nodes) + 2 * latency + SlackMs;
        return RunOptions.For(nodes) with
        {
            TimeLimitS = 3 + r.NextLong(4),
            Rate = nodes == 25 ? 50 : 10 + r.NextInt(21),
            Latency = new Latency(latency, LatencyDist.Constant),
            Partitions = true,
            NemesisIntervalS = new[] { 0.5, 1, 2 }[r.NextInt(3)],
            Concurrency = nodes,
            RecoveryS = recoveryMs / 1000.0,
            Seed = seed,
            NodeArgs = args,
        };
    }

    [Fact]
    public void AfterAHeal_EveryValueReachesEveryNode_WithinTheCatchUpBound()
    {
        var partitioned = 0;
        for (var seed = 1UL; seed <= Seeds; seed++)
        {
            var o = Draw(seed);
            var result = Simulator.Run(o);
            var check = result.Check();
            Assert.True(check.Valid == Validity.Valid && check.Workload.LostCount == 0,
                $"lost {check.Workload.LostCount} within {o.RecoveryS} s of the heal: "
                + TestArgs.Render(o));
            if (result.Dropped > 0) partitioned++;
        }
        output.WriteLine($"{Seeds} runs, {partitioned} with messages dropped by partitions");
        Assert.True(partitioned >= Seeds / 2, $"only {partitioned} runs partitioned the network");
    }
}
