using System.Collections.Immutable;
using FunctionalGossip.Harness.Maelstrom;

namespace FunctionalGossip.Harness.Engine;

public sealed partial class RunEngine
{
    /// <summary>Sends <paramref name="body"/> to <paramref name="dest"/> for
    /// <paramref name="call"/>, enters it in the pending-call table and waits for the reply
    /// whose <c>in_reply_to</c> is its message id, at most <paramref name="timeoutMs"/>.
    /// </summary>
    private void Request(Call call, string dest, string body, long timeoutMs, string thread)
    {
        var error = _net.Send(call.Client.Id, dest, body, thread);
        if (error is not null) throw new InvalidOperationException(error);
        SetPending(_state.Clients.Pending.SetItem(call.Client.Id, call));
        call.Client.Await(call.MsgId);
        _clock.At(_clock.NowNs + timeoutMs * 1_000_000, () => TimedOut(call));
    }

    /// <summary>A client read the reply it was waiting for.</summary>
    private void OnClientReply(string client, ClientReply reply)
    {
        if (!_state.Clients.Pending.TryGetValue(client, out var call)) return;
        SetPending(_state.Clients.Pending.Remove(client));
        Answered(call, reply);
    }

    /// <summary>The call's time is up: if it is still in the table, it gets no reply.</summary>
    private void TimedOut(Call call)
    {
        if (!_state.Clients.Pending.TryGetValue(call.Client.Id, out var pending)
            || !ReferenceEquals(pending, call)) return;
        SetPending(_state.Clients.Pending.Remove(call.Client.Id));
        call.Client.GiveUp();
        Answered(call, null);
    }

    /// <summary>The one place a call ends, with its reply or without one.</summary>
    private void Answered(Call call, ClientReply? reply)
    {
        switch (call)
        {
            case Call.Init i: InitAnswered(i, reply); break;
            case Call.Topology t: TopologyAnswered(t.Node, reply); break;
            case Call.Op o: Complete(o.Worker, o.Invoke, reply); break;
        }
    }

    private void SetPending(ImmutableDictionary<string, Call> pending) =>
        _state = _state with { Clients = _state.Clients with { Pending = pending } };
}
