using FunctionalGossip.Harness.Engine;
using FunctionalGossip.Harness.Maelstrom;
using FunctionalGossip.Harness.Sim;

namespace FunctionalGossip.Harness.Tests;

/// <summary>The fly.io and guide scenarios as run options.</summary>
public static class Scenarios
{
    /// <summary>3a–3c style: <paramref name="nodes"/> nodes, 20 s at rate 10.</summary>
    public static RunOptions Small(int nodes, ulong seed, bool partitions = false) =>
        RunOptions.For(nodes) with
        {
            TimeLimitS = 20, Rate = 10, Seed = seed, Partitions = partitions,
        };

    /// <summary>3d/3e and the guide's grid run: 25 nodes, rate 100, latency 100, 20 s.</summary>
    public static RunOptions Efficiency(ulong seed, bool partitions = false) =>
        RunOptions.For(25) with
        {
            TimeLimitS = 20, Rate = 100, Latency = new Latency(100, LatencyDist.Constant),
            Seed = seed, Partitions = partitions,
        };
}
