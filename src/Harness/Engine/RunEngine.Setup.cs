using FunctionalGossip.Check.Maelstrom;
using FunctionalGossip.Harness.Maelstrom;
using FunctionalGossip.Harness.Sim;

namespace FunctionalGossip.Harness.Engine;

public sealed partial class RunEngine
{
    private const long InitTimeoutMs = 10_000;
    private const long ClientTimeoutMs = 5_000;

    /// <summary>db.clj <c>setup!</c>: each node gets <c>init</c> from a fresh client, which is
    /// closed afterwards; a missing, error or non-<c>init_ok</c> reply aborts the test.</summary>
    private void SetupInit()
    {
        var ids = string.Join(",", _o.Nodes.Select(Json.Quote));
        foreach (var node in _o.Nodes)
        {
            var client = OpenClient("jepsen node " + node);
            var body = $"{{\"type\":\"init\",\"node_id\":{Json.Quote(node)},\"node_ids\":[{ids}],"
                + "\"msg_id\":1}";
            Request(new Call.Init(client, node), node, body, InitTimeoutMs, "jepsen node " + node);
        }
    }

    private void InitAnswered(Call.Init call, ClientReply? reply)
    {
        _net.Remove(call.Client.Id);
        var problem = reply is null
            ? $"Expected node {call.Node} to respond to an init message, "
              + "but node did not respond."
            : InitProblem(call.Node, reply);
        if (problem is not null) Crash(problem);
        else if (!_state.Clients.AnyPending<Call.Init>()) BeginRelativeTime();
    }

    private static string? InitProblem(string node, ClientReply reply) =>
        ClientReplies.Judge(reply.Body, "init_ok") switch
        {
            ReplyOutcome.Error e => $"init of {node} failed: error {e.Code} ({e.Name}) {e.Text}",
            _ when reply.Body.Type == "init_ok" => null,
            _ => "Expected an init_ok message, but node "
                + $"{node} responded with {reply.Message.BodyJson}",
        };

    /// <summary>Relative time 0, then client setup: one client per node sends
    /// <c>topology</c> (kept open until the end); any failure aborts the test.</summary>
    private void BeginRelativeTime()
    {
        _state = _state with { RelStartNs = _clock.NowNs };
        _log.Info(_clock.NowNs, "jepsen test runner", "jepsen.core", "Relative time begins now");
        var topology = TopologyJson(Topology.Of(_o.Topology, _o.Nodes));
        foreach (var node in _o.Nodes)
        {
            var client = OpenClient("jepsen node " + node);
            _state = _state with
            {
                Clients = _state.Clients with { Setup = _state.Clients.Setup.Add(client) },
            };
            var body = $"{{\"type\":\"topology\",\"topology\":{topology},\"msg_id\":1}}";
            Request(new Call.Topology(client, node), node, body, ClientTimeoutMs,
                "jepsen node " + node);
        }
    }

    private void TopologyAnswered(string node, ClientReply? reply)
    {
        var problem = reply is null
            ? $"topology: node {node} did not respond within 5 s"
            : ClientReplies.Judge(reply.Body, "topology_ok") switch
            {
                ReplyOutcome.Ok => null,
                ReplyOutcome.Error e =>
                    $"topology of {node} failed: error {e.Code} ({e.Name}) {e.Text}",
                ReplyOutcome.Malformed m => MalformedSetup(node, reply.Message, m.Reason),
                _ => throw new System.Diagnostics.UnreachableException(),
            };
        if (problem is not null) Crash(problem);
        else if (!_state.Clients.AnyPending<Call.Topology>()) Resume(new Happened.SetupDone());
    }

    private string MalformedSetup(string node, NetMessage reply, string reason)
    {
        _violations.Add(new Violation(_clock.NowNs, node, reply.ToLine(),
            "malformed-rpc-response: " + reason));
        return $"Malformed RPC response from {node} to topology: {reason}: {reply.BodyJson}";
    }

    private static string TopologyJson(
        IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> topology) =>
        "{" + string.Join(",", topology.Select(kv =>
            $"{Json.Quote(kv.Key)}:[{string.Join(",", kv.Value.Select(Json.Quote))}]")) + "}";
}
