namespace FunctionalGossip.Harness.Engine;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood, 2014): a tiny, well-mixed 64-bit generator written out
/// here so that a seed means the same stream on every .NET version. Every random choice of a
/// run (op mix, stagger gaps, latencies, partitions, tie-breaks) comes from one root instance
/// and the child streams it <see cref="Split"/>s off.
/// </summary>
public sealed class Prng
{
    private ulong _state;

    /// <summary>A generator whose stream is fixed by <paramref name="seed"/>.</summary>
    public Prng(ulong seed) => _state = seed;

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A generator at the same point of the same stream: drawing from the copy
    /// leaves this one as it was (how a pure function draws and returns the stream).</summary>
    public Prng Copy() => new(_state);

    /// <summary>A new, independent generator seeded from this one.</summary>
    public Prng Split() => new(NextUInt64() ^ 0x6A09E667F3BCC909UL);

    /// <summary>A double uniform on [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>An integer uniform on [0, <paramref name="bound"/>), without modulo bias
    /// (Lemire's method); 0 when bound ≤ 1.</summary>
    public long NextLong(long bound)
    {
        if (bound <= 1) return 0;
        var b = (ulong)bound;
        var threshold = (0UL - b) % b;
        while (true)
        {
            var x = NextUInt64();
            var hi = Math.BigMul(x, b, out var lo);
            if (lo >= threshold) return (long)hi;
        }
    }

    /// <summary>An int uniform on [0, <paramref name="bound"/>).</summary>
    public int NextInt(int bound) => (int)NextLong(bound);

    /// <summary>A shuffled copy (Fisher–Yates), like Clojure's <c>shuffle</c>.</summary>
    public List<T> Shuffle<T>(IEnumerable<T> items)
    {
        var list = items.ToList();
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
        return list;
    }
}
