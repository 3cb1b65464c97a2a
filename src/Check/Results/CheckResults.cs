using FunctionalGossip.Check.Checkers;
using FunctionalGossip.Check.Floor;

namespace FunctionalGossip.Check.Results;

/// <summary>
/// The whole results map Maelstrom writes to results.edn:
/// <c>{:perf :timeline :exceptions :stats :availability :net :workload :valid?}</c>.
/// <c>:perf</c> and <c>:timeline</c> draw plots in Maelstrom; here they are always valid.
/// </summary>
/// <param name="Exceptions">The <c>:exceptions</c> result.</param>
/// <param name="Stats">The <c>:stats</c> result.</param>
/// <param name="Availability">The <c>:availability</c> result.</param>
/// <param name="Net">The <c>:net</c> result, or null when no network journal was available.</param>
/// <param name="Workload">The broadcast workload's set-full result.</param>
/// <param name="Floor">Our own <c>:gossip/floor</c> (not Maelstrom's): the physical floor of
/// the stable latencies, when the run's network is known (<c>gossip test</c>); it does not
/// count towards <c>:valid?</c>.</param>
public sealed record CheckResults(
    ExceptionsResult Exceptions,
    StatsResult Stats,
    AvailabilityResult Availability,
    NetStatsResult? Net,
    SetFullResult Workload,
    FloorResult? Floor = null)
{
    /// <summary>The top-level <c>:valid?</c>: the merge (false &gt; :unknown &gt; true) of all
    /// parts.</summary>
    public Validity Valid => Validities.Merge(
        new[] { Exceptions.Valid, Stats.Valid, Availability.Valid, Net?.Valid ?? Validity.Valid,
            Workload.Valid });
}
