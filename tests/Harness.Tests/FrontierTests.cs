using FunctionalGossip.Harness.Cli;
using FunctionalGossip.Harness.Maelstrom;
using FunctionalGossip.Harness.Engine;
using FunctionalGossip.Harness.Sim;
using FunctionalGossip.Harness.Store;

namespace FunctionalGossip.Harness.Tests;

/// <summary><c>gossip bench frontier</c>: the sweep, its table and plot, and its
/// arguments.</summary>
public sealed class FrontierTests
{
    private static readonly RunOptions Small = RunOptions.For(5) with
    {
        TimeLimitS = 4, Rate = 20, Latency = new Latency(20, LatencyDist.Constant), RecoveryS = 1,
    };

    [Fact]
    public void Sweep_GivesEachConfigItsFigures_InOrder_AndBatchingCostsLatency()
    {
        var points = FrontierCommand.Sweep(Small, ["tick-ms=10", "tick-ms=400"], 2,
            TextWriter.Null);
        Assert.Equal(["tick-ms=10", "tick-ms=400"], points.Select(p => p.Config));
        Assert.All(points, p => Assert.Equal((2, 0), (p.Runs, p.Invalid)));
        Assert.True(points[0].Mpo > points[1].Mpo, "a faster tick should send more messages");
        Assert.True(points[0].Median < points[1].Median, "a slower tick should be slower");
        Assert.All(points, p => Assert.True(p.Median <= p.Max && p.Max <= p.WorstMax));
        var table = FrontierCommand.Table(points, Small, 2);
        Assert.Contains("| `tick-ms=10` | 2/2 |", table);
        Assert.Contains("--seed N", table);
        Assert.Contains(
            "| cheapest published (flat tree, 500 ms batches) | published | 1.70 |", table);
        var png = FrontierPlot.Render(points);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
    }

    [Theory]
    [InlineData("--seeds", "0")]
    [InlineData("--seed", "3")]
    [InlineData("--sim")]
    [InlineData("--config", "tick-ms=0")]
    [InlineData("--nonsense")]
    [InlineData("--rate", "-1")]
    public void BadArguments_AreRefusedWith254(params string[] args)
    {
        var err = new StringWriter();
        Assert.Equal(254, FrontierCommand.Run(args, TextWriter.Null, err));
        Assert.StartsWith("gossip bench frontier: ", err.ToString());
    }
}
