using System.Diagnostics;

using FunctionalGossip.Harness.Engine;

namespace FunctionalGossip.Harness.Maelstrom;

/// <summary>Maelstrom's <c>--latency-dist</c> shapes (net.clj <c>latency-dist</c>).</summary>
public enum LatencyDist
{
    /// <summary>Exactly the mean.</summary>
    Constant,

    /// <summary>An integer uniform on [0, 2·mean).</summary>
    Uniform,

    /// <summary>Exponential with rate 1/mean, truncated to whole milliseconds.</summary>
    Exponential,
}

/// <summary>Draws node↔node message delays the way Maelstrom's network does.</summary>
/// <param name="MeanMs">The <c>--latency</c> mean in milliseconds.</param>
/// <param name="Dist">The distribution.</param>
public sealed record Latency(long MeanMs, LatencyDist Dist)
{
    /// <summary>Parses a <c>--latency-dist</c> value.</summary>
    public static LatencyDist? ParseDist(string text) => text switch
    {
        "constant" => LatencyDist.Constant,
        "uniform" => LatencyDist.Uniform,
        "exponential" => LatencyDist.Exponential,
        _ => null,
    };

    /// <summary>The option's text form.</summary>
    public static string Name(LatencyDist dist) => dist switch
    {
        LatencyDist.Constant => "constant",
        LatencyDist.Uniform => "uniform",
        LatencyDist.Exponential => "exponential",
        _ => throw new UnreachableException(dist.ToString()),
    };

    /// <summary>
    /// The lower median of <see cref="DrawMs"/>: the least k with P(draw ≤ k) ≥ 1/2. Constant:
    /// the mean; uniform on [0, 2m): m − 1; exponential truncated to whole milliseconds:
    /// ⌈m·ln 2⌉ − 1 (69 for a mean of 100). The floor's hop latency.
    /// </summary>
    public long MedianMs => Dist switch
    {
        LatencyDist.Constant => MeanMs,
        LatencyDist.Uniform => Math.Max(0, MeanMs - 1),
        LatencyDist.Exponential => Math.Max(0, (long)Math.Ceiling(MeanMs * Math.Log(2)) - 1),
        _ => throw new UnreachableException(Dist.ToString()),
    };

    /// <summary>One delay in whole milliseconds (Maelstrom truncates the draw to a long).</summary>
    public long DrawMs(Prng rng) => Dist switch
    {
        LatencyDist.Constant => MeanMs,
        LatencyDist.Uniform => rng.NextLong(2 * MeanMs),
        LatencyDist.Exponential => (long)(-MeanMs * Math.Log(1.0 - rng.NextDouble())),
        _ => throw new UnreachableException(Dist.ToString()),
    };
}
