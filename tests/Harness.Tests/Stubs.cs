using System.Text.Json;
using FunctionalGossip.Core;
using FunctionalGossip.Core.Journal;
using FunctionalGossip.Harness.Sim;
using FunctionalGossip.Maelstrom;
using FunctionalGossip.Harness.Engine;
using FunctionalGossip.Harness.Maelstrom;

namespace FunctionalGossip.Harness.Tests;

/// <summary>
/// TEST ONLY: a node that answers init and topology properly and hands every other request
/// to <see cref="Answer"/>, which returns the body fields of the reply (without
/// <c>in_reply_to</c>) or null for no reply; <see cref="Raw"/> may instead return whole raw
/// stdout lines.
/// </summary>
public sealed class Scripted : INodeStrategy
{
    /// <summary>(node, type, msg_id, n-th request of this node) → reply fields or null.</summary>
    public Func<string, string, long, int, string?> Answer { get; init; } =
        (_, type, _, _) => type == "read" ? "\"type\":\"read_ok\",\"messages\":[]"
            : "\"type\":\"broadcast_ok\"";

    /// <summary>(node, src, request line, n) → raw lines to print instead, or null.</summary>
    public Func<string, string, string, int, IReadOnlyList<string>?> Raw { get; init; } =
        (_, _, _, _) => null;

    /// <summary>Whether init is answered at all.</summary>
    public bool AnswerInit { get; init; } = true;

    /// <inheritdoc/>
    public string Name => "scripted";

    /// <inheritdoc/>
    public ISimNode Create() => new Node(this);

    private sealed class Node(Scripted script) : ISimNode
    {
        private string _self = "";
        private int _n;

        public void Start(long nowMs, INodeOutputs io) =>
            io.Journal(new JournalEntry.Logged(nowMs, "started"));

        public void OnTimer(long nowMs, TimerId timer, INodeOutputs io) { }

        public void OnLine(long nowMs, string line, INodeOutputs io)
        {
            using var doc = JsonDocument.Parse(line);
            var src = doc.RootElement.GetProperty("src").GetString()!;
            var body = doc.RootElement.GetProperty("body");
            var type = body.GetProperty("type").GetString()!;
            var msgId = body.TryGetProperty("msg_id", out var m) ? m.GetInt64() : 0;
            io.Journal(new JournalEntry.Logged(nowMs, $"{type} from {src}"));
            string? fields = type switch
            {
                "init" => script.AnswerInit ? Init(body) : null,
                "topology" => "\"type\":\"topology_ok\"",
                _ => null,
            };
            if (type is not ("init" or "topology"))
            {
                var raw = script.Raw(_self, src, line, _n);
                if (raw is not null)
                {
                    _n++;
                    foreach (var l in raw) io.Stdout(l);
                    return;
                }
                fields = script.Answer(_self, type, msgId, _n++);
            }
            if (fields is null) return;
            io.Stdout($"{{\"src\":{Json.Quote(_self)},\"dest\":{Json.Quote(src)},"
                + $"\"body\":{{{fields},\"in_reply_to\":{msgId}}}}}");
        }

        private string Init(JsonElement body)
        {
            _self = body.GetProperty("node_id").GetString()!;
            return "\"type\":\"init_ok\"";
        }
    }
}
