using FunctionalGossip.Check.History;

namespace FunctionalGossip.Harness.Store;

/// <summary>
/// latency-raw.png in the spirit of Jepsen's perf checker: one point per completed client
/// op at (invocation time, latency), latency on a log scale; ok broadcasts blue, ok reads
/// green, info orange, fail red.
/// </summary>
public static class LatencyPlot
{
    private const int W = 900, H = 420, Left = 70, Right = 20, Top = 30, Bottom = 50;
    private static readonly (byte, byte, byte) Ink = (40, 40, 40), Grid = (225, 225, 225);

    /// <summary>The PNG bytes for <paramref name="history"/>.</summary>
    public static byte[] Render(IReadOnlyList<Op> history)
    {
        var points = Points(history);
        var canvas = new Canvas(W, H);
        var maxS = Math.Max(1,
            (int)Math.Ceiling(points.Select(p => p.TimeS).DefaultIfEmpty(1).Max()));
        var maxDecade = Math.Max(1, (int)Math.Ceiling(Math.Log10(
            Math.Max(1, points.Select(p => p.LatencyMs).DefaultIfEmpty(1).Max()))));
        Axes(canvas, maxS, maxDecade);
        foreach (var p in points)
        {
            var x = Left + (int)(p.TimeS / maxS * (W - Left - Right));
            var y = H - Bottom
                - (int)(Math.Log10(Math.Max(1, p.LatencyMs)) / maxDecade * (H - Top - Bottom));
            canvas.Fill(x - 1, y - 1, 3, 3, p.Colour);
        }
        canvas.Text(Left, 8, "latency ms (log) by time s", 2, Ink);
        return canvas.ToPng();
    }

    private static void Axes(Canvas c, int maxS, int maxDecade)
    {
        var (plotW, plotH) = (W - Left - Right, H - Top - Bottom);
        for (var d = 0; d <= maxDecade; d++)
        {
            var y = H - Bottom - d * plotH / maxDecade;
            c.Fill(Left, y, plotW, 1, Grid);
            var label = Math.Pow(10, d).ToString(System.Globalization.CultureInfo.InvariantCulture);
            c.Text(Left - 8 - label.Length * 8, y - 5, label, 2, Ink);
        }
        var step = Math.Max(1, maxS / 10);
        for (var s = 0; s <= maxS; s += step)
        {
            var x = Left + s * plotW / maxS;
            c.Fill(x, Top, 1, plotH, Grid);
            c.Text(x - 4, H - Bottom + 8,
                s.ToString(System.Globalization.CultureInfo.InvariantCulture), 2, Ink);
        }
        c.Fill(Left, Top, 1, plotH, Ink);
        c.Fill(Left, H - Bottom, plotW, 1, Ink);
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
