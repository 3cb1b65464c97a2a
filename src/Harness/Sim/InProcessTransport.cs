using FunctionalGossip.Core.Journal;
using FunctionalGossip.Harness.Engine;

namespace FunctionalGossip.Harness.Sim;

/// <summary>
/// The simulator's transport: nodes are objects on the scheduler's loop. A delivered line
/// runs the node at once (at the loop's time, in whole milliseconds as a shell would see
/// them); its stdout lines go straight back to the engine; its timers are scheduled on the
/// same clock with replace semantics.
/// </summary>
public sealed class InProcessTransport(IScheduler clock, INodeStrategy strategy) : INodeTransport
{
    private readonly Dictionary<string, Host> _hosts = new(StringComparer.Ordinal);
    private bool _stopped;

    /// <inheritdoc/>
    public void Start(IReadOnlyList<string> nodeIds, INodeOutput output)
    {
        foreach (var id in nodeIds)
        {
            var host = new Host(this, id, strategy.Create(), output);
            _hosts[id] = host;
            host.Node.Start(NowMs, host);
        }
    }

    /// <inheritdoc/>
    public void Deliver(string node, string line)
    {
        if (_stopped) return;
        var host = _hosts[node];
        host.Node.OnLine(NowMs, line, host);
    }

    /// <inheritdoc/>
    public void Stop() => _stopped = true;

    /// <inheritdoc/>
    public IReadOnlyList<string> NodeLog(string node) =>
        _hosts.TryGetValue(node, out var h) ? h.LogLines : [];

    private long NowMs => clock.NowNs / 1_000_000;

    private sealed class Host(InProcessTransport owner, string id, ISimNode node,
        INodeOutput output) : INodeIo
    {
        private readonly Dictionary<string, long> _timerTokens = new(StringComparer.Ordinal);
        private long _nextToken;

        public ISimNode Node { get; } = node;
        public Utf8LineLog LogLines { get; } = new();

        public void Send(string line) => output.OnLine(id, line);

        public void Log(string line) => LogLines.Add(line);

        public void Log(JournalEntry entry)
        {
            var (head, text) = JournalFormat.Split(entry);
            LogLines.Add(head, text);
        }

        public void SetTimer(string timer, long atMs)
        {
            var token = ++_nextToken;
            _timerTokens[timer] = token;
            owner.ClockAt(atMs * 1_000_000, () =>
            {
                if (owner._stopped || !_timerTokens.TryGetValue(timer, out var live)
                    || live != token) return;
                _timerTokens.Remove(timer);
                Node.OnTimer(owner.NowMs, timer, this);
            });
        }
    }

    private void ClockAt(long atNs, Action action) => clock.At(atNs, action);
}
