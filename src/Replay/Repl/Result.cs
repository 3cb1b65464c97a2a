using System.Collections.Immutable;
using FunctionalGossip.Core;

namespace FunctionalGossip.Replay.Repl;

/// <summary>Where the replay stands: the one-line position every move prints.</summary>
/// <param name="Step">The position (steps applied).</param>
/// <param name="Of">The number of steps.</param>
/// <param name="NowMs">The time of the last applied step (0 at the start).</param>
/// <param name="Event">The last applied step's event, described; "start" at position 0.</param>
/// <param name="SourceLine">The log line of that event; 0 if synthesised or at the start.</param>
/// <param name="Synthesised">Whether the event was made up by replay (a tick).</param>
public sealed record Position(
    int Step, int Of, long NowMs, string Event, int SourceLine, bool Synthesised)
{
    /// <summary><c>step 12 of 340  t=1200 ms  recv c3→n0 broadcast 17 msg_id=4  (line
    /// 25)</c>.</summary>
    public string Render() =>
        $"step {Step} of {Of}  t={NowMs} ms  {Event}"
        + (Synthesised ? "  (synthesised)" : SourceLine > 0 ? $"  (line {SourceLine})" : "");
}

/// <summary>One relay peer's line in <c>peers</c>.</summary>
/// <param name="Peer">The peer id.</param>
/// <param name="Unsent">Values queued for the next batch.</param>
/// <param name="InFlight">Unacknowledged batches.</param>
/// <param name="Owed">Every value still to be acknowledged by the peer.</param>
/// <param name="OldestSentAtMs">When the oldest unacknowledged batch was sent, or -1.</param>
public sealed record PeerRow(string Peer, ImmutableArray<long> Unsent, int InFlight,
    ImmutableArray<long> Owed, long OldestSentAtMs);

/// <summary>The first output that differs between replay and the log.</summary>
/// <param name="At">The step that produced (or should have produced) it.</param>
/// <param name="Recorded">What the log recorded, or "(nothing)".</param>
/// <param name="Replayed">What replay computed, or "(nothing)".</param>
public sealed record Divergence(Position At, string Recorded, string Replayed);

/// <summary>The outcome of <c>verify</c>.</summary>
/// <param name="Mode">What was compared.</param>
/// <param name="Compared">How many recorded outputs matched before any divergence.</param>
/// <param name="First">The first divergence, or null when every output matched.</param>
public sealed record Verification(string Mode, int Compared, Divergence? First);

/// <summary>The log's account and what the node made of its inputs.</summary>
/// <param name="Recording">The recording (format, node, settings, skipped lines, notes).</param>
/// <param name="Rejected">Inputs the node answered with an error or could not read, by
/// reason.</param>
/// <param name="Ignored">Inputs the node logged and ignored (stray replies, …), by
/// reason.</param>
/// <param name="FinalValues">How many values the node holds at the end.</param>
public sealed record Audit(Recording Recording, ImmutableSortedDictionary<string, int> Rejected,
    ImmutableSortedDictionary<string, int> Ignored, int FinalValues);

/// <summary>What a command produced; rendered as text or as one JSON object.</summary>
public abstract record Result
{
    private Result() { }

    /// <summary>A move (<c>step</c>, <c>back</c>, <c>goto</c>, <c>until</c>, or the
    /// opening).</summary>
    public sealed record Moved(string Command, Position At, string Note) : Result;

    /// <summary><c>state</c>.</summary>
    public sealed record StateOf(Position At, NodeState State) : Result;

    /// <summary><c>diff</c>.</summary>
    public sealed record DiffOf(Position At, ImmutableArray<Change> Changes) : Result;

    /// <summary><c>effects</c>: emitted by replay, and recorded by the log for that
    /// input.</summary>
    public sealed record EffectsOf(Position At, ImmutableArray<string> Emitted,
        ImmutableArray<string> Recorded) : Result;

    /// <summary><c>find value</c>; <paramref name="At"/> is null when the node never knew
    /// it.</summary>
    public sealed record Found(long Value, Position? At, string From) : Result;

    /// <summary><c>peers</c>.</summary>
    public sealed record PeerTable(Position At, ImmutableArray<PeerRow> Rows) : Result;

    /// <summary><c>verify</c>.</summary>
    public sealed record Verified(Verification Verification) : Result;

    /// <summary><c>summary</c>.</summary>
    public sealed record Summarised(Audit Audit) : Result;

    /// <summary><c>help</c>.</summary>
    public sealed record HelpText(string Text) : Result;

    /// <summary><c>quit</c>.</summary>
    public sealed record Quitting : Result;

    /// <summary>A misused command.</summary>
    public sealed record Error(string Input, string Message) : Result;
}
