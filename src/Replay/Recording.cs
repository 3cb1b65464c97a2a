using System.Collections.Immutable;
using FunctionalGossip.Core;
using FunctionalGossip.Core.Journal;

namespace FunctionalGossip.Replay;

/// <summary>Which kind of log a recording was read from.</summary>
public enum LogKind
{
    /// <summary>Our node's journal (its stderr; Maelstrom's
    /// <c>node-logs/&lt;node&gt;.log</c>).</summary>
    Journal,

    /// <summary>Maelstrom's <c>jepsen.log</c> written with <c>--log-net-recv</c>.</summary>
    JepsenLog,

    /// <summary>A node log of Maelstrom's Go library (<c>Received {src dest body}</c>
    /// lines).</summary>
    GoLog,
}

/// <summary>
/// One input to fold: the journal entry that records it (what <see cref="Journaled.Apply"/>
/// takes, as the shell does), where it came from, and the stdout lines the recorded node wrote
/// after it (what <c>verify</c> compares against).
/// </summary>
/// <param name="Input">The input as a journal entry: a received line, an overlong line or a
/// timer; decoded only when applied, inside Core's defect guard.</param>
/// <param name="SourceLine">The 1-based line of the log it came from; 0 for a synthesised
/// tick.</param>
/// <param name="RecordedSends">The stdout lines the recorded node wrote after this input and
/// before the next recorded one.</param>
public sealed record RecordedStep(JournalEntry Input, int SourceLine,
    ImmutableArray<string> RecordedSends)
{
    /// <summary>Whether replay made this step up (a tick between recorded inputs).</summary>
    public bool Synthesised => SourceLine == 0;

    /// <summary>The node's time of the input.</summary>
    public long NowMs => Journaled.NowOf(Input);
}

/// <summary>
/// A log read for replay: the node's settings, its inputs in order, and an account of every
/// line that was not an input. Pure data; <see cref="Timeline"/> folds it.
/// </summary>
/// <param name="Kind">The format the log was in.</param>
/// <param name="Node">The node replayed (from <c>init</c> or <c>--node</c>), or "" if
/// unknown.</param>
/// <param name="Settings">The settings the node starts with.</param>
/// <param name="Steps">The inputs, in order.</param>
/// <param name="Skipped">Lines that looked like data but could not be understood, by
/// reason.</param>
/// <param name="OtherLines">Lines that are not inputs or outputs of this node (free text,
/// other nodes' traffic, the node's own logging).</param>
/// <param name="Notes">What the reader wants the user to know (approximate timing, …).</param>
public sealed record Recording(
    LogKind Kind,
    string Node,
    NodeSettings Settings,
    ImmutableArray<RecordedStep> Steps,
    ImmutableSortedDictionary<string, int> Skipped,
    int OtherLines,
    ImmutableArray<string> Notes)
{
    /// <summary>Whether event times are the node's own clock (only for our journal).</summary>
    public bool ExactTiming => Kind == LogKind.Journal;

    /// <summary>How many lines were skipped as not understood.</summary>
    public int SkippedCount => Skipped.Values.Sum();

    /// <summary>How many steps replay synthesised (ticks between recorded inputs).</summary>
    public int SynthesisedCount => Steps.Count(s => s.Synthesised);

    /// <summary>The name of the format, as printed.</summary>
    public string KindName => Kind switch
    {
        LogKind.Journal => "gossip journal",
        LogKind.JepsenLog => "jepsen.log (--log-net-recv)",
        LogKind.GoLog => "Go maelstrom-library node log",
        _ => throw new System.Diagnostics.UnreachableException(Kind.ToString()),
    };
}

/// <summary>The outcome of reading a log: a recording, or why the file cannot be
/// replayed.</summary>
public abstract record Loaded
{
    private Loaded() { }

    /// <summary>The log was read.</summary>
    public sealed record Ok(Recording Recording) : Loaded;

    /// <summary>The log cannot be replayed; <paramref name="Message"/> says why, in one
    /// line.</summary>
    public sealed record Refused(string Message) : Loaded;
}
