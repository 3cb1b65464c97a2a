using System.Diagnostics;

using FunctionalGossip.Harness.Engine;

namespace FunctionalGossip.Harness.Maelstrom;

/// <summary>The partition specs Jepsen's combined nemesis picks from for Maelstrom
/// (<c>partition-specs</c>: the DB has no primaries).</summary>
public enum PartitionSpec
{
    /// <summary>One random node cut off from the rest.</summary>
    One,

    /// <summary>A shuffled first ⌊(N−1)/3⌋ nodes cut off as one component.</summary>
    MinorityThird,

    /// <summary>Shuffled, split after ⌊N/2⌋ nodes.</summary>
    Majority,

    /// <summary>Every node sees a majority, no two the same majority.</summary>
    MajoritiesRing,
}

/// <summary>
/// Grudges: for each node, the set of nodes it drops messages from (jepsen nemesis.clj,
/// nemesis/combined.clj <c>grudge</c>). Keys and members are in test node order so the
/// history text is deterministic.
/// </summary>
public static class Grudge
{
    /// <summary>The four specs in Jepsen's order; a start picks one uniformly.</summary>
    public static readonly IReadOnlyList<PartitionSpec> Specs =
        [PartitionSpec.One, PartitionSpec.MinorityThird, PartitionSpec.Majority,
            PartitionSpec.MajoritiesRing];

    /// <summary>The keyword name (<c>:minority-third</c> without the colon).</summary>
    public static string Name(PartitionSpec spec) => spec switch
    {
        PartitionSpec.One => "one",
        PartitionSpec.MinorityThird => "minority-third",
        PartitionSpec.Majority => "majority",
        PartitionSpec.MajoritiesRing => "majorities-ring",
        _ => throw new UnreachableException(spec.ToString()),
    };

    /// <summary>The grudge for <paramref name="spec"/> over <paramref name="nodes"/>.</summary>
    public static SortedGrudge Of(PartitionSpec spec, IReadOnlyList<string> nodes, Prng rng)
    {
        var raw = spec switch
        {
            PartitionSpec.One => OneOff(nodes, rng),
            PartitionSpec.MinorityThird => SplitAt((nodes.Count - 1) / 3, rng.Shuffle(nodes)),
            PartitionSpec.Majority => SplitAt(nodes.Count / 2, rng.Shuffle(nodes)),
            PartitionSpec.MajoritiesRing => nodes.Count <= 5
                ? RingPerfect(nodes, rng) : RingStochastic(nodes, rng),
            _ => throw new UnreachableException(spec.ToString()),
        };
        return SortedGrudge.From(raw, nodes);
    }

    /// <summary><c>split-one</c>: a random loner against the rest.</summary>
    private static Dictionary<string, HashSet<string>> OneOff(IReadOnlyList<string> nodes,
        Prng rng)
    {
        var loner = nodes[rng.NextInt(nodes.Count)];
        return Complete([[loner], nodes.Where(n => n != loner).ToList()]);
    }

    private static Dictionary<string, HashSet<string>> SplitAt(int k, List<string> shuffled) =>
        Complete([shuffled.Take(k).ToList(), shuffled.Skip(k).ToList()]);

    /// <summary><c>complete-grudge</c>: each node drops every node outside its
    /// component.</summary>
    internal static Dictionary<string, HashSet<string>> Complete(List<List<string>> components)
    {
        var universe = components.SelectMany(c => c).ToHashSet();
        var grudge = new Dictionary<string, HashSet<string>>();
        foreach (var component in components)
        {
            foreach (var node in component)
                grudge[node] = universe.Where(u => !component.Contains(u)).ToHashSet();
        }
        return grudge;
    }

    /// <summary><c>majorities-ring-perfect</c> (N ≤ 5): shuffle into a ring; each window of
    /// m = ⌊N/2⌋+1 consecutive nodes is kept by the node in its middle.</summary>
    private static Dictionary<string, HashSet<string>> RingPerfect(IReadOnlyList<string> nodes,
        Prng rng)
    {
        var ring = rng.Shuffle(nodes);
        var n = ring.Count;
        var m = n / 2 + 1;
        var grudge = new Dictionary<string, HashSet<string>>();
        for (var start = 0; start < n; start++)
        {
            var window = Enumerable.Range(start, m).Select(i => ring[i % n]).ToList();
            var keeper = window[window.Count / 2];
            grudge[keeper] = nodes.Where(u => !window.Contains(u)).ToHashSet();
        }
        return grudge;
    }

    /// <summary><c>majorities-ring-stochastic</c> (N &gt; 5): repeatedly link a
    /// least-connected node to the least-connected node it is not yet linked to (ties in
    /// random order) until every node has ≥ m links (itself included), then invert.</summary>
    private static Dictionary<string, HashSet<string>> RingStochastic(
        IReadOnlyList<string> nodes, Prng rng)
    {
        var m = nodes.Count / 2 + 1;
        var conns = nodes.ToDictionary(n => n, n => new HashSet<string> { n });
        var degree = nodes.ToDictionary(n => n, _ => 1);
        while (true)
        {
            var byDegree = degree.GroupBy(kv => kv.Value).OrderBy(g => g.Key)
                .SelectMany(g => rng.Shuffle(nodes.Where(n => degree[n] == g.Key)))
                .ToList();
            var a = byDegree[0];
            if (degree[a] >= m) break;
            var b = byDegree.First(x => !conns[a].Contains(x));
            conns[a].Add(b);
            conns[b].Add(a);
            degree[a]++;
            degree[b]++;
        }
        return nodes.ToDictionary(n => n, n => nodes.Where(u => !conns[n].Contains(u)).ToHashSet());
    }
}

/// <summary>A grudge with keys and members in test node order.</summary>
/// <param name="Entries">Each node and the nodes it drops messages from.</param>
public sealed record SortedGrudge(
    IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> Entries)
{
    /// <summary>Orders a raw grudge by <paramref name="order"/>.</summary>
    public static SortedGrudge From(Dictionary<string, HashSet<string>> raw,
        IReadOnlyList<string> order) =>
        new(order.Where(raw.ContainsKey)
            .Select(n => new KeyValuePair<string, IReadOnlyList<string>>(
                n, order.Where(raw[n].Contains).ToList()))
            .ToList());
}
