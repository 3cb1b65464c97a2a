namespace FunctionalGossip.Harness.Engine;

/// <summary>
/// How the engine reaches nodes, both ways: it writes lines to a node's stdin and hears the
/// lines the node writes to stdout (and its exit). Everything else (network, clients,
/// workload, nemesis, journal) is the engine's. The simulator runs nodes in-process on the
/// virtual clock; a process transport runs real binaries over pipes. Calls arrive on the
/// scheduler's loop.
/// </summary>
public interface INodeTransport
{
    /// <summary>Starts one node per id. A node's stdout line goes to
    /// <paramref name="onLine"/>(node, line) (read, or to be read, as Maelstrom parses it:
    /// <see cref="StdoutLine"/>), and a node that exits by itself (not killed at
    /// teardown) to <paramref name="onExit"/>(node, exit); both always on the scheduler's
    /// loop, at the loop's current time.</summary>
    void Start(IReadOnlyList<string> nodeIds, Action<string, StdoutLine> onLine,
        Action<string, NodeExit> onExit);

    /// <summary>Writes one line (no newline) to the node's stdin, now.</summary>
    void Deliver(string node, string line);

    /// <summary>Stops every node (Maelstrom kills them at teardown).</summary>
    void Stop();

    /// <summary>The node's stderr so far, one entry per line: Maelstrom's
    /// <c>node-logs/&lt;node&gt;.log</c>.</summary>
    IReadOnlyList<string> NodeLog(string node);
}

/// <summary>How a node process ended: its exit status and its last stderr and stdout lines
/// (Maelstrom's crash report keeps the last 32 of each).</summary>
/// <param name="Status">The exit status.</param>
/// <param name="StderrTail">The last stderr lines, oldest first.</param>
/// <param name="StdoutTail">The last stdout lines, oldest first.</param>
public sealed record NodeExit(int Status, IReadOnlyList<string> StderrTail,
    IReadOnlyList<string> StdoutTail)
{
    /// <summary>process.clj <c>stop-node!</c>'s report: "Node nX crashed with exit status
    /// …", with the last lines of each stream.</summary>
    public string CrashReport(string node) =>
        $"Node {node} crashed with exit status {Status}."
        + Tail("stderr", StderrTail) + Tail("stdout", StdoutTail);

    private static string Tail(string stream, IReadOnlyList<string> lines) =>
        lines.Count == 0 ? $"\nNothing on {stream}."
            : $"\nLast {lines.Count} lines on {stream}:\n"
              + string.Join("\n", lines.Select(l => "  " + l));
}
