using FunctionalGossip.Core;
using FunctionalGossip.Core.Journal;
using FunctionalGossip.Harness.Engine;
using FunctionalGossip.Harness.Maelstrom;

namespace FunctionalGossip.Harness.Sim;

/// <summary>
/// The simulator's transport: nodes are objects on the scheduler's loop, each run the way the
/// shell's loop runs a node process (src/Shell/NodeHost.cs), with the timing of a real
/// process drawn from <see cref="SimTiming"/>:
/// <list type="bullet">
/// <item>a node starts (is ready to read stdin) at its own offset; its clock counts whole
/// milliseconds from then, and lines written earlier wait in its stdin;</item>
/// <item>when free, it first fires a timer that is due, else reads one line; while idle it
/// waits for a line or for its earliest timer, which wakes it late by a drawn amount;</item>
/// <item>each input keeps it busy for a drawn cost, after which its stdout lines leave, in
/// order, and it looks for work again.</item>
/// </list>
/// With <see cref="SimTiming.Ideal"/> every node starts at 0, timers fire on time and inputs
/// cost nothing.
/// </summary>
public sealed class InProcessTransport : INodeTransport
{
    private readonly Dictionary<string, Host> _hosts = new(StringComparer.Ordinal);
    private readonly IScheduler _clock;
    private readonly INodeStrategy _strategy;
    private readonly SimTiming _timing;
    private readonly Prng _rng;
    private readonly LogSpill _logSpill = new(LogSpill.DefaultLimitBytes);
    private bool _stopped;

    /// <summary>Nodes made by <paramref name="strategy"/> on <paramref name="clock"/>, timed
    /// by <paramref name="timing"/> with draws from <paramref name="rng"/> (one stream split
    /// off per node, in node order).</summary>
    public InProcessTransport(IScheduler clock, INodeStrategy strategy, SimTiming timing,
        Prng rng) => (_clock, _strategy, _timing, _rng) = (clock, strategy, timing, rng);

    /// <inheritdoc/>
    public void Start(IReadOnlyList<string> nodeIds, Action<string, StdoutLine> onLine,
        Action<string, NodeExit> onExit)
    {
        foreach (var id in nodeIds)
        {
            var nodeRng = _rng.Split();
            var offsetNs = Ns(_timing.StartOffsetMs.Draw(nodeRng) * 1e6);
            var host = new Host(this, id, _strategy.Create(), onLine, _clock.NowNs + offsetNs,
                nodeRng);
            _hosts[id] = host;
            host.ScheduleStart();
        }
    }

    /// <inheritdoc/>
    public void Deliver(string node, string line)
    {
        if (_stopped) return;
        _hosts[node].Write(line);
    }

    /// <inheritdoc/>
    public void Stop()
    {
        _stopped = true;
        foreach (var host in _hosts.Values) host.LogLines.Settle();
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> NodeLog(string node) =>
        _hosts.TryGetValue(node, out var h) ? h.LogLines : [];

    private static long Ns(double ns) => (long)Math.Round(ns);

    /// <summary>One node process: its stdin queue, timer table, busy time and clock; the node's
    /// outputs come to it as they come to the shell's loop (<see cref="INodeOutputs"/>), and
    /// its stdout lines go on to <paramref name="onLine"/>.</summary>
    private sealed class Host(InProcessTransport owner, string id, ISimNode node,
        Action<string, StdoutLine> onLine, long originNs, Prng rng) : INodeOutputs
    {
        private readonly Queue<string> _stdin = new();
        private readonly Dictionary<TimerId, long> _timers = [];
        private readonly List<StdoutLine> _stdout = [];
        private bool _started;
        private long _busyUntilNs;
        private bool _pumpPending;
        private long? _wakeForMs;
        private long _lastArrivalNs;

        public Utf8LineLog LogLines { get; } = new(owner._logSpill);

        private IScheduler Clock => owner._clock;

        /// <summary>The node's monotonic clock: whole ms since it started.</summary>
        private long NowMs => (Clock.NowNs - originNs) / 1_000_000;

        public void ScheduleStart() => Clock.At(originNs, () =>
        {
            if (owner._stopped) return;
            _started = true;
            Handle(() => node.Start(NowMs, this));
        });

        /// <summary>A line the network delivers: it reaches stdin after the drawn delivery
        /// lateness (in order), then an idle node reads it at once and a busy one later.
        /// </summary>
        public void Write(string line)
        {
            var lateNs = Ns(owner._timing.DeliveryLateMs.Draw(rng) * 1e6);
            var arrivalNs = Math.Max(Clock.NowNs + lateNs, _lastArrivalNs);
            _lastArrivalNs = arrivalNs;
            if (arrivalNs == Clock.NowNs) Arrive(line);
            else Clock.At(arrivalNs, () => Arrive(line));
        }

        private void Arrive(string line)
        {
            if (owner._stopped) return;
            _stdin.Enqueue(line);
            if (!_started || _pumpPending) return;
            if (Clock.NowNs >= _busyUntilNs) Pump();
            else Kick(_busyUntilNs);
        }

        /// <summary>Makes sure the loop looks for work at <paramref name="atNs"/> (or when it
        /// is free, if later).</summary>
        private void Kick(long atNs)
        {
            if (_pumpPending) return;
            _pumpPending = true;
            Clock.At(Math.Max(atNs, _busyUntilNs), Pump);
        }

        /// <summary>The shell's loop, one input per turn: a due timer first, else a line, else
        /// wait (late) for the earliest timer.</summary>
        private void Pump()
        {
            _pumpPending = false;
            if (owner._stopped) return;
            if (Clock.NowNs < _busyUntilNs)
            {
                Kick(_busyUntilNs);
                return;
            }
            if (DueTimer() is { } timer)
            {
                _timers.Remove(timer);
                Handle(() => node.OnTimer(NowMs, timer, this));
            }
            else if (_stdin.TryDequeue(out var line))
                Handle(() => node.OnLine(NowMs, line, this));
            else
                WaitForTimer();
        }

        private TimerId? DueTimer()
        {
            TimerId? due = null;
            var dueMs = long.MaxValue;
            foreach (var (timer, atMs) in _timers)
                if (atMs < dueMs || (atMs == dueMs && timer < due))
                    (due, dueMs) = (timer, atMs);
            return dueMs <= NowMs ? due : null;
        }

        private void WaitForTimer()
        {
            if (_timers.Count == 0) return;
            var dueMs = _timers.Values.Min();
            if (_wakeForMs == dueMs) return;
            _wakeForMs = dueMs;
            var lateNs = Ns(owner._timing.TimerLateMs.Draw(rng) * 1e6);
            Clock.At(originNs + dueMs * 1_000_000 + lateNs, () =>
            {
                if (_wakeForMs == dueMs) _wakeForMs = null;
                Kick(Clock.NowNs);
            });
        }

        /// <summary>Runs one input; the node is then busy for a drawn cost, after which its
        /// stdout lines leave and it looks for work again.</summary>
        private void Handle(Action input)
        {
            input();
            var costNs = Ns(owner._timing.InputCostUs.Draw(rng) * 1e3);
            _busyUntilNs = Clock.NowNs + costNs;
            if (costNs == 0) Flush();
            else if (_stdout.Count > 0)
            {
                var lines = _stdout.ToArray();
                _stdout.Clear();
                Clock.At(_busyUntilNs, () => Emit(lines));
            }
            if (_stdin.Count > 0) Kick(_busyUntilNs);
            else if (_timers.Count > 0)
            {
                // A timer due by the time the node is free fires then, without wake-up lateness.
                if (originNs + _timers.Values.Min() * 1_000_000 <= _busyUntilNs) Kick(_busyUntilNs);
                else WaitForTimer();
            }
        }

        private void Flush()
        {
            foreach (var line in _stdout) onLine(id, line);
            _stdout.Clear();
        }

        private void Emit(StdoutLine[] lines)
        {
            if (owner._stopped) return;
            foreach (var line in lines) onLine(id, line);
        }

        /// <summary>A large line is read on a worker from now on: the node's drawn busy time
        /// and the other nodes' steps run meanwhile, so the loop seldom waits for it.</summary>
        public void Stdout(string line) => _stdout.Add(StdoutLine.ReadAhead(line));

        public void SetTimer(TimerId timer, long atMs) => _timers[timer] = atMs;

        /// <summary>Written as its head and text, which spares building the whole line.</summary>
        public void Journal(JournalEntry entry)
        {
            var (head, text) = JournalFormat.Split(entry);
            LogLines.Add(head, text);
        }
    }
}
