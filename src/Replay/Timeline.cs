using FunctionalGossip.Core;
using FunctionalGossip.Core.Journal;
using LanguageExt;
using static LanguageExt.Prelude;

namespace FunctionalGossip.Replay;

/// <summary>
/// The node at one position of a replay: position <c>i</c> means steps 1..i have been applied
/// (step <c>i</c> is <c>Recording.Steps[i-1]</c>); <see cref="Effects"/> are what step i emitted.
/// </summary>
/// <param name="Position">0 (nothing applied) to the number of steps.</param>
/// <param name="Before">The state before step <paramref name="Position"/> (equal to
/// <paramref name="After"/> at position 0).</param>
/// <param name="After">The state at this position.</param>
/// <param name="Event">The last step's event (None at position 0, or when making it threw).
/// </param>
/// <param name="Effects">What the last step emitted (none at position 0).</param>
public sealed record Moment(int Position, NodeState Before, NodeState After,
    Option<Event> Event, Seq<Effect> Effects)
{
    /// <summary>The moment of step <paramref name="position"/>, from the state before it and
    /// what it did.</summary>
    public static Moment Of(int position, NodeState before, Applied step) =>
        new(position, before, step.State, step.Event, step.Effects);
}

/// <summary>
/// Folds Core's per-input routine (<see cref="Journaled.Apply"/>, what the shell runs) over a
/// recording, as Elm's debugger folds <c>update</c>: the state after every 64th step is kept
/// as a snapshot, so reaching any position costs at most 64 steps from the nearest snapshot at
/// or before it, and seeking back never folds from the start. Snapshots are taken the first
/// time the fold passes them. Outputs are never carried out.
/// </summary>
public sealed class Timeline
{
    /// <summary>Steps between snapshots (Elm's <c>History.elm</c> uses 64).</summary>
    public const int SnapshotInterval = 64;

    private readonly List<NodeState> _snapshots;

    /// <summary>A timeline positioned nowhere yet; only the initial state is known.</summary>
    public Timeline(Recording recording)
    {
        Recording = recording;
        _snapshots = [NodeState.Initial(recording.Settings)];
    }

    /// <summary>The recording being replayed.</summary>
    public Recording Recording { get; }

    /// <summary>How many steps the recording has (the last position).</summary>
    public int Length => Recording.Steps.Length;

    /// <summary>How many steps have been applied (to show seeking cost).</summary>
    public long StepsComputed { get; private set; }

    /// <summary>How many snapshots are held (the initial state counts as one).</summary>
    public int SnapshotCount => _snapshots.Count;

    /// <summary>The recorded step that leads to <paramref name="position"/> (1-based).</summary>
    public RecordedStep StepAt(int position) => Recording.Steps[position - 1];

    /// <summary>Applies step <paramref name="position"/> to the state before it, and keeps a
    /// snapshot when the position is the next multiple of <see cref="SnapshotInterval"/>.</summary>
    public Applied Apply(NodeState before, int position)
    {
        StepsComputed++;
        var t = Journaled.Apply(before, StepAt(position).Input);
        if (position % SnapshotInterval == 0 && position / SnapshotInterval == _snapshots.Count)
            _snapshots.Add(t.State);
        return t;
    }

    /// <summary>The state at <paramref name="position"/>: from the nearest snapshot at or
    /// before it (folding forward, and snapshotting, past the last one taken).</summary>
    public NodeState StateAt(int position)
    {
        var k = Math.Min(position / SnapshotInterval, _snapshots.Count - 1);
        var s = _snapshots[k];
        for (var i = k * SnapshotInterval + 1; i <= position; i++) s = Apply(s, i).State;
        return s;
    }

    /// <summary>The moment at <paramref name="position"/>, with the last step's effects.</summary>
    public Moment At(int position)
    {
        if (position == 0)
            return new Moment(0, _snapshots[0], _snapshots[0], None, Seq<Effect>());
        var before = StateAt(position - 1);
        return Moment.Of(position, before, Apply(before, position));
    }

    /// <summary>The moment <paramref name="count"/> steps after <paramref name="from"/>:
    /// folded on from it when close, else from the nearest snapshot.</summary>
    public Moment Forward(Moment from, int count)
    {
        var target = Math.Min(Length, from.Position + count);
        if (target == from.Position) return from;
        if (target - from.Position > SnapshotInterval) return At(target);
        var before = from.After;
        for (var i = from.Position + 1; i < target; i++) before = Apply(before, i).State;
        return Moment.Of(target, before, Apply(before, target));
    }

    /// <summary>The first moment after <paramref name="from"/> whose step satisfies
    /// <paramref name="hit"/> (given the position, the state before, what the step did);
    /// null when no later step does.</summary>
    public Moment? Scan(Moment from, Func<int, NodeState, Applied, bool> hit)
    {
        var before = from.After;
        for (var i = from.Position + 1; i <= Length; i++)
        {
            var t = Apply(before, i);
            if (hit(i, before, t)) return Moment.Of(i, before, t);
            before = t.State;
        }
        return null;
    }

    /// <summary>The first moment at which the node holds <paramref name="value"/>, or null.
    /// Relies on Core never forgetting a value: the first snapshot holding it bounds the
    /// search to the 64 steps before it.</summary>
    public Moment? FirstKnowing(long value)
    {
        var last = StateAt(Length);
        if (!last.Values.Contains(value)) return null;
        var k = _snapshots.FindIndex(s => s.Values.Contains(value));
        var start = k < 0 ? _snapshots.Count - 1 : k - 1;
        return Scan(At(start * SnapshotInterval), (_, _, t) => t.State.Values.Contains(value));
    }
}
