using FunctionalGossip.Check.Checkers;
using FunctionalGossip.Check.History;

namespace FunctionalGossip.Check.Floor;

/// <summary>The physical floor of a run's stable latencies.</summary>
/// <param name="HopMs">The model's node-to-node latency.</param>
/// <param name="StableCount">Elements stable in the floor history.</param>
/// <param name="StableLatencies">set-full's stable-latency quantiles over the floor history;
/// null when nothing is stable there.</param>
/// <param name="Gaps">At each quantile point, the run's stable latency minus the floor's;
/// null when either has none.</param>
public sealed record FloorResult(long HopMs, int StableCount, LatencyQuantiles? StableLatencies,
    LatencyQuantiles? Gaps);

/// <summary>
/// The stable latencies set-full would have reported had every node forwarded every value
/// to every node the instant it arrived (<see cref="FloodArrivals"/>), under the run's
/// partitions and a fixed hop latency: the run's own reads judged against the flood's
/// arrival times (<see cref="FloorHistory"/>) by the very same checker. The gap says how much
/// of a run's latency is the node rather than the network.
/// </summary>
public static class FloorCheck
{
    /// <summary>The floor of <paramref name="history"/> under <paramref name="model"/>, with
    /// gaps to <paramref name="actual"/> (set-full's result over the same history).</summary>
    public static FloorResult Check(IReadOnlyList<Op> history, FloorModel model,
        SetFullResult actual)
    {
        var floor = SetFull.Check(history, FloorHistory.ReadValues(history, model));
        return new FloorResult(model.HopMs, floor.StableCount, floor.StableLatencies,
            Gaps(actual.StableLatencies, floor.StableLatencies));
    }

    private static LatencyQuantiles? Gaps(LatencyQuantiles? run, LatencyQuantiles? floor) =>
        run is null || floor is null ? null
            : new LatencyQuantiles(run.P0 - floor.P0, run.P50 - floor.P50, run.P95 - floor.P95,
                run.P99 - floor.P99, run.P100 - floor.P100);
}
