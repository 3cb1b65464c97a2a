using FunctionalGossip.Harness.Sim;

namespace FunctionalGossip.Harness.Maelstrom;

/// <summary>
/// Everything that decides a run, with Maelstrom's defaults (core.clj <c>opt-spec</c>,
/// jepsen cli.clj). Same options and seed ⇒ the same run, byte for byte.
/// </summary>
/// <param name="Nodes">Server node ids in test order (n0.. with <c>--node-count</c>, else
/// Jepsen's default n1..n5).</param>
/// <param name="TimeLimitS">Main phase length, counted from the first op.</param>
/// <param name="Rate">Client ops per second, globally (0: no client ops).</param>
/// <param name="Latency">Node↔node delay distribution.</param>
/// <param name="Partitions">True with <c>--nemesis partition</c>.</param>
/// <param name="NemesisIntervalS">Mean seconds between nemesis ops.</param>
/// <param name="Topology">The topology offered to nodes.</param>
/// <param name="Concurrency">Client worker threads.</param>
/// <param name="RecoveryS">The quiet period before final reads (Maelstrom: 10).</param>
/// <param name="Seed">Root of every random choice.</param>
/// <param name="LogNetSend">Log <c>:send</c> lines to jepsen.log.</param>
/// <param name="LogNetRecv">Log <c>:recv</c> lines to jepsen.log.</param>
/// <param name="Bin">The <c>--bin</c> text (for logs; the simulator runs nodes in-process).</param>
/// <param name="NodeArgs">Extra positional arguments passed to every node.</param>
/// <param name="SimTiming">How the simulator times nodes (<c>--sim-timing</c>; ignored with
/// real processes).</param>
public sealed record RunOptions(
    IReadOnlyList<string> Nodes,
    long TimeLimitS = 60,
    double Rate = 5,
    Latency? Latency = null,
    bool Partitions = false,
    double NemesisIntervalS = 10,
    TopologyKind Topology = TopologyKind.Grid,
    int Concurrency = 5,
    double RecoveryS = 10,
    ulong Seed = 0,
    bool LogNetSend = false,
    bool LogNetRecv = false,
    string Bin = "gossip",
    IReadOnlyList<string>? NodeArgs = null,
    SimTimingKind SimTiming = SimTimingKind.Measured)
{
    /// <summary>Node↔node latency, never null (constant 0 by default).</summary>
    public Latency Latency { get; init; } = Latency ?? new Latency(0, LatencyDist.Constant);

    /// <summary>Node arguments, never null.</summary>
    public IReadOnlyList<string> NodeArgs { get; init; } = NodeArgs ?? [];

    /// <summary>The node a client process talks to: process p runs on worker thread
    /// p mod <see cref="Concurrency"/> (a process that ends :info comes back as p +
    /// concurrency on the same thread), and thread i is bound to node i mod N.</summary>
    public string NodeOfProcess(long process) =>
        Nodes[(int)(process % Concurrency) % Nodes.Count];

    /// <summary>Ids n0..n(count−1), as <c>--node-count</c> gives.</summary>
    public static IReadOnlyList<string> NodeIds(int count) =>
        Enumerable.Range(0, count).Select(i => $"n{i}").ToList();

    /// <summary>Options for <paramref name="nodeCount"/> nodes with one worker per node
    /// (<c>--concurrency 1n</c>) and Maelstrom's other defaults.</summary>
    public static RunOptions For(int nodeCount) =>
        new(NodeIds(nodeCount), Concurrency: nodeCount);
}
