using System.Text.Json;
using FunctionalGossip.Core;
using FunctionalGossip.Core.Journal;
using FunctionalGossip.Harness.Sim;
using FunctionalGossip.Maelstrom;
using FunctionalGossip.Harness.Engine;
using FunctionalGossip.Harness.Maelstrom;

namespace FunctionalGossip.Harness.Tests;

/// <summary>
/// TEST ONLY: the naive node of Maelstrom's guide (doc/03-broadcast/01-broadcast.md, final
/// broadcast.rb): a new value is flooded once to every topology neighbour except the sender,
/// as a plain <c>broadcast</c> without <c>msg_id</c>; no batching, no acks, no retries.
/// </summary>
public sealed class NaiveFlood : INodeStrategy
{
    /// <inheritdoc/>
    public string Name => "naive-flood";

    /// <inheritdoc/>
    public ISimNode Create() => new Node();

    private sealed class Node : ISimNode
    {
        private string _self = "";
        private List<string> _neighbours = [];
        private readonly SortedSet<long> _values = [];

        public void Start(long nowMs, INodeOutputs io) { }

        public void OnTimer(long nowMs, TimerId timer, INodeOutputs io) { }

        public void OnLine(long nowMs, string line, INodeOutputs io)
        {
            using var doc = JsonDocument.Parse(line);
            var src = doc.RootElement.GetProperty("src").GetString()!;
            var body = doc.RootElement.GetProperty("body");
            long? msgId = body.TryGetProperty("msg_id", out var m) ? m.GetInt64() : null;
            switch (body.GetProperty("type").GetString())
            {
                case "init":
                    _self = body.GetProperty("node_id").GetString()!;
                    Reply(io, src, msgId, "\"type\":\"init_ok\"");
                    break;
                case "topology":
                    _neighbours = body.GetProperty("topology").GetProperty(_self)
                        .EnumerateArray().Select(e => e.GetString()!).ToList();
                    Reply(io, src, msgId, "\"type\":\"topology_ok\"");
                    break;
                case "broadcast":
                    var value = body.GetProperty("message").GetInt64();
                    if (_values.Add(value))
                    {
                        foreach (var n in _neighbours.Where(n => n != src))
                            io.Stdout($"{{\"src\":{Json.Quote(_self)},\"dest\":{Json.Quote(n)},"
                                + $"\"body\":{{\"type\":\"broadcast\",\"message\":{value}}}}}");
                    }
                    if (msgId is not null) Reply(io, src, msgId, "\"type\":\"broadcast_ok\"");
                    break;
                case "read":
                    Reply(io, src, msgId,
                        $"\"type\":\"read_ok\",\"messages\":[{string.Join(",", _values)}]");
                    break;
            }
        }

        private void Reply(INodeOutputs io, string dest, long? msgId, string fields) =>
            io.Stdout($"{{\"src\":{Json.Quote(_self)},\"dest\":{Json.Quote(dest)},"
                + $"\"body\":{{{fields},\"in_reply_to\":{msgId}}}}}");
    }
}
