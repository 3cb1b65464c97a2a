using System.Collections.Immutable;
using FunctionalGossip.Check.Format;
using FunctionalGossip.Check.History;
using FunctionalGossip.Check.Maelstrom;

namespace FunctionalGossip.Harness.Engine;

public sealed partial class RunEngine
{
    /// <summary>A client worker thread (interpreter.clj <c>ClientWorker</c>): bound to node
    /// i mod N; runs one op at a time under its current process id; opens a fresh client
    /// whenever its process changes (after an <c>:info</c>).</summary>
    private sealed class Worker(int index, string node)
    {
        public int Index { get; } = index;
        public string Node { get; } = node;
        public long Process { get; set; } = index;
        public bool Busy { get; set; }
        public long? ClientProcess { get; set; }
        public Network.ClientMailbox? Client { get; set; }
        public long NextMsgId { get; set; } = 1;
        public string Thread => "jepsen worker " + Index;
    }

    private readonly Worker[] _workers;

    /// <summary>Invokes a client op on <paramref name="w"/>: records the invocation, then
    /// sends the request from the worker's client (opened if the process changed).</summary>
    private void InvokeClientOp(Worker w, string f, Edn value, bool final)
    {
        MarkBusy(w.Index);
        w.Busy = true;
        var invoke = Record(Op.ForClient(0, RelNs, OpType.Invoke, w.Process, f, value,
            final: final));
        LogOp(w.Thread, invoke);
        if (w.Client is null || w.ClientProcess != w.Process)
        {
            if (w.Client is not null) _net.Remove(w.Client.Id);
            w.Client = OpenClient(w.Thread);
            w.ClientProcess = w.Process;
            w.NextMsgId = 1;
        }
        var msgId = w.NextMsgId++;
        var body = f == "broadcast"
            ? $"{{\"type\":\"broadcast\",\"message\":{((Edn.Int)value).Value},\"msg_id\":{msgId}}}"
            : $"{{\"type\":\"read\",\"msg_id\":{msgId}}}";
        Rpc(w.Client, w.Node, body, msgId, ClientTimeoutMs, w.Thread,
            reply => Complete(w, invoke, reply));
    }

    /// <summary>Turns the reply (or its absence) into the completion op, as client.clj
    /// <c>with-errors</c> with reads idempotent, and frees the thread.</summary>
    private void Complete(Worker w, Op invoke, ClientReply? reply)
    {
        var read = invoke.IsF("read");
        var done = reply is null
            ? invoke with { Type = read ? OpType.Fail : OpType.Info, Error = Kw("net-timeout") }
            : FromReply(w, invoke, reply, read);
        var completion = Record(done with { Time = RelNs });
        LogOp(w.Thread, completion);
        w.Busy = false;
        if (completion.Type == OpType.Info) w.Process += _workers.Length;
        Pump();
    }

    private Op FromReply(Worker w, Op invoke, ClientReply clientReply, bool read)
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
                _violations.Add(new Violation(_clock.NowNs, w.Node, reply.ToLine(),
                    "malformed-rpc-response: " + m.Reason));
                return Crashed(invoke, $"Malformed RPC response. Maelstrom sent node {w.Node} "
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
        foreach (var w in _workers)
        {
            if (w.Client is not null) _net.Remove(w.Client.Id);
        }
        foreach (var c in _setupClients) _net.Remove(c.Id);
    }
}
