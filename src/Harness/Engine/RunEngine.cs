using FunctionalGossip.Check.History;
using FunctionalGossip.Maelstrom;
using FunctionalGossip.Harness.Maelstrom;
using FunctionalGossip.Harness.Sim;

namespace FunctionalGossip.Harness.Engine;

/// <summary>
/// One Maelstrom broadcast test, transport- and clock-agnostic, as a plain loop. Everything
/// that reaches the run is an <see cref="Input"/> taken from the scheduler by
/// <see cref="Take"/>, one at a time: the handler for it carries out that input's I/O and
/// returns what the generator should hear (<see cref="Happened"/>), if anything; the loop
/// then applies it (<see cref="Generator.Apply"/>) and asks the generator for its next steps
/// (<see cref="Generator.Advance"/>), whose <see cref="Directive"/>s it carries out. Anything
/// wanted later (a request's timeout, a sleep, a nemesis completion, a progress report) is
/// scheduled as another <see cref="Input"/>; no handler calls back into the loop.
/// <para>The run's state is one <see cref="RunState"/>, the only changing field besides
/// the loop's guard. Client requests wait in its pending-call table
/// (<see cref="Clients.Pending"/>), keyed by client, and a timeout is the input
/// <see cref="Input.TimedOut"/> naming the call; what a reply makes of a call is decided by
/// <see cref="ClientCalls"/>. The history, violations and jepsen.log are outputs appended
/// to and never read back.</para>
/// </summary>
public sealed class RunEngine
{
    private const long InitTimeoutMs = 10_000;
    private const long ClientTimeoutMs = 5_000;

    private readonly RunOptions _o;
    private readonly IScheduler _clock;
    private readonly INodeTransport _transport;
    private readonly Network _net;
    private readonly RunLog _log = new();
    private readonly List<Op> _history = [];
    private readonly List<Violation> _violations = [];
    private readonly Action<RunProgress>? _progress;
    private readonly long _progressEveryNs;
    private RunState _state;
    private bool _taking;

    private RunEngine(RunOptions options, INodeTransport transport, IScheduler clock,
        Action<RunProgress>? progress, long progressEveryMs)
    {
        (_o, _transport, _clock) = (options, transport, clock);
        (_progress, _progressEveryNs) = (progress, progressEveryMs * 1_000_000);
        var root = new Prng(options.Seed);
        _state = RunState.Initial(options.Concurrency, root.Split(), root.Split());
        _net = new Network(clock, options.Latency, root.Split(), _log, options.LogNetSend,
            options.LogNetRecv, (client, reply) => Take(new Input.Replied(client, reply)));
    }

    /// <summary>Runs a whole test through <paramref name="transport"/> on
    /// <paramref name="clock"/> and returns what it produced. <paramref name="progress"/>, if
    /// given, is called on the loop every <paramref name="progressEveryMs"/> of run time.</summary>
    public static RunResult Run(RunOptions options, INodeTransport transport, IScheduler clock,
        Action<RunProgress>? progress = null, long progressEveryMs = 250)
    {
        var engine = new RunEngine(options, transport, clock, progress, progressEveryMs);
        engine.Post(new Input.Start());
        engine.Post(new Input.Progress());
        clock.Run(() => engine._state.Done);
        return engine.Finish();
    }

    // The loop: inputs in, generator steps out.

    /// <summary>The one way into the run: takes <paramref name="input"/>, then, if the
    /// generator is to hear of it, applies that and carries out the generator's steps.
    /// </summary>
    private void Take(Input input)
    {
        if (_taking) throw new InvalidOperationException("an input was taken inside another");
        _taking = true;
        var happened = input switch
        {
            Input.Start => Start(),
            Input.Line l => OnLine(l.Node, l.Stdout),
            Input.Exited e => Crash(e.Exit.CrashReport(e.Node)),
            Input.Replied r => OnReply(r.Client, r.Reply),
            Input.TimedOut t => OnTimeout(t.Client, t.MsgId),
            Input.Timer t => t.Due,
            Input.NemesisDone n => CompleteNemesis(n.Invoke, n.Spec),
            Input.Progress => ReportProgress(),
            _ => throw new System.Diagnostics.UnreachableException(input.ToString()),
        };
        if (happened is not null)
        {
            _state = Generator.Apply(_state, happened);
            Pump();
        }
        _taking = false;
    }

    /// <summary>Asks the generator for steps and carries out what each asks, until it must
    /// wait for a thread or for time.</summary>
    private void Pump()
    {
        while (!_state.Done)
        {
            var (state, directives, again) = Generator.Advance(_o, _state, _clock.NowNs);
            _state = state;
            foreach (var directive in directives) Carry(directive);
            if (!again) return;
        }
    }

    private void Carry(Directive directive)
    {
        switch (directive)
        {
            case Directive.Invoke i:
                InvokeClientOp(i);
                break;
            case Directive.InvokeNemesis n:
                var invoke = Record(Nemesis.InvokeOp(n.Spec, RelNs));
                _log.Operation(_clock.NowNs, "jepsen worker nemesis", invoke);
                Post(new Input.NemesisDone(invoke, n.Spec)); // the network changes next
                break;
            case Directive.LogRecovery r:
                _log.Info(_clock.NowNs, r.Thread, "jepsen.generator.interpreter",
                    "Waiting for recovery...");
                break;
            case Directive.Sleep s:
                At(s.UntilNs, new Input.Timer(new Happened.Woke(s.Worker)));
                break;
            case Directive.WakeAt w:
                At(w.AtNs, new Input.Timer(new Happened.WokeAt(w.AtNs)));
                break;
            case Directive.Finish:
                CloseClients(); // the generator's state is already Done
                break;
        }
    }

    private void At(long atNs, Input input) => _clock.At(atNs, () => Take(input));

    private void Post(Input input) => _clock.Post(() => Take(input));

    // Start and setup (db.clj setup!, then client setup).

    private Happened? Start()
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
        _transport.Start(_o.Nodes, (node, line) => Take(new Input.Line(node, line)),
            (node, exit) => Take(new Input.Exited(node, exit)));
        // Each node gets init from a fresh client, closed once answered; any failure aborts.
        foreach (var node in _o.Nodes)
        {
            var client = OpenClient("jepsen node " + node);
            Request(new Call.Init(client, node), node, ClientCalls.InitBody(node, _o.Nodes),
                InitTimeoutMs, "jepsen node " + node);
        }
        return null;
    }

    private Happened? InitAnswered(Call.Init call, ClientReply? reply)
    {
        _net.Remove(call.Client);
        if (ClientCalls.InitProblem(call.Node, reply) is { } problem) return Crash(problem);
        if (!_state.Clients.AnyPending<Call.Init>()) BeginRelativeTime();
        return null;
    }

    /// <summary>Relative time 0, then client setup: one client per node sends
    /// <c>topology</c> (kept open until the end); any failure aborts the test.</summary>
    private void BeginRelativeTime()
    {
        _state = _state with { RelStartNs = _clock.NowNs };
        _log.Info(_clock.NowNs, "jepsen test runner", "jepsen.core", "Relative time begins now");
        var body = ClientCalls.TopologyBody(Topology.Of(_o.Topology, _o.Nodes));
        foreach (var node in _o.Nodes)
        {
            var client = OpenClient("jepsen node " + node);
            _state = _state with
            {
                Clients = _state.Clients with { Setup = _state.Clients.Setup.Add(client) },
            };
            Request(new Call.Topology(client, node), node, body, ClientTimeoutMs,
                "jepsen node " + node);
        }
    }

    private Happened? TopologyAnswered(string node, ClientReply? reply)
    {
        var (problem, violation) = ClientCalls.TopologyProblem(node, reply, _clock.NowNs);
        if (violation is { } v) _violations.Add(v);
        if (problem is not null) return Crash(problem);
        return _state.Clients.AnyPending<Call.Topology>() ? null : new Happened.SetupDone();
    }

    // Client calls: requests wait in the pending-call table for a reply or their timeout.

    /// <summary>Sends <paramref name="body"/> to <paramref name="dest"/> for
    /// <paramref name="call"/>, enters it in the pending-call table and schedules its
    /// timeout, <paramref name="timeoutMs"/> from now.</summary>
    private void Request(Call call, string dest, string body, long timeoutMs, string thread)
    {
        var error = _net.Send(call.Client, dest, body, thread);
        if (error is not null) throw new InvalidOperationException(error);
        SetPending(_state.Clients.Pending.SetItem(call.Client, call));
        _net.Await(call.Client, call.MsgId);
        At(_clock.NowNs + timeoutMs * 1_000_000, new Input.TimedOut(call.Client, call.MsgId));
    }

    /// <summary>A client read the reply it was waiting for.</summary>
    private Happened? OnReply(string client, ClientReply reply)
    {
        if (!_state.Clients.Pending.TryGetValue(client, out var call)) return null;
        SetPending(_state.Clients.Pending.Remove(client));
        return Answered(call, reply);
    }

    /// <summary>A call's time is up: if it is still in the table, it gets no reply.</summary>
    private Happened? OnTimeout(string client, long msgId)
    {
        if (!_state.Clients.Pending.TryGetValue(client, out var call) || call.MsgId != msgId)
            return null;
        SetPending(_state.Clients.Pending.Remove(client));
        _net.GiveUp(client);
        return Answered(call, null);
    }

    /// <summary>The one place a call ends, with its reply or without one.</summary>
    private Happened? Answered(Call call, ClientReply? reply) => call switch
    {
        Call.Init i => InitAnswered(i, reply),
        Call.Topology t => TopologyAnswered(t.Node, reply),
        Call.Op o => Complete(o.Worker, o.Invoke, reply),
        _ => throw new System.Diagnostics.UnreachableException(call.ToString()),
    };

    private void SetPending(System.Collections.Immutable.ImmutableDictionary<string, Call> p) =>
        _state = _state with { Clients = _state.Clients with { Pending = p } };

    // Client ops and the nemesis (interpreter.clj's workers).

    /// <summary>Invokes a client op: records the invocation, then sends the request from the
    /// worker's client (opened if the process changed).</summary>
    private void InvokeClientOp(Directive.Invoke op)
    {
        var (w, thread) = (op.Worker, RunState.WorkerThread(op.Worker));
        var invoke = Record(Op.ForClient(0, RelNs, OpType.Invoke, op.Process, op.F, op.Value,
            final: op.Final));
        _log.Operation(_clock.NowNs, thread, invoke);
        var link = _state.Clients.Links[w];
        if (link.Client is not { } client || link.Process != op.Process)
        {
            if (link.Client is not null) _net.Remove(link.Client);
            client = OpenClient(thread);
            link = new ClientLink(op.Process, client, 1);
        }
        var msgId = link.NextMsgId;
        var links = _state.Clients.Links.SetItem(w, link with { NextMsgId = msgId + 1 });
        _state = _state with { Clients = _state.Clients with { Links = links } };
        Request(new Call.Op(client, msgId, w, invoke), _o.NodeOfProcess(w),
            ClientCalls.OpBody(op.F, op.Value, msgId), ClientTimeoutMs, thread);
    }

    /// <summary>Records the completion the reply (or its absence) makes; the thread is free.
    /// </summary>
    private Happened Complete(int w, Op invoke, ClientReply? reply)
    {
        var (done, violation) = ClientCalls.OpCompletion(invoke, _o.NodeOfProcess(w), reply,
            RelNs, _clock.NowNs);
        if (violation is { } v) _violations.Add(v);
        var completion = Record(done);
        _log.Operation(_clock.NowNs, RunState.WorkerThread(w), completion);
        return new Happened.Completed(w, completion.Type == OpType.Info);
    }

    /// <summary>The nemesis op completes: the state takes it (<see cref="Nemesis.Complete"/>
    /// draws the grudge), the network is cut or healed, and the completion is recorded; the
    /// generator hears that the nemesis thread is free.</summary>
    private Happened CompleteNemesis(Op invoke, PartitionSpec? spec)
    {
        (_state, var grudge) = Nemesis.Complete(_state, spec, _o.Nodes);
        if (grudge is not null) _net.Drop(grudge);
        else _net.Heal();
        var completion = Record(invoke with
        {
            Time = RelNs, Value = Nemesis.CompletionValue(grudge),
        });
        _log.Operation(_clock.NowNs, "jepsen worker nemesis", completion);
        return new Happened.NemesisCompleted();
    }

    // The nodes' output.

    /// <summary>
    /// A node wrote a stdout line (process.clj <c>stdout-thread</c>): parse and validate it,
    /// then send it into the network. A bad line, or one from/to an unregistered id, is
    /// reported and, as in Maelstrom, ends reading that node's stdout for the rest of the
    /// test: its later lines are ignored.
    /// </summary>
    private Happened? OnLine(string node, StdoutLine stdout)
    {
        if (_state.Done || _state.DeadStdout.Contains(node)) return null;
        var line = stdout.Text;
        var (envelope, error) = stdout.Reading;
        error ??= _net.Send(envelope!.Src, envelope.Dest, envelope.BodyJson, node + " stdout",
            envelope.Reply);
        if (error is null) return null;
        _violations.Add(new Violation(_clock.NowNs, node, line, error));
        _state = _state with { DeadStdout = _state.DeadStdout.Add(node) };
        _log.Warn(_clock.NowNs, node + " stdout", "maelstrom.process",
            $"Error! {error}; no longer reading {node}'s stdout. Line: {line}");
        return null;
    }

    /// <summary>Aborts the run the way a failed Maelstrom setup does (a node that exits by
    /// itself, process.clj <c>stop-node!</c>, does too).</summary>
    private Happened? Crash(string reason)
    {
        if (_state.Done) return null;
        _state = _state with { Phase = RunPhase.Done, Crash = reason };
        _log.Warn(_clock.NowNs, "jepsen test runner", "jepsen.core", "Test crashed! " + reason);
        return null;
    }

    // Outputs and bookkeeping.

    /// <summary>Reports progress now and then every interval until the run is done.</summary>
    private Happened? ReportProgress()
    {
        if (_progress is null || _state.Done) return null;
        _progress(RunProgress.Of(_state, _o, RelNs, _net.InFlight));
        At(_clock.NowNs + _progressEveryNs, new Input.Progress());
        return null;
    }

    private long RelNs => _clock.NowNs - (_state.RelStartNs ?? 0);

    /// <summary>Opens a Maelstrom client (<c>c0</c>, <c>c1</c>, …, one global counter).</summary>
    private string OpenClient(string thread)
    {
        var clients = _state.Clients;
        _state = _state with { Clients = clients with { NextNumber = clients.NextNumber + 1 } };
        var id = Ids.Client(clients.NextNumber);
        _net.AddClient(id, thread);
        return id;
    }

    private void CloseClients()
    {
        foreach (var link in _state.Clients.Links)
        {
            if (link.Client is not null) _net.Remove(link.Client);
        }
        foreach (var c in _state.Clients.Setup) _net.Remove(c);
    }

    /// <summary>Appends <paramref name="op"/> to the history with its index; a completed
    /// client op is counted (for progress).</summary>
    private Op Record(Op op)
    {
        var indexed = op with { Index = _history.Count };
        _history.Add(indexed);
        if (indexed.Type != OpType.Invoke && indexed.Process is OpProcess.Client)
            _state = _state with { OpsDone = _state.OpsDone + 1 };
        return indexed;
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
}
