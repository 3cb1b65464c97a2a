using FunctionalGossip.Core;
using FunctionalGossip.Harness.Engine;
using FunctionalGossip.Harness.Maelstrom;

namespace FunctionalGossip.Harness.Sim;

/// <summary>
/// <c>gossip test --sim</c>: the run engine on a virtual clock with in-process nodes. Same
/// options and seed ⇒ the same history, journal, logs and results.
/// </summary>
public static class Simulator
{
    /// <summary>Runs a test with the production node, configured by
    /// <see cref="RunOptions.NodeArgs"/> (parsed as <see cref="NodeSettings"/>).</summary>
    public static RunResult Run(RunOptions options) =>
        Run(options, new CoreNodeStrategy(ProductionSettings(options)));

    /// <summary>Runs a test with any node strategy.</summary>
    public static RunResult Run(RunOptions options, INodeStrategy strategy)
    {
        var clock = new VirtualScheduler();
        var transport = new InProcessTransport(clock, strategy,
            SimTiming.For(options.SimTiming), TimingStream(options.Seed));
        return RunEngine.Run(options, transport, clock);
    }

    /// <summary>The PRNG stream of the nodes' timing: fixed by the seed, and apart from the
    /// engine's streams (workload, nemesis, network), so turning timing realism on or off
    /// leaves the ops and the partitions drawn as they were.</summary>
    private static Prng TimingStream(ulong seed) => new(seed ^ 0x74696D696E67UL); // "timing"

    /// <summary>The node settings the node arguments give (defaults when none); throws
    /// <see cref="ArgumentException"/> for bad arguments.</summary>
    public static NodeSettings ProductionSettings(RunOptions options) =>
        NodeSettings.Parse(options.NodeArgs).Match(
            Right: s => s,
            Left: message => throw new ArgumentException(message));
}
