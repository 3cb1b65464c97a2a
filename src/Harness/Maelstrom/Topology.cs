using System.Diagnostics;

namespace FunctionalGossip.Harness.Maelstrom;

/// <summary>Maelstrom's <c>--topology</c> choices (workload/broadcast.clj).</summary>
public enum TopologyKind
{
    /// <summary>A ⌈√N⌉-wide grid; the default.</summary>
    Grid,

    /// <summary>A line: each node linked to its left and right neighbours.</summary>
    Line,

    /// <summary>Every node linked to every other node.</summary>
    Total,

    /// <summary><c>tree</c>/<c>tree2</c>: a tree of branching factor 2.</summary>
    Tree2,

    /// <summary>A tree of branching factor 3.</summary>
    Tree3,

    /// <summary>A tree of branching factor 4.</summary>
    Tree4,
}

/// <summary>The neighbour maps Maelstrom sends in the <c>topology</c> message.</summary>
public static class Topology
{
    /// <summary>Parses a <c>--topology</c> value (<c>tree</c> means <c>tree2</c>).</summary>
    public static TopologyKind? Parse(string text) => text switch
    {
        "grid" => TopologyKind.Grid,
        "line" => TopologyKind.Line,
        "total" => TopologyKind.Total,
        "tree" or "tree2" => TopologyKind.Tree2,
        "tree3" => TopologyKind.Tree3,
        "tree4" => TopologyKind.Tree4,
        _ => null,
    };

    /// <summary>The option's text form.</summary>
    public static string Name(TopologyKind kind) => kind switch
    {
        TopologyKind.Grid => "grid",
        TopologyKind.Line => "line",
        TopologyKind.Total => "total",
        TopologyKind.Tree2 => "tree2",
        TopologyKind.Tree3 => "tree3",
        TopologyKind.Tree4 => "tree4",
        _ => throw new UnreachableException(kind.ToString()),
    };

    /// <summary>
    /// Each node's neighbours, keyed in test node order (<c>line</c> with fewer than two
    /// nodes is empty, as in Maelstrom).
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> Of(
        TopologyKind kind, IReadOnlyList<string> nodes) => kind switch
    {
        TopologyKind.Grid => Grid(nodes),
        TopologyKind.Line => Line(nodes),
        TopologyKind.Total => nodes.Select(n => Pair(n, nodes.Where(m => m != n))).ToList(),
        TopologyKind.Tree2 => Tree(nodes, 2),
        TopologyKind.Tree3 => Tree(nodes, 3),
        TopologyKind.Tree4 => Tree(nodes, 4),
        _ => throw new UnreachableException(kind.ToString()),
    };

    private static KeyValuePair<string, IReadOnlyList<string>> Pair(
        string node, IEnumerable<string> neighbours) => new(node, neighbours.ToList());

    /// <summary>Node k at row k div side, column k mod side; neighbours in the order
    /// (i+1,j), (i−1,j), (i,j+1), (i,j−1), keeping cells in range.</summary>
    private static List<KeyValuePair<string, IReadOnlyList<string>>> Grid(
        IReadOnlyList<string> nodes)
    {
        var n = nodes.Count;
        var side = (int)Math.Ceiling(Math.Sqrt(n));
        string? At(int i, int j)
        {
            if (i < 0 || j < 0 || j >= side) return null;
            var idx = i * side + j;
            return idx < n ? nodes[idx] : null;
        }
        var result = new List<KeyValuePair<string, IReadOnlyList<string>>>();
        for (var k = 0; k < n; k++)
        {
            var (i, j) = (k / side, k % side);
            var around = new[] { At(i + 1, j), At(i - 1, j), At(i, j + 1), At(i, j - 1) };
            result.Add(Pair(nodes[k], around.OfType<string>()));
        }
        return result;
    }

    private static List<KeyValuePair<string, IReadOnlyList<string>>> Line(
        IReadOnlyList<string> nodes)
    {
        var n = nodes.Count;
        if (n < 2) return [];
        var result = new List<KeyValuePair<string, IReadOnlyList<string>>>();
        for (var k = 0; k < n; k++)
        {
            var around = k == 0 ? [nodes[1]]
                : k == n - 1 ? [nodes[n - 2]]
                : new[] { nodes[k - 1], nodes[k + 1] };
            result.Add(Pair(nodes[k], around));
        }
        return result;
    }

    /// <summary>Tiers of sizes 1, b, b², …; each tier is cut into chunks of b handed to the
    /// parents of the tier above in order. Neighbours: the parent, then the children.</summary>
    private static List<KeyValuePair<string, IReadOnlyList<string>>> Tree(
        IReadOnlyList<string> nodes, int b)
    {
        var parent = new Dictionary<string, string>();
        var children = nodes.ToDictionary(n => n, _ => new List<string>());
        var above = new List<string>();
        var (start, size) = (0, 1);
        while (start < nodes.Count)
        {
            var tier = nodes.Skip(start).Take(size).ToList();
            for (var c = 0; c < tier.Count; c++)
            {
                if (above.Count == 0) break;
                var p = c / b;
                if (p >= above.Count) break;
                parent[tier[c]] = above[p];
                children[above[p]].Add(tier[c]);
            }
            above = tier;
            start += size;
            size *= b;
        }
        return nodes.Select(n => Pair(n, parent.TryGetValue(n, out var p)
            ? children[n].Prepend(p) : children[n])).ToList();
    }
}
