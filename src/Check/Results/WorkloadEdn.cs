using FunctionalGossip.Check.Checkers;
using FunctionalGossip.Check.History;
using static FunctionalGossip.Edn.Edn;

namespace FunctionalGossip.Check.Results;

using FunctionalGossip.Edn;

/// <summary>The broadcast workload (set-full) result as EDN.</summary>
public static class WorkloadEdn
{
    /// <summary>
    /// The <c>:workload</c> map, keys in the order Clojure's hash map prints them
    /// (as in every real results.edn).
    /// </summary>
    public static Map ToEdn(SetFullResult r)
    {
        var entries = new List<(string, Edn)>
        {
            ("worst-stale", ListOf(r.WorstStale.Select(Element))),
            ("duplicated-count", Of(r.DuplicatedCount)),
            ("valid?", r.Valid.ToEdn()),
            ("lost-count", Of(r.LostCount)),
            ("lost", ListOf(r.Lost)),
            ("stable-count", Of(r.StableCount)),
            ("stale-count", Of(r.StaleCount)),
            ("stale", ListOf(r.Stale)),
            ("never-read-count", Of(r.NeverReadCount)),
        };
        if (r.StableLatencies is not null) entries.Add(("stable-latencies",
            Quantiles(r.StableLatencies)));
        entries.Add(("attempt-count", Of(r.AttemptCount)));
        if (r.LostLatencies is not null) entries.Add(("lost-latencies",
            Quantiles(r.LostLatencies)));
        entries.Add(("never-read", ListOf(r.NeverRead)));
        entries.Add(("duplicated", Map.Empty));
        return KwMap([.. entries]);
    }

    /// <summary>One <c>:worst-stale</c> entry.</summary>
    public static Map Element(ElementResult e) => KwMap(
        ("element", e.Element),
        ("outcome", Kw(OutcomeName(e.Outcome))),
        ("stable-latency", Nullable(e.StableLatency)),
        ("lost-latency", Nullable(e.LostLatency)),
        ("known", e.Known is null ? Nil.Value : OpEdn.ToTagged(e.Known)),
        ("last-absent", e.LastAbsent is null ? Nil.Value : OpEdn.ToTagged(e.LastAbsent)));

    /// <summary>A quantile map <c>{0 a, 0.5 b, 0.95 c, 0.99 d, 1 e}</c> (0 and 1 are
    /// integers).</summary>
    public static Map Quantiles(LatencyQuantiles q) => MapOf(
        (Of(0), Of(q.P0)), (new Float(0.5), Of(q.P50)), (new Float(0.95), Of(q.P95)),
        (new Float(0.99), Of(q.P99)), (Of(1), Of(q.P100)));

    /// <summary>The keyword name of an outcome.</summary>
    public static string OutcomeName(Outcome o) => o switch
    {
        Outcome.Stable => "stable",
        Outcome.Lost => "lost",
        Outcome.NeverRead => "never-read",
        _ => throw new System.Diagnostics.UnreachableException(o.ToString()),
    };

    private static Edn Nullable(long? x) => x is long v ? Of(v) : Nil.Value;
}
