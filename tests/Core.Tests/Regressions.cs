using CsCheck;
using static FunctionalGossip.Core.Tests.ClusterProperties;

namespace FunctionalGossip.Core.Tests;

/// <summary>Pinned seeds: schedules that once exposed a defect, replayed on every run.</summary>
public class Regressions
{
    /// <summary>Found by AfterHealing… when batches were never retried: a dropped gossip left a
    /// value on one node forever. Retries on tick must deliver it.</summary>
    [Fact]
    public void DroppedBatch_IsRetried_Seed6bNn() =>
        GenCase.Sample(Converges, seed: "6bNn_mkbO5e1", iter: 1);

    /// <summary>Found when a leaf acknowledged the hub lazily (ack-ms) and the hub resent
    /// sooner (retry-ms below ack-ms): each resend got a new number before the ack of the
    /// previous one arrived, forever. A resend is now acknowledged by the next tick.</summary>
    [Fact]
    public void AckSlowerThanRetry_StillSettles_Seed95cyn() =>
        GenCase.Sample(Converges, seed: "95cynqfe9XF2", iter: 1);

    /// <summary>Found when a resend claimed to cover only from its oldest batch in flight: a
    /// lost resend replaced the batches it merged, so the next resend left a gap the receiver
    /// could never close. A resend now covers every batch after the peer's last ack.</summary>
    [Fact]
    public void LostResend_NextResendClosesTheGap_Seed3Lds() =>
        GenCase.Sample(Converges, seed: "3LdsCTJ8gnI1", iter: 1);

    /// <summary>The same defect in a long partitioned run.</summary>
    [Fact]
    public void LostResend_LongRun_Seed4OsN() =>
        GenLongCase.Sample(Converges, seed: "4OsNeuyWIEb2", iter: 1);

    /// <summary>Found when a duplicate of a batch re-owed an acknowledgement: a leaf back from
    /// a fallback sent its hub a batch carrying the ack in the same step, and the duplicate
    /// owed it again (redelivery changed the state). An ack is now owed only past the one
    /// last sent.</summary>
    [Fact]
    public void DuplicateAfterAck_ChangesNothing_Seed0JNw() =>
        GenLongCase.Sample(Converges, seed: "0JNw4EKIgdA2", iter: 1);

    /// <summary>The same, through a fallback upstream in a tree.</summary>
    [Fact]
    public void DuplicateAfterAck_Tree_Seed1xOu() =>
        GenCase.Sample(Converges, seed: "1xOuAqVriHH2", iter: 1);

    /// <summary>Found by AfterHealing… on CI (25 nodes, tick-ms=6 retry-ms=12, relay=given):
    /// each resend took a new number, and with ticks aligned every acknowledgement crossed the
    /// next resend, so it retired nothing and every link in the line owed its neighbour for
    /// ever though every node held every value. A resend now keeps its batches' numbers, so any
    /// copy's acknowledgement retires them, and a resend is always acknowledged.</summary>
    [Fact]
    public void AckCrossingEachResend_StillSettles_SeeddEam() =>
        GenCase.Sample(Converges, seed: "dEammLOwXQm1", iter: 1);

    /// <summary>The same defect with no eager links (22 nodes, suspect-ms=27).</summary>
    [Fact]
    public void AckCrossingEachResend_NoEager_Seed0GC7() =>
        GenCase.Sample(Converges, seed: "0GC7ZMeg7x41", iter: 1);

    /// <summary>Found by AfterHealing… on CI (12 nodes, relay=tree4, eager=none): a leaf's
    /// ping to its parent went unanswered, and the resend of a link owing only that ping (no
    /// values) went out without its number, so the parent refused it as malformed and the leaf
    /// resent it for ever. A resend is now always numbered.</summary>
    [Fact]
    public void ResentPing_IsNumbered_Seed1e45() =>
        GenCase.Sample(Converges, seed: "1e45nP046nE3", iter: 1);
}
