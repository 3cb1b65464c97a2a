using FunctionalGossip.Check.History;

using FunctionalGossip.Harness.Maelstrom;

namespace FunctionalGossip.Harness.Engine;

public sealed partial class RunEngine
{
    /// <summary>A request a client has sent and awaits the reply to (client.clj
    /// <c>send+recv!</c>): what it was for, so the reply (or its absence) is handled by one
    /// switch (<see cref="Answered"/>) rather than by a closure left behind.</summary>
    private abstract record Call(Network.ClientMailbox Client, long MsgId)
    {
        /// <summary>db.clj <c>setup!</c>'s <c>init</c> of <paramref name="Node"/>.</summary>
        public sealed record Init(Network.ClientMailbox Client, string Node)
            : Call(Client, 1);

        /// <summary>The <c>topology</c> sent to <paramref name="Node"/>.</summary>
        public sealed record Topology(Network.ClientMailbox Client, string Node)
            : Call(Client, 1);

        /// <summary>Worker <paramref name="Worker"/>'s op <paramref name="Invoke"/>.</summary>
        public sealed record Op(Network.ClientMailbox Client, long MsgId, int Worker,
            FunctionalGossip.Check.History.Op Invoke) : Call(Client, MsgId);
    }

    /// <summary>The calls awaiting a reply, by client id (a client has at most one).</summary>
    private readonly Dictionary<string, Call> _calls = new(StringComparer.Ordinal);

    /// <summary>Sends <paramref name="body"/> to <paramref name="dest"/> for
    /// <paramref name="call"/> and waits for the reply whose <c>in_reply_to</c> is its
    /// message id, at most <paramref name="timeoutMs"/>.</summary>
    private void Request(Call call, string dest, string body, long timeoutMs, string thread)
    {
        var error = _net.Send(call.Client.Id, dest, body, thread);
        if (error is not null) throw new InvalidOperationException(error);
        _calls[call.Client.Id] = call;
        call.Client.Await(call.MsgId);
        _clock.At(_clock.NowNs + timeoutMs * 1_000_000, () => TimedOut(call));
    }

    /// <summary>A client read the reply it was waiting for.</summary>
    private void OnClientReply(string client, ClientReply reply)
    {
        if (_calls.Remove(client, out var call)) Answered(call, reply);
    }

    /// <summary>The call's time is up: if it is still waiting, it gets no reply.</summary>
    private void TimedOut(Call call)
    {
        if (!_calls.TryGetValue(call.Client.Id, out var pending)
            || !ReferenceEquals(pending, call)) return;
        _calls.Remove(call.Client.Id);
        call.Client.GiveUp();
        Answered(call, null);
    }

    private void Answered(Call call, ClientReply? reply)
    {
        switch (call)
        {
            case Call.Init i: InitAnswered(i, reply); break;
            case Call.Topology t: TopologyAnswered(t.Node, reply); break;
            case Call.Op o: Complete(o.Worker, o.Invoke, reply); break;
        }
    }

    private bool AnyPending<T>() where T : Call => _calls.Values.Any(c => c is T);
}
