using FunctionalGossip.Check.History;
using FunctionalGossip.Harness.Maelstrom;
using FunctionalGossip.Harness.Sim;

namespace FunctionalGossip.Harness.Engine;

/// <summary>What the run's loop takes from the scheduler: every way the world reaches the
/// engine, as data. Each is taken by <c>RunEngine.Take</c>, one at a time, never from inside
/// another; what the engine wants later (a timeout, a wake-up, a nemesis completion) it
/// schedules as one of these.</summary>
public abstract record Input
{
    private Input() { }

    /// <summary>The run begins: the network and the nodes start, then setup.</summary>
    public sealed record Start : Input;

    /// <summary>Node <paramref name="Node"/> wrote <paramref name="Stdout"/>.</summary>
    public sealed record Line(string Node, StdoutLine Stdout) : Input;

    /// <summary>Node <paramref name="Node"/> ended by itself.</summary>
    public sealed record Exited(string Node, NodeExit Exit) : Input;

    /// <summary>Client <paramref name="Client"/> read the reply it awaited.</summary>
    public sealed record Replied(string Client, ClientReply Reply) : Input;

    /// <summary>The time of call <paramref name="MsgId"/> of <paramref name="Client"/> is up
    /// (a no-op when the call is no longer pending).</summary>
    public sealed record TimedOut(string Client, long MsgId) : Input;

    /// <summary>A generator timer (a <see cref="Directive.Sleep"/> or a
    /// <see cref="Directive.WakeAt"/>) came due; the generator hears it as
    /// <paramref name="Due"/>.</summary>
    public sealed record Timer(Happened Due) : Input;

    /// <summary>The nemesis op <paramref name="Invoke"/> (a start of
    /// <paramref name="Spec"/>, or a heal when it is null) completes.</summary>
    public sealed record NemesisDone(Op Invoke, PartitionSpec? Spec) : Input;

    /// <summary>Time to report progress.</summary>
    public sealed record Progress : Input;
}
