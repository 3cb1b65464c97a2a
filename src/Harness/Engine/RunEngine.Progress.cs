using FunctionalGossip.Check.History;

namespace FunctionalGossip.Harness.Engine;

/// <summary>A live view of a run, for progress displays (read on the scheduler's loop).</summary>
/// <param name="Phase">setup, main, recovery, final reads or done.</param>
/// <param name="ElapsedS">Seconds since relative time 0 (0 during setup).</param>
/// <param name="PlannedS">The time limit plus the recovery wait.</param>
/// <param name="OpsDone">Client operations completed (ok, fail or info).</param>
/// <param name="InFlight">Messages sent and neither delivered nor dropped yet.</param>
/// <param name="Partition">The partition in force (its spec name), or "none".</param>
public sealed record RunProgress(string Phase, double ElapsedS, double PlannedS, int OpsDone,
    long InFlight, string Partition);

public sealed partial class RunEngine
{
    private Action<RunProgress>? _progress;
    private long _progressEveryNs;

    /// <summary>The run as it stands now.</summary>
    private RunProgress Snapshot() => new(
        _state.Phase switch
        {
            RunPhase.Setup => "setup",
            RunPhase.Main => "main",
            RunPhase.Heal or RunPhase.Log or RunPhase.Sleep => "recovery",
            RunPhase.Final or RunPhase.FinalWait => "final reads",
            _ => "done",
        },
        _state.RelStartNs is null ? 0 : RelNs / 1e9,
        _o.TimeLimitS + _o.RecoveryS,
        _state.OpsDone,
        _net.InFlight,
        _state.Partition);

    /// <summary>Reports progress now and then every interval until the run is done.</summary>
    private void ReportProgress()
    {
        if (_progress is null || _state.Done) return;
        _progress(Snapshot());
        _clock.At(_clock.NowNs + _progressEveryNs, ReportProgress);
    }

    /// <summary>Counts a completed client op (for progress only).</summary>
    private void CountCompletion(Op op)
    {
        if (op.Type != OpType.Invoke && op.Process is OpProcess.Client)
            _state = _state with { OpsDone = _state.OpsDone + 1 };
    }
}
