using FunctionalGossip.Check.History;

namespace FunctionalGossip.Harness.Store;

/// <summary>
/// latency-quantiles.png in the spirit of Jepsen's perf checker: for each f, the 0.5, 0.95,
/// 0.99 and 1 quantiles of the latency of ok ops invoked in each time window (1 s, wider for
/// long runs), on a log scale; colour gives the quantile, a dashed line marks reads. Nemesis
/// intervals are shaded.
/// </summary>
public static class LatencyQuantilesPlot
{
    private static readonly (double Q, string Label, (byte, byte, byte) Colour)[] Quantiles =
    [
        (0.5, "0.5", (50, 90, 200)), (0.95, "0.95", (60, 160, 60)),
        (0.99, "0.99", (240, 150, 30)), (1, "1 (max)", (210, 40, 40)),
    ];

    /// <summary>The PNG bytes for <paramref name="history"/>.</summary>
    public static byte[] Render(IReadOnlyList<Op> history)
    {
        var endS = Chart.EndS(history);
        var dt = Chart.WindowS(endS);
        var byF = Chart.Completions(history)
            .Where(p => p.Done.Type == OpType.Ok)
            .GroupBy(p => Chart.FName(p.Invoke))
            .OrderBy(g => g.Key == "broadcast" ? 0 : g.Key == "read" ? 1 : 2)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (F: g.Key, Windows: Windows(g, dt, endS)))
            .ToList();
        var maxMs = byF.SelectMany(f => f.Windows).Select(w => w.LatenciesMs[^1])
            .DefaultIfEmpty(1).Max();
        var chart = new Chart("latency quantiles by time", "latency ms (log)", endS, maxMs,
            log: true, Chart.NemesisIntervals(history));
        var legend = new List<LegendEntry>();
        for (var i = 0; i < byF.Count; i++)
        {
            var dashed = i % 2 == 1;
            foreach (var (q, _, colour) in Quantiles)
            {
                foreach (var run in Runs(byF[i].Windows, dt))
                    chart.Series([.. run.Select(w => (w.MidS, Quantile(w.LatenciesMs, q)))],
                        colour, dashed);
            }
            legend.Add(new LegendEntry(byF[i].F, (110, 110, 110), dashed));
        }
        legend.AddRange(Quantiles.Select(q => new LegendEntry(q.Label, q.Colour)));
        return chart.Finish(WithNemesis(legend, history));
    }

    /// <summary>The <paramref name="q"/> quantile of sorted values (nearest rank, as Jepsen's
    /// perf checker takes it).</summary>
    internal static double Quantile(double[] sorted, double q) =>
        sorted[Math.Min(sorted.Length - 1, (int)Math.Floor(q * sorted.Length))];

    internal static List<LegendEntry> WithNemesis(List<LegendEntry> legend,
        IReadOnlyList<Op> history)
    {
        if (Chart.NemesisIntervals(history).Count > 0)
            legend.Add(new LegendEntry("nemesis", Chart.NemesisShade, Box: true));
        return legend;
    }

    private sealed record Window(double MidS, double[] LatenciesMs);

    /// <summary>Windows split where one is empty, so no line bridges a time without ops
    /// (e.g. the quiet period before the final reads).</summary>
    private static List<List<Window>> Runs(List<Window> windows, int dt)
    {
        var runs = new List<List<Window>>();
        for (var i = 0; i < windows.Count; i++)
        {
            if (i == 0 || windows[i].MidS - windows[i - 1].MidS > dt) runs.Add([]);
            runs[^1].Add(windows[i]);
        }
        return runs;
    }

    /// <summary>The ops grouped by invocation window, each drawn at the window's middle (or
    /// the run's end, for a last partial window).</summary>
    private static List<Window> Windows(IEnumerable<(Op Invoke, Op Done)> ops, int dt,
        double endS) =>
        [.. ops.GroupBy(p => p.Invoke.Time / 1_000_000_000 / dt)
            .OrderBy(g => g.Key)
            .Select(g => new Window(Math.Min(endS, g.Key * dt + dt / 2.0),
                [.. g.Select(p => (p.Done.Time - p.Invoke.Time) / 1e6).Order()]))];
}
