using CsCheck;
using FunctionalGossip.Harness.Cli;
using FunctionalGossip.Harness.Processes;
using FunctionalGossip.Harness.Sim;
using FunctionalGossip.Harness.Store;

namespace FunctionalGossip.Harness.Tests;

using FunctionalGossip.Edn;

/// <summary>Process mode's node cost: reading <c>/proc</c>, the figures over the nodes, and
/// where they appear (results files and the summary).</summary>
public sealed class NodeCostTests
{
    /// <summary>A stat line as Linux writes it, with utime 137 and stime 42 (fields 14, 15)
    /// and a command name that holds spaces and both parentheses.</summary>
    private const string OddStat = "4242 (my (odd) ) node) S 1 4242 4242 0 -1 4194304 97 0 0 0"
        + " 137 42 0 0 20 0 1 0 66873 3133440 382 18446744073709551615 94384826224640 0 0\n";

    private const string Status = "Name:\tgossip\nState:\tS (sleeping)\nVmPeak:\t  260000 kB\n"
        + "VmHWM:\t   28800 kB\nVmRSS:\t   27000 kB\nThreads:\t9\n";

    [Fact]
    public void Stat_IsReadFromTheLastParenthesis()
    {
        Assert.Equal((137L, 42L), ProcFs.ParseStat(OddStat));
        Assert.Equal((137L, 42L), ProcFs.ParseStat(OddStat.Replace("(my (odd) ) node)", "(a b)")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("4242 no parentheses S 1 2 3")]
    [InlineData("4242 (short) S 1 4242 4242 0 -1 4194304 97 0 0 0 137")]
    [InlineData("4242 (neg) S 1 4242 4242 0 -1 4194304 97 0 0 0 -5 42 0")]
    public void MalformedStat_HasNoFigures(string stat) => Assert.Null(ProcFs.ParseStat(stat));

    [Fact]
    public void Stat_GivesUtimeAndStime_WhateverTheCommandName() =>
        Gen.Select(Gen.String[Gen.Char["ab ()\n)"], 0, 16], Gen.Long[0, long.MaxValue],
                Gen.Long[0, long.MaxValue])
            .Sample((comm, user, sys) => ProcFs.ParseStat(
                $"7 ({comm}) R 1 7 7 0 -1 4194304 97 0 0 0 {user} {sys} 0 0 20 0 1 0 5 6 7\n")
                == (user, sys));

    [Fact]
    public void PeakRss_IsVmHwm_AndAbsentForAZombie()
    {
        Assert.Equal(28800L, ProcFs.ParsePeakRssKb(Status));
        Assert.Null(ProcFs.ParsePeakRssKb("Name:\tgossip\nState:\tZ (zombie)\nThreads:\t1\n"));
        Assert.Null(ProcFs.ParsePeakRssKb("VmHWM:\t   lots kB\n"));
    }

    [Fact]
    public void ThisProcess_HasCpuAndPeakRss_AGonePidHasNone()
    {
        if (!OperatingSystem.IsLinux()) return;
        var self = ProcFs.Read(Environment.ProcessId);
        Assert.NotNull(self);
        Assert.True(self.CpuTicks > 0 && self.PeakRssKb > 0, self.ToString());
        Assert.Null(ProcFs.Read(int.MaxValue));
        Assert.Equal(100, ProcFs.TicksPerSecond);
    }

    private static readonly NodeCost Sample = new(
    [
        new("n1", new NodeCostReading(30, 11, 28800)),
        new("n2", null),
        new("n3", new NodeCostReading(41, 0, 30000)),
        new("n4", new NodeCostReading(5, 5, null)),
        new("n5", new NodeCostReading(1, 1, 20000)),
    ], 100);

    [Fact]
    public void Figures_AreOverTheNodesRead()
    {
        Assert.Equal(94, Sample.TotalCpuTicks);
        Assert.Equal(("n1", 41L), Sample.MaxCpu);
        Assert.Equal(("n3", 30000L), Sample.MaxPeakRss);
        Assert.Equal(28800L, Sample.MedianPeakRssKb);
        Assert.Equal(["n2"], Sample.Unread);
    }

    [Fact]
    public void Median_OfAnEvenCount_IsTheLowerMiddle()
    {
        var cost = Sample with { Nodes = [.. Sample.Nodes, new("n6", new(0, 0, 29000))] };
        Assert.Equal(28800L, cost.MedianPeakRssKb);
    }

    [Fact]
    public void NothingRead_HasNoFigures()
    {
        var cost = new NodeCost([new("n1", null)], 100);
        Assert.Equal(0, cost.TotalCpuTicks);
        Assert.Null(cost.MaxCpu);
        Assert.Null(cost.MaxPeakRss);
        Assert.Null(cost.MedianPeakRssKb);
        Assert.Equal("not readable (no /proc); no figures for n1 (exited)",
            Summary.NodeCostText(cost));
    }

    [Fact]
    public void Edn_HasEachNodeThenTheFigures()
    {
        Assert.Equal("{:nodes {\"n1\" {:cpu-s 0.41, :user-s 0.3, :sys-s 0.11, :peak-rss-kb 28800},"
            + " \"n2\" nil, \"n3\" {:cpu-s 0.41, :user-s 0.41, :sys-s 0.0, :peak-rss-kb 30000},"
            + " \"n4\" {:cpu-s 0.1, :user-s 0.05, :sys-s 0.05, :peak-rss-kb nil},"
            + " \"n5\" {:cpu-s 0.02, :user-s 0.01, :sys-s 0.01, :peak-rss-kb 20000}},"
            + " :cpu-s-total 0.94, :cpu-s-max 0.41, :cpu-s-max-node \"n1\","
            + " :peak-rss-kb-max 30000, :peak-rss-kb-max-node \"n3\", :peak-rss-kb-median 28800}",
            Sample.ToEdn().ToString());
    }

    [Fact]
    public void SummaryLine_NamesTheBusiestNode_AndTheUnread() =>
        Assert.Equal("CPU 0.94 s total (max 0.41 s, n1); peak RSS max 29.3 MiB (n3), median "
            + "28.1 MiB; no figures for n2 (exited)", Summary.NodeCostText(Sample));

    [Fact]
    public void ResultFiles_PutNodeCostBeforeValid_AndOnlyWhenGiven()
    {
        var run = Simulator.Run(Scenarios.Small(3, 5));
        var results = run.Check();
        var extra = Edn.KwMap(("node-cost", Sample.ToEdn()));
        var plain = Texts(StoreWriter.ResultFiles(results));
        var with = Texts(StoreWriter.ResultFiles(results, extra));
        Assert.DoesNotContain("node-cost", plain["results.edn"] + plain["results.json"]);
        var edn = Assert.IsType<Edn.Map>(Read(with["results.edn"]));
        Assert.Equal(["node-cost", "valid?"],
            edn.Entries.TakeLast(2).Select(e => ((Edn.Keyword)e.Key).Name));
        Assert.Equal(Sample.ToEdn(), edn.Get("node-cost"));
        Assert.Equal(Read(plain["results.edn"]),
            new Edn.Map([.. edn.Entries.Where(e => !e.Key.IsKeyword("node-cost"))]));
        using var json = System.Text.Json.JsonDocument.Parse(with["results.json"]);
        var n3 = json.RootElement.GetProperty("node-cost").GetProperty("nodes").GetProperty("n3");
        Assert.Equal(30000, n3.GetProperty("peak-rss-kb").GetInt64());
    }

    private static Edn Read(string text) =>
        Assert.IsType<Parsed<Edn>.Ok>(EdnReader.Read(text)).Value;

    private static Dictionary<string, string> Texts(
        IEnumerable<KeyValuePair<string, byte[]>> files) =>
        files.ToDictionary(f => f.Key, f => System.Text.Encoding.UTF8.GetString(f.Value));
}
