using LanguageExt;
using static LanguageExt.Prelude;

namespace FunctionalGossip.Core;

/// <summary>
/// Which nodes a node forwards values to. Values travel hop by hop along these links, each hop
/// acknowledged, so any connected shape delivers every value once partitions heal. The shape
/// trades messages for latency; it is a node setting, not a constant.
/// </summary>
public abstract record Relay
{
    private Relay() { }

    /// <summary>The first node in <c>node_ids</c> is a hub linked to every other node:
    /// two hops between any pair, and the fewest links that carry traffic.</summary>
    public sealed record Star : Relay;

    /// <summary>Every node linked to every other node: one hop, the most messages.</summary>
    public sealed record Total : Relay;

    /// <summary>The neighbours Maelstrom's <c>topology</c> message suggests.</summary>
    public sealed record Given : Relay;

    /// <summary>A tree over <c>node_ids</c> in order with the given fan-out (node k's parent
    /// is node (k−1)/fan-out).</summary>
    public sealed record Tree(int Fanout) : Relay;

    /// <summary>
    /// Whether a value learned from another node is passed on. In <see cref="Total"/> the node
    /// that acknowledged a value sends it to every node itself and retries until each one acks,
    /// so passing it on again would only multiply messages (N² per value instead of N).
    /// </summary>
    public bool ForwardsLearned => this is not Total;

    /// <summary>The setting's text form, e.g. <c>star</c> or <c>tree4</c>.</summary>
    public string Render() => this switch
    {
        Star => "star",
        Total => "total",
        Given => "given",
        Tree t => $"tree{t.Fanout}",
        _ => throw new System.Diagnostics.UnreachableException(ToString()),
    };

    /// <summary>Parses the setting's text form.</summary>
    public static Option<Relay> Parse(string text) => text switch
    {
        "star" => new Star(),
        "total" => new Total(),
        "given" => new Given(),
        _ when text.StartsWith("tree", StringComparison.Ordinal)
               && int.TryParse(text.AsSpan(4), out var k) && k is >= 1 and <= 64 => new Tree(k),
        _ => None,
    };

    /// <summary>The relay neighbours of <paramref name="self"/> that need no topology
    /// (empty for <see cref="Given"/>, which waits for the topology message).</summary>
    public Set<string> PeersAtInit(string self, Seq<string> nodeIds)
    {
        var others = toSet(nodeIds.Filter(n => n != self));
        return this switch
        {
            Star => nodeIds.IsEmpty ? Set<string>()
                : nodeIds.Head == self ? others
                : Set(nodeIds.Head),
            Total => others,
            Given => Set<string>(),
            Tree t => TreePeers(self, nodeIds, t.Fanout),
            _ => throw new System.Diagnostics.UnreachableException(ToString()),
        };
    }

    /// <summary>The peer that <paramref name="self"/> sends values towards the root through:
    /// the hub of a star, a tree node's parent; none for the hub, the root, and the flat
    /// shapes (<see cref="Total"/>, <see cref="Given"/>).</summary>
    public Option<string> Upstream(string self, Seq<string> nodeIds)
    {
        if (nodeIds.IsEmpty || nodeIds.Head == self) return None;
        return this switch
        {
            Star => Some(nodeIds.Head),
            Tree t => nodeIds.ToList().IndexOf(self) is var i and > 0
                ? Some(nodeIds[(i - 1) / t.Fanout])
                : None,
            _ => None,
        };
    }

    private static Set<string> TreePeers(string self, Seq<string> nodeIds, int fanout)
    {
        var index = nodeIds.ToList().IndexOf(self);
        if (index < 0) return Set<string>();
        var children = toSet(nodeIds.Skip(index * fanout + 1).Take(fanout));
        return index == 0 ? children : children.Add(nodeIds[(index - 1) / fanout]);
    }
}
