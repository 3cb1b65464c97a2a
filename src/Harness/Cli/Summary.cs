using System.Globalization;
using FunctionalGossip.Check.Checkers;
using FunctionalGossip.Check.Floor;
using FunctionalGossip.Check.History;
using FunctionalGossip.Check.Results;
using FunctionalGossip.Harness.Processes;
using FunctionalGossip.Harness.Engine;
using FunctionalGossip.Harness.Maelstrom;
using FunctionalGossip.Harness.Sim;

namespace FunctionalGossip.Harness.Cli;

using FunctionalGossip.Edn;

/// <summary>The end-of-run table and Maelstrom's closing line.</summary>
internal static class Summary
{
    public static void Write(TextWriter w, TestArgs.Run run, Mode mode, RunResult result,
        CheckResults results, NodeDefects defects, string dir)
    {
        var rows = Rows(mode, result, results, defects);
        rows.Add(("store", dir));
        var verdict = Check.Cli.CheckCommand.Verdict(results.Valid)
            + (defects.Any ? "\n" + defects.Verdict : "");
        var seedLine = $"seed {result.Options.Seed}: {Command(run, result)}";
        if (Terminal.Is(w))
        {
            Terminal.Summary(w, rows, defects.Any ? Validity.Unknown : results.Valid, verdict,
                seedLine);
            return;
        }
        foreach (var (name, value) in rows) Row(w, name, value);
        w.WriteLine(verdict);
        w.WriteLine(seedLine);
    }

    /// <summary>The command line that reproduces the run.</summary>
    public static string Command(TestArgs.Run run, RunResult result) =>
        TestArgs.Render(result.Options, run.Sim);

    /// <summary>The table's rows, name then value, except the store folder (which the run
    /// report must not contain: it names the wall-clock start). A row names the nodes that
    /// journalled internal errors, when any did.</summary>
    public static List<(string Name, string Value)> Rows(Mode mode, RunResult result,
        CheckResults results, NodeDefects defects)
    {
        var o = result.Options;
        var s = results.Stats.All;
        var set = results.Workload;
        var lat = set.StableLatencies;
        var rows = new List<(string, string)>
        {
            ("run", $"{o.Nodes.Count} nodes, {o.TimeLimitS} s + {o.RecoveryS} s recovery, "
                + mode.Describe(result)),
            ("valid?", ValidText(results.Valid)),
            ("ops", $"{s.Count}: ok {s.OkCount}, fail {s.FailCount}, info {s.InfoCount}"),
            ("broadcasts", $"{set.AttemptCount}: stable {set.StableCount}, lost "
                + $"{set.LostCount}, stale {set.StaleCount}, never read {set.NeverReadCount}"),
            ("stable latency", lat is null ? "none" : $"min {lat.P0} ms, median {lat.P50} ms, "
                + $"95% {lat.P95} ms, 99% {lat.P99} ms, max {lat.P100} ms"),
            ("floor latency", Floor(results.Floor)),
            ("msgs-per-op", $"servers {results.Net?.Servers.MsgsPerOp ?? 0:0.###}, all "
                + $"{results.Net?.All.MsgsPerOp ?? 0:0.###}"),
            ("partitions", Partitions(result.History)),
        };
        if (result.Violations.Count > 0)
            rows.Add(("violations", $"{result.Violations.Count} (above)"));
        if (defects.Any) rows.Add(("node defects", defects.Row));
        if (mode.OverheadNs is { } overhead)
            rows.Add(("harness", Overhead(overhead) + (mode.Loop?.Text() ?? "")
                + (mode.HarnessNote is { } n ? $" ({n})" : "")));
        if (mode.ReportsClients)
            rows.Add(("clients", ClientFigures.Of(result.History, o).Text()));
        if (mode.NodeCost is { } cost) rows.Add(("node cost", NodeCostText(cost)));
        if (mode.NodeRss is { } rss) rows.Add(("node RSS", NodeRssText(rss)));
        return rows;
    }

    /// <summary><c>true</c>, <c>false</c> or <c>unknown</c>, as results.edn's
    /// <c>:valid?</c>.</summary>
    public static string ValidText(Validity valid) => valid switch
    {
        Validity.Valid => "true",
        Validity.Invalid => "false",
        _ => "unknown",
    };

    /// <summary>The floor's quantiles and the run's gap to each, e.g. <c>min 100, median 100,
    /// 95% 100, 99% 100, max 100 ms (100 ms hops); gap +2/+353/+410/+415/+420 ms</c>.</summary>
    private static string Floor(FloorResult? floor)
    {
        if (floor?.StableLatencies is not { } q) return "none";
        var text = $"min {q.P0}, median {q.P50}, 95% {q.P95}, 99% {q.P99}, max {q.P100} ms "
            + $"({floor.HopMs} ms hops)";
        return floor.Gaps is not { } g ? text
            : text + $"; gap {Signed(g.P0)}/{Signed(g.P50)}/{Signed(g.P95)}/{Signed(g.P99)}/"
                + $"{Signed(g.P100)} ms";
    }

    private static string Signed(long ms) =>
        ms.ToString("+0;-0;+0", System.Globalization.CultureInfo.InvariantCulture);

    private static void Row(TextWriter w, string name, string value) =>
        w.WriteLine($"{name,-15} {value}");

    /// <summary>How many partitions the nemesis applied, and of which shapes.</summary>
    private static string Partitions(IReadOnlyList<Op> history)
    {
        var shapes = history
            .Where(op => op.Process is OpProcess.Nemesis && op.F == Edn.Kw("start-partition"))
            .Select(op => op.Value is Edn.Keyword k ? k.Name : null)
            .OfType<string>()
            .ToList();
        return shapes.Count == 0 ? "none"
            : $"{shapes.Count} applied ({string.Join(", ", shapes)})";
    }

    /// <summary>Total and busiest-node CPU, and max and median peak RSS, of the node processes
    /// (read when the run ended); nodes that could not be read are named.</summary>
    public static string NodeCostText(NodeCost cost)
    {
        var unread = cost.Unread.Count == 0 ? ""
            : $"; no figures for {string.Join(", ", cost.Unread)} (exited)";
        if (cost.MaxCpu is not var (busiest, ticks)) return "not readable (no /proc)" + unread;
        var rss = cost.MaxPeakRss is var (big, kb) && cost.MedianPeakRssKb is long median
            ? $"peak RSS max {Mib(kb)} MiB ({big}), median {Mib(median)} MiB"
            : "peak RSS unknown";
        return $"CPU {cost.Seconds(cost.TotalCpuTicks):0.00} s total "
            + $"(max {cost.Seconds(ticks):0.00} s, {busiest}); {rss}{unread}";
    }

    private static string Mib(long kb) => (kb / 1024.0).ToString("0.0");

    /// <summary>The nodes' RSS over the run: the largest at the end, and the steepest and
    /// median slope after warm-up (<see cref="Trend"/>), e.g. <c>sampled every 1 s; at the
    /// end max 14.2 MiB (n3); slope after warm-up max +0.52 KiB/s (n3), median +0.10
    /// KiB/s</c>.</summary>
    public static string NodeRssText(NodeRss rss)
    {
        var every = rss.IntervalS.ToString("0.##", CultureInfo.InvariantCulture);
        if (rss.MaxLast is not var (big, kb)) return $"sampled every {every} s: no samples";
        var slope = rss.MaxSlope is var (steep, max) && rss.MedianSlope is double median
            ? $"slope after warm-up max {KibPerS(max)} KiB/s ({steep}), median "
                + $"{KibPerS(median)} KiB/s"
            : "too few samples for a slope";
        return $"sampled every {every} s; at the end max {Mib(kb)} MiB ({big}); {slope}";
    }

    private static string KibPerS(double v) => v.ToString("+0.00;-0.00;+0.00",
        CultureInfo.InvariantCulture);

    /// <summary>The quantiles <see cref="OverheadEdn"/> reports.</summary>
    private static readonly double[] OverheadPoints =
        [0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999, 1];

    /// <summary>The <c>:harness</c> map of a process-mode run's results: the routing overhead's
    /// quantiles in ms (what the simulator's delivery lateness is calibrated from), the
    /// number of node-to-node messages and, when known, how the loop thread spent the run
    /// (<see cref="LoopLoad"/>); null without any node-to-node message.</summary>
    public static Edn.Map? OverheadEdn(IReadOnlyList<long> ns, LoopLoad? loop = null)
    {
        if (ns.Count == 0) return null;
        var sorted = ns.Order().ToArray();
        var quantiles = OverheadPoints.Select(p => (
            p is 0 or 1 ? Edn.Of((long)p) : (Edn)new Edn.Float(p),
            (Edn)new Edn.Float(Math.Round(sorted[Math.Min(sorted.Length - 1,
                (int)(sorted.Length * p))] / 1e6, 3))));
        var map = Edn.KwMap(("routing-overhead-ms", Edn.MapOf([.. quantiles])),
            ("node-to-node-messages", Edn.Of(sorted.Length)));
        return loop is null ? map : new Edn.Map([.. map.Entries, .. loop.EdnEntries()]);
    }

    /// <summary>Time from a node's stdout line to the receiver's stdin write, minus the
    /// simulated latency, over every node-to-node message.</summary>
    public static string Overhead(IReadOnlyList<long> ns)
    {
        if (ns.Count == 0) return "routing overhead: no node-to-node messages";
        var sorted = ns.Order().ToArray();
        double Ms(double p) => sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * p))] / 1e6;
        return $"routing overhead p50 {Ms(0.5):0.00} ms, p99 {Ms(0.99):0.00} ms, "
            + $"max {sorted[^1] / 1e6:0.00} ms over {sorted.Length} node-to-node messages";
    }
}
