using System.Collections.Immutable;
using FunctionalGossip.Check.Edn;
using FunctionalGossip.Check.History;
using FunctionalGossip.Check.Maelstrom;

using FunctionalGossip.Harness.Maelstrom;

namespace FunctionalGossip.Harness.Engine;

public sealed partial class RunEngine
{
    /// <summary>Invokes a client op: records the invocation, then sends the request from the
    /// worker's client (opened if the process changed).</summary>
    private void InvokeClientOp(Directive.Invoke op)
    {
        var (w, thread) = (op.Worker, RunState.WorkerThread(op.Worker));
        var invoke = Record(Op.ForClient(0, RelNs, OpType.Invoke, op.Process, op.F, op.Value,
            final: op.Final));
        LogOp(thread, invoke);
        var link = _state.Clients.Links[w];
        var client = link.Client;
        if (client is null || link.Process != op.Process)
        {
            if (client is not null) _net.Remove(client.Id);
            client = OpenClient(thread);
            link = new ClientLink(op.Process, client, 1);
        }
        var msgId = link.NextMsgId;
        var links = _state.Clients.Links.SetItem(w, link with { NextMsgId = msgId + 1 });
        _state = _state with { Clients = _state.Clients with { Links = links } };
        var body = op.F == "broadcast"
            ? $"{{\"type\":\"broadcast\",\"message\":{((Edn.Int)op.Value).Value},"
              + $"\"msg_id\":{msgId}}}"
            : $"{{\"type\":\"read\",\"msg_id\":{msgId}}}";
        Request(new Call.Op(client, msgId, w, invoke), _o.NodeOfProcess(w), body,
            ClientTimeoutMs, thread);
    }

    /// <summary>Turns the reply (or its absence) into the completion op, as client.clj
    /// <c>with-errors</c> with reads idempotent, and frees the thread.</summary>
    private void Complete(int w, Op invoke, ClientReply? reply)
    {
        var read = invoke.IsF("read");
        var done = reply is null
            ? invoke with { Type = read ? OpType.Fail : OpType.Info, Error = Kw("net-timeout") }
            : FromReply(w, invoke, reply, read);
        var completion = Record(done with { Time = RelNs });
        LogOp(RunState.WorkerThread(w), completion);
        Resume(new Happened.Completed(w, completion.Type == OpType.Info));
    }

    private Op FromReply(int w, Op invoke, ClientReply clientReply, bool read)
    {
        var reply = clientReply.Message;
        switch (ClientReplies.Judge(clientReply.Body, read ? "read_ok" : "broadcast_ok"))
        {
            case ReplyOutcome.Ok ok:
                return invoke with
                {
                    Type = OpType.Ok,
                    Value = read ? ok.Messages! : invoke.Value,
                };
            case ReplyOutcome.Error e:
                return invoke with
                {
                    Type = e.Definite || read ? OpType.Fail : OpType.Info,
                    Error = new Edn.Vector([Kw(e.Name),
                        e.Text is null ? Edn.Nil.Value : new Edn.Str(e.Text)]),
                };
            case ReplyOutcome.Malformed m:
                var node = _o.NodeOfProcess(w);
                _violations.Add(new Violation(_clock.NowNs, node, reply.ToLine(),
                    "malformed-rpc-response: " + m.Reason));
                return Crashed(invoke, $"Malformed RPC response. Maelstrom sent node {node} "
                    + $"a {invoke.F.ToString().TrimStart(':')} request and expected a "
                    + $"well-formed reply, but received {reply.BodyJson}: {m.Reason}", reply);
            default:
                throw new System.Diagnostics.UnreachableException();
        }
    }

    /// <summary>The worker's catch-all (interpreter.clj): an <c>:info</c> op with the
    /// datafied exception and <c>"indeterminate: …"</c>.</summary>
    private static Op Crashed(Op invoke, string message, NetMessage reply)
    {
        var data = Edn.KwMap(("type", Kw("malformed-rpc-response")),
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

    /// <summary>jepsen.util <c>log-op</c>: process, type, f, value and any error, tab
    /// separated.</summary>
    private void LogOp(string thread, Op op)
    {
        var head = $"{EdnWriter.Write(op.Process.ToEdn())}\t:{Op.TypeName(op.Type)}\t"
            + $"{EdnWriter.Write(op.F)}\t";
        var tail = op.Error is not null and not Edn.Nil
            ? "\t" + (op.Error is Edn.Str s ? s.Value : EdnWriter.Write(op.Error))
            : "";
        _log.Info(_clock.NowNs, thread, "jepsen.util", head, op.Value, tail);
    }

    private void CloseClients()
    {
        foreach (var link in _state.Clients.Links)
        {
            if (link.Client is not null) _net.Remove(link.Client.Id);
        }
        foreach (var c in _state.Clients.Setup) _net.Remove(c.Id);
    }
}
