using System.Collections.Immutable;
using FunctionalGossip.Check.Checkers;
using FunctionalGossip.Check.History;
using FunctionalGossip.Check.Results;

namespace FunctionalGossip.Check.Tests;

using FunctionalGossip.Edn;

/// <summary>
/// Runs the checkers on every real Maelstrom run's history.edn and compares with the
/// results.edn Maelstrom wrote for it. Expected values are read from the fixture, never typed in.
/// </summary>
public class ConformanceTests
{
    private static readonly string[] CountKeys =
        ["attempt-count", "stable-count", "lost-count", "stale-count", "never-read-count",
            "duplicated-count"];

    private static readonly string[] StatsKeys = ["count", "ok-count", "fail-count", "info-count"];

    private sealed record Run(Edn.Map Expected, CheckResults Actual, Edn.Map ActualEdn);

    private static Run Load(string run)
    {
        foreach (var file in Fixtures.RequiredFiles) Fixtures.Read(run, file);
        var expected = Assert.IsType<Edn.Map>(
            Assert.IsType<Parsed<Edn>.Ok>(EdnReader.Read(Fixtures.Read(run, "results.edn"))).Value);
        var history = Assert.IsType<Parsed<ImmutableArray<Op>>.Ok>(
            HistoryReader.Read(Fixtures.Read(run, "history.edn"))).Value;
        var actual = BroadcastChecker.Check(history);
        return new Run(expected, actual, ResultsEdn.ToEdn(actual));
    }

    private static Edn At(Edn.Map map, params string[] path)
    {
        Edn current = map;
        foreach (var key in path)
        {
            var next = Assert.IsType<Edn.Map>(current).Get(key);
            Assert.True(next is not null, $"results.edn has no :{string.Join(" :", path)}");
            current = next!;
        }
        return current;
    }

    [Theory]
    [MemberData(nameof(Fixtures.Runs), MemberType = typeof(Fixtures))]
    public void Workload_MatchesMaelstrom(string run)
    {
        var (expected, _, actual) = Load(run);
        Assert.Equal(At(expected, "workload", "valid?"), At(actual, "workload", "valid?"));
        foreach (var key in CountKeys)
            Assert.True(At(expected, "workload", key).Equals(At(actual, "workload", key)),
                $":workload :{key}: expected {At(expected, "workload", key)}, "
                + $"got {At(actual, "workload", key)}");
        foreach (var key in new[] { "lost", "stale", "never-read", "stable-latencies",
            "duplicated" })
            Assert.Equal(At(expected, "workload", key), At(actual, "workload", key));
        var expectedLost = ((Edn.Map)At(expected, "workload")).Get("lost-latencies");
        Assert.Equal(expectedLost, ((Edn.Map)At(actual, "workload")).Get("lost-latencies"));
        Assert.Equal(At(expected, "workload", "worst-stale"), At(actual, "workload",
            "worst-stale"));
        Assert.Equal(At(expected, "workload"), At(actual, "workload"));
    }

    [Theory]
    [MemberData(nameof(Fixtures.Runs), MemberType = typeof(Fixtures))]
    public void Stats_MatchesMaelstrom(string run)
    {
        var (expected, _, actual) = Load(run);
        Assert.Equal(At(expected, "stats", "valid?"), At(actual, "stats", "valid?"));
        foreach (var key in StatsKeys)
            Assert.Equal(At(expected, "stats", key), At(actual, "stats", key));
        var expectedByF = Assert.IsType<Edn.Map>(At(expected, "stats", "by-f"));
        Assert.NotEmpty(expectedByF.Entries);
        Assert.Equal(expectedByF, At(actual, "stats", "by-f"));
        Assert.Equal(At(expected, "stats"), At(actual, "stats"));
    }

    [Theory]
    [MemberData(nameof(Fixtures.Runs), MemberType = typeof(Fixtures))]
    public void Availability_MatchesMaelstrom(string run)
    {
        var (expected, _, actual) = Load(run);
        Assert.Equal(At(expected, "availability"), At(actual, "availability"));
    }

    [Theory]
    [MemberData(nameof(Fixtures.Runs), MemberType = typeof(Fixtures))]
    public void TopLevelValidity_MatchesMaelstrom(string run)
    {
        var (expected, results, actual) = Load(run);
        Assert.Equal(At(expected, "valid?"), At(actual, "valid?"));
        Assert.Equal(At(expected, "valid?"), results.Valid.ToEdn());
    }

    /// <summary>Every run says where it came from (SOURCE.md: the public repository, the
    /// path in it and the 40-hex commit), so a run dropped in without its provenance fails
    /// here rather than passing the checks unexplained.</summary>
    [Theory]
    [MemberData(nameof(Fixtures.Runs), MemberType = typeof(Fixtures))]
    public void Run_NamesItsSource(string run)
    {
        var source = Fixtures.Read(run, "SOURCE.md");
        Assert.Matches(@"Source: https://github\.com/[^/\s]+/[^/\s]+ , path `[^`]+`", source);
        Assert.Matches(@"at commit `[0-9a-f]{40}`", source);
    }

    /// <summary>
    /// With the fixture's :net spliced in (histories carry no journal), our results.edn text is
    /// byte-for-byte Maelstrom's: same keys, nesting, key order, numbers and fipp layout.
    /// </summary>
    [Theory]
    [MemberData(nameof(Fixtures.Runs), MemberType = typeof(Fixtures))]
    public void ResultsEdnText_WithFixtureNet_IsByteForByteMaelstroms(string run)
    {
        var (expected, results, _) = Load(run);
        var withNet = results with { Net = NetFromEdn((Edn.Map)At(expected, "net")) };
        Assert.Equal(Fixtures.Read(run, "results.edn"), ResultsWriter.ToEdnText(withNet));
    }

    private static NetStatsResult NetFromEdn(Edn.Map net)
    {
        NetGroupStats Group(string name)
        {
            var g = (Edn.Map)net.Get(name)!;
            long Count(string key) => ((Edn.Int)g.Get(key)!).Value;
            float? perOp = g.Get("msgs-per-op") is Edn.Float f ? (float)f.Value : null;
            return new NetGroupStats(Count("send-count"), Count("recv-count"), Count("msg-count"),
                perOp);
        }
        return new NetStatsResult(Group("all"), Group("clients"), Group("servers"));
    }
}
