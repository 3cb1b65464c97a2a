using FunctionalGossip.Check.History;
using FunctionalGossip.Harness.Maelstrom;
using FunctionalGossip.Harness.Sim;

namespace FunctionalGossip.Harness.Engine;

using FunctionalGossip.Edn;

/// <summary>
/// The partition nemesis (jepsen nemesis/combined.clj) as pure functions of the run state:
/// a start picks one of the four specs uniformly, and its completion draws the grudge, which
/// the network adds to the partitions in force; a stop heals everything. Both are
/// <c>:info</c> ops of process <c>:nemesis</c>.
/// </summary>
public static class Nemesis
{
    /// <summary>The nemesis thread takes an op: a start (its spec drawn now) or a stop.</summary>
    public static (RunState State, Directive Invoke) Invoke(RunState s, bool start)
    {
        s = s.Rotated() with { NemesisBusy = true, NemesisStarts = !start };
        if (!start) return (s, new Directive.InvokeNemesis(null));
        var rng = s.NemesisRng.Copy();
        var spec = Grudge.Specs[rng.NextInt(Grudge.Specs.Count)];
        return (s with { NemesisRng = rng }, new Directive.InvokeNemesis(spec));
    }

    /// <summary>The op completes: a start draws its grudge over <paramref name="nodes"/>
    /// (null for a stop). The thread is freed when the generator hears it
    /// (<see cref="Happened.NemesisCompleted"/>).</summary>
    public static (RunState State, SortedGrudge? Grudge) Complete(RunState s,
        PartitionSpec? spec, IReadOnlyList<string> nodes)
    {
        if (spec is not { } sp) return (s with { Partition = "none" }, null);
        var rng = s.NemesisRng.Copy();
        var grudge = Grudge.Of(sp, nodes, rng);
        return (s with { Partition = Grudge.Name(sp), NemesisRng = rng }, grudge);
    }

    /// <summary>The history's invocation of a start of <paramref name="spec"/> (or of a stop,
    /// when null) at relative time <paramref name="relNs"/>.</summary>
    public static Op InvokeOp(PartitionSpec? spec, long relNs) =>
        new(0, relNs, OpType.Info, OpProcess.Nemesis.Value,
            Edn.Kw(spec is null ? "stop-partition" : "start-partition"),
            spec is { } s ? Edn.Kw(Grudge.Name(s)) : Edn.Nil.Value);

    /// <summary>The completion's value: <c>[:isolated {node #{nodes}}]</c> for a grudge,
    /// <c>:network-healed</c> for a stop.</summary>
    public static Edn CompletionValue(SortedGrudge? grudge) => grudge is null
        ? Edn.Kw("network-healed")
        : new Edn.Vector([Edn.Kw("isolated"), new Edn.Map([.. grudge.Entries.Select(kv =>
            new KeyValuePair<Edn, Edn>(new Edn.Str(kv.Key),
                new Edn.Set([.. kv.Value.Select(n => (Edn)new Edn.Str(n))])))])]);
}
