namespace FunctionalGossip.Core.Journal;

/// <summary>
/// One line of a node's journal: the node's stderr, and so Maelstrom's
/// <c>node-logs/&lt;node&gt;.log</c>. Inputs are recorded raw (the stdin line, the timer id)
/// with their time, so replay re-runs the codec too; outputs are recorded so replay can verify
/// that folding <see cref="Node.Step"/> reproduces them. See <see cref="JournalFormat"/>.
/// </summary>
public abstract record JournalEntry
{
    private JournalEntry() { }

    /// <summary>First line: the format version and the node's effective settings.</summary>
    public sealed record Header(int Version, string Settings) : JournalEntry;

    /// <summary>A stdin line, exactly as read (without its newline).</summary>
    public sealed record Received(long NowMs, string Line) : JournalEntry;

    /// <summary>A stdin line longer than the shell accepts; only its length was kept.</summary>
    public sealed record ReceivedTooLong(long NowMs, long Chars) : JournalEntry;

    /// <summary>A timer fired.</summary>
    public sealed record Ticked(long NowMs, TimerId Timer) : JournalEntry;

    /// <summary>A line the node wrote to stdout.</summary>
    public sealed record Sent(long NowMs, string Line) : JournalEntry;

    /// <summary>A diagnostic the node logged (<see cref="Effect.Log"/>).</summary>
    public sealed record Logged(long NowMs, string Text) : JournalEntry;

    /// <summary>The node stopped (<c>eof</c>, <c>sigterm</c>, <c>sigint</c>).</summary>
    public sealed record Exited(long NowMs, string Reason) : JournalEntry;
}
