using FunctionalGossip.Maelstrom;
using FunctionalGossip.Harness.Engine;
using FunctionalGossip.Harness.Maelstrom;
using FunctionalGossip.Harness.Sim;

namespace FunctionalGossip.Harness.Processes;

/// <summary>
/// The real-process transport: one process per node over pipes, driven by the same engine as
/// the simulator. It measures its own routing overhead: for every node-to-node message, the
/// time from the sender's stdout line to the write on the receiver's stdin, minus the
/// simulated latency (that is, how late the delivery ran after its deadline). While the run
/// goes on it samples each node's resident set size once a second (<see cref="RssSampler"/>);
/// when it stops it reads what each node cost (CPU time and peak RSS) before killing them.
/// </summary>
public sealed class ProcessTransport(RealTimeScheduler clock, string bin,
    IReadOnlyList<string> args) : INodeTransport, IDisposable
{
    private readonly Dictionary<string, NodeProcess> _nodes = new(StringComparer.Ordinal);
    private readonly LogSpill _logSpill = new(LogSpill.DefaultLimitBytes);
    private readonly List<long> _overheadNs = [];
    private IReadOnlyList<string> _order = [];
    private RssSampler? _rss;
    private volatile bool _stopping;

    /// <summary>Routing overhead of each node-to-node delivery, in nanoseconds.</summary>
    public IReadOnlyList<long> OverheadNs => _overheadNs;

    /// <summary>What each node cost, read at the first <see cref="Stop"/> while the nodes
    /// were still alive (after the run's final reads); null before.</summary>
    public NodeCost? NodeCost { get; private set; }

    /// <summary>Each node's resident set size sampled over the run, complete at the first
    /// <see cref="Stop"/>; null before.</summary>
    public NodeRss? NodeRss { get; private set; }

    /// <summary>Seconds between two RSS samples of a node.</summary>
    public static TimeSpan RssInterval { get; } = TimeSpan.FromSeconds(1);

    /// <inheritdoc/>
    public void Start(IReadOnlyList<string> nodeIds, Action<string, StdoutLine> onLine,
        Action<string, NodeExit> onExit)
    {
        _order = nodeIds;
        // Each line is read on its node's stdout thread, so the loop, which every node's
        // lines and every client share, does not parse a large read_ok itself.
        foreach (var id in nodeIds)
            _nodes[id] = NodeProcess.Start(id, bin, args,
                (node, line) =>
                {
                    var read = StdoutLine.ReadNow(line);
                    clock.Post(() => onLine(node, read));
                },
                (node, exit) => clock.Post(() =>
                {
                    if (!_stopping && !ProcessRegistry.Interrupted.IsCancellationRequested)
                        onExit(node, exit);
                }), _logSpill);
        _rss = new RssSampler([.. nodeIds.Select(id =>
            (id, (Func<int?>)(() => _nodes[id].LivePid())))], RssInterval);
    }

    /// <inheritdoc/>
    public void Deliver(string node, string line)
    {
        if (_stopping || !_nodes.TryGetValue(node, out var process)) return;
        process.TryWrite(line);
        if (FromNode(line)) _overheadNs.Add(clock.RealNs - clock.NowNs);
    }

    /// <inheritdoc/>
    public void Stop()
    {
        if (!_stopping) NodeRss = _rss?.Stop();
        if (!_stopping)
            NodeCost = new NodeCost([.. _order.Select(id => new KeyValuePair<string,
                NodeCostReading?>(id, _nodes.GetValueOrDefault(id)?.ReadCost()))],
                ProcFs.TicksPerSecond);
        _stopping = true;
        Parallel.ForEach(_nodes.Values, n => n.Kill());
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> NodeLog(string node) =>
        _nodes.TryGetValue(node, out var p) ? p.StderrLines() : [];

    /// <summary>Releases every process (after <see cref="Stop"/>).</summary>
    public void Dispose()
    {
        foreach (var n in _nodes.Values) n.Dispose();
    }

    /// <summary>Whether a network line (<c>{"id":…,"src":"n…</c>) comes from a server node
    /// rather than a client (Maelstrom's rule: <see cref="Ids.IsClient(string)"/>).</summary>
    private static bool FromNode(string line)
    {
        const string Src = "\"src\":\"";
        var at = line.IndexOf(Src, StringComparison.Ordinal) + Src.Length;
        var end = at >= Src.Length ? line.IndexOf('"', at) : -1;
        return end > at && !Ids.IsClient(line.AsSpan(at, end - at));
    }
}
