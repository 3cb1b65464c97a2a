using FunctionalGossip.Core;
using FunctionalGossip.Core.Journal;
using FunctionalGossip.Core.Wire;

namespace FunctionalGossip.Replay.Tests;

/// <summary>
/// A few nodes driven by the real <see cref="Node.Step"/>, each writing the journal the shell
/// writes (<see cref="JournalFormat"/>): every input with its time, then every stdout line and
/// log. A seeded schedule of client ops, deliveries in random order, drops and ticks; a few
/// unreadable, control-character and overlong inputs as well.
/// </summary>
internal sealed class JournaledCluster
{
    private readonly Dictionary<string, NodeState> _states = new();
    private readonly Dictionary<string, List<string>> _journals = new();
    private readonly Dictionary<string, long> _due = new();
    private readonly List<(string Dest, string Line)> _inFlight = [];
    private readonly Random _random;
    private readonly string[] _ids;
    private long _now;
    private long _clientMsgId;

    public JournaledCluster(int nodes, NodeSettings settings, int seed)
    {
        _random = new Random(seed);
        _ids = [.. Enumerable.Range(0, nodes).Select(i => $"n{i}")];
        foreach (var id in _ids)
        {
            _states[id] = NodeState.Initial(settings);
            var header = new JournalEntry.Header(JournalFormat.Version, settings.Render());
            _journals[id] = [JournalFormat.Format(header)];
            var all = string.Join(",", _ids.Select(n => $"\"{n}\""));
            Input(id, $"{{\"id\":{_clientMsgId},\"src\":\"c{_clientMsgId}\","
                + $"\"dest\":\"{id}\",\"body\":{{\"type\":\"init\",\"node_id\":\"{id}\","
                + $"\"node_ids\":[{all}],\"msg_id\":1}}}}");
        }
    }

    public IReadOnlyDictionary<string, NodeState> States => _states;

    public IReadOnlyList<string> Journal(string node) => _journals[node];

    public IReadOnlyList<string> Ids => _ids;

    /// <summary>Runs <paramref name="ops"/> random operations.</summary>
    public JournaledCluster Run(int ops)
    {
        for (var i = 0; i < ops; i++) RunOne();
        return this;
    }

    private void RunOne()
    {
        var node = _ids[_random.Next(_ids.Length)];
        switch (_random.Next(100))
        {
            case < 20:
                Client(node, $"{{\"type\":\"broadcast\",\"message\":{_random.Next(1000)},"
                    + $"\"msg_id\":{++_clientMsgId}}}");
                break;
            case < 27: Client(node, $"{{\"type\":\"read\",\"msg_id\":{++_clientMsgId}}}"); break;
            case < 28: Input(node, "not json at all"); break;
            case < 29:
                Input(node, "{\"src\":\"c1\",\"dest\":\"" + node
                    + "\",\"body\":{\"type\":\"read\",\"msg_id\":7}}\t");
                break;
            case < 30: Journaled(node, new JournalEntry.ReceivedTooLong(_now, 9_000_000)); break;
            case < 33 when _inFlight.Count > 0:
                _inFlight.RemoveAt(_random.Next(_inFlight.Count));
                break;
            case < 80 when _inFlight.Count > 0: Deliver(_random.Next(_inFlight.Count)); break;
            default: Advance(_random.Next(1, 120)); break;
        }
    }

    private void Client(string node, string body) =>
        Input(node, $"{{\"id\":{_clientMsgId},\"src\":\"c{_clientMsgId % 7}\","
            + $"\"dest\":\"{node}\",\"body\":{body}}}");

    private void Deliver(int index)
    {
        var (dest, line) = _inFlight[index];
        _inFlight.RemoveAt(index);
        Input(dest, line);
    }

    private void Advance(int ms)
    {
        _now += ms;
        foreach (var id in _ids)
            if (_due.TryGetValue(id, out var at) && at <= _now)
            {
                _due.Remove(id);
                Journaled(id, new JournalEntry.Ticked(_now, TimerId.Gossip));
            }
    }

    private void Input(string node, string line) =>
        Journaled(node, new JournalEntry.Received(_now, line));

    /// <summary>What the shell does per input: Core's own per-input routine, its outputs
    /// carried out (stdout lines go on the network, the timer is kept, entries journaled).
    /// </summary>
    private void Journaled(string node, JournalEntry input)
    {
        var (state, outputs) = Core.Journal.Journaled.Apply(_states[node], input);
        _states[node] = state;
        foreach (var output in outputs)
        {
            switch (output)
            {
                case NodeOutput.Stdout s:
                    var dest = Codec.Decode(s.Line).Match(Right: e => e.Dest, Left: _ => "");
                    if (_states.ContainsKey(dest)) _inFlight.Add((dest, s.Line));
                    break;
                case NodeOutput.Timer t: _due[node] = t.AtMs; break;
                case NodeOutput.Journal j: _journals[node].Add(JournalFormat.Format(j.Entry)); break;
                default: throw new System.Diagnostics.UnreachableException(output.ToString());
            }
        }
    }
}
