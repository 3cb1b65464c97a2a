using System.Globalization;
using FunctionalGossip.Harness.Cli;

namespace FunctionalGossip.Harness.Store;

/// <summary>
/// frontier.png: servers msgs-per-op (log scale) against stable latency. Each swept config is a
/// numbered dot at its median latency with a bar up to its max; published results are squares
/// with the same bar. The legend names each number.
/// </summary>
public static class FrontierPlot
{
    private const int W = 1100, H = 560, Left = 80, Top = 56, PlotW = 560, PlotH = 440;
    private const double MinMpo = 0.5, MaxMpo = 50;
    private static readonly (byte, byte, byte) Ink = (40, 40, 40), Grid = (225, 225, 225),
        Ours = (31, 119, 180), Theirs = (214, 39, 40);

    /// <summary>The plot of <paramref name="points"/> and the published results.</summary>
    public static byte[] Render(IReadOnlyList<FrontierCommand.Point> points)
    {
        var c = new Canvas(W, H);
        var published = FrontierCommand.Published;
        var top = NiceCeiling(points.Select(p => p.Max)
            .Concat(published.Select(p => p.Max)).DefaultIfEmpty(100).Max());
        Axes(c, top);
        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            Mark(c, p.Mpo, p.Median, p.Max, top, Ours, square: false, (i + 1).ToString(
                CultureInfo.InvariantCulture));
            Legend(c, i, $"{i + 1} {(p.Config.Length == 0 ? "defaults" : p.Config)}", Ours);
        }
        for (var j = 0; j < published.Count; j++)
        {
            var (name, mpo, median, max) = published[j];
            var label = ((char)('a' + j)).ToString();
            Mark(c, mpo, median, max, top, Theirs, square: true, label);
            Legend(c, points.Count + j, $"{label} {name.ToLowerInvariant()}", Theirs);
        }
        return c.ToPng();
    }

    private static void Axes(Canvas c, double top)
    {
        c.Text(8, 8, "msgs-per-op against stable latency (dot median, bar to max)", 2, Ink);
        foreach (var mpo in new[] { 0.5, 1, 2, 5, 10, 20, 50 })
        {
            var x = X(mpo);
            c.Fill(x, Top, 1, PlotH, Grid);
            var t = mpo.ToString(CultureInfo.InvariantCulture);
            c.Text(x - Canvas.TextWidth(t, 2) / 2, Top + PlotH + 8, t, 2, Ink);
        }
        for (var k = 0; k <= 4; k++)
        {
            var v = top * k / 4;
            var y = Y(v, top);
            c.Fill(Left, y, PlotW, 1, Grid);
            var t = v.ToString("0", CultureInfo.InvariantCulture);
            c.Text(Left - 8 - Canvas.TextWidth(t, 2), y - 5, t, 2, Ink);
        }
        c.Fill(Left, Top, 1, PlotH + 1, Ink);
        c.Fill(Left, Top + PlotH, PlotW + 1, 1, Ink);
        c.Text(Left + PlotW / 2 - 150, H - 24, "servers msgs-per-op (log)", 2, Ink);
        c.Text(8, Top - 22, "latency (ms)", 2, Ink);
    }

    private static void Mark(Canvas c, double mpo, double median, double max, double top,
        (byte, byte, byte) color, bool square, string label)
    {
        var (x, y, yMax) = (X(mpo), Y(median, top), Y(max, top));
        c.Line(x, y, x, yMax, color, 2);
        c.Fill(x - 4, yMax, 10, 2, color);
        if (square) c.Fill(x - 5, y - 5, 11, 11, color);
        else
            for (var d = -5; d <= 5; d++)
            {
                var half = (int)Math.Round(Math.Sqrt(25 - d * d));
                c.Fill(x - half, y + d, 2 * half + 1, 1, color);
            }
        c.Text(x + 8, y - 6, label, 2, color);
    }

    private static void Legend(Canvas c, int row, string text, (byte, byte, byte) color) =>
        c.Text(Left + PlotW + 30, Top + row * 22, text.Length > 60 ? text[..60] : text, 2, color);

    private static int X(double mpo) => Left + (int)Math.Round(
        (Math.Log10(Math.Clamp(mpo, MinMpo, MaxMpo)) - Math.Log10(MinMpo))
        / (Math.Log10(MaxMpo) - Math.Log10(MinMpo)) * PlotW);

    private static int Y(double v, double top) =>
        Top + PlotH - (int)Math.Round(Math.Min(v, top) / top * PlotH);

    private static double NiceCeiling(double v)
    {
        var step = Math.Pow(10, Math.Floor(Math.Log10(Math.Max(1, v)))) / 4;
        return Math.Ceiling(v / step) * step;
    }
}
