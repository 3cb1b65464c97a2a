
namespace FunctionalGossip.Harness.Processes;

using FunctionalGossip.Edn;

/// <summary>One reading of a node's resident set size.</summary>
/// <param name="Seconds">Seconds since the sampling began.</param>
/// <param name="Kb">VmRSS in kB.</param>
public readonly record struct RssSample(double Seconds, long Kb);

/// <summary>
/// Whether a figure sampled over time is flat: the least-squares slope of the samples taken
/// after warm-up, which is the second half of the sampled time (the nodes start empty, and a
/// run's values and queues build up at first).
/// </summary>
public static class Trend
{
    /// <summary>The least-squares slope of y against x, or null with fewer than two points or
    /// when every x is the same.</summary>
    public static double? Slope(IReadOnlyList<(double X, double Y)> points)
    {
        if (points.Count < 2) return null;
        var meanX = points.Average(p => p.X);
        var meanY = points.Average(p => p.Y);
        double sxy = 0, sxx = 0;
        foreach (var (x, y) in points)
        {
            sxy += (x - meanX) * (y - meanY);
            sxx += (x - meanX) * (x - meanX);
        }
        return sxx == 0 ? null : sxy / sxx;
    }

    /// <summary>The samples at or after the middle of the sampled time (empty when there are
    /// none).</summary>
    public static IReadOnlyList<RssSample> AfterWarmUp(IReadOnlyList<RssSample> samples)
    {
        if (samples.Count == 0) return [];
        var middle = (samples[0].Seconds + samples[^1].Seconds) / 2;
        return [.. samples.Where(s => s.Seconds >= middle)];
    }

    /// <summary>The RSS slope after warm-up in KiB per second (kB in /proc are KiB), or
    /// null when there are too few samples.</summary>
    public static double? RssSlopeKibPerS(IReadOnlyList<RssSample> samples) =>
        Slope([.. AfterWarmUp(samples).Select(s => (s.Seconds, (double)s.Kb))]);
}

/// <summary>
/// Each node process's resident set size (<c>VmRSS</c>) sampled every
/// <paramref name="IntervalS"/> seconds while the run went on, in test node order, and
/// whether it stayed flat after warm-up (<see cref="Trend"/>): the figure a soak is judged
/// by, where <see cref="NodeCost"/>'s peak says only how high it got.
/// </summary>
/// <param name="Nodes">Each node's samples, oldest first (empty when none could be read).
/// </param>
/// <param name="IntervalS">Seconds between samples.</param>
public sealed record NodeRss(IReadOnlyList<KeyValuePair<string, IReadOnlyList<RssSample>>> Nodes,
    double IntervalS)
{
    /// <summary>Each node's slope after warm-up (KiB/s), where there is one.</summary>
    public IReadOnlyList<(string Node, double KibPerS)> Slopes =>
        [.. Nodes.Select(n => (n.Key, Trend.RssSlopeKibPerS(n.Value)))
            .Where(n => n.Item2 is not null).Select(n => (n.Key, n.Item2!.Value))];

    /// <summary>The steepest slope (first in node order on a tie), or null.</summary>
    public (string Node, double KibPerS)? MaxSlope
    {
        get
        {
            (string, double)? best = null;
            foreach (var s in Slopes)
                if (best is null || s.KibPerS > best.Value.Item2) best = s;
            return best;
        }
    }

    /// <summary>The median slope (the lower middle for an even count), or null.</summary>
    public double? MedianSlope
    {
        get
        {
            var sorted = Slopes.Select(s => s.KibPerS).Order().ToArray();
            return sorted.Length == 0 ? null : sorted[(sorted.Length - 1) / 2];
        }
    }

    /// <summary>The largest RSS sampled at the end (each node's last sample), in kB, or
    /// null.</summary>
    public (string Node, long Kb)? MaxLast =>
        Nodes.Where(n => n.Value.Count > 0).Select(n => (n.Key, n.Value[^1].Kb))
            .Aggregate(((string, long)?)null, (best, n) =>
                best is null || n.Item2 > best.Value.Item2 ? n : best);

    /// <summary>The <c>:node-rss</c> map of results.edn (and results.json).</summary>
    public Edn.Map ToEdn()
    {
        var max = MaxSlope;
        return Edn.KwMap(
            ("interval-s", new Edn.Float(IntervalS)),
            ("warm-up", Edn.Of("first half of the sampled time")),
            ("nodes", Edn.MapOf([.. Nodes.Select(n => (Edn.Of(n.Key), NodeEdn(n.Value)))])),
            ("slope-kib-per-s-max", max is { } m ? Round(m.KibPerS) : Nil),
            ("slope-kib-per-s-max-node", max is { } mn ? Edn.Of(mn.Node) : Nil),
            ("slope-kib-per-s-median", MedianSlope is double med ? Round(med) : Nil));
    }

    private static Edn NodeEdn(IReadOnlyList<RssSample> samples) => Edn.KwMap(
        ("slope-kib-per-s", Trend.RssSlopeKibPerS(samples) is double s ? Round(s) : Nil),
        ("rss-kb", new Edn.Vector([.. samples.Select(x => Edn.Of(x.Kb))])));

    private static Edn Round(double v) => new Edn.Float(Math.Round(v, 3));

    private static Edn Nil => Edn.Nil.Value;
}
