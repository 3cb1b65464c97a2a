using System.Collections.Immutable;
using FunctionalGossip.Harness.Maelstrom;
using FunctionalGossip.Harness.Sim;

namespace FunctionalGossip.Harness.Engine;

using FunctionalGossip.Edn;

/// <summary>What the generator asks the engine to do (the engine's only inputs from it).
/// </summary>
public abstract record Directive
{
    private Directive() { }

    /// <summary>Invoke a client op on worker <paramref name="Worker"/> under
    /// <paramref name="Process"/>.</summary>
    public sealed record Invoke(int Worker, long Process, string F, Edn Value, bool Final)
        : Directive;

    /// <summary>Invoke a nemesis op: start a partition of <paramref name="Spec"/>, or heal
    /// when it is null.</summary>
    public sealed record InvokeNemesis(PartitionSpec? Spec) : Directive;

    /// <summary>Log "Waiting for recovery..." on <paramref name="Thread"/>.</summary>
    public sealed record LogRecovery(string Thread) : Directive;

    /// <summary>Call <see cref="Generator.Woke"/> with <paramref name="Worker"/> (or the
    /// recovery sleeper, when null) at <paramref name="UntilNs"/>.</summary>
    public sealed record Sleep(long UntilNs, int? Worker) : Directive;

    /// <summary>Ask the generator again at <paramref name="AtNs"/>.</summary>
    public sealed record WakeAt(long AtNs) : Directive;

    /// <summary>The generator is exhausted: close the clients, the run is done.</summary>
    public sealed record Finish : Directive;
}

/// <summary>What the engine tells the generator (its only inputs from the engine besides the
/// time): each is one <see cref="Generator.Apply"/>, after which the engine asks
/// <see cref="Generator.Advance"/> again.</summary>
public abstract record Happened
{
    private Happened() { }

    /// <summary>Setup (init, topology) is over.</summary>
    public sealed record SetupDone : Happened;

    /// <summary>A <see cref="Directive.Sleep"/> of <paramref name="Worker"/> (or of the
    /// recovery sleeper, when null) ended.</summary>
    public sealed record Woke(int? Worker) : Happened;

    /// <summary>The <see cref="Directive.WakeAt"/> for <paramref name="AtNs"/> came.</summary>
    public sealed record WokeAt(long AtNs) : Happened;

    /// <summary>A client op of <paramref name="Worker"/> completed, <c>:info</c> when
    /// <paramref name="Info"/>.</summary>
    public sealed record Completed(int Worker, bool Info) : Happened;

    /// <summary>The nemesis op completed (<see cref="Nemesis.Complete"/>): its thread is
    /// free.</summary>
    public sealed record NemesisCompleted : Happened;
}

/// <summary>One generator step: the new state, what to do, and whether to ask again at once.
/// </summary>
/// <param name="State">The state after the step.</param>
/// <param name="Do">What the engine carries out, in order.</param>
/// <param name="Again">Another step may follow now; false when the generator must wait for
/// a thread or for time.</param>
public readonly record struct Advanced(RunState State, ImmutableArray<Directive> Do,
    bool Again);

/// <summary>
/// Maelstrom's broadcast generator (core.clj) as pure functions of the run state and the
/// time: the main phase (<c>time-limit</c> over <c>any(nemesis, clients)</c>, each wrapped
/// in its own <c>stagger</c>, reads and broadcasts 50/50), then heal, "Waiting for
/// recovery...", the quiet period and the final reads. Draws come from the state's streams.
/// </summary>
public static class Generator
{
    private static readonly ImmutableArray<Directive> Nothing = [];

    /// <summary>The next step at <paramref name="nowNs"/>.</summary>
    public static Advanced Advance(RunOptions o, RunState s, long nowNs)
    {
        if (s.Phase != RunPhase.Main && s.Phase != RunPhase.Setup && !s.AllFree)
            return new(s, Nothing, false);
        switch (s.Phase)
        {
            case RunPhase.Main:
                return AdvanceMain(o, s, nowNs);
            case RunPhase.Heal:
                s = s with { Phase = RunPhase.Log };
                if (!o.Partitions) return new(s, Nothing, true);
                var (healing, heal) = Nemesis.Invoke(s, start: false);
                return new(healing, [heal], true);
            case RunPhase.Log:
                var thread = s.SomeFreeThread(includeNemesis: true)!.Value;
                return new(s.Rotated() with { Phase = RunPhase.Sleep },
                    [new Directive.LogRecovery(s.ThreadName(thread))], true);
            case RunPhase.Sleep:
                return new(s.Rotated() with { SleeperBusy = true, Phase = RunPhase.Final },
                    [new Directive.Sleep(nowNs + (long)(o.RecoveryS * 1e9), null)], true);
            case RunPhase.Final:
                return FinalReads(s);
            case RunPhase.FinalWait:
                return new(s with { Phase = RunPhase.Done }, [new Directive.Finish()], false);
            default:
                return new(s, Nothing, false);
        }
    }

    /// <summary>The state after <paramref name="happened"/>.</summary>
    public static RunState Apply(RunState s, Happened happened) => happened switch
    {
        Happened.SetupDone => BeginMain(s),
        Happened.Woke w => Woke(s, w.Worker),
        Happened.WokeAt w => WokeAt(s, w.AtNs),
        Happened.Completed c => Completed(s, c.Worker, c.Info),
        Happened.NemesisCompleted => s with { NemesisBusy = false },
        _ => throw new System.Diagnostics.UnreachableException(happened.ToString()),
    };

    /// <summary>Setup is over: the main phase begins.</summary>
    public static RunState BeginMain(RunState s) => s with { Phase = RunPhase.Main };

    /// <summary>A <see cref="Directive.Sleep"/> ended: its thread is free.</summary>
    public static RunState Woke(RunState s, int? worker) =>
        worker is { } w ? s.WithBusy(w, false) : s with { SleeperBusy = false };

    /// <summary>The wake-up at <paramref name="atNs"/> happened (a later one may be
    /// pending instead).</summary>
    public static RunState WokeAt(RunState s, long atNs) =>
        s.WakeAtNs == atNs ? s with { WakeAtNs = null } : s;

    /// <summary>A client op of <paramref name="worker"/> completed; after an <c>:info</c>
    /// the worker comes back as a new process (p + workers).</summary>
    public static RunState Completed(RunState s, int worker, bool info)
    {
        var w = s.Workers[worker];
        var next = new WorkerState(info ? w.Process + s.Workers.Length : w.Process, false);
        return s with { Workers = s.Workers.SetItem(worker, next) };
    }

    /// <summary>The main phase: the sooner of the next client and nemesis op (ties by a
    /// coin), until the time limit counted from the first op.</summary>
    private static Advanced AdvanceMain(RunOptions o, RunState s, long now)
    {
        long? client = ClientCandidate(o, s, now);
        long? nemesis = o.Partitions && !s.NemesisBusy
            ? Math.Max(now, s.NemesisNextNs ?? now) : null;
        if (client is null && nemesis is null)
            return o.Rate > 0 ? new(s, Nothing, false) : EndWithoutOps(o, s, now);
        var at = Math.Min(client ?? long.MaxValue, nemesis ?? long.MaxValue);
        var cutoff = s.CutoffNs ?? at + (long)(o.TimeLimitS * 1e9);
        s = s with { CutoffNs = cutoff };
        if (at >= cutoff) return new(s with { Phase = RunPhase.Heal }, Nothing, true);
        if (at > now) return WakeAt(s, at);
        var workload = s.Workload;
        if (nemesis == at && client == at)
        {
            workload = workload.Copy();
            s = s with { Workload = workload };
        }
        var nemesisFirst = nemesis == at && (client != at || workload.NextInt(2) == 0);
        if (!nemesisFirst) return MainClientOp(o, s, now);
        var (started, invoke) = Nemesis.Invoke(s, start: s.NemesisStarts);
        var rng = started.NemesisRng.Copy();
        var next = now + rng.NextLong((long)(2 * o.NemesisIntervalS * 1e9));
        return new(started with { NemesisNextNs = next, NemesisRng = rng }, [invoke], true);
    }

    /// <summary>When the next client op could go: null while no client thread is free (or,
    /// with rate 0, once the single sleep has been handed out).</summary>
    private static long? ClientCandidate(RunOptions o, RunState s, long now)
    {
        if (s.SomeFreeThread(includeNemesis: false) is null) return null;
        if (o.Rate <= 0) return s.RateZeroSlept ? null : now;
        return Math.Max(now, s.ClientNextNs ?? now);
    }

    private static Advanced MainClientOp(RunOptions o, RunState s, long now)
    {
        var w = s.SomeFreeThread(includeNemesis: false)!.Value;
        if (o.Rate <= 0)
            return new(s.Rotated().WithBusy(w, true) with { RateZeroSlept = true },
                [new Directive.Sleep(now + (long)(o.TimeLimitS * 1e9), w)], true);
        var rng = s.Workload.Copy();
        var next = now + rng.NextLong((long)(2 * (1.0 / o.Rate) * 1e9));
        s = s with { ClientNextNs = next, Workload = rng };
        if (rng.NextInt(2) != 0) return Single(Invoke(s, w, "read", Edn.Nil.Value, false));
        var value = new Edn.Int(s.NextValue);
        return Single(Invoke(s with { NextValue = s.NextValue + 1 }, w, "broadcast", value,
            false));
    }

    /// <summary><c>gen/each-thread {:f :read, :final? true}</c>: every client thread once;
    /// simultaneous ops tie, so the order is a random permutation.</summary>
    private static Advanced FinalReads(RunState s)
    {
        var rng = s.Workload.Copy();
        s = s with { Workload = rng, Phase = RunPhase.FinalWait };
        var invokes = ImmutableArray.CreateBuilder<Directive>(s.Workers.Length);
        foreach (var w in rng.Shuffle(Enumerable.Range(0, s.Workers.Length)))
        {
            (s, var invoke) = Invoke(s, w, "read", Edn.Nil.Value, final: true);
            invokes.Add(invoke);
        }
        return new(s, invokes.MoveToImmutable(), true);
    }

    private static (RunState, Directive) Invoke(RunState s, int w, string f, Edn value,
        bool final) =>
        (s.Rotated().WithBusy(w, true),
            new Directive.Invoke(w, s.Workers[w].Process, f, value, final));

    private static Advanced Single((RunState State, Directive Do) step) =>
        new(step.State, [step.Do], true);

    /// <summary>With no client ops (<c>--rate 0</c>) and no nemesis, nothing would ever reach
    /// the cutoff: the main phase then simply lasts the time limit from now.</summary>
    private static Advanced EndWithoutOps(RunOptions o, RunState s, long now)
    {
        var cutoff = s.CutoffNs ?? now + (long)(o.TimeLimitS * 1e9);
        s = s with { CutoffNs = cutoff };
        return now >= cutoff ? new(s with { Phase = RunPhase.Heal }, Nothing, true)
            : WakeAt(s, cutoff);
    }

    /// <summary>Asks to be woken at <paramref name="at"/> unless an earlier wake-up is
    /// pending already.</summary>
    private static Advanced WakeAt(RunState s, long at) =>
        s.WakeAtNs is { } pending && pending <= at
            ? new(s, Nothing, false)
            : new(s with { WakeAtNs = at }, [new Directive.WakeAt(at)], false);
}
