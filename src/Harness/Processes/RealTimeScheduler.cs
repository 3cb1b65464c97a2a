using System.Diagnostics;
using FunctionalGossip.Harness.Engine;
using FunctionalGossip.Harness.Maelstrom;
using FunctionalGossip.Harness.Sim;

namespace FunctionalGossip.Harness.Processes;

/// <summary>
/// The engine's loop on the wall clock. Actions run one at a time in order of due time; an
/// action is never due before it was scheduled. A line a node wrote is posted with the time
/// it was read, so the engine sees it as sent then: the harness's own delay shows up only as
/// lateness (how long after its due time an action starts), which is measured.
/// Waits sleep until about a millisecond before the due time and then yield, so timing is
/// sub-millisecond without burning a core the nodes need.
/// </summary>
public sealed class RealTimeScheduler(CancellationToken cancel) : IScheduler
{
    private const long SpinWindowNs = 1_500_000;
    private readonly object _gate = new();
    private readonly PriorityQueue<Action, (long DueNs, long Seq)> _agenda = new();
    private readonly long _origin = Stopwatch.GetTimestamp();
    private long _seq;

    /// <inheritdoc/>
    public long NowNs { get; private set; }

    /// <summary>Wall-clock nanoseconds since the scheduler was made.</summary>
    public long RealNs => (long)(Stopwatch.GetElapsedTime(_origin).TotalMilliseconds * 1e6);

    /// <summary>Whether the loop thread runs at a raised priority (see
    /// <see cref="LoopPriority"/>).</summary>
    public bool RaisedPriority { get; private set; }

    /// <summary>How late the current action started (real start time minus due time).</summary>
    public long CurrentLatenessNs { get; private set; }

    /// <summary>Wall-clock time <see cref="Run"/> has spent inside actions, in ns: next to
    /// <see cref="RunNs"/>, how busy the loop was. A loop busy nearly all the time is the
    /// bottleneck of the run (its deliveries and client ops start late).</summary>
    public long BusyNs { get; private set; }

    /// <summary>Wall-clock time spent in <see cref="Run"/> so far, in ns.</summary>
    public long RunNs { get; private set; }

    /// <summary>How the loop thread used the run: busy share, and the shares on a CPU and
    /// runnable but waiting for one (<see cref="ProcFs.ReadThreadSchedstat"/>); null before
    /// <see cref="Run"/> has returned.</summary>
    public LoopLoad? Load { get; private set; }

    /// <inheritdoc/>
    public void At(long atNs, Action action)
    {
        lock (_gate)
        {
            _agenda.Enqueue(action, (Math.Max(atNs, RealNs), _seq++));
            Monitor.Pulse(_gate);
        }
    }

    /// <inheritdoc/>
    public void Post(Action action) => At(0, action);

    /// <inheritdoc/>
    /// <exception cref="OperationCanceledException">The run was interrupted.</exception>
    public void Run(Func<bool> finished)
    {
        RaisedPriority = LoopPriority.TryRaiseCurrentThread();
        var began = Stopwatch.GetTimestamp();
        var sched = ProcFs.ReadThreadSchedstat();
        try
        {
            while (true)
            {
                cancel.ThrowIfCancellationRequested();
                if (finished()) return;
                if (NextDue() is not var (action, dueNs)) continue;
                NowNs = Math.Max(NowNs, dueNs);
                var start = Stopwatch.GetTimestamp();
                CurrentLatenessNs = RealNs - dueNs;
                action();
                BusyNs += Nanoseconds(Stopwatch.GetElapsedTime(start));
            }
        }
        finally
        {
            RunNs += Nanoseconds(Stopwatch.GetElapsedTime(began));
            Load = LoopLoad.Of(BusyNs, RunNs, sched, ProcFs.ReadThreadSchedstat());
        }
    }

    private static long Nanoseconds(TimeSpan span) => span.Ticks * 100;

    /// <summary>The next action if it is due; otherwise waits a while and returns null.</summary>
    private (Action, long)? NextDue()
    {
        lock (_gate)
        {
            if (!_agenda.TryPeek(out var action, out var key))
            {
                Monitor.Wait(_gate, 50);
                return null;
            }
            var waitNs = key.DueNs - RealNs;
            if (waitNs <= 0)
            {
                _agenda.Dequeue();
                return (action, key.DueNs);
            }
            if (waitNs > SpinWindowNs)
                Monitor.Wait(_gate, (int)((waitNs - SpinWindowNs) / 1_000_000) + 1);
        }
        Thread.Yield();
        return null;
    }
}
