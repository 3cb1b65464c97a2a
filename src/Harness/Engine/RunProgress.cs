namespace FunctionalGossip.Harness.Engine;

/// <summary>A live view of a run, for progress displays (read on the scheduler's loop).</summary>
/// <param name="Phase">setup, main, recovery, final reads or done.</param>
/// <param name="ElapsedS">Seconds since relative time 0 (0 during setup).</param>
/// <param name="PlannedS">The time limit plus the recovery wait.</param>
/// <param name="OpsDone">Client operations completed (ok, fail or info).</param>
/// <param name="InFlight">Messages sent and neither delivered nor dropped yet.</param>
/// <param name="Partition">The partition in force (its spec name), or "none".</param>
public sealed record RunProgress(string Phase, double ElapsedS, double PlannedS, int OpsDone,
    long InFlight, string Partition)
{
    /// <summary>The view of <paramref name="s"/> at relative time
    /// <paramref name="relNs"/>.</summary>
    public static RunProgress Of(RunState s, Maelstrom.RunOptions o, long relNs,
        long inFlight) => new(
        s.Phase switch
        {
            RunPhase.Setup => "setup",
            RunPhase.Main => "main",
            RunPhase.Heal or RunPhase.Log or RunPhase.Sleep => "recovery",
            RunPhase.Final or RunPhase.FinalWait => "final reads",
            _ => "done",
        },
        s.RelStartNs is null ? 0 : relNs / 1e9,
        o.TimeLimitS + o.RecoveryS,
        s.OpsDone,
        inFlight,
        s.Partition);
}
