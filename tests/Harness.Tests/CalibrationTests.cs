using FunctionalGossip.Check.Checkers;
using FunctionalGossip.Harness.Sim;
using Xunit.Abstractions;

namespace FunctionalGossip.Harness.Tests;

/// <summary>
/// The simulator against the only published Maelstrom figures for a known node: the guide's
/// naive flood at 25 nodes, grid, <c>--latency 100 --rate 100 --time-limit 20</c> reports
/// servers msgs-per-op 27.806324 and a median stable latency of 452 ms
/// (doc/03-broadcast/02-performance.md).
/// </summary>
public sealed class CalibrationTests(ITestOutputHelper output)
{
    [Fact]
    public void NaiveFlood_MatchesTheGuide_OverTenSeeds()
    {
        var runs = Enumerable.Range(1, 10).Select(seed =>
        {
            var result = Simulator.Run(Scenarios.Efficiency((ulong)seed), new NaiveFlood());
            var check = result.Check();
            Assert.Null(result.Crash);
            Assert.Empty(result.Violations);
            Assert.Equal(Validity.Valid, check.Valid);
            return (MsgsPerOp: (double)check.Net!.Servers.MsgsPerOp!.Value,
                Median: (double)check.Workload.StableLatencies!.P50);
        }).ToList();
        var msgs = runs.Average(r => r.MsgsPerOp);
        var median = runs.Average(r => r.Median);
        output.WriteLine(
            $"naive flood, 10 seeds: msgs-per-op {msgs:0.###}, median {median:0.#} ms; "
            + string.Join(" ", runs.Select(r => $"({r.MsgsPerOp:0.##},{r.Median})")));
        Assert.InRange(msgs, 27.806324 * 0.9, 27.806324 * 1.1);
        Assert.InRange(median, 452 * 0.85, 452 * 1.15);
    }
}
