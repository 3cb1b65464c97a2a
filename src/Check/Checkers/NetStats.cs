using FunctionalGossip.Maelstrom;
using FunctionalGossip.Check.History;

namespace FunctionalGossip.Check.Checkers;

/// <summary>One event of Maelstrom's network journal: a message sent or received.</summary>
/// <param name="MessageId">Maelstrom's global message id.</param>
/// <param name="IsSend">True for a send event, false for a recv (delivery).</param>
/// <param name="Src">Sender node id (clients start with <c>c</c>).</param>
/// <param name="Dest">Destination node id.</param>
/// <param name="AtNs">Run time of the event (0 when unknown, e.g. a journal read back from a
/// file); the run report draws the message diagram from it.</param>
/// <param name="BodyJson">The message body as sent, when the journal keeps it (the run report
/// labels arrows with its type); the text is shared with the message, not copied.</param>
public sealed record NetEvent(long MessageId, bool IsSend, string Src, string Dest,
    long AtNs = 0, string? BodyJson = null)
{
    /// <summary>Maelstrom's <c>involves-client?</c>: src or dest is a client.</summary>
    public bool InvolvesClient => Ids.IsClient(Src) || Ids.IsClient(Dest);
}

/// <summary>Counts for one group of journal events.</summary>
/// <param name="SendCount">Send events.</param>
/// <param name="RecvCount">Recv events.</param>
/// <param name="MsgCount">Distinct message ids.</param>
/// <param name="MsgsPerOp">msg-count / op-count as a 32-bit float; null for clients or no
/// ops.</param>
public sealed record NetGroupStats(long SendCount, long RecvCount, long MsgCount, float? MsgsPerOp);

/// <summary>The <c>:net</c> result; always valid.</summary>
/// <param name="All">Every event.</param>
/// <param name="Clients">Events whose src or dest is a client.</param>
/// <param name="Servers">All other events (node↔node, node↔service).</param>
public sealed record NetStatsResult(NetGroupStats All, NetGroupStats Clients, NetGroupStats Servers)
{
    /// <summary>Always true.</summary>
    public Validity Valid => Validity.Valid;
}

/// <summary>Maelstrom's network checker (src/maelstrom/net/checker.clj), minus the plots.</summary>
public static class NetStats
{
    /// <summary>
    /// Counts journal events; op-count is the number of :invoke ops whose process is not
    /// <c>:nemesis</c> (final reads included). msgs-per-op goes in :all and :servers only,
    /// and only when op-count &gt; 0.
    /// </summary>
    public static NetStatsResult Check(IEnumerable<Op> history, IEnumerable<NetEvent> journal)
    {
        long opCount = history.Count(op => op.Type == OpType.Invoke
            && op.Process is not OpProcess.Nemesis);
        var events = journal.ToList();
        return new NetStatsResult(
            Group(events, opCount),
            Group(events.Where(e => e.InvolvesClient), null),
            Group(events.Where(e => !e.InvolvesClient), opCount));
    }

    private static NetGroupStats Group(IEnumerable<NetEvent> events, long? opCount)
    {
        long sends = 0, recvs = 0;
        var ids = new HashSet<long>();
        foreach (var e in events)
        {
            if (e.IsSend) sends++;
            else recvs++;
            ids.Add(e.MessageId);
        }
        float? perOp = opCount is > 0 ? (float)((double)ids.Count / opCount.Value) : null;
        return new NetGroupStats(sends, recvs, ids.Count, perOp);
    }
}
