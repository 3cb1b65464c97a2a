using System.Text;
using System.Text.Json;
using FunctionalGossip.Core;
using FunctionalGossip.Core.Journal;
using FunctionalGossip.Core.Wire;
using LanguageExt;
using static LanguageExt.Prelude;

namespace FunctionalGossip.Testing;

/// <summary>A line a node wrote to another node, not yet delivered.</summary>
/// <param name="Id">Its number in send order (1, 2, …).</param>
/// <param name="Src">The node that wrote it.</param>
/// <param name="Dest">The node it is for.</param>
/// <param name="Line">The stdout line, as the node wrote it.</param>
internal sealed record NetLine(long Id, string Src, string Dest, string Line);

/// <summary>What one input did to one node: its journal entry, the states either side, and
/// the outputs of <see cref="Journaled.Apply"/> in order.</summary>
internal sealed record Stepped(string Node, JournalEntry Input, NodeState Before,
    NodeState After, Seq<NodeOutput> Outputs);

/// <summary>
/// The one test cluster: nodes <c>n0…</c> driven by Core's own per-input routine
/// (<see cref="Journaled.Apply"/>: the real codec both ways, the journal the shell writes),
/// explicit time, a list of undelivered node-to-node lines that tests deliver, duplicate or
/// drop in any order, symmetric cuts, and stabilisation. Deterministic: no clock, no hash
/// order reaches an outcome. Optionally checks <see cref="Invariants"/> after every step and
/// that redelivering any input leaves the state equal.
/// </summary>
internal sealed class TestCluster
{
    private readonly Dictionary<string, long> _due = new();
    private readonly System.Collections.Generic.HashSet<(string, string)> _cut = new();
    private readonly List<NetLine> _pending = new();
    private readonly Dictionary<long, long> _broadcastIds = new();
    private readonly Dictionary<string, List<string>>? _journals;
    private long _wireId;
    private long _clientMsgId;

    /// <summary>Nodes <c>n0</c> to <c>n{count-1}</c> with <paramref name="settings"/>, before
    /// <c>init</c>; with <paramref name="journals"/>, each node's journal is kept as the shell
    /// writes it (<see cref="Journal"/>).</summary>
    public TestCluster(int count, NodeSettings settings, bool journals = false)
    {
        Ids = toSeq(Enumerable.Range(0, count).Select(i => $"n{i}")).Strict();
        Settings = settings;
        States = toMap(Ids.Map(id => (id, NodeState.Initial(settings))));
        var header = JournalFormat.Format(
            new JournalEntry.Header(JournalFormat.Version, settings.Render()));
        if (journals) _journals = Ids.ToDictionary(id => id, _ => new List<string> { header });
    }

    public Seq<string> Ids { get; }
    public NodeSettings Settings { get; }
    public long Now { get; private set; }
    public IReadOnlyList<NetLine> Pending => _pending;
    public Map<string, NodeState> States { get; private set; }
    public NodeState this[string node] => States[node];

    /// <summary>Every value a client broadcast so far.</summary>
    public Set<long> Broadcast { get; private set; } = Set<long>();

    /// <summary>Every value whose client <c>broadcast</c> got <c>broadcast_ok</c>.</summary>
    public Set<long> Acknowledged { get; private set; } = Set<long>();

    /// <summary>Every line nodes wrote to clients, in order.</summary>
    public List<(string Node, Envelope Reply)> Replies { get; } = new();

    /// <summary>Check <see cref="Invariants.AfterStep"/> after every step (throws).</summary>
    public bool CheckInvariants { get; init; } = true;

    /// <summary>Apply every received line twice and require the same state (throws).</summary>
    public bool CheckRedelivery { get; init; }

    /// <summary>The pending timer of <paramref name="node"/>, if any.</summary>
    public Option<long> TimerOf(string node) =>
        _due.TryGetValue(node, out var at) ? Some(at) : None;

    /// <summary>Sends <c>init</c> to <paramref name="node"/> from a client.</summary>
    public Seq<Stepped> Init(string node) =>
        Client(node, new Body.Init(Some(NextMsgId()), node, Ids));

    /// <summary>A client request <paramref name="body"/> to <paramref name="node"/>, now.
    /// </summary>
    public Seq<Stepped> Client(string node, Body body) =>
        Input(node, Codec.Encode(new Envelope("c1", node, body)));

    /// <summary>A client's <c>broadcast</c> of <paramref name="value"/>.</summary>
    public Seq<Stepped> BroadcastValue(string node, long value)
    {
        var id = NextMsgId();
        _broadcastIds[id] = value;
        return Client(node, new Body.Broadcast(Some(id), value));
    }

    /// <summary>A client's <c>topology</c>: every node's suggested neighbours.</summary>
    public Seq<Stepped> Topology(string node, Map<string, Seq<string>> neighbours) =>
        Client(node, new Body.Topology(Some(NextMsgId()), neighbours));

    /// <summary>A client's <c>read</c>.</summary>
    public Seq<Stepped> Read(string node) => Client(node, new Body.Read(Some(NextMsgId())));

    /// <summary>A stdin line for <paramref name="node"/>, now, exactly as given.</summary>
    public Seq<Stepped> Input(string node, string line)
    {
        NoteBroadcast(line);
        return Apply(node, new JournalEntry.Received(Now, line));
    }

    /// <summary>A stdin line longer than the shell keeps, for <paramref name="node"/>, now.
    /// </summary>
    public Seq<Stepped> InputTooLong(string node, long chars) =>
        Apply(node, new JournalEntry.ReceivedTooLong(Now, chars));

    /// <summary>A node's journal so far, one line per entry, header first (only when the
    /// cluster keeps journals).</summary>
    public IReadOnlyList<string> Journal(string node) =>
        _journals?[node] ?? throw new InvalidOperationException("journals are not kept");

    /// <summary>Fires <paramref name="node"/>'s gossip timer now, due or not; a timer due
    /// later stays pending (an early tick is stale: see <see cref="Node"/>'s tick rule).
    /// </summary>
    public Seq<Stepped> Tick(string node)
    {
        if (_due.TryGetValue(node, out var at) && at <= Now) _due.Remove(node);
        return Apply(node, new JournalEntry.Ticked(Now, TimerId.Gossip));
    }

    /// <summary>Moves the clock <paramref name="ms"/> on, firing every timer that falls due
    /// at its due time (earliest first, ties in node order; a re-armed timer that falls due
    /// again fires again).</summary>
    public Seq<Stepped> Advance(long ms)
    {
        var end = Now + ms;
        var steps = Seq<Stepped>();
        while (NextDue(end) is { } next)
        {
            Now = next.At;
            steps = steps.Concat(Tick(next.Node)).Strict();
        }
        Now = end;
        return steps;
    }

    /// <summary>Moves the clock <paramref name="ms"/> on at once, then fires every timer that
    /// fell due once, late, at the new time, in node order (a stalled scheduler).</summary>
    public Seq<Stepped> Jump(long ms)
    {
        Now += ms;
        return Ids.Filter(id => _due.TryGetValue(id, out var at) && at <= Now)
            .Fold(Seq<Stepped>(), (acc, id) => acc.Concat(Tick(id)).Strict());
    }

    /// <summary>Whether <paramref name="wire"/> would cross a cut link.</summary>
    public bool IsCut(NetLine wire) => _cut.Contains((wire.Src, wire.Dest));

    /// <summary>Delivers a pending line now: taken off the list, and dropped instead when its
    /// link is cut (then no step).</summary>
    public Seq<Stepped> Deliver(NetLine wire)
    {
        _pending.Remove(wire);
        return IsCut(wire) ? Seq<Stepped>() : Received(wire);
    }

    /// <summary>Delivers a copy of a pending line, leaving the line pending.</summary>
    public Seq<Stepped> Duplicate(NetLine wire) =>
        IsCut(wire) ? Seq<Stepped>() : Received(wire);

    /// <summary>Loses a pending line.</summary>
    public void Drop(NetLine wire) => _pending.Remove(wire);

    /// <summary>Cuts the link between <paramref name="a"/> and <paramref name="b"/> both
    /// ways.</summary>
    public void Cut(string a, string b)
    {
        _cut.Add((a, b));
        _cut.Add((b, a));
    }

    /// <summary>Cuts <paramref name="node"/> from every other node.</summary>
    public void Isolate(string node)
    {
        foreach (var other in Ids.Filter(n => n != node)) Cut(node, other);
    }

    /// <summary>Cuts every link between the nodes of <paramref name="side"/> and the rest.
    /// </summary>
    public void Partition(IEnumerable<string> side)
    {
        var inside = toSet(side);
        foreach (var a in inside)
            foreach (var b in Ids.Filter(n => !inside.Contains(n))) Cut(a, b);
    }

    /// <summary>Restores every link.</summary>
    public void Heal() => _cut.Clear();

    /// <summary>Heals, then alternates a tick interval (<see cref="Jump"/>) with delivering
    /// everything pending,
    /// until nothing is owed or pending; false if that takes more than
    /// <paramref name="maxRounds"/> intervals.</summary>
    public bool Stabilise(int maxRounds)
    {
        Heal();
        for (var round = 0; round < maxRounds; round++)
        {
            if (_pending.Count == 0
                && States.Values.All(s => s.Peers.Values.All(l => l.Owed.IsEmpty)))
                return true;
            Jump(Settings.TickMs);
            while (_pending.Count > 0)
                foreach (var wire in _pending.ToList()) Deliver(wire);
        }
        return false;
    }

    private long NextMsgId() => ++_clientMsgId;

    private (string Node, long At)? NextDue(long end)
    {
        (string Node, long At)? next = null;
        foreach (var id in Ids)
            if (_due.TryGetValue(id, out var at) && at <= end
                && (next is null || at < next.Value.At))
                next = (id, at);
        return next;
    }

    private Seq<Stepped> Apply(string node, JournalEntry input)
    {
        var before = States[node];
        var (_, after, _, outputs) = Journaled.Apply(before, input);
        if (CheckRedelivery && input is JournalEntry.Received
            && Journaled.Apply(after, input).State != after)
            throw new InvalidOperationException($"redelivering to {node} changed it: {input}");
        States = States.SetItem(node, after);
        foreach (var output in outputs) Carry(node, output);
        if (CheckInvariants)
        {
            var broken = Invariants.AfterStep(States, Broadcast, node, before);
            if (!broken.IsEmpty)
                throw new InvalidOperationException($"after {node} {input}: "
                    + string.Join("; ", broken.Map(v => v.Render())));
        }
        return Seq1(new Stepped(node, input, before, after, outputs));
    }

    /// <summary>A line a node wrote to another node (never a client's broadcast).</summary>
    private Seq<Stepped> Received(NetLine wire) =>
        Apply(wire.Dest, new JournalEntry.Received(Now, wire.Line));

    /// <summary>Records the value of a client's broadcast, however the line came.</summary>
    private void NoteBroadcast(string line)
    {
        if (Event.FromLine(Now, line) is Event.Receive { Message: var m }
            && m.Body is Body.Broadcast b && !States.ContainsKey(m.Src))
            Broadcast = Broadcast.TryAdd(b.Message);
    }

    /// <summary>The <c>dest</c> of a line the node wrote, read without decoding the body
    /// (every line is read again by its receiver).</summary>
    private static string DestOf(string line)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(line));
        while (reader.Read())
            if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName
                && reader.ValueTextEquals("dest") && reader.Read())
                return reader.GetString() ?? "";
        throw new InvalidOperationException($"no dest in {line}");
    }

    private void Reply(string node, Envelope m)
    {
        Replies.Add((node, m));
        if (m.Body is Body.BroadcastOk ok && _broadcastIds.TryGetValue(ok.InReplyTo, out var v))
            Acknowledged = Acknowledged.TryAdd(v);
    }

    private void Carry(string node, NodeOutput output)
    {
        switch (output)
        {
            case NodeOutput.Stdout s:
                // Every line a node writes must decode, to a peer as to a client: a line its
                // peer refuses is lost however often it is resent.
                var written = Codec.Decode(s.Line).Match(Right: e => e, Left: err =>
                    throw new InvalidOperationException($"{node} wrote a line that does not "
                        + $"decode ({err}): {s.Line}"));
                var dest = DestOf(s.Line);
                if (States.ContainsKey(dest))
                    _pending.Add(new NetLine(++_wireId, node, dest, s.Line));
                else
                    Reply(node, written);
                break;
            case NodeOutput.Timer t: _due[node] = t.AtMs; break;
            case NodeOutput.Journal j: _journals?[node].Add(JournalFormat.Format(j.Entry)); break;
            default: throw new InvalidOperationException(output.ToString());
        }
    }
}
