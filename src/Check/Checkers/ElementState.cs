using FunctionalGossip.Check.History;

namespace FunctionalGossip.Check.Checkers;

/// <summary>
/// set-full's running state for one element (Jepsen's <c>SetFullElement</c>). Mutable, but
/// private to one set-full check.
/// </summary>
internal sealed class ElementState(Edn.Edn element)
{
    public Edn.Edn Element { get; } = element;
    public Op? Known { get; set; }
    public Op? LastPresent { get; private set; }
    public Op? LastAbsent { get; private set; }

    /// <summary>A read invoked as <paramref name="inv"/> saw the element.</summary>
    public void Present(Op inv, Op completion)
    {
        Known ??= completion;
        if (LastPresent is null || LastPresent.Index < inv.Index) LastPresent = inv;
    }

    /// <summary>A read invoked as <paramref name="inv"/> did not see the element.</summary>
    public void Absent(Op inv)
    {
        if (LastAbsent is null || LastAbsent.Index < inv.Index) LastAbsent = inv;
    }

    /// <summary>Jepsen's <c>set-full-element-results</c>.</summary>
    public ElementResult Result()
    {
        bool stable = LastPresent is not null && (LastAbsent?.Index ?? -1) < LastPresent.Index;
        bool lost = Known is not null && LastAbsent is not null
            && (LastPresent?.Index ?? -1) < LastAbsent.Index
            && Known.Index < LastAbsent.Index;
        long? stableLatency = stable ? Latency(LastAbsent) : null;
        long? lostLatency = lost ? Latency(LastPresent) : null;
        var outcome = stable ? Outcome.Stable : lost ? Outcome.Lost : Outcome.NeverRead;
        return new ElementResult(Element, outcome, stableLatency, lostLatency, Known, LastAbsent);
    }

    /// <summary>ms from known to (<paramref name="edge"/>.time + 1, or 0), floored at 0.</summary>
    private long Latency(Op? edge)
    {
        long edgeTime = edge is null ? 0 : edge.Time + 1;
        long knownTime = Known?.Time ?? 0;
        return Math.Max(0, edgeTime - knownTime) / 1_000_000;
    }
}
