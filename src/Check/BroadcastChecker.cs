using FunctionalGossip.Check.Checkers;
using FunctionalGossip.Check.History;
using FunctionalGossip.Check.Results;

namespace FunctionalGossip.Check;

/// <summary>Options for <see cref="BroadcastChecker.Check"/>.</summary>
/// <param name="Availability">Maelstrom's <c>--availability</c> goal; none by default.</param>
public sealed record CheckOptions(AvailabilityGoal? Availability = null)
{
    /// <summary>Maelstrom's defaults.</summary>
    public static readonly CheckOptions Default = new();
}

/// <summary>
/// Runs every checker Maelstrom composes for the broadcast workload over one history:
/// exceptions, stats, availability, net (when a journal is given) and set-full.
/// Pure: same inputs, same results.
/// </summary>
public static class BroadcastChecker
{
    /// <summary>
    /// Checks <paramref name="history"/> (ops in history order). <paramref name="journal"/> is
    /// the network journal; pass null when there is none and <c>:net</c> is left out.
    /// </summary>
    public static CheckResults Check(
        IReadOnlyList<Op> history, IEnumerable<NetEvent>? journal = null,
            CheckOptions? options = null)
    {
        var goal = (options ?? CheckOptions.Default).Availability ?? AvailabilityGoal.None.Value;
        return new CheckResults(
            Exceptions.Check(history),
            Stats.Check(history),
            Availability.Check(history, goal),
            journal is null ? null : NetStats.Check(history, journal),
            SetFull.Check(history));
    }
}
