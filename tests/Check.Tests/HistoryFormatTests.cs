using System.Collections.Immutable;
using FunctionalGossip.Check.Format;
using FunctionalGossip.Check.History;

namespace FunctionalGossip.Check.Tests;

public class HistoryFormatTests
{
    private static ImmutableArray<Op> ReadHistory(string run)
    {
        var parsed = HistoryReader.Read(Fixtures.Read(run, "history.edn"));
        var ok = Assert.IsType<Parsed<ImmutableArray<Op>>.Ok>(parsed);
        Assert.NotEmpty(ok.Value);
        return ok.Value;
    }

    [Theory]
    [MemberData(nameof(Fixtures.Runs), MemberType = typeof(Fixtures))]
    public void HistoryEdn_RoundTripsByteForByte(string run)
    {
        var ops = ReadHistory(run);
        Assert.Equal(Fixtures.Read(run, "history.edn"), HistoryWriter.WriteEdn(ops));
    }

    [Theory]
    [MemberData(nameof(Fixtures.Runs), MemberType = typeof(Fixtures))]
    public void HistoryTxt_FromHistoryEdn_MatchesFixtureByteForByte(string run)
    {
        var ops = ReadHistory(run);
        Assert.Equal(Fixtures.Read(run, "history.txt"), HistoryWriter.WriteTxt(ops));
    }

    [Theory]
    [MemberData(nameof(Fixtures.Runs), MemberType = typeof(Fixtures))]
    public void ResultsEdn_ReparsedAndPrettyPrinted_MatchesFixtureByteForByte(string run)
    {
        var text = Fixtures.Read(run, "results.edn");
        var parsed = Assert.IsType<Parsed<Edn>.Ok>(EdnReader.Read(text));
        Assert.Equal(text, EdnPretty.Write(parsed.Value));
    }
}
