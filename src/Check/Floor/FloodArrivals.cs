namespace FunctionalGossip.Check.Floor;

/// <summary>
/// When an ideal flood gets one value to every node: each node forwards the value to every
/// other node the instant it has it, and resends the moment a partition that dropped it
/// heals, so the only delays are the hop latency and the partitions.
/// </summary>
public static class FloodArrivals
{
    /// <summary>
    /// The earliest arrival at each node (by index; <see cref="long.MaxValue"/> for never) of a
    /// value that node <paramref name="origin"/> has from <paramref name="atNs"/>. A message
    /// from a to b sent at s arrives at s + <paramref name="hopNs"/> and is let through iff b
    /// accepts a at s (Maelstrom's partition check happens when the receiver's delivery loop
    /// dequeues, and an idle loop dequeues at send time). Arrival through a link never
    /// decreases with the time the sender got the value, so Dijkstra's algorithm finds the
    /// earliest times exactly; O(N²) schedule look-ups, none when no link is cut at
    /// <paramref name="atNs"/> (every node is then one direct hop away, and no path is
    /// shorter).
    /// </summary>
    public static long[] Of(int origin, long atNs, long hopNs, PartitionSchedule partitions)
    {
        var n = partitions.NodeCount;
        var arrival = new long[n];
        var open = partitions.AllOpenAt(atNs);
        Array.Fill(arrival, open ? atNs + hopNs : long.MaxValue);
        arrival[origin] = atNs;
        if (open) return arrival;
        var done = new bool[n];
        for (var u = origin; u >= 0; u = Nearest(arrival, done))
        {
            done[u] = true;
            for (var w = 0; w < n; w++)
            {
                if (done[w]) continue;
                var send = partitions.EarliestOpen(u, w, arrival[u]);
                if (send != long.MaxValue) arrival[w] = Math.Min(arrival[w], send + hopNs);
            }
        }
        return arrival;
    }

    /// <summary>The reached node not yet done with the earliest arrival, or −1.</summary>
    private static int Nearest(long[] arrival, bool[] done)
    {
        var best = -1;
        for (var i = 0; i < arrival.Length; i++)
        {
            if (!done[i] && arrival[i] != long.MaxValue
                && (best < 0 || arrival[i] < arrival[best]))
                best = i;
        }
        return best;
    }
}
