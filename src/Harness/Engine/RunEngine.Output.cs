using FunctionalGossip.Harness.Maelstrom;

namespace FunctionalGossip.Harness.Engine;

public sealed partial class RunEngine
{
    /// <summary>
    /// A node wrote a stdout line (process.clj <c>stdout-thread</c>): parse and validate it,
    /// then send it into the network. A bad line, or one from/to an unregistered id, is
    /// reported and, as in Maelstrom, ends reading that node's stdout for the rest of the
    /// test: its later lines are ignored.
    /// </summary>
    private void OnLine(string node, string line)
    {
        if (_state.Done || _state.DeadStdout.Contains(node)) return;
        var (envelope, error) = EnvelopeParser.Parse(line);
        error ??= _net.Send(envelope!.Src, envelope.Dest, envelope.BodyJson, node + " stdout",
            envelope.Reply);
        if (error is null) return;
        _violations.Add(new Violation(_clock.NowNs, node, line, error));
        _state = _state with { DeadStdout = _state.DeadStdout.Add(node) };
        _log.Warn(_clock.NowNs, node + " stdout", "maelstrom.process",
            $"Error! {error}; no longer reading {node}'s stdout. Line: {line}");
    }

    /// <summary>
    /// A node process ended before teardown (process.clj <c>stop-node!</c>: "Node nX crashed
    /// with exit status …", with its last lines). Maelstrom then fails with an internal error
    /// rather than a checker verdict, and so does this run.
    /// </summary>
    private void OnExit(string node, NodeExit exit)
    {
        if (_state.Done) return;
        Crash($"Node {node} crashed with exit status {exit.Status}."
            + Tail("stderr", exit.StderrTail) + Tail("stdout", exit.StdoutTail));
    }

    private static string Tail(string stream, IReadOnlyList<string> lines) =>
        lines.Count == 0 ? $"\nNothing on {stream}."
            : $"\nLast {lines.Count} lines on {stream}:\n"
              + string.Join("\n", lines.Select(l => "  " + l));
}
