using System.Collections.Immutable;
using FunctionalGossip.Check.History;

namespace FunctionalGossip.Check.Tests;

using FunctionalGossip.Edn;

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

public class HistoryLineTests
{
    [Fact]
    public void TxtLine_ClientOps_AreTabSeparatedEdn()
    {
        var read = Op.ForClient(3, 10, OpType.Ok, 3, "read", Edn.VectorOf([Edn.Of(0), Edn.Of(1),
            Edn.Of(2)]));
        Assert.Equal("3\t:ok\t:read\t[0 1 2]", HistoryWriter.TxtLine(read));
        var invoke = Op.ForClient(4, 11, OpType.Invoke, 0, "read", Edn.Nil.Value, final: true);
        Assert.Equal("0\t:invoke\t:read\tnil", HistoryWriter.TxtLine(invoke));
    }

    // Reference: Jepsen's prn-op prints the error with `print`, so strings inside it are unquoted.
    [Fact]
    public void TxtLine_AppendsTheErrorPrintedNotPrEd()
    {
        var timeout = Op.ForClient(1, 5, OpType.Fail, 0, "read", Edn.Nil.Value,
            error: Edn.Kw("net-timeout"));
        Assert.Equal("0\t:fail\t:read\tnil\t:net-timeout", HistoryWriter.TxtLine(timeout));
        var crash = Op.ForClient(2, 6, OpType.Info, 2, "broadcast", Edn.Of(17),
            error: Edn.VectorOf([Edn.Kw("crash"), Edn.Of("no route to n3")]));
        Assert.Equal("2\t:info\t:broadcast\t17\t[:crash no route to n3]",
            HistoryWriter.TxtLine(crash));
    }

    [Fact]
    public void TxtLine_Nemesis_PrintsTheKeywordProcess()
    {
        var op = new Op(0, 1, OpType.Info, OpProcess.Nemesis.Value, Edn.Kw("stop-partition"),
            Edn.Kw("network-healed"));
        Assert.Equal(":nemesis\t:info\t:stop-partition\t:network-healed",
            HistoryWriter.TxtLine(op));
    }

    [Fact]
    public void EdnLine_PutsFinalThenExtrasThenError_AfterTheCoreKeys()
    {
        var op = Op.ForClient(406, 29994361500, OpType.Fail, 4, "read", Edn.Nil.Value,
            error: Edn.Kw("net-timeout"), final: true) with { Extra = Edn.KwMap(("note",
                Edn.Of("x"))) };
        const string line =
            "{:index 406, :time 29994361500, :type :fail, :process 4, :f :read, :value nil, "
            + ":final? true, :note \"x\", :error :net-timeout}";
        Assert.Equal(line, HistoryWriter.EdnLine(op));
        var reread = Assert.IsType<Parsed<ImmutableArray<Op>>.Ok>(HistoryReader.Read(line + "\n"));
        Assert.Equal(op, Assert.Single(reread.Value));
    }

    [Theory]
    [InlineData("{:index 0, :time 1, :type :invoke, :process 0, :f :read, :value nil}\n"
        + "{:index 1 :time 2}\n",
        2, 1, "no :type")]
    [InlineData("{:index 0, :time 1, :type :invoke, :process 0, :f :read, :value nil}\n[1 2]\n", 2,
        1, "must be an EDN map")]
    [InlineData("{:index 0, :time 1, :type :invoke, :process 0, :f :read, :value [1 2}\n", 1, 69,
        "unexpected '}'")]
    [InlineData("{:time 1, :type :ok, :process 0, :f :read, :value nil}", 1, 1,
        "no integer :index")]
    public void Reader_RejectsBadOps_WithTheirPosition(string text, int line, int column,
        string fragment)
    {
        var failed = Assert.IsType<Parsed<ImmutableArray<Op>>.Failed>(HistoryReader.Read(text));
        Assert.Equal((line, column), (failed.Error.Line, failed.Error.Column));
        Assert.Contains(fragment, failed.Error.Message);
    }
}
