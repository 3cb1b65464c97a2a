using FunctionalGossip.Check.History;

namespace FunctionalGossip.Harness.Store;

/// <summary>
/// latency-raw.png in the spirit of Jepsen's perf checker: one point per completed client
/// op at (invocation time, latency), latency on a log scale; ok broadcasts blue, ok reads
/// green, info orange, fail red.
/// </summary>
public static class LatencyPlot
{
    private const int W = 900, H = 420;

    /// <summary>The PNG bytes for <paramref name="history"/>.</summary>
    public static byte[] Render(IReadOnlyList<Op> history)
    {
        var points = Points(history);
        var plot = Plots.New();
        var maxS = Math.Max(1,
            (int)Math.Ceiling(points.Select(p => p.TimeS).DefaultIfEmpty(1).Max()));
        var maxDecade = Math.Max(1, (int)Math.Ceiling(Math.Log10(
            Math.Max(1, points.Select(p => p.LatencyMs).DefaultIfEmpty(1).Max()))));
        foreach (var colour in points.Select(p => p.Colour).Distinct().Order())
        {
            var mine = points.Where(p => p.Colour == colour).ToList();
            var dots = plot.Add.ScatterPoints(mine.Select(p => p.TimeS).ToArray(),
                mine.Select(p => Math.Log10(Math.Max(1, p.LatencyMs))).ToArray(),
                Plots.Colour(colour));
            dots.MarkerSize = 4;
        }
        plot.Title("latency by time");
        plot.XLabel("time (s)");
        plot.YLabel("latency ms (log)");
        var step = Math.Max(1, maxS / 10);
        Plots.Ticks(plot.Axes.Bottom, Enumerable.Range(0, maxS / step + 1)
            .Select(i => ((double)(i * step), (i * step).ToString(
                System.Globalization.CultureInfo.InvariantCulture))));
        Plots.Ticks(plot.Axes.Left, Enumerable.Range(0, maxDecade + 1)
            .Select(k => ((double)k, Plots.Decade(k))));
        plot.Axes.SetLimits(0, maxS, 0, maxDecade);
        return Plots.Png(plot, W, H);
    }

    private readonly record struct Point(double TimeS, double LatencyMs, (byte, byte, byte) Colour);

    private static List<Point> Points(IReadOnlyList<Op> history)
    {
        var open = new Dictionary<long, Op>();
        var points = new List<Point>();
        foreach (var op in history)
        {
            if (op.ClientNumber is not { } p) continue;
            if (op.Type == OpType.Invoke) { open[p] = op; continue; }
            if (!open.Remove(p, out var inv)) continue;
            var colour = op.Type switch
            {
                OpType.Ok => op.IsF("read")
                    ? ((byte)60, (byte)160, (byte)60)
                    : ((byte)50, (byte)90, (byte)200),
                OpType.Info => ((byte)240, (byte)150, (byte)30),
                _ => ((byte)210, (byte)40, (byte)40),
            };
            points.Add(new Point(inv.Time / 1e9, (op.Time - inv.Time) / 1e6, colour));
        }
        return points;
    }
}
