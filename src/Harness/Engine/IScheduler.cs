namespace FunctionalGossip.Harness.Engine;

/// <summary>
/// The engine's only view of time: a single-threaded event loop. Actions run one at a time,
/// in order of (due time, order scheduled). The simulator's scheduler jumps a virtual clock
/// from one action to the next; a real-time one sleeps until the due time and also runs
/// actions posted from other threads (e.g. a node's stdout reader).
/// </summary>
public interface IScheduler
{
    /// <summary>Nanoseconds since the run started (network start), monotonic.</summary>
    long NowNs { get; }

    /// <summary>Runs <paramref name="action"/> on the loop at <paramref name="atNs"/> (or as
    /// soon as possible after, if that is already past).</summary>
    void At(long atNs, Action action);

    /// <summary>Runs <paramref name="action"/> on the loop as soon as possible. Safe to call
    /// from any thread.</summary>
    void Post(Action action);

    /// <summary>Runs actions until <paramref name="finished"/> holds or nothing is left to
    /// do.</summary>
    void Run(Func<bool> finished);
}

/// <summary>A virtual clock: time only moves when the next action is taken. Deterministic:
/// ties run in the order they were scheduled.</summary>
public sealed class VirtualScheduler : IScheduler
{
    private readonly PriorityQueue<Action, (long AtNs, long Seq)> _agenda = new();
    private long _seq;

    /// <inheritdoc/>
    public long NowNs { get; private set; }

    /// <summary>Actions run so far (a cheap progress and cost measure).</summary>
    public long ActionsRun { get; private set; }

    /// <inheritdoc/>
    public void At(long atNs, Action action) =>
        _agenda.Enqueue(action, (Math.Max(atNs, NowNs), _seq++));

    /// <inheritdoc/>
    public void Post(Action action) => At(NowNs, action);

    /// <inheritdoc/>
    public void Run(Func<bool> finished)
    {
        while (!finished() && _agenda.TryDequeue(out var action, out var key))
        {
            NowNs = key.AtNs;
            ActionsRun++;
            action();
        }
    }
}
