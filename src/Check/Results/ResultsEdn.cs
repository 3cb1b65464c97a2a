using System.Collections.Immutable;
using FunctionalGossip.Check.Checkers;
using FunctionalGossip.Check.Floor;
using FunctionalGossip.Check.History;
using static FunctionalGossip.Edn.Edn;

namespace FunctionalGossip.Check.Results;

using FunctionalGossip.Edn;

/// <summary>
/// Converts results to the EDN tree Maelstrom writes, with the same keys, nesting and key
/// order (Clojure array maps keep insertion order; the workload map is a hash map whose
/// order is fixed by its key hashes and copied here from real runs).
/// </summary>
public static class ResultsEdn
{
    private static readonly Edn ValidTrue = KwMap(("valid?", Of(true)));

    /// <summary>The full results map. <paramref name="extra"/> holds keyword entries of the
    /// caller's own (keys Maelstrom does not use, such as the harness's
    /// <c>:node-cost</c>); they go just before <c>:valid?</c>. Without it the map is exactly
    /// Maelstrom's.</summary>
    public static Map ToEdn(CheckResults r, Map? extra = null)
    {
        var entries = new List<(string, Edn)>
        {
            ("perf", KwMap(("latency-graph", ValidTrue), ("rate-graph", ValidTrue), ("valid?",
                Of(true)))),
            ("timeline", ValidTrue),
            ("exceptions", Exceptions(r.Exceptions)),
            ("stats", Stats(r.Stats)),
            ("availability", Availability(r.Availability)),
        };
        if (r.Net is not null) entries.Add(("net", Net(r.Net)));
        entries.Add(("workload", WorkloadEdn.ToEdn(r.Workload)));
        if (r.Floor is not null) entries.Add(("gossip/floor", Floor(r.Floor)));
        if (extra is not null)
            entries.AddRange(extra.Entries.Select(e => (((Keyword)e.Key).Name, e.Value)));
        entries.Add(("valid?", r.Valid.ToEdn()));
        return KwMap([.. entries]);
    }

    /// <summary>The <c>:exceptions</c> map.</summary>
    public static Map Exceptions(ExceptionsResult r) => r.Groups.IsEmpty
        ? KwMap(("valid?", Of(true)))
        : KwMap(("valid?", Of(true)), ("exceptions", ListOf(r.Groups.Select(g =>
            KwMap(("count", Of(g.Count)), ("class", g.Class), ("example",
                OpEdn.ToTagged(g.Example)))))));

    /// <summary>The <c>:stats</c> map.</summary>
    public static Map Stats(StatsResult r)
    {
        var byF = new Map([.. r.ByF.Select(kv => new KeyValuePair<Edn, Edn>(kv.Key,
            Counts(kv.Value.Valid, kv.Value)))]);
        return KwMap([.. Counts(r.Valid, r.All).Entries.Select(e => (((Keyword)e.Key).Name,
            e.Value)), ("by-f", byF)]);
    }

    private static Map Counts(Validity valid, OpCounts c) => KwMap(
        ("valid?", valid.ToEdn()), ("count", Of(c.Count)), ("ok-count", Of(c.OkCount)),
        ("fail-count", Of(c.FailCount)), ("info-count", Of(c.InfoCount)));

    /// <summary>The <c>:availability</c> map.</summary>
    public static Map Availability(AvailabilityResult r) => KwMap(
        ("valid?", r.Valid.ToEdn()),
        ("ok-fraction", r.OkFraction is float f ? FloatOf(f) : Of(1)));

    /// <summary>The <c>:net</c> map.</summary>
    public static Map Net(NetStatsResult r) => KwMap(
        ("all", NetGroup(r.All)), ("clients", NetGroup(r.Clients)), ("servers",
            NetGroup(r.Servers)),
        ("valid?", r.Valid.ToEdn()));

    private static Map NetGroup(NetGroupStats g)
    {
        var entries = new List<(string, Edn)>
        {
            ("send-count", Of(g.SendCount)), ("recv-count", Of(g.RecvCount)), ("msg-count",
                Of(g.MsgCount)),
        };
        if (g.MsgsPerOp is float perOp) entries.Add(("msgs-per-op", FloatOf(perOp)));
        return KwMap([.. entries]);
    }

    /// <summary>Our <c>:gossip/floor</c> map: hop latency, the floor's stable count and
    /// stable-latency quantiles, and the run's gap to them per quantile.</summary>
    public static Map Floor(FloorResult r)
    {
        var entries = new List<(string, Edn)>
        {
            ("hop-latency-ms", Of(r.HopMs)), ("stable-count", Of(r.StableCount)),
        };
        if (r.StableLatencies is not null)
            entries.Add(("stable-latencies", WorkloadEdn.Quantiles(r.StableLatencies)));
        if (r.Gaps is not null) entries.Add(("latency-gaps", WorkloadEdn.Quantiles(r.Gaps)));
        return KwMap([.. entries]);
    }

    /// <summary>A 32-bit float, printed as Java's <c>Float.toString</c> would.</summary>
    public static Edn FloatOf(float f) => new Float(JavaNumber.WidenFloat(f));
}
