using System.Collections.Immutable;
using FunctionalGossip.Check.History;

namespace FunctionalGossip.Check.Tests;

using FunctionalGossip.Edn;

/// <summary>Builds small histories: dense indices, times given in milliseconds.</summary>
public sealed class TestHistory
{
    private readonly List<Op> _ops = [];

    public ImmutableArray<Op> Ops => [.. _ops];

    public Op this[int index] => _ops[index];

    private TestHistory Add(OpType type, long process, string f, Edn value, long timeMs,
        bool final = false)
    {
        _ops.Add(Op.ForClient(_ops.Count, timeMs * 1_000_000, type, process, f, value,
            final: final));
        return this;
    }

    public TestHistory InvokeBroadcast(long p, long v, long ms) => Add(OpType.Invoke, p,
        "broadcast", Edn.Of(v), ms);
    public TestHistory OkBroadcast(long p, long v, long ms) => Add(OpType.Ok, p, "broadcast",
        Edn.Of(v), ms);
    public TestHistory InfoBroadcast(long p, long v, long ms) => Add(OpType.Info, p, "broadcast",
        Edn.Of(v), ms);
    public TestHistory InvokeRead(long p, long ms, bool final = false) =>
        Add(OpType.Invoke, p, "read", Edn.Nil.Value, ms, final);
    public TestHistory FailRead(long p, long ms) => Add(OpType.Fail, p, "read", Edn.Nil.Value, ms);

    public TestHistory OkRead(long p, long ms, params long[] values) =>
        Add(OpType.Ok, p, "read", Edn.VectorOf(values.Select(Edn.Of)), ms);

    /// <summary>A broadcast of v by p, invoked at ms and acknowledged 1 ms later.</summary>
    public TestHistory Broadcast(long p, long v, long ms) => InvokeBroadcast(p, v,
        ms).OkBroadcast(p, v, ms + 1);

    /// <summary>A read by p invoked at ms, returning values 1 ms later.</summary>
    public TestHistory Read(long p, long ms, params long[] values) => InvokeRead(p, ms).OkRead(p,
        ms + 1, values);

    public TestHistory Nemesis(string f, Edn value, long ms)
    {
        _ops.Add(new Op(_ops.Count, ms * 1_000_000, OpType.Info, OpProcess.Nemesis.Value, Edn.Kw(f),
            value));
        return this;
    }
}
