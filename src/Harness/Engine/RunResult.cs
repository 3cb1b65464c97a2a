using FunctionalGossip.Check;
using FunctionalGossip.Check.Checkers;
using FunctionalGossip.Check.Floor;
using FunctionalGossip.Check.History;
using FunctionalGossip.Check.Results;
using FunctionalGossip.Harness.Maelstrom;
using FunctionalGossip.Harness.Sim;

namespace FunctionalGossip.Harness.Engine;

/// <summary>Everything a run produced, before any file is written.</summary>
/// <param name="Options">The options the run used.</param>
/// <param name="History">Jepsen history, in order, with dense indices.</param>
/// <param name="NetJournal">Every network send and recv.</param>
/// <param name="Violations">Node output Maelstrom would reject.</param>
/// <param name="Log">The jepsen.log lines.</param>
/// <param name="NodeLogs">Each node's stderr lines, in test node order.</param>
/// <param name="Crash">Why the run aborted (setup failed), or null: Maelstrom's exit 255.</param>
/// <param name="EndNs">Run time when the run ended.</param>
/// <param name="Dropped">Messages dropped by partitions.</param>
public sealed record RunResult(
    RunOptions Options,
    IReadOnlyList<Op> History,
    IReadOnlyList<NetEvent> NetJournal,
    IReadOnlyList<Violation> Violations,
    IReadOnlyList<LogLine> Log,
    IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> NodeLogs,
    string? Crash,
    long EndNs,
    long Dropped)
{
    /// <summary>Runs Maelstrom's broadcast checkers over the history and journal, and adds
    /// the physical floor (<see cref="FloorCheck"/>) under <see cref="FloorModel"/>.</summary>
    public CheckResults Check()
    {
        var results = BroadcastChecker.Check(History, NetJournal);
        return results with { Floor = FloorCheck.Check(History, FloorModel, results.Workload) };
    }

    /// <summary>The floor's network: the run's nodes and client routing, and the median of
    /// the run's latency distribution as every hop's latency (src/Harness/README.md says
    /// why).</summary>
    public FloorModel FloorModel =>
        new(Options.Nodes, Options.NodeOfProcess, Options.Latency.MedianMs);
}

/// <summary>Small helpers over results.</summary>
public static class ResultFigures
{
    /// <summary>Servers msgs-per-op, or 0 when absent.</summary>
    public static double ServersMsgsPerOp(this CheckResults r) => r.Net?.Servers.MsgsPerOp ?? 0;

    /// <summary>The results as results.edn text.</summary>
    public static string ToEdn(this CheckResults r) => ResultsWriter.ToEdnText(r);
}
