using FunctionalGossip.Check.Format;

namespace FunctionalGossip.Harness.Engine;

public sealed partial class RunEngine
{
    /// <summary>core.clj's generator phases; each later phase starts once every thread is
    /// free (<c>gen/phases</c> = synchronize).</summary>
    private enum Phase { Setup, Main, Heal, Log, Sleep, Final, FinalWait, Done }

    private Phase _phase = Phase.Setup;
    private int _nextThreadIndex;
    private long? _clientNextNs;
    private long? _nemesisNextNs;
    private long? _cutoffNs;
    private long? _wakeAtNs;
    private long _nextValue;
    private bool _rateZeroSlept;
    private bool _sleeperBusy;

    private int ThreadCount => _workers.Length + 1;
    private int NemesisThread => _workers.Length;

    private bool AllFree => !_nemesisBusy && !_sleeperBusy && _workers.All(w => !w.Busy);

    private void BeginMainPhase()
    {
        _phase = Phase.Main;
        Pump();
    }

    /// <summary>Asks the generator for ops until it must wait for a thread or for time.</summary>
    private void Pump()
    {
        while (!_done && Advance()) { }
    }

    /// <summary>One generator step; false when nothing more can happen now.</summary>
    private bool Advance()
    {
        if (_phase != Phase.Main && _phase != Phase.Setup && !AllFree) return false;
        switch (_phase)
        {
            case Phase.Setup: return false;
            case Phase.Main: return AdvanceMain();
            case Phase.Heal:
                _phase = Phase.Log;
                if (_o.Partitions) InvokeNemesis(start: false);
                return true;
            case Phase.Log:
                var thread = SomeFreeThread(includeNemesis: true)!.Value;
                MarkBusy(thread);
                _log.Info(_clock.NowNs, ThreadName(thread), "jepsen.generator.interpreter",
                    "Waiting for recovery...");
                _phase = Phase.Sleep;
                return true;
            case Phase.Sleep:
                StartSleep((long)(_o.RecoveryS * 1e9));
                _phase = Phase.Final;
                return true;
            case Phase.Final:
                InvokeFinalReads();
                _phase = Phase.FinalWait;
                return true;
            case Phase.FinalWait:
                _phase = Phase.Done;
                CloseClients();
                _done = true;
                return false;
            default:
                return false;
        }
    }

    /// <summary>The main phase: <c>time-limit</c> over <c>any(nemesis, clients)</c>, the
    /// sooner op first (ties by a coin), each wrapped in its own <c>stagger</c>.</summary>
    private bool AdvanceMain()
    {
        var now = _clock.NowNs;
        long? client = ClientCandidate(now);
        long? nemesis = _o.Partitions && !_nemesisBusy
            ? Math.Max(now, _nemesisNextNs ?? now) : null;
        if (client is null && nemesis is null) return false;
        var at = Math.Min(client ?? long.MaxValue, nemesis ?? long.MaxValue);
        _cutoffNs ??= at + (long)(_o.TimeLimitS * 1e9);
        if (at >= _cutoffNs)
        {
            _phase = Phase.Heal;
            return true;
        }
        if (at > now)
        {
            WakeAt(at);
            return false;
        }
        var nemesisFirst = nemesis == at && (client != at || _workloadRng.NextInt(2) == 0);
        if (nemesisFirst)
        {
            InvokeNemesis(start: _nemesisStarts);
            _nemesisNextNs = now + _nemesisRng.NextLong((long)(2 * _o.NemesisIntervalS * 1e9));
        }
        else
        {
            InvokeMainClientOp(now);
        }
        return true;
    }

    /// <summary>When the next client op could go: null while no client thread is free (or,
    /// with rate 0, once the single sleep has been handed out).</summary>
    private long? ClientCandidate(long now)
    {
        if (SomeFreeThread(includeNemesis: false) is null) return null;
        if (_o.Rate <= 0) return _rateZeroSlept ? null : now;
        return Math.Max(now, _clientNextNs ?? now);
    }

    private void InvokeMainClientOp(long now)
    {
        var w = _workers[SomeFreeThread(includeNemesis: false)!.Value];
        if (_o.Rate <= 0)
        {
            _rateZeroSlept = true;
            MarkBusy(w.Index);
            w.Busy = true;
            _clock.At(now + (long)(_o.TimeLimitS * 1e9), () => { w.Busy = false; Pump(); });
            return;
        }
        _clientNextNs = now + _workloadRng.NextLong((long)(2 * (1.0 / _o.Rate) * 1e9));
        if (_workloadRng.NextInt(2) == 0)
            InvokeClientOp(w, "broadcast", new Edn.Int(_nextValue++), final: false);
        else
            InvokeClientOp(w, "read", Edn.Nil.Value, final: false);
    }

    /// <summary><c>gen/sleep</c>: one thread does nothing for the recovery period.</summary>
    private void StartSleep(long durationNs)
    {
        MarkBusy(SomeFreeThread(includeNemesis: true)!.Value);
        _sleeperBusy = true;
        _clock.At(_clock.NowNs + durationNs, () => { _sleeperBusy = false; Pump(); });
    }

    /// <summary><c>gen/each-thread {:f :read, :final? true}</c>: every client thread once;
    /// simultaneous ops tie, so the order is a random permutation.</summary>
    private void InvokeFinalReads()
    {
        foreach (var i in _workloadRng.Shuffle(Enumerable.Range(0, _workers.Length)))
            InvokeClientOp(_workers[i], "read", Edn.Nil.Value, final: true);
    }

    private void WakeAt(long atNs)
    {
        if (_wakeAtNs is { } pending && pending <= atNs) return;
        _wakeAtNs = atNs;
        _clock.At(atNs, () =>
        {
            if (_wakeAtNs == atNs) _wakeAtNs = null;
            Pump();
        });
    }

    /// <summary>context.clj <c>some-free-process</c>: the first free thread at or after the
    /// rotating index, wrapping once.</summary>
    private int? SomeFreeThread(bool includeNemesis)
    {
        bool Free(int i) => i == NemesisThread
            ? includeNemesis && !_nemesisBusy
            : !_workers[i].Busy;
        for (var i = _nextThreadIndex; i < ThreadCount; i++)
            if (Free(i)) return i;
        if (_nextThreadIndex == 0) return null;
        for (var i = 0; i < ThreadCount; i++)
            if (Free(i)) return i;
        return null;
    }

    /// <summary>context.clj <c>busy-thread</c>: every dispatch moves the rotating index.</summary>
    private void MarkBusy(int thread) => _nextThreadIndex = (_nextThreadIndex + 1) % ThreadCount;

    private string ThreadName(int thread) =>
        thread == NemesisThread ? "jepsen worker nemesis" : _workers[thread].Thread;
}
