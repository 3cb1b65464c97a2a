using FunctionalGossip.Check.Checkers;
using FunctionalGossip.Harness.Maelstrom;
using FunctionalGossip.Harness.Engine;
using FunctionalGossip.Harness.Sim;
using FunctionalGossip.Harness.Store;

namespace FunctionalGossip.Harness.Tests;

/// <summary>
/// Scale smoke test (issue 13): 200 simulated nodes for a short run stay valid and
/// deterministic. Speed and memory at scale are benchmarks in the README, never asserted here.
/// </summary>
public sealed class ScaleSmokeTests
{
    [Fact]
    public void TwoHundredNodes_AreValid_AndTheSameSeedGivesTheSameStore()
    {
        var o = RunOptions.For(200) with
        {
            TimeLimitS = 3, Rate = 200, Latency = new Latency(50, LatencyDist.Constant),
            RecoveryS = 2, Seed = 1,
        };
        var a = Simulator.Run(o);
        var check = a.Check();
        Assert.Null(a.Crash);
        Assert.Empty(a.Violations);
        Assert.Equal(Validity.Valid, check.Valid);
        Assert.Equal(0, check.Workload.LostCount);
        var b = Simulator.Run(o);
        var (fa, fb) = (StoreWriter.Files(a, check), StoreWriter.Files(b, b.Check()));
        Assert.Equal(fa.Select(f => f.Key), fb.Select(f => f.Key));
        foreach (var (x, y) in fa.Zip(fb))
            Assert.True(x.Value.AsSpan().SequenceEqual(y.Value), x.Key);
    }
}
