using System.Globalization;
using FunctionalGossip.Check.History;
using ScottPlot;

namespace FunctionalGossip.Harness.Store;

/// <summary>
/// The frame the time-series plots share (latency-quantiles.png, rate.png), drawn with
/// ScottPlot: a title, a time axis in seconds, a log or linear value axis with its label,
/// nemesis intervals shaded as Jepsen's perf checker does, lines, and a legend on the right.
/// Drawing order and tick positions are fixed, so the same data gives the same bytes.
/// </summary>
internal sealed class Chart
{
    private const int W = 960, H = 450;

    /// <summary>How nemesis intervals are shaded (and shown in the legend).</summary>
    public static readonly (byte, byte, byte) NemesisShade = (250, 222, 222);

    private readonly Plot _plot = Plots.New();
    private readonly int _maxS;
    private readonly bool _log;
    private readonly double _top;

    /// <summary>A chart with time 0..<paramref name="maxS"/> s and values up to
    /// <paramref name="maxValue"/>: on a log scale by decades (values below 1 drawn at 1) or
    /// linear up to a round number. Shading, ticks and labels are set at once.</summary>
    public Chart(string title, string valueLabel, double maxS, double maxValue, bool log,
        IReadOnlyList<(double FromS, double ToS)> nemesis)
    {
        _maxS = Math.Max(1, (int)Math.Ceiling(maxS));
        _log = log;
        _top = log
            ? Math.Max(1, Math.Ceiling(Math.Log10(Math.Max(1, maxValue))))
            : NiceCeiling(Math.Max(1, maxValue));
        foreach (var (from, to) in nemesis)
        {
            var span = _plot.Add.HorizontalSpan(from, Math.Min(to, _maxS),
                Plots.Colour(NemesisShade));
            span.LineWidth = 0;
        }
        _plot.Title(title);
        _plot.XLabel("time (s)");
        _plot.YLabel(valueLabel);
        var step = Math.Max(1, _maxS / 10);
        Plots.Ticks(_plot.Axes.Bottom, Enumerable.Range(0, _maxS / step + 1).Select(i => i * step)
            .Select(s => ((double)s, s.ToString(CultureInfo.InvariantCulture))));
        Plots.Ticks(_plot.Axes.Left, log
            ? Enumerable.Range(0, (int)_top + 1).Select(k => ((double)k, Plots.Decade(k)))
            : Enumerable.Range(0, 6).Select(k => _top * k / 5)
                .Select(v => (v, v.ToString("0.##", CultureInfo.InvariantCulture))));
        _plot.Axes.SetLimits(0, _maxS, 0, _top);
    }

    /// <summary>A polyline through <paramref name="points"/> (time s, value); a single point
    /// is drawn as a dot.</summary>
    public void Series(IReadOnlyList<(double S, double V)> points, (byte, byte, byte) colour,
        bool dashed)
    {
        var xs = points.Select(p => p.S).ToArray();
        var ys = points.Select(p => Y(p.V)).ToArray();
        var line = _plot.Add.ScatterLine(xs, ys, Plots.Colour(colour));
        line.LineWidth = 2;
        line.LinePattern = dashed ? LinePattern.Dashed : LinePattern.Solid;
        if (points.Count == 1) line.MarkerSize = 6;
    }

    private double Y(double v) => _log ? Math.Log10(Math.Max(1, v)) : Math.Min(v, _top);

    /// <summary>Draws the legend and encodes the PNG. A legend entry is a line sample (solid
    /// or dashed) or, with <c>Box</c>, a filled square.</summary>
    public byte[] Finish(IReadOnlyList<LegendEntry> legend)
    {
        _plot.ShowLegend(legend.Select(e => new LegendItem
        {
            LabelText = e.Label,
            LineColor = e.Box ? Colors.Transparent : Plots.Colour(e.Colour),
            LineWidth = e.Box ? 0 : 2,
            LinePattern = e.Dashed ? LinePattern.Dashed : LinePattern.Solid,
            FillColor = e.Box ? Plots.Colour(e.Colour) : Colors.Transparent,
        }), Alignment.UpperRight);
        _plot.Legend.Orientation = Orientation.Vertical;
        return Plots.Png(_plot, W, H);
    }

    /// <summary>The run's nemesis intervals in seconds: from each <c>start-partition</c>
    /// completing to the next <c>stop-partition</c> completing (or the end).</summary>
    public static List<(double FromS, double ToS)> NemesisIntervals(IReadOnlyList<Op> history)
    {
        var intervals = new List<(double, double)>();
        double? start = null;
        foreach (var op in history)
        {
            if (op.Process is not OpProcess.Nemesis || op.Type == OpType.Invoke) continue;
            if (op.IsF("start-partition")) start ??= op.Time / 1e9;
            else if (op.IsF("stop-partition") && start is { } from)
            {
                intervals.Add((from, op.Time / 1e9));
                start = null;
            }
        }
        if (start is { } open) intervals.Add((open, EndS(history)));
        return intervals;
    }

    /// <summary>The time of the last op, in seconds.</summary>
    public static double EndS(IReadOnlyList<Op> history) =>
        history.Count == 0 ? 1 : history[^1].Time / 1e9;

    /// <summary>Every (invocation, completion) pair of client ops, in completion order.
    /// </summary>
    public static List<(Op Invoke, Op Done)> Completions(IReadOnlyList<Op> history)
    {
        var open = new Dictionary<long, Op>();
        var pairs = new List<(Op, Op)>();
        foreach (var op in history)
        {
            if (op.ClientNumber is not { } p) continue;
            if (op.Type == OpType.Invoke) open[p] = op;
            else if (open.Remove(p, out var inv)) pairs.Add((inv, op));
        }
        return pairs;
    }

    /// <summary>The op's <c>f</c> as text (<c>broadcast</c>, <c>read</c>).</summary>
    public static string FName(Op op) => op.F is Edn.Edn.Keyword k ? k.Name : "?";

    /// <summary>Window width in seconds: 1 s, or wider so a run has at most 60 windows.
    /// </summary>
    public static int WindowS(double endS) => Math.Max(1, (int)Math.Ceiling(endS / 60));

    /// <summary>The smallest 1, 2 or 5 × 10^k at or above <paramref name="v"/>.</summary>
    private static double NiceCeiling(double v)
    {
        var p = Math.Pow(10, Math.Floor(Math.Log10(v)));
        foreach (var m in new[] { 1.0, 2, 5, 10 })
        {
            if (m * p >= v) return m * p;
        }
        return 10 * p;
    }
}

/// <summary>One legend line: a colour, drawn as a solid or dashed line sample or as a box.
/// </summary>
internal sealed record LegendEntry(string Label, (byte, byte, byte) Colour, bool Dashed = false,
    bool Box = false);
