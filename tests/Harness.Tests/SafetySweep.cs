using System.Diagnostics;
using FunctionalGossip.Check.Checkers;
using FunctionalGossip.Harness.Cli;
using FunctionalGossip.Harness.Sim;
using Xunit.Abstractions;
using FunctionalGossip.Harness.Engine;
using FunctionalGossip.Harness.Maelstrom;

namespace FunctionalGossip.Harness.Tests;

/// <summary>
/// A fixed-count sweep (TigerBeetle VOPR style) of the production node in both profiles
/// (default and <c>profile=latency</c>): 5 and 25 nodes, partitions,
/// constant/uniform/exponential latency, random rates, topologies and concurrency, each drawn
/// from the run's seed. Any lost value, crash or rejected output fails with the exact command
/// that reproduces it. Every machine checks the same seeds, so a slow one takes longer but
/// never checks less. GOSSIP_SWEEP_SEED moves the window and GOSSIP_SWEEP_SEEDS widens it for
/// a deeper run.
/// </summary>
public sealed class SafetySweep(ITestOutputHelper output)
{
    /// <summary>Seeds the suite sweeps (about 20 s on the project's 2-core machine).</summary>
    private const int DefaultSeeds = 200;

    /// <summary>The options seed <paramref name="seed"/> stands for.</summary>
    public static RunOptions Draw(ulong seed)
    {
        var r = new Prng(seed * 7919 + 17);
        var nodes = r.NextInt(3) == 0 ? 25 : 5;
        var dist = (LatencyDist)r.NextInt(3);
        var latency = dist == LatencyDist.Constant && r.NextInt(3) == 0 ? 0 : 5 + r.NextLong(150);
        return RunOptions.For(nodes) with
        {
            TimeLimitS = 8 + r.NextLong(13),
            Rate = nodes == 25 ? 20 + r.NextInt(81) : 2 + r.NextInt(49),
            Latency = new Latency(latency, dist),
            Partitions = r.NextInt(10) < 7,
            NemesisIntervalS = new[] { 1.5, 3, 5, 10 }[r.NextInt(4)],
            Topology = (TopologyKind)r.NextInt(6),
            Concurrency = nodes * (1 + r.NextInt(2)),
            Seed = seed,
            NodeArgs = r.NextInt(2) == 0 ? [] : ["profile=latency"],
        };
    }

    [Fact]
    public void ProductionNode_NeverLosesAValue()
    {
        var start = ulong.TryParse(Environment.GetEnvironmentVariable("GOSSIP_SWEEP_SEED"),
            out var s) ? s : 1000;
        var count = int.TryParse(Environment.GetEnvironmentVariable("GOSSIP_SWEEP_SEEDS"),
            out var n) && n > 0 ? n : DefaultSeeds;
        var clock = Stopwatch.StartNew();
        var partitioned = 0;
        for (var seed = start; seed < start + (ulong)count; seed++)
        {
            var o = Draw(seed);
            var result = Simulator.Run(o);
            var command = TestArgs.Render(o);
            if (result.Crash is not null) Assert.Fail($"crashed ({result.Crash}): {command}");
            if (result.Violations.Count > 0)
                Assert.Fail($"node output rejected ({result.Violations[0].Reason}): {command}");
            var check = result.Check();
            if (check.Workload.LostCount > 0)
                Assert.Fail($"lost {check.Workload.LostCount} values "
                    + $"{string.Join(" ", check.Workload.Lost.Take(10))}: {command}");
            if (check.Valid != Validity.Valid) Assert.Fail($"valid? {check.Valid}: {command}");
            if (o.Partitions && result.Dropped > 0) partitioned++;
        }
        output.WriteLine($"{count} runs from seed {start} in {clock.Elapsed.TotalSeconds:0.0} s; "
            + $"{partitioned} with messages dropped by partitions");
        Assert.True(partitioned >= count / 4,
            $"only {partitioned} of {count} runs actually partitioned the network");
    }
}
