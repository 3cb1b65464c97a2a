using FunctionalGossip.Check.Edn;
using FunctionalGossip.Check.History;
using FunctionalGossip.Check.Maelstrom;
using FunctionalGossip.Harness.Maelstrom;
using FunctionalGossip.Harness.Sim;

namespace FunctionalGossip.Harness.Engine;

/// <summary>
/// One Maelstrom broadcast test, transport- and clock-agnostic. The decisions are data:
/// the run's state is one <see cref="RunState"/> (the engine's only changing field), the
/// generator and nemesis are pure functions of it (<see cref="Generator"/>,
/// <see cref="Nemesis"/>) whose <see cref="Directive"/>s this class carries out, and client
/// requests wait in the state's pending-call table (<see cref="Clients.Pending"/>). What it
/// adds is the I/O: setup (init, topology), Maelstrom's clients, the network, and the
/// history, violations and jepsen.log it appends to. Single-threaded: every method runs on
/// the scheduler's loop.
/// </summary>
public sealed partial class RunEngine
{
    private readonly RunOptions _o;
    private readonly IScheduler _clock;
    private readonly INodeTransport _transport;
    private readonly Network _net;
    private readonly RunLog _log = new();
    private readonly List<Op> _history = [];
    private readonly List<Violation> _violations = [];
    private RunState _state;

    private RunEngine(RunOptions options, INodeTransport transport, IScheduler clock)
    {
        (_o, _transport, _clock) = (options, transport, clock);
        var root = new Prng(options.Seed);
        _state = RunState.Initial(options.Concurrency, root.Split(), root.Split());
        _net = new Network(clock, options.Latency, root.Split(), _log, options.LogNetSend,
            options.LogNetRecv, OnClientReply);
    }

    /// <summary>Runs a whole test through <paramref name="transport"/> on
    /// <paramref name="clock"/> and returns what it produced. <paramref name="progress"/>, if
    /// given, is called on the loop every <paramref name="progressEveryMs"/> of run time.</summary>
    public static RunResult Run(RunOptions options, INodeTransport transport, IScheduler clock,
        Action<RunProgress>? progress = null, long progressEveryMs = 250)
    {
        var engine = new RunEngine(options, transport, clock)
        {
            _progress = progress,
            _progressEveryNs = progressEveryMs * 1_000_000,
        };
        clock.Post(engine.Start);
        clock.Post(engine.ReportProgress);
        clock.Run(() => engine._state.Done);
        return engine.Finish();
    }

    private long RelNs => _clock.NowNs - (_state.RelStartNs ?? 0);

    private void Start()
    {
        _log.Info(_clock.NowNs, "jepsen test runner", JepsenLog.NetLogger,
            "Starting Maelstrom network");
        foreach (var service in Ids.Services) _net.AddNode(service, _ => { });
        foreach (var node in _o.Nodes)
            _net.AddNode(node, m => _transport.Deliver(node, m.ToLine()));
        foreach (var node in _o.Nodes)
        {
            _log.Info(_clock.NowNs, "jepsen node " + node, "maelstrom.db", "Setting up " + node);
            _log.Info(_clock.NowNs, "jepsen node " + node, "maelstrom.process",
                $"launching {_o.Bin} [{string.Join(" ", _o.NodeArgs)}]");
        }
        _transport.Start(_o.Nodes, OnLine, OnExit);
        SetupInit();
    }

    /// <summary>Aborts the run the way a failed Maelstrom setup does.</summary>
    private void Crash(string reason)
    {
        if (_state.Done) return;
        _state = _state with { Phase = RunPhase.Done, Crash = reason };
        _log.Warn(_clock.NowNs, "jepsen test runner", "jepsen.core", "Test crashed! " + reason);
    }

    private RunResult Finish()
    {
        _transport.Stop();
        var logs = _o.Nodes.Select(n =>
            new KeyValuePair<string, IReadOnlyList<string>>(n, _transport.NodeLog(n))).ToList();
        if (_state.Crash is null)
            _log.Info(_clock.NowNs, "jepsen test runner", "jepsen.core", "Run complete, writing");
        return new RunResult(_o, _history, _net.Journal, _violations, _log.Lines, logs,
            _state.Crash, _clock.NowNs, _net.Dropped);
    }

    /// <summary>Opens a Maelstrom client (<c>c0</c>, <c>c1</c>, …, one global counter).</summary>
    private Network.ClientMailbox OpenClient(string thread)
    {
        var clients = _state.Clients;
        _state = _state with { Clients = clients with { NextNumber = clients.NextNumber + 1 } };
        return _net.AddClient(Ids.Client(clients.NextNumber), thread);
    }

    private Op Record(Op op)
    {
        var indexed = op with { Index = _history.Count };
        _history.Add(indexed);
        CountCompletion(indexed);
        return indexed;
    }

    private static Edn Kw(string name) => Edn.Kw(name);
}
