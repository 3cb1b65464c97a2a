using FunctionalGossip.Core;
using FunctionalGossip.Harness.Engine;
using FunctionalGossip.Harness.Model;

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
        var transport = new InProcessTransport(clock, strategy);
        return RunEngine.Run(options, transport, clock);
    }

    /// <summary>The node settings the node arguments give (defaults when none); throws
    /// <see cref="ArgumentException"/> for bad arguments.</summary>
    public static NodeSettings ProductionSettings(RunOptions options) =>
        NodeSettings.Parse(options.NodeArgs).Match(
            Right: s => s,
            Left: message => throw new ArgumentException(message));
}
