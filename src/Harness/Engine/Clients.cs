using System.Collections.Immutable;
using FunctionalGossip.Harness.Maelstrom;

namespace FunctionalGossip.Harness.Engine;

/// <summary>A request a client has sent and awaits the reply to (client.clj
/// <c>send+recv!</c>): what it was for, so the reply (or its absence) is handled by one switch
/// in the engine rather than by a closure left behind.</summary>
/// <param name="Client">The id of the client that sent it.</param>
/// <param name="MsgId">The request's <c>msg_id</c>, which the reply's <c>in_reply_to</c>
/// names.</param>
public abstract record Call(string Client, long MsgId)
{
    /// <summary>db.clj <c>setup!</c>'s <c>init</c> of <paramref name="Node"/>.</summary>
    public sealed record Init(string Client, string Node) : Call(Client, 1);

    /// <summary>The <c>topology</c> sent to <paramref name="Node"/>.</summary>
    public sealed record Topology(string Client, string Node)
        : Call(Client, 1);

    /// <summary>Worker <paramref name="Worker"/>'s op <paramref name="Invoke"/>.</summary>
    public sealed record Op(string Client, long MsgId, int Worker,
        Check.History.Op Invoke) : Call(Client, MsgId);
}

/// <summary>A worker's Maelstrom client (interpreter.clj opens a fresh one whenever the
/// worker's process changes, after an <c>:info</c>) and its next message id.</summary>
/// <param name="Process">The process the client was opened for (null before the first
/// op).</param>
/// <param name="Client">The id of the open client, if any.</param>
/// <param name="NextMsgId">The <c>msg_id</c> of its next request.</param>
public readonly record struct ClientLink(long? Process, string? Client,
    long NextMsgId);

/// <summary>Maelstrom's clients as the run keeps them: each worker's link, the setup clients
/// kept open until the end, the number of the next client opened (<c>c0</c>, <c>c1</c>, …,
/// one global counter) and the pending-call table, by client id (a client has at most one
/// call pending).</summary>
/// <param name="Links">The workers' clients, by worker.</param>
/// <param name="Setup">The topology clients' ids, closed when the run finishes.</param>
/// <param name="NextNumber">The number of the next client opened.</param>
/// <param name="Pending">The calls awaiting a reply, by client id.</param>
public sealed record Clients(ImmutableArray<ClientLink> Links,
    ImmutableList<string> Setup, long NextNumber,
    ImmutableDictionary<string, Call> Pending)
{
    /// <summary>No client opened yet, <paramref name="workers"/> workers without one.</summary>
    public static Clients None(int workers) => new(
        [.. Enumerable.Repeat(new ClientLink(null, null, 1), workers)],
        ImmutableList<string>.Empty, 0,
        ImmutableDictionary.Create<string, Call>(StringComparer.Ordinal));

    /// <summary>Whether a call of kind <typeparamref name="T"/> is still pending.</summary>
    public bool AnyPending<T>() where T : Call => Pending.Values.Any(c => c is T);
}
