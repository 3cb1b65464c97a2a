using FunctionalGossip.Core;
using FunctionalGossip.Testing;
using LanguageExt;

namespace FunctionalGossip.Replay.Tests;

/// <summary>
/// A seeded random schedule on the shared <see cref="TestCluster"/>, keeping each node's
/// journal as the shell writes it: client broadcasts and reads, deliveries in random order,
/// drops and late ticks; a few unreadable, control-character and overlong inputs as well.
/// </summary>
internal sealed class JournaledCluster
{
    private readonly TestCluster _cluster;
    private readonly Random _random;
    private long _clientMsgId;

    public JournaledCluster(int nodes, NodeSettings settings, int seed)
    {
        _random = new Random(seed);
        _cluster = new TestCluster(nodes, settings, journals: true);
        foreach (var id in _cluster.Ids) _cluster.Init(id);
    }

    public Map<string, NodeState> States => _cluster.States;

    public IReadOnlyList<string> Journal(string node) => _cluster.Journal(node);

    public IReadOnlyList<string> Ids => _cluster.Ids.ToList();

    /// <summary>Runs <paramref name="ops"/> random operations.</summary>
    public JournaledCluster Run(int ops)
    {
        for (var i = 0; i < ops; i++) RunOne();
        return this;
    }

    private void RunOne()
    {
        var node = _cluster.Ids[_random.Next(_cluster.Ids.Count)];
        var pending = _cluster.Pending;
        switch (_random.Next(100))
        {
            case < 20:
                Client(node, $"{{\"type\":\"broadcast\",\"message\":{_random.Next(1000)},"
                    + $"\"msg_id\":{++_clientMsgId}}}");
                break;
            case < 27: Client(node, $"{{\"type\":\"read\",\"msg_id\":{++_clientMsgId}}}"); break;
            case < 28: _cluster.Input(node, "not json at all"); break;
            case < 29:
                _cluster.Input(node, "{\"src\":\"c1\",\"dest\":\"" + node
                    + "\",\"body\":{\"type\":\"read\",\"msg_id\":7}}\t");
                break;
            case < 30: _cluster.InputTooLong(node, 9_000_000); break;
            case < 33 when pending.Count > 0:
                _cluster.Drop(pending[_random.Next(pending.Count)]);
                break;
            case < 80 when pending.Count > 0:
                _cluster.Deliver(pending[_random.Next(pending.Count)]);
                break;
            default: _cluster.Jump(_random.Next(1, 120)); break;
        }
    }

    private void Client(string node, string body) =>
        _cluster.Input(node, $"{{\"id\":{_clientMsgId},\"src\":\"c{_clientMsgId % 7}\","
            + $"\"dest\":\"{node}\",\"body\":{body}}}");
}
