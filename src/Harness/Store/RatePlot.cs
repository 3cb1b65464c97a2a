using FunctionalGossip.Check.History;

namespace FunctionalGossip.Harness.Store;

/// <summary>
/// rate.png in the spirit of Jepsen's perf checker: completed client ops per second in each
/// time window (1 s, wider for long runs), one line per f and outcome; colour gives the
/// outcome (reads in green when ok), a dashed line marks reads. Nemesis intervals are
/// shaded.
/// </summary>
public static class RatePlot
{
    private static readonly OpType[] Outcomes = [OpType.Ok, OpType.Info, OpType.Fail];

    /// <summary>The PNG bytes for <paramref name="history"/>.</summary>
    public static byte[] Render(IReadOnlyList<Op> history)
    {
        var endS = Chart.EndS(history);
        var dt = Chart.WindowS(endS);
        var windows = (int)Math.Ceiling(endS / dt);
        var completions = Chart.Completions(history);
        var fs = completions.Select(p => Chart.FName(p.Invoke)).Distinct()
            .OrderBy(f => f == "broadcast" ? 0 : f == "read" ? 1 : 2)
            .ThenBy(f => f, StringComparer.Ordinal).ToList();
        var series = new List<(string F, OpType Outcome, double[] Rates)>();
        foreach (var f in fs)
        {
            foreach (var outcome in Outcomes)
            {
                var counts = new double[Math.Max(1, windows)];
                var any = false;
                foreach (var (inv, done) in completions)
                {
                    if (done.Type != outcome || Chart.FName(inv) != f) continue;
                    counts[Math.Min(counts.Length - 1, (int)(done.Time / 1_000_000_000 / dt))]++;
                    any = true;
                }
                if (any) series.Add((f, outcome, [.. counts.Select(c => c / dt)]));
            }
        }
        var maxRate = series.SelectMany(s => s.Rates).DefaultIfEmpty(1).Max();
        var chart = new Chart("throughput by time", "ops/s", endS, maxRate, log: false,
            Chart.NemesisIntervals(history));
        var legend = new List<LegendEntry>();
        foreach (var (f, outcome, rates) in series)
        {
            var dashed = fs.IndexOf(f) % 2 == 1;
            var colour = Colour(f, outcome);
            chart.Series([.. rates.Select((r, i) => (Math.Min(endS, i * dt + dt / 2.0), r))],
                colour, dashed);
            legend.Add(new LegendEntry($"{f} {Op.TypeName(outcome)}", colour, dashed));
        }
        return chart.Finish(LatencyQuantilesPlot.WithNemesis(legend, history));
    }

    private static (byte, byte, byte) Colour(string f, OpType outcome) => outcome switch
    {
        OpType.Ok => f == "read"
            ? ((byte)60, (byte)160, (byte)60)
            : ((byte)50, (byte)90, (byte)200),
        OpType.Info => (240, 150, 30),
        _ => (210, 40, 40),
    };
}
