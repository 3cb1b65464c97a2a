using FunctionalGossip.Core.Wire;
using FunctionalGossip.Testing;
using LanguageExt;
using static LanguageExt.Prelude;

namespace FunctionalGossip.Core.Tests;

/// <summary>One step of a generated schedule. Picks index the pending list modulo its size,
/// so any pick is valid and delivery order is arbitrary (reordering).</summary>
public abstract record Op
{
    private Op() { }
    public sealed record Broadcast(int Node) : Op;
    public sealed record Read(int Node) : Op;
    public sealed record Deliver(int Pick) : Op;
    public sealed record Duplicate(int Pick) : Op;
    public sealed record Drop(int Pick) : Op;
    public sealed record Advance(int Ms) : Op;
    public sealed record Partition(long Mask) : Op;
    public sealed record Heal : Op;
}

/// <summary>
/// Generated schedules on the shared <see cref="TestCluster"/>: every node initialised with a
/// line topology, the named <see cref="Invariants"/> checked after every step, redelivering
/// any input must leave the state equal, and no client may get an error.
/// </summary>
internal static class Schedule
{
    /// <summary>A cluster of <paramref name="n"/> nodes, initialised, with a line topology
    /// (used by <c>relay=given</c>).</summary>
    public static TestCluster Start(int n, NodeSettings settings)
    {
        var c = new TestCluster(n, settings) { CheckRedelivery = true };
        var line = toMap(c.Ids.Map((i, id) => (id, Neighbours(c.Ids, i))));
        foreach (var id in c.Ids)
        {
            c.Init(id);
            c.Topology(id, line);
        }
        return c;
    }

    /// <summary>Runs one op: broadcasts number values 0, 1, 2, … in order; timers fire late
    /// (<see cref="TestCluster.Jump"/>).</summary>
    public static void Run(TestCluster c, Op op)
    {
        var pending = c.Pending;
        switch (op)
        {
            case Op.Broadcast b: c.BroadcastValue(Node(c, b.Node), c.Broadcast.Count); break;
            case Op.Read r: c.Read(Node(c, r.Node)); break;
            case Op.Deliver d when pending.Count > 0:
                c.Deliver(pending[d.Pick % pending.Count]);
                break;
            case Op.Duplicate d when pending.Count > 0:
                c.Duplicate(pending[d.Pick % pending.Count]);
                break;
            case Op.Drop d when pending.Count > 0: c.Drop(pending[d.Pick % pending.Count]); break;
            case Op.Advance a: c.Jump(a.Ms); break;
            case Op.Partition p:
                c.Partition(c.Ids.Where((_, i) => (p.Mask >> i & 1) == 1));
                break;
            case Op.Heal: c.Heal(); break;
            default: break;
        }
        if (c.Replies.Exists(r => r.Reply.Body is Body.Error))
            throw new InvalidOperationException("a client got an error: "
                + c.Replies.First(r => r.Reply.Body is Body.Error));
    }

    private static string Node(TestCluster c, int i) => c.Ids[i % c.Ids.Count];

    private static Seq<string> Neighbours(Seq<string> ids, int i) =>
        toSeq(ids.Where((_, j) => j == i - 1 || j == i + 1)).Strict();
}
