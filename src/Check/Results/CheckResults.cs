using FunctionalGossip.Check.Checkers;

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
public sealed record CheckResults(
    ExceptionsResult Exceptions,
    StatsResult Stats,
    AvailabilityResult Availability,
    NetStatsResult? Net,
    SetFullResult Workload)
{
    /// <summary>The top-level <c>:valid?</c>: the merge (false &gt; :unknown &gt; true) of all
    /// parts.</summary>
    public Validity Valid => Validities.Merge(
        new[] { Exceptions.Valid, Stats.Valid, Availability.Valid, Net?.Valid ?? Validity.Valid,
            Workload.Valid });
}
