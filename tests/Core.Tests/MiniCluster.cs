using FunctionalGossip.Core;
using FunctionalGossip.Core.Wire;
using LanguageExt;
using static LanguageExt.Prelude;

namespace FunctionalGossip.Core.Tests;

/// <summary>One step of a generated schedule. Picks index the in-flight list modulo its size,
/// so any pick is valid and delivery order is arbitrary (reordering).</summary>
public abstract record Op
{
    private Op() { }
    public sealed record Broadcast(int Node) : Op;
    public sealed record Read(int Node) : Op;
    public sealed record Deliver(int Pick) : Op;
    public sealed record Duplicate(int Pick) : Op;
    public sealed record Drop(int Pick) : Op;
    public sealed record Advance(int Ms) : Op;
    public sealed record Partition(long Mask) : Op;
    public sealed record Heal : Op;
}

/// <summary>
/// A tiny adversarial network for properties: N nodes driven by the real Step, every message
/// through the real codec, an in-flight list the schedule delivers in any order, drops,
/// duplicates, and symmetric partitions. Asserts as it goes (no read reports an unbroadcast
/// value; redelivering a message leaves the state equal).
/// </summary>
internal sealed class MiniCluster
{
    private readonly Dictionary<string, NodeState> _nodes = new();
    private readonly Dictionary<string, long> _due = new();
    private readonly Dictionary<long, long> _pendingBroadcast = new();
    private readonly System.Collections.Generic.HashSet<(string, string)> _cut = new();
    private long _clientMsgId;

    public MiniCluster(int n, NodeSettings settings)
    {
        Ids = toSeq(Enumerable.Range(0, n).Select(i => $"n{i}")).Strict();
        Settings = settings;
        foreach (var id in Ids) _nodes[id] = NodeState.Initial(settings);
        foreach (var id in Ids)
        {
            Client(id, new Body.Init(Some(NextClientId()), id, Ids));
            var line = Ids.Map((i, x) => (x, LineNeighbours(i))).ToSeq();
            Client(id, new Body.Topology(Some(NextClientId()), toMap(line)));
        }
    }

    public Seq<string> Ids { get; }
    public NodeSettings Settings { get; }
    public long Now { get; private set; }
    public List<Envelope> InFlight { get; } = new();
    public SortedSet<long> Broadcasted { get; } = new();
    public SortedSet<long> Acked { get; } = new();
    public IReadOnlyDictionary<string, NodeState> Nodes => _nodes;

    public void Run(Op op)
    {
        switch (op)
        {
            case Op.Broadcast b: Broadcast(Ids[b.Node % Ids.Count]); break;
            case Op.Read r: Client(Ids[r.Node % Ids.Count], new Body.Read(Some(NextClientId()))); break;
            case Op.Deliver d when InFlight.Count > 0: Deliver(Take(d.Pick)); break;
            case Op.Duplicate d when InFlight.Count > 0: Deliver(InFlight[d.Pick % InFlight.Count]); break;
            case Op.Drop d when InFlight.Count > 0: Take(d.Pick); break;
            case Op.Advance a: Advance(a.Ms); break;
            case Op.Partition p: Partition(p.Mask); break;
            case Op.Heal: _cut.Clear(); break;
            default: break;
        }
    }

    /// <summary>Heals, then alternates ticks and full deliveries until nothing is owed or in
    /// flight; false if that takes more than <paramref name="maxRounds"/> tick intervals.</summary>
    public bool Stabilise(int maxRounds)
    {
        _cut.Clear();
        for (var round = 0; round < maxRounds; round++)
        {
            if (InFlight.Count == 0 && _nodes.Values.All(s => s.Peers.Values.All(l => l.Owed.IsEmpty)))
                return true;
            Advance((int)Settings.TickMs);
            while (InFlight.Count > 0)
            {
                var batch = InFlight.ToList();
                InFlight.Clear();
                foreach (var m in batch) Deliver(m);
            }
        }
        return false;
    }

    private Seq<string> LineNeighbours(int i) =>
        toSeq(Ids.Where((_, j) => j == i - 1 || j == i + 1)).Strict();

    private long NextClientId() => ++_clientMsgId;

    private void Broadcast(string node)
    {
        var value = Broadcasted.Count;
        Broadcasted.Add(value);
        var id = NextClientId();
        _pendingBroadcast[id] = value;
        Client(node, new Body.Broadcast(Some(id), value));
    }

    private void Client(string node, Body body) => Deliver(new Envelope("c1", node, body));

    private Envelope Take(int pick)
    {
        var i = pick % InFlight.Count;
        var m = InFlight[i];
        InFlight.RemoveAt(i);
        return m;
    }

    private void Deliver(Envelope m)
    {
        if (_cut.Contains((m.Dest, m.Src))) return;
        var ev = new Event.Receive(Now, m);
        var t = Node.Step(_nodes[m.Dest], ev);
        var again = Node.Step(t.State, ev);
        if (again.State != t.State)
            throw new InvalidOperationException($"redelivering {m} changed the state of {m.Dest}");
        _nodes[m.Dest] = t.State;
        Execute(m.Dest, t.Effects);
    }

    private void Advance(int ms)
    {
        Now += ms;
        foreach (var id in Ids)
        {
            if (!_due.TryGetValue(id, out var at) || at > Now) continue;
            _due.Remove(id);
            var t = Node.Step(_nodes[id], new Event.Tick(Now, TimerId.Gossip));
            _nodes[id] = t.State;
            Execute(id, t.Effects);
        }
    }

    private void Partition(long mask)
    {
        var side = toSeq(Ids.Where((_, i) => (mask >> i & 1) == 1)).Strict();
        foreach (var a in side)
        foreach (var b in Ids.Filter(x => !side.Contains(x)))
        {
            _cut.Add((a, b));
            _cut.Add((b, a));
        }
    }

    private void Execute(string node, Seq<Effect> effects)
    {
        foreach (var effect in effects)
        {
            switch (effect)
            {
                case Effect.Send s: Route(RoundTrip(s.Message)); break;
                case Effect.SetTimer t: _due[node] = t.AtMs; break;
                case Effect.Log: break;
                default: throw new InvalidOperationException(effect.ToString());
            }
        }
    }

    private static Envelope RoundTrip(Envelope m) =>
        Codec.Decode(Codec.Encode(m)).Match(
            Right: e => e,
            Left: err => throw new InvalidOperationException($"codec lost {m}: {err.Describe()}"));

    private void Route(Envelope m)
    {
        if (!m.Dest.StartsWith('c')) { InFlight.Add(m); return; }
        switch (m.Body)
        {
            case Body.BroadcastOk ok: Acked.Add(_pendingBroadcast[ok.InReplyTo]); break;
            case Body.ReadOk r when r.Messages.Exists(v => !Broadcasted.Contains(v)):
                throw new InvalidOperationException($"{m.Src} read a value nobody broadcast: {r}");
            case Body.Error e: throw new InvalidOperationException($"client got an error: {e}");
            default: break;
        }
    }
}
