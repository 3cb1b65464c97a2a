using System.Collections.Immutable;
using FunctionalGossip.Harness.Maelstrom;
using FunctionalGossip.Harness.Sim;

namespace FunctionalGossip.Harness.Engine;

/// <summary>core.clj's generator phases; each phase after <see cref="Main"/> starts once
/// every thread is free (<c>gen/phases</c> = synchronize).</summary>
public enum RunPhase
{
    /// <summary>init and topology (no generator ops yet).</summary>
    Setup,

    /// <summary><c>time-limit</c> over clients and nemesis.</summary>
    Main,

    /// <summary>The final stop-partition.</summary>
    Heal,

    /// <summary>"Waiting for recovery..." is logged.</summary>
    Log,

    /// <summary>The recovery sleep is handed out.</summary>
    Sleep,

    /// <summary>The final reads are invoked.</summary>
    Final,

    /// <summary>Waiting for the final reads.</summary>
    FinalWait,

    /// <summary>The run is over.</summary>
    Done,
}

/// <summary>A client worker thread (interpreter.clj <c>ClientWorker</c>): the process it runs
/// ops under (a new one after each <c>:info</c>) and whether an op of it is in flight.</summary>
/// <param name="Process">Its current process id (starts at its index).</param>
/// <param name="Busy">An op or the rate-0 sleep is outstanding.</param>
public readonly record struct WorkerState(long Process, bool Busy);

/// <summary>
/// The run's state, in one record. The generator and the nemesis decide from the first part:
/// the phase, every thread's business, the rotating thread index, when the next client and
/// nemesis ops may go, the next value to broadcast and the two random streams the ops are
/// drawn from; only <see cref="Generator"/> and <see cref="Nemesis"/> change it. The rest is
/// the engine's: Maelstrom's clients with the pending-call table, when relative time began,
/// why the run crashed, whose stdout is no longer read and how many ops completed. The engine
/// keeps the latest state as its one changing field; the history, jepsen.log, journal and
/// violations are outputs it appends to and never reads back.
/// </summary>
/// <param name="Phase">Where the generator is.</param>
/// <param name="Workers">The client threads, by index.</param>
/// <param name="NemesisBusy">A nemesis op is in flight.</param>
/// <param name="NemesisStarts">The nemesis's next op starts a partition (else heals).</param>
/// <param name="SleeperBusy">The recovery sleep is in progress.</param>
/// <param name="NextThread">context.clj's rotating thread index.</param>
/// <param name="ClientNextNs">Earliest time of the next client op (stagger), once drawn.</param>
/// <param name="NemesisNextNs">Earliest time of the next nemesis op, once drawn.</param>
/// <param name="CutoffNs">End of the main phase, fixed at its first op.</param>
/// <param name="WakeAtNs">The wake-up the engine has been asked for, if any.</param>
/// <param name="NextValue">The next value a broadcast sends.</param>
/// <param name="RateZeroSlept">With rate 0, the single sleep has been handed out.</param>
/// <param name="Partition">The partition in force (its spec name), or "none".</param>
/// <param name="Workload">The op mix and stagger stream.</param>
/// <param name="NemesisRng">The partition choice and interval stream.</param>
/// <param name="Clients">Maelstrom's clients and the calls awaiting replies.</param>
/// <param name="RelStartNs">When relative time 0 was (after every <c>init</c>), once it
/// was.</param>
/// <param name="Crash">Why the run crashed (it is then <see cref="RunPhase.Done"/>).</param>
/// <param name="DeadStdout">Nodes whose stdout is no longer read, after a bad line.</param>
/// <param name="OpsDone">Client ops completed (ok, fail or info), for progress.</param>
public sealed record RunState(
    RunPhase Phase,
    ImmutableArray<WorkerState> Workers,
    bool NemesisBusy,
    bool NemesisStarts,
    bool SleeperBusy,
    int NextThread,
    long? ClientNextNs,
    long? NemesisNextNs,
    long? CutoffNs,
    long? WakeAtNs,
    long NextValue,
    bool RateZeroSlept,
    string Partition,
    Prng Workload,
    Prng NemesisRng,
    Clients Clients,
    long? RelStartNs,
    string? Crash,
    ImmutableHashSet<string> DeadStdout,
    int OpsDone)
{
    /// <summary>The state at setup: <paramref name="workers"/> free threads, the first
    /// nemesis op a start, no client open.</summary>
    public static RunState Initial(int workers, Prng workload, Prng nemesis) => new(
        RunPhase.Setup,
        [.. Enumerable.Range(0, workers).Select(i => new WorkerState(i, false))],
        NemesisBusy: false, NemesisStarts: true, SleeperBusy: false, NextThread: 0,
        ClientNextNs: null, NemesisNextNs: null, CutoffNs: null, WakeAtNs: null,
        NextValue: 0, RateZeroSlept: false, Partition: "none", workload, nemesis,
        Clients.None(workers), RelStartNs: null, Crash: null,
        ImmutableHashSet.Create<string>(StringComparer.Ordinal), OpsDone: 0);

    /// <summary>The run is over (finished or crashed).</summary>
    public bool Done => Phase == RunPhase.Done;

    /// <summary>Client threads plus the nemesis thread.</summary>
    public int ThreadCount => Workers.Length + 1;

    /// <summary>The nemesis's thread index (after the clients).</summary>
    public int NemesisThread => Workers.Length;

    /// <summary>No thread is busy.</summary>
    public bool AllFree => !NemesisBusy && !SleeperBusy && Workers.All(w => !w.Busy);

    /// <summary>context.clj <c>some-free-process</c>: the first free thread at or after the
    /// rotating index, wrapping once.</summary>
    public int? SomeFreeThread(bool includeNemesis)
    {
        for (var i = NextThread; i < ThreadCount; i++)
            if (Free(i, includeNemesis)) return i;
        if (NextThread == 0) return null;
        for (var i = 0; i < ThreadCount; i++)
            if (Free(i, includeNemesis)) return i;
        return null;
    }

    private bool Free(int i, bool includeNemesis) => i == NemesisThread
        ? includeNemesis && !NemesisBusy
        : !Workers[i].Busy;

    /// <summary>context.clj <c>busy-thread</c>: every dispatch moves the rotating index.</summary>
    public RunState Rotated() => this with { NextThread = (NextThread + 1) % ThreadCount };

    /// <summary>Worker <paramref name="worker"/> made busy or free.</summary>
    public RunState WithBusy(int worker, bool busy) => this with
    {
        Workers = Workers.SetItem(worker, Workers[worker] with { Busy = busy }),
    };

    /// <summary>The Java thread name of a thread index.</summary>
    public string ThreadName(int thread) =>
        thread == NemesisThread ? "jepsen worker nemesis" : WorkerThread(thread);

    /// <summary>The Java thread name of client worker <paramref name="worker"/>.</summary>
    public static string WorkerThread(int worker) => "jepsen worker " + worker;
}
