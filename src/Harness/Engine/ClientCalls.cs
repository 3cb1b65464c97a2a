using System.Collections.Immutable;
using FunctionalGossip.Check.History;
using FunctionalGossip.Maelstrom;
using FunctionalGossip.Harness.Maelstrom;

namespace FunctionalGossip.Harness.Engine;

using FunctionalGossip.Edn;

/// <summary>A client op's completion, and the malformed reply that caused it, if one did.
/// </summary>
/// <param name="Op">The completion (no index yet).</param>
/// <param name="Violation">The malformed reply, if that is what ended the call.</param>
public readonly record struct Completion(Op Op, Violation? Violation);

/// <summary>
/// Maelstrom's client calls as pure functions: the request bodies the run's clients send
/// (db.clj <c>setup!</c>, client.clj) and what a reply, or its absence, makes of each call.
/// The engine sends, records and logs; these decide.
/// </summary>
public static class ClientCalls
{
    /// <summary>The <c>init</c> of <paramref name="node"/> among <paramref name="nodes"/>.
    /// </summary>
    public static string InitBody(string node, IReadOnlyList<string> nodes) =>
        $"{{\"type\":\"init\",\"node_id\":{Json.Quote(node)},"
        + $"\"node_ids\":[{string.Join(",", nodes.Select(Json.Quote))}],\"msg_id\":1}}";

    /// <summary>The <c>topology</c> message of <paramref name="topology"/>.</summary>
    public static string TopologyBody(
        IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> topology) =>
        "{\"type\":\"topology\",\"topology\":{" + string.Join(",", topology.Select(kv =>
            $"{Json.Quote(kv.Key)}:[{string.Join(",", kv.Value.Select(Json.Quote))}]"))
        + "},\"msg_id\":1}";

    /// <summary>A client op's request: a broadcast of <paramref name="value"/> or a read.
    /// </summary>
    public static string OpBody(string f, Edn value, long msgId) => f == "broadcast"
        ? $"{{\"type\":\"broadcast\",\"message\":{((Edn.Int)value).Value},\"msg_id\":{msgId}}}"
        : $"{{\"type\":\"read\",\"msg_id\":{msgId}}}";

    /// <summary>Why <paramref name="node"/>'s <c>init</c> failed (no reply, an error, or not
    /// <c>init_ok</c>), or null when it did not.</summary>
    public static string? InitProblem(string node, ClientReply? reply) => reply is null
        ? $"Expected node {node} to respond to an init message, but node did not respond."
        : ClientReplies.Judge(reply.Body, "init_ok") switch
        {
            ReplyOutcome.Error e =>
                $"init of {node} failed: error {e.Code} ({e.Name}) {e.Text}",
            _ when reply.Body.Type == "init_ok" => null,
            _ => "Expected an init_ok message, but node "
                + $"{node} responded with {reply.Message.BodyJson}",
        };

    /// <summary>Why <paramref name="node"/>'s <c>topology</c> failed, or null when it did
    /// not; a malformed reply is also a violation, seen at <paramref name="nowNs"/>.</summary>
    public static (string? Problem, Violation? Violation) TopologyProblem(string node,
        ClientReply? reply, long nowNs) => reply is null
        ? ($"topology: node {node} did not respond within 5 s", null)
        : ClientReplies.Judge(reply.Body, "topology_ok") switch
        {
            ReplyOutcome.Ok => (null, null),
            ReplyOutcome.Error e =>
                ($"topology of {node} failed: error {e.Code} ({e.Name}) {e.Text}", null),
            ReplyOutcome.Malformed m => (
                $"Malformed RPC response from {node} to topology: {m.Reason}: "
                + reply.Message.BodyJson,
                Malformed(nowNs, node, reply.Message, m.Reason)),
            _ => throw new System.Diagnostics.UnreachableException(),
        };

    /// <summary>The completion of <paramref name="invoke"/>, sent to
    /// <paramref name="node"/>, at relative time <paramref name="relNs"/>: client.clj
    /// <c>with-errors</c> with reads idempotent (no reply: a read fails, a broadcast is
    /// <c>:info</c>).</summary>
    public static Completion OpCompletion(Op invoke, string node, ClientReply? reply,
        long relNs, long nowNs)
    {
        var read = invoke.IsF("read");
        if (reply is null)
            return new(invoke with
            {
                Type = read ? OpType.Fail : OpType.Info, Error = Edn.Kw("net-timeout"),
                Time = relNs,
            }, null);
        var message = reply.Message;
        switch (ClientReplies.Judge(reply.Body, read ? "read_ok" : "broadcast_ok"))
        {
            case ReplyOutcome.Ok ok:
                return new(invoke with
                {
                    Type = OpType.Ok, Value = read ? ok.Messages! : invoke.Value, Time = relNs,
                }, null);
            case ReplyOutcome.Error e:
                return new(invoke with
                {
                    Type = e.Definite || read ? OpType.Fail : OpType.Info,
                    Error = new Edn.Vector([Edn.Kw(e.Name),
                        e.Text is null ? Edn.Nil.Value : new Edn.Str(e.Text)]),
                    Time = relNs,
                }, null);
            case ReplyOutcome.Malformed m:
                var text = $"Malformed RPC response. Maelstrom sent node {node} "
                    + $"a {invoke.F.ToString().TrimStart(':')} request and expected a "
                    + $"well-formed reply, but received {message.BodyJson}: {m.Reason}";
                return new(Crashed(invoke, text, message) with { Time = relNs },
                    Malformed(nowNs, node, message, m.Reason));
            default:
                throw new System.Diagnostics.UnreachableException();
        }
    }

    private static Violation Malformed(long nowNs, string node, NetMessage reply,
        string reason) =>
        new(nowNs, node, reply.ToLine(), "malformed-rpc-response: " + reason);

    /// <summary>The worker's catch-all (interpreter.clj): an <c>:info</c> op with the
    /// datafied exception and <c>"indeterminate: …"</c>.</summary>
    private static Op Crashed(Op invoke, string message, NetMessage reply)
    {
        var data = Edn.KwMap(("type", Edn.Kw("malformed-rpc-response")),
            ("body", MessageEdn.Body(reply.BodyJson)));
        var via = Edn.KwMap(("type", new Edn.Symbol("clojure.lang.ExceptionInfo")),
            ("message", new Edn.Str(message)), ("data", data));
        var exception = Edn.KwMap(("via", new Edn.Vector([via])),
            ("trace", new Edn.Vector(ImmutableArray<Edn>.Empty)),
            ("cause", new Edn.Str(message)), ("data", data));
        return invoke with
        {
            Type = OpType.Info,
            Error = new Edn.Str("indeterminate: " + message),
            Extra = Edn.KwMap(("exception", exception)),
        };
    }
}
