using FunctionalGossip.Check.History;

namespace FunctionalGossip.Check.Floor;

using FunctionalGossip.Edn;

/// <summary>
/// Which links a history's partition nemesis cut, and when: a list of epochs, each starting
/// at the <c>:time</c> of a nemesis completion and holding, for every receiver, the senders it
/// drops. A start-partition completion (<c>[:isolated grudge]</c>) adds its grudge to the
/// partitions, a stop-partition completion (<c>:network-healed</c>) clears them (Maelstrom's
/// <c>drop!</c> and <c>heal!</c>; the harness records the completion in the same step that
/// applies it). An epoch includes its start: a message sent at that instant is judged by the
/// new partitions.
/// </summary>
public sealed class PartitionSchedule
{
    private readonly int _nodes;
    private readonly List<long> _starts = [long.MinValue];
    private readonly List<bool[]> _blocked;

    private PartitionSchedule(int nodes)
    {
        _nodes = nodes;
        _blocked = [new bool[nodes * nodes]];
    }

    /// <summary>The number of nodes.</summary>
    public int NodeCount => _nodes;

    /// <summary>Epochs, the first one unpartitioned from the beginning of time.</summary>
    public int EpochCount => _starts.Count;

    /// <summary>The partitions applied by the nemesis ops of <paramref name="history"/>, over
    /// <paramref name="nodes"/> (grudge entries naming other ids are ignored).</summary>
    public static PartitionSchedule Of(IEnumerable<Op> history, IReadOnlyList<string> nodes)
    {
        var schedule = new PartitionSchedule(nodes.Count);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < nodes.Count; i++) index[nodes[i]] = i;
        foreach (var op in history)
        {
            if (op.Process is not OpProcess.Nemesis) continue;
            if (op.IsF("start-partition") && Grudge(op.Value) is { } grudge)
                schedule.Apply(op.Time, schedule.Drop(grudge, index));
            else if (op.IsF("stop-partition") && op.Value.IsKeyword("network-healed"))
                schedule.Apply(op.Time, new bool[nodes.Count * nodes.Count]);
        }
        return schedule;
    }

    /// <summary>Whether no link is cut at <paramref name="ns"/>.</summary>
    public bool AllOpenAt(long ns) => Array.IndexOf(_blocked[EpochAt(ns)], true) < 0;

    /// <summary>
    /// The earliest moment at or after <paramref name="fromNs"/> at which
    /// <paramref name="dest"/> accepts a message from <paramref name="src"/> (node indices), or
    /// <see cref="long.MaxValue"/> if it never does again.
    /// </summary>
    public long EarliestOpen(int src, int dest, long fromNs)
    {
        var link = dest * _nodes + src;
        for (var e = EpochAt(fromNs); e < _starts.Count; e++)
        {
            if (!_blocked[e][link]) return Math.Max(fromNs, _starts[e]);
        }
        return long.MaxValue;
    }

    /// <summary>The grudge map of a start-partition completion, or null for anything
    /// else (the invocation carries only the spec's name).</summary>
    private static Edn.Map? Grudge(Edn value) =>
        value is Edn.Vector { Items: [var tag, Edn.Map grudge] } && tag.IsKeyword("isolated")
            ? grudge : null;

    /// <summary>The current partitions plus <paramref name="grudge"/>.</summary>
    private bool[] Drop(Edn.Map grudge, Dictionary<string, int> index)
    {
        var blocked = (bool[])_blocked[^1].Clone();
        foreach (var (dest, sources) in grudge.Entries)
        {
            if (dest is not Edn.Str { Value: var d } || !index.TryGetValue(d, out var di))
                continue;
            foreach (var source in Members(sources))
            {
                if (source is Edn.Str { Value: var s } && index.TryGetValue(s, out var si))
                    blocked[di * _nodes + si] = true;
            }
        }
        return blocked;
    }

    private static IEnumerable<Edn> Members(Edn collection) => collection switch
    {
        Edn.Set s => s.Items,
        Edn.Vector v => v.Items,
        Edn.List l => l.Items,
        _ => [],
    };

    /// <summary>Starts an epoch at <paramref name="atNs"/>; a change at the same instant as the
    /// last one replaces it (as would one out of time order, which a history never has).
    /// </summary>
    private void Apply(long atNs, bool[] blocked)
    {
        if (atNs <= _starts[^1])
        {
            _blocked[^1] = blocked;
            return;
        }
        _starts.Add(atNs);
        _blocked.Add(blocked);
    }

    /// <summary>The last epoch starting at or before <paramref name="ns"/>.</summary>
    private int EpochAt(long ns)
    {
        var i = _starts.BinarySearch(ns);
        return i >= 0 ? i : ~i - 1;
    }
}
