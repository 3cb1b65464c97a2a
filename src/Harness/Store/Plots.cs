using ScottPlot;

namespace FunctionalGossip.Harness.Store;

/// <summary>What every plot shares: ScottPlot's frame in one style, fixed ticks (so labels do
/// not depend on the renderer's measurements), colours from RGB triples, and PNG
/// bytes.</summary>
internal static class Plots
{
    /// <summary>An empty plot in the house style: all text in the embedded
    /// <see cref="PlotFont"/>.</summary>
    public static Plot New()
    {
        PlotFont.EnsureRegistered();
        var plot = new Plot();
        plot.Font.Set(PlotFont.Name);
        return plot;
    }

    /// <summary>A ScottPlot colour from an RGB triple.</summary>
    public static Color Colour((byte R, byte G, byte B) c) => new(c.R, c.G, c.B);

    /// <summary>Ticks at exactly <paramref name="ticks"/> (position, label).</summary>
    public static void Ticks(IAxis axis,
        IEnumerable<(double At, string Label)> ticks)
    {
        var list = ticks.ToList();
        axis.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. list.Select(t => t.At)], [.. list.Select(t => t.Label)]);
    }

    /// <summary>The label of decade <paramref name="k"/> on a log axis: 1, 10, 100, ….
    /// </summary>
    public static string Decade(int k) =>
        Math.Pow(10, k).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The plot as PNG bytes, <paramref name="width"/> × <paramref name="height"/>.
    /// </summary>
    public static byte[] Png(Plot plot, int width, int height) =>
        plot.GetImageBytes(width, height, ImageFormat.Png);
}
