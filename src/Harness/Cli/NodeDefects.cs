using FunctionalGossip.Core.Journal;

namespace FunctionalGossip.Harness.Cli;

/// <summary>
/// The internal errors a run's nodes journalled. Core's <c>Node.SafeStep</c> turns an
/// exception in decoding or stepping into the note <c>Note.Defect</c> and keeps its state,
/// so a node with a defect can still pass Maelstrom's checker; every <c>gossip test</c> run
/// therefore reads its node logs for that note, and the summary and the closing verdict name
/// the nodes that wrote it.
/// </summary>
/// <param name="Nodes">Each node that journalled one: its id, how many, and the first
/// line.</param>
internal sealed record NodeDefects(IReadOnlyList<(string Node, int Count, string First)> Nodes)
{
    /// <summary>The nodes of <paramref name="nodeLogs"/> (id, stderr lines) that journalled
    /// an internal error.</summary>
    public static NodeDefects Find(
        IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> nodeLogs) =>
        new([.. nodeLogs
            .Select(log => (log.Key, Found: Defects(log.Value)))
            .Where(n => n.Found.Count > 0)
            .Select(n => (n.Key, n.Found.Count, n.Found.First!))]);

    /// <summary>How many lines of one log are such notes (Core's
    /// <see cref="JournalFormat.IsDefect"/>), and the first; a simulated node's log is searched
    /// as the UTF-8 it is kept in, parsing only the lines that hold
    /// <see cref="JournalFormat.DefectMark"/>.</summary>
    private static (int Count, string? First) Defects(IReadOnlyList<string> lines) =>
        lines is Sim.Utf8LineLog log
            ? log.Containing(JournalFormat.DefectMark, JournalFormat.IsDefect)
            : (lines.Count(JournalFormat.IsDefect), lines.FirstOrDefault(JournalFormat.IsDefect));

    /// <summary>Whether any node journalled one.</summary>
    public bool Any => Nodes.Count > 0;

    /// <summary>The summary row: how many per node, and the first one's line.</summary>
    public string Row =>
        $"{Nodes.Sum(n => n.Count)} internal errors, inputs ignored: "
        + string.Join(", ", Nodes.Select(n => $"{n.Node} {n.Count}"))
        + $"; first: {Nodes[0].Node}: {Shorten(Nodes[0].First)}";

    /// <summary>The closing line after Maelstrom's verdict on the history.</summary>
    public string Verdict =>
        $"but {string.Join(", ", Nodes.Select(n => n.Node))} journalled internal errors "
        + "(inputs ignored): the node has a defect, see node-logs/";

    private static string Shorten(string line) => line.Length <= 160 ? line : line[..160] + "…";
}
