using System.Globalization;
using FunctionalGossip.Check.History;

namespace FunctionalGossip.Harness.Store;

/// <summary>
/// The frame the time-series plots share (latency-quantiles.png, rate.png): a title, a time
/// axis in seconds, a log or linear value axis with its label, nemesis intervals shaded as
/// Jepsen's perf checker does, lines, and a legend on the right. Drawing order is fixed, so
/// the same data gives the same pixels.
/// </summary>
internal sealed class Chart
{
    private const int W = 960, H = 450, Left = 80, Right = 200, Top = 56, Bottom = 56;
    private const int PlotW = W - Left - Right, PlotH = H - Top - Bottom;
    private static readonly (byte, byte, byte) Ink = (40, 40, 40), Grid = (225, 225, 225);

    /// <summary>How nemesis intervals are shaded (and shown in the legend).</summary>
    public static readonly (byte, byte, byte) NemesisShade = (250, 222, 222);

    private readonly Canvas _c = new(W, H);
    private readonly int _maxS;
    private readonly bool _log;
    private readonly double _top;

    /// <summary>A chart with time 0..<paramref name="maxS"/> s and values up to
    /// <paramref name="maxValue"/>: on a log scale by decades (values below 1 drawn at 1) or
    /// linear up to a round number. Shading, grid and labels are drawn at once.</summary>
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
            var (x0, x1) = (X(from), X(Math.Min(to, _maxS)));
            _c.Fill(x0, Top, Math.Max(1, x1 - x0), PlotH, NemesisShade);
        }
        ValueGrid();
        TimeGrid();
        _c.Fill(Left, Top, 1, PlotH + 1, Ink);
        _c.Fill(Left, H - Bottom, PlotW + 1, 1, Ink);
        _c.Text(8, 8, title, 2, Ink);
        _c.Text(8, Top - 22, valueLabel, 2, Ink);
        var timeLabel = "time (s)";
        _c.Text(Left + (PlotW - Canvas.TextWidth(timeLabel, 2)) / 2, H - 20, timeLabel, 2, Ink);
    }

    /// <summary>The x pixel of a time in seconds.</summary>
    public int X(double s) => Left + (int)Math.Round(s / _maxS * PlotW);

    /// <summary>The y pixel of a value.</summary>
    public int Y(double v) => H - Bottom - (int)Math.Round((_log
        ? Math.Log10(Math.Max(1, v)) / _top
        : Math.Min(v, _top) / _top) * PlotH);

    /// <summary>A polyline through <paramref name="points"/> (time s, value); a single point
    /// is drawn as a dot.</summary>
    public void Series(IReadOnlyList<(double S, double V)> points, (byte, byte, byte) colour,
        bool dashed)
    {
        if (points.Count == 1)
        {
            var (x, y) = (X(points[0].S), Y(points[0].V));
            _c.Fill(x - 2, y - 2, 5, 5, colour);
        }
        for (var i = 1; i < points.Count; i++)
        {
            _c.Line(X(points[i - 1].S), Y(points[i - 1].V), X(points[i].S), Y(points[i].V),
                colour, dashed: dashed);
        }
    }

    /// <summary>Draws the legend and encodes the PNG. A legend entry is a line sample (solid
    /// or dashed) or, with <c>Box</c>, a filled square. (The axes are drawn first, so a line
    /// along an axis, e.g. latencies under 1 ms, stays visible.)</summary>
    public byte[] Finish(IReadOnlyList<LegendEntry> legend)
    {
        var x = W - Right + 20;
        var y = Top + 4;
        foreach (var e in legend)
        {
            if (e.Box) _c.Fill(x, y, 24, 12, e.Colour);
            else _c.Line(x, y + 5, x + 24, y + 5, e.Colour, dashed: e.Dashed);
            _c.Text(x + 32, y + 1, e.Label, 2, Ink);
            y += 22;
        }
        return _c.ToPng();
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
    public static string FName(Op op) => op.F is Check.Format.Edn.Keyword k ? k.Name : "?";

    /// <summary>Window width in seconds: 1 s, or wider so a run has at most 60 windows.
    /// </summary>
    public static int WindowS(double endS) => Math.Max(1, (int)Math.Ceiling(endS / 60));

    private void ValueGrid()
    {
        var steps = _log ? (int)_top : 5;
        for (var k = 0; k <= steps; k++)
        {
            var value = _log ? Math.Pow(10, k) : _top * k / steps;
            var y = Y(value);
            _c.Fill(Left, y, PlotW, 1, Grid);
            var label = value.ToString("0.##", CultureInfo.InvariantCulture);
            _c.Text(Left - 8 - Canvas.TextWidth(label, 2), y - 5, label, 2, Ink);
        }
    }

    private void TimeGrid()
    {
        var step = Math.Max(1, _maxS / 10);
        for (var s = 0; s <= _maxS; s += step)
        {
            var x = X(s);
            _c.Fill(x, Top, 1, PlotH, Grid);
            var label = s.ToString(CultureInfo.InvariantCulture);
            _c.Text(x - Canvas.TextWidth(label, 2) / 2, H - Bottom + 8, label, 2, Ink);
        }
    }

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
