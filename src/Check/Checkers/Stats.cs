using System.Collections.Immutable;
using FunctionalGossip.Check.History;

namespace FunctionalGossip.Check.Checkers;

using FunctionalGossip.Edn;

/// <summary>Completion counts for one <c>:f</c> or for the whole history.</summary>
/// <param name="Valid">True iff there was at least one :ok.</param>
/// <param name="Count">Completions counted (ok + fail + info).</param>
/// <param name="OkCount">:ok completions.</param>
/// <param name="FailCount">:fail completions.</param>
/// <param name="InfoCount">:info completions.</param>
public sealed record OpCounts(Validity Valid, long Count, long OkCount, long FailCount,
    long InfoCount);

/// <summary>The <c>:stats</c> result.</summary>
/// <param name="Valid">The overall verdict (see <see cref="Stats.Check"/>).</param>
/// <param name="All">Counts over all client completions (its own Valid is ignored).</param>
/// <param name="ByF">Counts per <c>:f</c>, sorted by f.</param>
public sealed record StatsResult(
    Validity Valid, OpCounts All, ImmutableArray<KeyValuePair<Edn, OpCounts>> ByF)
{
    /// <summary>Value equality, element-wise for <see cref="ByF"/>.</summary>
    public bool Equals(StatsResult? other) =>
        other is not null && Valid == other.Valid && All == other.All
        && ValueEquality.Same(ByF, other.ByF);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Valid, All, ValueEquality.Hash(ByF));
}

/// <summary>
/// Jepsen's <c>checker/stats</c> wrapped in <c>jepsen.tests.kafka/stats-checker</c>, as Maelstrom
/// composes it: counts the completions (non-invoke ops) of client processes, overall and per
/// <c>:f</c>. Each f is valid iff it has an :ok. The result is valid iff every f is valid
/// (kafka's wrapper ignores f <c>:crash</c> and <c>:debug-topic-partitions</c>); otherwise it is
/// the merge of the per-f verdicts, i.e. false. An empty history is valid.
/// </summary>
public static class Stats
{
    private static readonly string[] IgnoredFs = ["crash", "debug-topic-partitions"];

    /// <summary>Computes <c>:stats</c> over a history.</summary>
    public static StatsResult Check(IEnumerable<Op> history)
    {
        var completions = history
            .Where(op => op.Type != OpType.Invoke && op.ClientNumber is not null)
            .ToImmutableArray();
        var byF = completions.GroupBy(op => op.F)
            .OrderBy(g => g.Key, EdnOrder.Instance)
            .Select(g => new KeyValuePair<Edn, OpCounts>(g.Key, Count(g)))
            .ToImmutableArray();
        bool allRelevantValid = byF
            .Where(kv => !IgnoredFs.Any(kv.Key.IsKeyword))
            .All(kv => kv.Value.Valid == Validity.Valid);
        var valid = allRelevantValid
            ? Validity.Valid
            : Validities.Merge(byF.Select(kv => kv.Value.Valid));
        return new StatsResult(valid, Count(completions), byF);
    }

    private static OpCounts Count(IEnumerable<Op> ops)
    {
        long ok = 0, fail = 0, info = 0;
        foreach (var op in ops)
        {
            if (op.Type == OpType.Ok) ok++;
            else if (op.Type == OpType.Fail) fail++;
            else if (op.Type == OpType.Info) info++;
        }
        return new OpCounts(Validities.Of(ok > 0), ok + fail + info, ok, fail, info);
    }
}
