using System.Collections.Immutable;
using FunctionalGossip.Check.History;

namespace FunctionalGossip.Check.Checkers;

/// <summary>What set-full decided about one element.</summary>
public enum Outcome
{
    /// <summary>Every read invoked after some point saw it.</summary>
    Stable,

    /// <summary>Known to exist, then missing from every later read.</summary>
    Lost,

    /// <summary>Neither: e.g. never acknowledged nor observed.</summary>
    NeverRead,
}

/// <summary>
/// set-full's per-element result (<c>{:element :outcome :stable-latency :lost-latency :known
/// :last-absent}</c>).
/// </summary>
/// <param name="Element">The broadcast value.</param>
/// <param name="Outcome">Stable, lost or never-read.</param>
/// <param name="StableLatency">Milliseconds until stable; only for stable elements.</param>
/// <param name="LostLatency">Milliseconds until lost; only for lost elements.</param>
/// <param name="Known">The op that first showed the element existed (ack or read
/// completion).</param>
/// <param name="LastAbsent">The invocation of the latest read that missed the element.</param>
public sealed record ElementResult(
    Edn.Edn Element, Outcome Outcome, long? StableLatency, long? LostLatency, Op? Known,
        Op? LastAbsent);

/// <summary>
/// Latency quantiles in milliseconds at Jepsen's points 0, 0.5, 0.95, 0.99 and 1, where the
/// value at p is <c>sorted[min(n−1, floor(n·p))]</c>.
/// </summary>
public sealed record LatencyQuantiles(long P0, long P50, long P95, long P99, long P100)
{
    /// <summary>The quantile points, in order.</summary>
    public static readonly ImmutableArray<double> Points = [0, 0.5, 0.95, 0.99, 1];

    /// <summary>The quantiles of <paramref name="latencies"/>, or null when there are
    /// none.</summary>
    public static LatencyQuantiles? Of(IEnumerable<long> latencies)
    {
        var sorted = latencies.Order().ToImmutableArray();
        if (sorted.IsEmpty) return null;
        long At(double p) => sorted[Index(sorted.Length, p)];
        return new LatencyQuantiles(At(0), At(0.5), At(0.95), At(0.99), At(1));
    }

    /// <summary>Jepsen's index rule: <c>min(n−1, floor(n·p))</c>.</summary>
    public static int Index(int n, double p) => Math.Min(n - 1, (int)Math.Floor(n * p));
}

/// <summary>The result of Jepsen's set-full checker, as Maelstrom's broadcast workload reports
/// it.</summary>
/// <param name="Valid">False if anything was lost; :unknown if nothing was stable; else
/// true.</param>
/// <param name="AttemptCount">Distinct values whose broadcast was invoked.</param>
/// <param name="StableCount">Number of stable elements.</param>
/// <param name="LostCount">Number of lost elements.</param>
/// <param name="Lost">Lost elements, sorted.</param>
/// <param name="NeverReadCount">Number of never-read elements.</param>
/// <param name="NeverRead">Never-read elements, sorted.</param>
/// <param name="StaleCount">Stable elements with a positive stable latency.</param>
/// <param name="Stale">Stale elements, sorted.</param>
/// <param name="WorstStale">Up to 8 stale elements, highest latency first.</param>
/// <param name="StableLatencies">Quantiles of stable latencies; null when nothing is
/// stable.</param>
/// <param name="LostLatencies">Quantiles of lost latencies; null when nothing is lost.</param>
public sealed record SetFullResult(
    Validity Valid,
    int AttemptCount,
    int StableCount,
    int LostCount,
    ImmutableArray<Edn.Edn> Lost,
    int NeverReadCount,
    ImmutableArray<Edn.Edn> NeverRead,
    int StaleCount,
    ImmutableArray<Edn.Edn> Stale,
    ImmutableArray<ElementResult> WorstStale,
    LatencyQuantiles? StableLatencies,
    LatencyQuantiles? LostLatencies)
{
    /// <summary><c>:duplicated-count</c>; always 0 (Jepsen's duplicate test never fires).</summary>
    public int DuplicatedCount => 0;

    /// <summary>Value equality, element-wise for the lists.</summary>
    public bool Equals(SetFullResult? other) =>
        other is not null && Valid == other.Valid && AttemptCount == other.AttemptCount
        && StableCount == other.StableCount && LostCount == other.LostCount
        && NeverReadCount == other.NeverReadCount && StaleCount == other.StaleCount
        && ValueEquality.Same(Lost, other.Lost) && ValueEquality.Same(NeverRead, other.NeverRead)
        && ValueEquality.Same(Stale, other.Stale)
        && ValueEquality.Same(WorstStale, other.WorstStale)
        && Equals(StableLatencies, other.StableLatencies)
        && Equals(LostLatencies, other.LostLatencies);

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(Valid, AttemptCount, StableCount, LostCount, ValueEquality.Hash(Lost),
            StableLatencies);
}
