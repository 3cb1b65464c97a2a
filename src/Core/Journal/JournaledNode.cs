using System.Diagnostics;
using FunctionalGossip.Core.Wire;
using LanguageExt;
using static LanguageExt.Prelude;

namespace FunctionalGossip.Core.Journal;

/// <summary>One output of an input, in the order a driver carries them out.</summary>
public abstract record NodeOutput
{
    private NodeOutput() { }

    /// <summary>Write one line to stdout (a message for Maelstrom), and flush.</summary>
    public sealed record Stdout(string Line) : NodeOutput;

    /// <summary>Arrange a tick of <paramref name="Id"/> at <paramref name="AtMs"/>, replacing
    /// any pending one with the same id.</summary>
    public sealed record Timer(TimerId Id, long AtMs) : NodeOutput;

    /// <summary>Append one entry to the journal (the node's stderr).</summary>
    public sealed record Journal(JournalEntry Entry) : NodeOutput;
}

/// <summary>What one input did, as data (<see cref="Journaled.Apply"/>).</summary>
/// <param name="Event">The event the input stood for; None when making it threw (a defect,
/// whose note is then the only effect).</param>
/// <param name="State">The next state.</param>
/// <param name="Effects">What the step returned, as Core's data (notes included).</param>
/// <param name="Outputs">The effects as a driver carries them out, after the input's own
/// journal entry.</param>
public sealed record Applied(Option<Event> Event, NodeState State, Seq<Effect> Effects,
    Seq<NodeOutput> Outputs);

/// <summary>
/// The per-input routine of every driver that runs the node as a process would, as a pure
/// function: the input's journal entry first, then <see cref="Node.Step"/> (a defect keeps the
/// state: <see cref="Node.SafeStep"/>), then each effect's outputs in order (a stdout line
/// then its <c>send</c> entry; a timer; a note's <c>log</c> entry). The shell, the simulator,
/// replay and the tests all use it, so a simulated node's journal is byte for byte what the
/// real node writes, which is what replay's <c>verify</c> checks against.
/// </summary>
public static class Journaled
{
    /// <summary>The event an input entry stands for: a received line through the codec, an
    /// overlong line as unreadable, a timer as a tick; None for entries that are not
    /// inputs.</summary>
    public static Option<Event> EventOf(JournalEntry input) => input switch
    {
        JournalEntry.Received r => Some(Event.FromLine(r.NowMs, r.Line)),
        JournalEntry.ReceivedTooLong t => Some<Event>(
            new Event.Unreadable(t.NowMs, "", new LineError.TooLong(t.Chars))),
        JournalEntry.Ticked t => Some<Event>(new Event.Tick(t.NowMs, t.Timer)),
        _ => None,
    };

    /// <summary>What one input does: the event, the next state, the effects and every
    /// output, in order. Decoding happens inside the step, so a defect there is caught
    /// too.</summary>
    public static Applied Apply(NodeState state, JournalEntry input)
    {
        var nowMs = NowOf(input);
        var made = Option<Event>.None;
        var t = Node.SafeStep(state, () =>
        {
            var ev = EventOf(input).IfNone(() =>
                throw new UnreachableException($"not an input: {input}"));
            made = Some(ev);
            return ev;
        });
        var outputs = t.Effects.Fold(Seq1<NodeOutput>(new NodeOutput.Journal(input)),
            (acc, effect) => Execute(acc, nowMs, effect));
        return new Applied(made, t.State, t.Effects, outputs);
    }

    /// <summary>The node's time of an input entry.</summary>
    public static long NowOf(JournalEntry input) => input switch
    {
        JournalEntry.Received r => r.NowMs,
        JournalEntry.ReceivedTooLong t => t.NowMs,
        JournalEntry.Ticked t => t.NowMs,
        _ => throw new UnreachableException($"not an input: {input}"),
    };

    private static Seq<NodeOutput> Execute(Seq<NodeOutput> acc, long nowMs, Effect effect)
    {
        switch (effect)
        {
            case Effect.Send s:
                var line = Codec.Encode(s.Message);
                return acc.Add(new NodeOutput.Stdout(line))
                    .Add(new NodeOutput.Journal(new JournalEntry.Sent(nowMs, line)));
            case Effect.SetTimer t:
                return acc.Add(new NodeOutput.Timer(t.Timer, t.AtMs));
            case Effect.Log l:
                return acc.Add(new NodeOutput.Journal(
                    new JournalEntry.Logged(nowMs, l.About.Describe())));
            default:
                throw new UnreachableException(effect.ToString());
        }
    }
}

/// <summary>Where a journaled node's outputs go: the one port between a node and what runs
/// it, implemented by the shell's loop for a node process and by the simulator's in-process
/// host alike.</summary>
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
/// A node as a process holds it: the state, advanced by <see cref="Journaled.Apply"/> per
/// input, with the outputs handed to the driver's <see cref="INodeOutputs"/> in order. It does
/// no I/O itself.
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
    public void OnLine(long nowMs, string line, INodeOutputs outputs) =>
        Apply(new JournalEntry.Received(nowMs, line), outputs);

    /// <summary>A stdin line longer than the driver keeps arrived; only its length is
    /// known.</summary>
    public void OnTooLong(long nowMs, long chars, INodeOutputs outputs) =>
        Apply(new JournalEntry.ReceivedTooLong(nowMs, chars), outputs);

    /// <summary>A timer fired.</summary>
    public void OnTimer(long nowMs, TimerId timer, INodeOutputs outputs) =>
        Apply(new JournalEntry.Ticked(nowMs, timer), outputs);

    private void Apply(JournalEntry input, INodeOutputs outputs)
    {
        var applied = Journaled.Apply(State, input);
        State = applied.State;
        foreach (var output in applied.Outputs)
        {
            switch (output)
            {
                case NodeOutput.Stdout s: outputs.Stdout(s.Line); break;
                case NodeOutput.Timer t: outputs.SetTimer(t.Id, t.AtMs); break;
                case NodeOutput.Journal j: outputs.Journal(j.Entry); break;
                default: throw new UnreachableException(output.ToString());
            }
        }
    }
}
