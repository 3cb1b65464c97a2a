using System.Collections.Immutable;
using FunctionalGossip.Check.Format;
using FunctionalGossip.Check.History;

namespace FunctionalGossip.Check.Checkers;

/// <summary>
/// Jepsen's <c>set-full</c> checker (jepsen/checker.clj) as Maelstrom's broadcast workload runs
/// it: ops with <c>:f :broadcast</c> are renamed <c>:add</c>, then only client ops (integer
/// <c>:process</c>) are folded in history order. A pure function of the history.
/// </summary>
public static class SetFull
{
    /// <summary>Checks a broadcast history.</summary>
    public static SetFullResult Check(IEnumerable<Op> history) => Aggregate(Elements(history));

    /// <summary>
    /// The result for every element whose broadcast was invoked, sorted by element.
    /// </summary>
    public static ImmutableArray<ElementResult> Elements(IEnumerable<Op> history) =>
        [.. Fold(history).OrderBy(e => e.Key, EdnOrder.Instance).Select(e => e.Value.Result())];

    private static Dictionary<Edn, ElementState> Fold(IEnumerable<Op> history)
    {
        var elements = new Dictionary<Edn, ElementState>();
        var invocations = new Dictionary<long, Op>();
        foreach (var original in history)
        {
            if (original.ClientNumber is not long process) continue;
            var op = original.IsF("broadcast") ? original with { F = Edn.Kw("add") } : original;
            if (op.Type == OpType.Invoke) invocations[process] = op;
            if (op.IsF("add")) Add(elements, op);
            else if (op.IsF("read") && op.Type == OpType.Ok
                && invocations.TryGetValue(process, out var inv))
                Read(elements, inv, op);
        }
        return elements;
    }

    /// <summary>An add invocation (re)starts tracking; an :ok completion makes it known.</summary>
    private static void Add(Dictionary<Edn, ElementState> elements, Op op)
    {
        if (op.Type == OpType.Invoke) elements[op.Value] = new ElementState(op.Value);
        else if (op.Type == OpType.Ok && elements.TryGetValue(op.Value, out var state))
            state.Known ??= op;
    }

    /// <summary>An :ok read updates every element tracked so far.</summary>
    private static void Read(Dictionary<Edn, ElementState> elements, Op invocation, Op completion)
    {
        var seen = ReadValues(completion.Value);
        foreach (var state in elements.Values)
        {
            if (seen.Contains(state.Element)) state.Present(invocation, completion);
            else state.Absent(invocation);
        }
    }

    private static HashSet<Edn> ReadValues(Edn value) => value switch
    {
        Edn.Vector v => [.. v.Items],
        Edn.List l => [.. l.Items],
        Edn.Set s => [.. s.Items],
        _ => [],
    };

    private static SetFullResult Aggregate(ImmutableArray<ElementResult> results)
    {
        var stable = results.Where(r => r.Outcome == Outcome.Stable).ToImmutableArray();
        var lost = results.Where(r => r.Outcome == Outcome.Lost).ToImmutableArray();
        var neverRead = results.Where(r => r.Outcome == Outcome.NeverRead).ToImmutableArray();
        var stale = stable.Where(r => r.StableLatency > 0).ToImmutableArray();
        var worstStale = stale.OrderBy(r => r.StableLatency).Reverse().Take(8).ToImmutableArray();
        var valid = lost.Length > 0 ? Validity.Invalid
            : stable.Length == 0 ? Validity.Unknown
            : Validity.Valid;
        return new SetFullResult(
            valid, results.Length, stable.Length, lost.Length, Elements(lost),
            neverRead.Length, Elements(neverRead), stale.Length, Elements(stale), worstStale,
            LatencyQuantiles.Of(results.Select(r => r.StableLatency).OfType<long>()),
            LatencyQuantiles.Of(results.Select(r => r.LostLatency).OfType<long>()));
    }

    private static ImmutableArray<Edn> Elements(ImmutableArray<ElementResult> rs) =>
        [.. rs.Select(r => r.Element).Order(EdnOrder.Instance)];
}
