using System.Globalization;
using FunctionalGossip.Harness.Cli;
using ScottPlot;

namespace FunctionalGossip.Harness.Store;

/// <summary>
/// frontier.png: servers msgs-per-op (log scale) against stable latency. Each swept config is a
/// numbered dot at its median latency with a bar up to its max; published results are squares
/// with the same bar. The legend names each number.
/// </summary>
public static class FrontierPlot
{
    private const int W = 1100, H = 560;
    private const double MinMpo = 0.5, MaxMpo = 50;
    private static readonly (byte, byte, byte) Ours = (31, 119, 180), Theirs = (214, 39, 40);

    /// <summary>The plot of <paramref name="points"/> and the published results.</summary>
    public static byte[] Render(IReadOnlyList<FrontierCommand.Point> points)
    {
        var plot = Plots.New();
        var published = FrontierCommand.Published;
        var top = NiceCeiling(points.Select(p => p.Max)
            .Concat(published.Select(p => p.Max)).DefaultIfEmpty(100).Max());
        var legend = new List<LegendItem>();
        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            var label = (i + 1).ToString(CultureInfo.InvariantCulture);
            Mark(plot, p.Mpo, p.Median, p.Max, Ours, MarkerShape.FilledCircle, label);
            legend.Add(Entry($"{label} {(p.Config.Length == 0 ? "defaults" : p.Config)}", Ours,
                MarkerShape.FilledCircle));
        }
        for (var j = 0; j < published.Count; j++)
        {
            var (name, mpo, median, max) = published[j];
            var label = ((char)('a' + j)).ToString();
            Mark(plot, mpo, median, max, Theirs, MarkerShape.FilledSquare, label);
            legend.Add(Entry($"{label} {name.ToLowerInvariant()}", Theirs,
                MarkerShape.FilledSquare));
        }
        plot.Title("msgs-per-op against stable latency (dot median, bar to max)");
        plot.XLabel("servers msgs-per-op (log)");
        plot.YLabel("latency (ms)");
        Plots.Ticks(plot.Axes.Bottom, new[] { 0.5, 1, 2, 5, 10, 20, 50 }
            .Select(m => (Math.Log10(m), m.ToString(CultureInfo.InvariantCulture))));
        Plots.Ticks(plot.Axes.Left, Enumerable.Range(0, 5).Select(k => top * k / 4)
            .Select(v => (v, v.ToString("0", CultureInfo.InvariantCulture))));
        plot.Axes.SetLimits(Math.Log10(MinMpo), Math.Log10(MaxMpo), 0, top);
        plot.ShowLegend(legend, Alignment.UpperRight);
        return Plots.Png(plot, W, H);
    }

    private static LegendItem Entry(string text, (byte, byte, byte) colour, MarkerShape shape) =>
        new()
        {
            LabelText = text.Length > 60 ? text[..60] : text,
            MarkerShape = shape, MarkerFillColor = Plots.Colour(colour),
            MarkerLineColor = Plots.Colour(colour), MarkerSize = 8,
            LineColor = Colors.Transparent, LineWidth = 0,
        };

    /// <summary>A marker at the median, a bar up to the max, and the mark's label.</summary>
    private static void Mark(Plot plot, double mpo, double median, double max,
        (byte, byte, byte) colour, MarkerShape shape, string label)
    {
        var x = Math.Log10(Math.Clamp(mpo, MinMpo, MaxMpo));
        var bar = plot.Add.Line(x, median, x, max);
        bar.LineColor = Plots.Colour(colour);
        bar.LineWidth = 2;
        plot.Add.Marker(x, median, shape, 10, Plots.Colour(colour));
        var text = plot.Add.Text(label, x, median);
        text.LabelFontColor = Plots.Colour(colour);
        text.LabelFontSize = 14;
        text.LabelBold = true;
        text.LabelOffsetX = 8;
        text.LabelOffsetY = -8;
    }

    private static double NiceCeiling(double v)
    {
        var step = Math.Pow(10, Math.Floor(Math.Log10(Math.Max(1, v)))) / 4;
        return Math.Ceiling(v / step) * step;
    }
}
