using CsCheck;

namespace FunctionalGossip.Core.Tests;

/// <summary>Pinned seeds: schedules that once exposed a defect, replayed on every run.</summary>
public class Regressions
{
    /// <summary>Found by AfterHealing… when batches were never retried: a dropped gossip left a
    /// value on one node forever. Retries on tick must deliver it.</summary>
    [Fact]
    public void DroppedBatch_IsRetried_Seed6bNn() =>
        ClusterProperties.GenCase.Sample(ClusterProperties.Converges, seed: "6bNn_mkbO5e1", iter: 1);
}
