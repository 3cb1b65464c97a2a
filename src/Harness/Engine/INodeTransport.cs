namespace FunctionalGossip.Harness.Engine;

/// <summary>
/// How the engine reaches nodes: it writes lines to a node's stdin and hears the lines the
/// node writes to stdout. Everything else (network, clients, workload, nemesis, journal)
/// is the engine's. The simulator runs nodes in-process on the virtual clock; a process
/// transport runs real binaries over pipes. Calls arrive on the scheduler's loop.
/// </summary>
public interface INodeTransport
{
    /// <summary>Starts one node per id; their stdout lines go to <paramref name="output"/>,
    /// always on the scheduler's loop, at the loop's current time.</summary>
    void Start(IReadOnlyList<string> nodeIds, INodeOutput output);

    /// <summary>Writes one line (no newline) to the node's stdin, now.</summary>
    void Deliver(string node, string line);

    /// <summary>Stops every node (Maelstrom kills them at teardown).</summary>
    void Stop();

    /// <summary>The node's stderr so far, one entry per line: Maelstrom's
    /// <c>node-logs/&lt;node&gt;.log</c>.</summary>
    IReadOnlyList<string> NodeLog(string node);
}

/// <summary>Receives node stdout lines (the engine implements this).</summary>
public interface INodeOutput
{
    /// <summary>Node <paramref name="node"/> wrote <paramref name="line"/> to stdout,
    /// now.</summary>
    void OnLine(string node, string line);

    /// <summary>Node <paramref name="node"/> exited by itself (not killed at teardown).</summary>
    void OnExit(string node, NodeExit exit);
}

/// <summary>How a node process ended: its exit status and its last stderr and stdout lines
/// (Maelstrom's crash report keeps the last 32 of each).</summary>
/// <param name="Status">The exit status.</param>
/// <param name="StderrTail">The last stderr lines, oldest first.</param>
/// <param name="StdoutTail">The last stdout lines, oldest first.</param>
public sealed record NodeExit(int Status, IReadOnlyList<string> StderrTail,
    IReadOnlyList<string> StdoutTail);
