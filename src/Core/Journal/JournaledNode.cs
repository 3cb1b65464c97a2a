using System.Diagnostics;
using FunctionalGossip.Core.Wire;

namespace FunctionalGossip.Core.Journal;

/// <summary>Where a journaled node's outputs go.</summary>
public interface INodeOutputs
{
    /// <summary>Write one line to stdout (a message for Maelstrom).</summary>
    void Stdout(string line);

    /// <summary>Arrange a tick of <paramref name="timer"/> at <paramref name="atMs"/>, replacing
    /// any pending one with the same id.</summary>
    void SetTimer(TimerId timer, long atMs);

    /// <summary>Append one entry to the journal (the node's stderr).</summary>
    void Journal(JournalEntry entry);
}

/// <summary>
/// The per-input routine of every driver that runs the node as a process would: journal the
/// input, step, then carry out the effects in order (stdout line then its <c>send</c> entry;
/// timer; <c>log</c> entry). A defect in decoding or in Step is journaled and the state kept,
/// so no input can crash the node. The shell and the simulator both use this one routine, so a
/// simulated node's journal is byte for byte what the real node would write, which is what
/// replay's <c>verify</c> checks against. It holds the state but does no I/O itself.
/// </summary>
/// <param name="settings">The node's settings.</param>
public sealed class JournaledNode(NodeSettings settings)
{
    /// <summary>The node's state after the inputs so far.</summary>
    public NodeState State { get; private set; } = NodeState.Initial(settings);

    /// <summary>The journal's header: first, before any input.</summary>
    public void Start(INodeOutputs outputs) =>
        outputs.Journal(new JournalEntry.Header(JournalFormat.Version, settings.Render()));

    /// <summary>A stdin line arrived.</summary>
    public void OnLine(long nowMs, string line, INodeOutputs outputs)
    {
        outputs.Journal(new JournalEntry.Received(nowMs, line));
        Apply(nowMs, outputs, () => Event.FromLine(nowMs, line));
    }

    /// <summary>A stdin line longer than the driver keeps arrived; only its length is
    /// known.</summary>
    public void OnTooLong(long nowMs, long chars, INodeOutputs outputs)
    {
        outputs.Journal(new JournalEntry.ReceivedTooLong(nowMs, chars));
        Apply(nowMs, outputs, () => new Event.Unreadable(nowMs, "", new LineError.TooLong(chars)));
    }

    /// <summary>A timer fired.</summary>
    public void OnTimer(long nowMs, TimerId timer, INodeOutputs outputs)
    {
        outputs.Journal(new JournalEntry.Ticked(nowMs, timer));
        Apply(nowMs, outputs, () => new Event.Tick(nowMs, timer));
    }

    private void Apply(long nowMs, INodeOutputs outputs, Func<Event> input)
    {
        Transition t;
        try
        {
            t = Node.Step(State, input());
        }
        catch (Exception e)
        {
            outputs.Journal(new JournalEntry.Logged(nowMs, $"internal error, input ignored: {e}"));
            return;
        }
        State = t.State;
        foreach (var effect in t.Effects) Execute(nowMs, outputs, effect);
    }

    private static void Execute(long nowMs, INodeOutputs outputs, Effect effect)
    {
        switch (effect)
        {
            case Effect.Send s:
                var line = Codec.Encode(s.Message);
                outputs.Stdout(line);
                outputs.Journal(new JournalEntry.Sent(nowMs, line));
                break;
            case Effect.SetTimer t:
                outputs.SetTimer(t.Timer, t.AtMs);
                break;
            case Effect.Log l:
                outputs.Journal(new JournalEntry.Logged(nowMs, l.Text));
                break;
            default:
                throw new UnreachableException(effect.ToString());
        }
    }
}
