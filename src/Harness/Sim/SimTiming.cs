using FunctionalGossip.Harness.Engine;

namespace FunctionalGossip.Harness.Sim;

/// <summary>How the simulator times its nodes (<c>--sim-timing</c>).</summary>
public enum SimTimingKind
{
    /// <summary>As real node processes on this machine measure (<see cref="SimTiming.Measured"/>):
    /// start offsets, late timers, a cost per input.</summary>
    Measured,

    /// <summary>Perfect timing: every node starts at 0, every timer fires on time, inputs cost
    /// nothing. Ticks stay phase-aligned forever; useful only to isolate the protocol.</summary>
    Ideal,
}

/// <summary>
/// The timing of real node processes that the simulator imitates, each as a distribution the
/// run's seeded PRNG draws from: when each node becomes ready to read <c>init</c>, how late a
/// timer fires after its due time (the node sees the actual time and re-arms from it), and how
/// long a node is busy with one input before its outputs leave and it reads the next.
/// Calibration, commands and figures: src/Harness/README.md, "Timing realism".
/// </summary>
/// <param name="StartOffsetMs">A node's start (ready to read stdin) after the earliest
/// node's, in ms.</param>
/// <param name="TimerLateMs">A timer's firing after its due time, in ms, when the node was
/// idle waiting for it.</param>
/// <param name="InputCostUs">Time from reading an input line to its outputs leaving the
/// node, in µs; the node reads nothing else meanwhile.</param>
/// <param name="DeliveryLateMs">How late a line the network delivers reaches the node's stdin,
/// in ms: the harness's routing overhead (one loop routes every message), in order per
/// node.</param>
public sealed record SimTiming(Distribution StartOffsetMs, Distribution TimerLateMs,
    Distribution InputCostUs, Distribution DeliveryLateMs)
{
    /// <summary>No offsets, no lateness, no cost.</summary>
    public static readonly SimTiming Ideal =
        new(Distribution.Zero, Distribution.Zero, Distribution.Zero, Distribution.Zero);

    /// <summary>Calibrated on the project's 2-core machine on 2026-11-29 (README of
    /// src/Harness, "Timing realism"): start offsets of 25 node processes as process mode
    /// starts them, tick lateness from their journals, and the per-input cost of one node over
    /// pipes.</summary>
    public static readonly SimTiming Measured = new(
        StartOffsetMs: new Distribution(
            [(0, 0), (0.1, 2), (0.25, 6), (0.5, 14), (0.75, 33), (0.9, 42), (1, 70)]),
        TimerLateMs: Distribution.WholeMsHistogram(
            [0.4873, 0.3551, 0.0910, 0.0471, 0.0117, 0.0025, 0.0012, 0.0010, 0.0008, 0.0002,
             0.0021]),
        InputCostUs: new Distribution(
            [(0, 21), (0.1, 29), (0.25, 33), (0.5, 39), (0.75, 65), (0.9, 107), (0.99, 233),
             (0.999, 3882), (1, 3996)]),
        DeliveryLateMs: new Distribution(
            [(0, 0.004), (0.1, 0.033), (0.25, 0.107), (0.5, 0.607), (0.75, 1.36), (0.9, 2.14),
             (0.99, 3.96), (0.999, 8.0), (1, 12.1)]));

    /// <summary>The model a run asks for.</summary>
    public static SimTiming For(SimTimingKind kind) =>
        kind == SimTimingKind.Ideal ? Ideal : Measured;

    /// <summary>The <c>--sim-timing</c> word for a kind.</summary>
    public static string Name(SimTimingKind kind) =>
        kind == SimTimingKind.Ideal ? "ideal" : "measured";

    /// <summary>The kind a <c>--sim-timing</c> word names, or null.</summary>
    public static SimTimingKind? Parse(string word) => word switch
    {
        "measured" => SimTimingKind.Measured,
        "ideal" => SimTimingKind.Ideal,
        _ => null,
    };
}

/// <summary>
/// An empirical distribution as its quantile function: points (cumulative probability, value)
/// with probabilities rising from 0 to 1, linearly interpolated between them. A draw maps one
/// uniform number through it, so a seed gives the same value everywhere.
/// </summary>
public sealed class Distribution
{
    private readonly (double P, double Value)[] _points;

    /// <summary>A distribution through <paramref name="points"/>: the first at probability 0,
    /// the last at 1, both rising.</summary>
    public Distribution((double P, double Value)[] points)
    {
        if (points.Length < 2 || points[0].P != 0 || points[^1].P != 1)
            throw new ArgumentException("quantile points must run from probability 0 to 1");
        for (var i = 1; i < points.Length; i++)
            if (points[i].P < points[i - 1].P || points[i].Value < points[i - 1].Value)
                throw new ArgumentException("quantile points must rise");
        _points = points;
    }

    /// <summary>Always 0.</summary>
    public static readonly Distribution Zero = new([(0, 0), (1, 0)]);

    /// <summary>Whether every draw is 0 (nothing to simulate).</summary>
    public bool IsZero => _points[^1].Value == 0;

    /// <summary>A histogram over whole milliseconds: <paramref name="weights"/>[k] is the
    /// share of values in [k, k+1), uniform inside it (a journal's whole-ms reading of a
    /// sub-ms delay). The weights are normalised.</summary>
    public static Distribution WholeMsHistogram(double[] weights)
    {
        var total = weights.Sum();
        var points = new List<(double, double)> { (0, 0) };
        var cumulative = 0.0;
        for (var k = 0; k < weights.Length; k++)
        {
            if (weights[k] <= 0) continue;
            cumulative += weights[k] / total;
            points.Add((k == weights.Length - 1 ? 1 : Math.Min(1, cumulative), k + 1));
        }
        if (points[^1].Item1 < 1) points[^1] = (1, points[^1].Item2);
        return new Distribution([.. points]);
    }

    /// <summary>The value at cumulative probability <paramref name="u"/> in [0, 1).</summary>
    public double At(double u)
    {
        var i = 1;
        while (i < _points.Length - 1 && _points[i].P <= u) i++;
        var (p0, v0) = _points[i - 1];
        var (p1, v1) = _points[i];
        return p1 <= p0 ? v1 : v0 + (v1 - v0) * (u - p0) / (p1 - p0);
    }

    /// <summary>One draw from <paramref name="rng"/>.</summary>
    public double Draw(Prng rng) => IsZero ? 0 : At(rng.NextDouble());
}
