
namespace FunctionalGossip.Harness.Processes;

using FunctionalGossip.Edn;

/// <summary>One node's cost as read from <c>/proc</c>.</summary>
/// <param name="UserTicks">CPU time in user mode, in clock ticks.</param>
/// <param name="SysTicks">CPU time in the kernel on its behalf, in clock ticks.</param>
/// <param name="PeakRssKb">Peak resident set size (<c>VmHWM</c>) in kB, or null when the
/// kernel no longer reports it.</param>
public sealed record NodeCostReading(long UserTicks, long SysTicks, long? PeakRssKb)
{
    /// <summary>User plus system time, in clock ticks.</summary>
    public long CpuTicks => UserTicks + SysTicks;
}

/// <summary>
/// What each node process of a run cost, read when the run ended (after the final reads, just
/// before the nodes were killed), in test node order, with the figures people compare
/// designs by: total CPU, the busiest node, and the max and median of peak RSS. A node whose
/// <c>/proc</c> entry was already gone has no reading and counts in no figure.
/// </summary>
/// <param name="Nodes">Each node's reading, or null.</param>
/// <param name="TicksPerSecond">Clock ticks per second of the readings.</param>
public sealed record NodeCost(IReadOnlyList<KeyValuePair<string, NodeCostReading?>> Nodes,
    long TicksPerSecond)
{
    /// <summary>A tick count in seconds.</summary>
    public double Seconds(long ticks) => ticks / (double)TicksPerSecond;

    /// <summary>The nodes that were read.</summary>
    public IReadOnlyList<(string Node, NodeCostReading Reading)> Read =>
        [.. Nodes.Where(n => n.Value is not null).Select(n => (n.Key, n.Value!))];

    /// <summary>The nodes that could not be read.</summary>
    public IReadOnlyList<string> Unread =>
        [.. Nodes.Where(n => n.Value is null).Select(n => n.Key)];

    /// <summary>CPU ticks of every node read, together.</summary>
    public long TotalCpuTicks => Read.Sum(n => n.Reading.CpuTicks);

    /// <summary>The node with the most CPU time (the first in node order on a tie), or
    /// null when none was read.</summary>
    public (string Node, long Ticks)? MaxCpu =>
        Highest(Read.Select(n => (n.Node, n.Reading.CpuTicks)));

    /// <summary>The node with the highest peak RSS (first on a tie), or null.</summary>
    public (string Node, long Kb)? MaxPeakRss => Highest(PeakRss());

    /// <summary>The median peak RSS in kB (the lower middle for an even count, so it is one
    /// node's figure), or null.</summary>
    public long? MedianPeakRssKb
    {
        get
        {
            var sorted = PeakRss().Select(n => n.Kb).Order().ToArray();
            return sorted.Length == 0 ? null : sorted[(sorted.Length - 1) / 2];
        }
    }

    /// <summary>The <c>:node-cost</c> map of results.edn (and results.json).</summary>
    public Edn.Map ToEdn()
    {
        var nodes = Nodes.Select(n => (Edn.Of(n.Key), n.Value is { } r ? NodeEdn(r) : Nil));
        var max = MaxCpu;
        var rss = MaxPeakRss;
        return Edn.KwMap(
            ("nodes", Edn.MapOf([.. nodes])),
            ("cpu-s-total", new Edn.Float(Seconds(TotalCpuTicks))),
            ("cpu-s-max", max is { } m ? new Edn.Float(Seconds(m.Ticks)) : Nil),
            ("cpu-s-max-node", max is { } mn ? Edn.Of(mn.Node) : Nil),
            ("peak-rss-kb-max", rss is { } p ? Edn.Of(p.Kb) : Nil),
            ("peak-rss-kb-max-node", rss is { } pn ? Edn.Of(pn.Node) : Nil),
            ("peak-rss-kb-median", MedianPeakRssKb is long med ? Edn.Of(med) : Nil));
    }

    private Edn NodeEdn(NodeCostReading r) => Edn.KwMap(
        ("cpu-s", new Edn.Float(Seconds(r.CpuTicks))),
        ("user-s", new Edn.Float(Seconds(r.UserTicks))),
        ("sys-s", new Edn.Float(Seconds(r.SysTicks))),
        ("peak-rss-kb", r.PeakRssKb is long kb ? Edn.Of(kb) : Nil));

    private IEnumerable<(string Node, long Kb)> PeakRss() => Read
        .Where(n => n.Reading.PeakRssKb is not null)
        .Select(n => (n.Node, n.Reading.PeakRssKb!.Value));

    private static (string, long)? Highest(IEnumerable<(string Node, long Value)> figures)
    {
        (string Node, long Value)? best = null;
        foreach (var f in figures)
            if (best is null || f.Value > best.Value.Value) best = f;
        return best;
    }

    private static Edn Nil => Edn.Nil.Value;
}
