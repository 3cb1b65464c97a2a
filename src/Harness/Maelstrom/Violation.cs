namespace FunctionalGossip.Harness.Maelstrom;

/// <summary>A node stdout line that Maelstrom would reject, and why.</summary>
/// <param name="AtNs">Run time at which the line was read.</param>
/// <param name="Node">The node that wrote it.</param>
/// <param name="Line">The line.</param>
/// <param name="Reason">Maelstrom's complaint.</param>
public sealed record Violation(long AtNs, string Node, string Line, string Reason);
