using CsCheck;
using FunctionalGossip.Check.History;
using FunctionalGossip.Harness.Cli;
using FunctionalGossip.Harness.Maelstrom;
using FunctionalGossip.Harness.Processes;

namespace FunctionalGossip.Harness.Tests;

using FunctionalGossip.Edn;

/// <summary>The figures a process-mode soak is judged by (issue 13): each node's RSS over time
/// and its slope after warm-up, and what the clients saw (ops completed against requested,
/// timeouts, read latency).</summary>
public sealed class SoakFiguresTests
{
    [Fact]
    public void Slope_OfALine_IsItsGradient()
    {
        Assert.Equal(3.0, Trend.Slope([(0, 5), (1, 8), (2, 11), (10, 35)])!.Value, 9);
        Assert.Equal(0.0, Trend.Slope([(0, 7), (4, 7), (9, 7)])!.Value, 9);
        Assert.Equal(-0.5, Trend.Slope([(2, 1), (4, 0)])!.Value, 9);
    }

    [Fact]
    public void Slope_NeedsTwoDistinctTimes()
    {
        Assert.Null(Trend.Slope([]));
        Assert.Null(Trend.Slope([(1, 5)]));
        Assert.Null(Trend.Slope([(1, 5), (1, 9)]));
    }

    [Fact]
    public void Slope_OfAnyLine_IsItsGradient_WhereverItsPointsLie() =>
        Gen.Select(Gen.Double[-100, 100], Gen.Double[-1e4, 1e4],
                Gen.Int[0, 1000].Array[2, 40].Where(xs => xs.Distinct().Count() > 1))
            .Sample((gradient, offset, xs) =>
            {
                var slope = Trend.Slope([.. xs.Select(x => ((double)x, offset + gradient * x))]);
                return slope is double s
                    && Math.Abs(s - gradient) < 1e-6 * (1 + Math.Abs(gradient));
            });

    [Fact]
    public void WarmUp_IsTheFirstHalfOfTheSampledTime()
    {
        RssSample[] samples = [new(1, 10), new(2, 20), new(3, 30), new(4, 40), new(5, 40)];
        Assert.Equal([new(3, 30), new(4, 40), new(5, 40)], Trend.AfterWarmUp(samples));
        Assert.Empty(Trend.AfterWarmUp([]));
    }

    [Fact]
    public void RssSlope_IgnoresTheRampBeforeWarmUpEnds()
    {
        // Grows 1,000 kB a second for 10 s, then flat for 10 s.
        var samples = Enumerable.Range(0, 21)
            .Select(t => new RssSample(t, 5000 + 1000 * Math.Min(t, 10))).ToList();
        Assert.Equal(0.0, Trend.RssSlopeKibPerS(samples)!.Value, 9);
        var growing = samples.Select(s => s with { Kb = s.Kb + 2 * (long)s.Seconds }).ToList();
        Assert.Equal(2.0, Trend.RssSlopeKibPerS(growing)!.Value, 9);
    }

    private static readonly NodeRss Rss = new(
    [
        new("n0", [new(0, 1000), new(1, 1100), new(2, 1200), new(3, 1300)]),
        new("n1", []),
        new("n2", [new(0, 3000), new(1, 3000), new(2, 3000), new(3, 3000)]),
        new("n3", [new(0, 2000), new(1, 2000), new(2, 2010), new(3, 2030)]),
    ], 1);

    [Fact]
    public void NodeRss_Figures_AreOverTheNodesSampled()
    {
        Assert.Equal([("n0", 100.0), ("n2", 0.0), ("n3", 20.0)], Rss.Slopes);
        Assert.Equal(("n0", 100.0), Rss.MaxSlope);
        Assert.Equal(20.0, Rss.MedianSlope);
        Assert.Equal(("n2", 3000L), Rss.MaxLast);
        var none = new NodeRss([new("n0", [])], 1);
        Assert.Null(none.MaxSlope);
        Assert.Null(none.MaxLast);
        Assert.Equal("sampled every 1 s: no samples", Summary.NodeRssText(none));
    }

    [Fact]
    public void NodeRss_Edn_HasEachNodesSamplesAndSlope_ThenTheFigures() =>
        Assert.Equal("{:interval-s 1.0, :warm-up \"first half of the sampled time\", :nodes "
            + "{\"n0\" {:slope-kib-per-s 100.0, :rss-kb [1000 1100 1200 1300]}, "
            + "\"n1\" {:slope-kib-per-s nil, :rss-kb []}, "
            + "\"n2\" {:slope-kib-per-s 0.0, :rss-kb [3000 3000 3000 3000]}, "
            + "\"n3\" {:slope-kib-per-s 20.0, :rss-kb [2000 2000 2010 2030]}}, "
            + ":slope-kib-per-s-max 100.0, :slope-kib-per-s-max-node \"n0\", "
            + ":slope-kib-per-s-median 20.0}", Rss.ToEdn().ToString());

    [Fact]
    public void NodeRss_SummaryLine_GivesTheEndAndTheSlopes() =>
        Assert.Equal("sampled every 1 s; at the end max 2.9 MiB (n2); slope after warm-up max "
            + "+100.00 KiB/s (n0), median +20.00 KiB/s", Summary.NodeRssText(Rss));

    [Fact]
    public void Rss_IsVmRss()
    {
        Assert.Equal(27000L, ProcFs.ParseRssKb(
            "Name:\tgossip\nVmHWM:\t   28800 kB\nVmRSS:\t   27000 kB\nThreads:\t9\n"));
        Assert.Null(ProcFs.ParseRssKb("Name:\tgossip\nState:\tZ (zombie)\n"));
        if (!OperatingSystem.IsLinux()) return;
        Assert.True(ProcFs.ReadRssKb(Environment.ProcessId) > 0);
        Assert.Null(ProcFs.ReadRssKb(int.MaxValue));
    }

    [Fact]
    public void Sampler_ReadsAtStartAndAtStop_AndSkipsAGoneProcess()
    {
        if (!OperatingSystem.IsLinux()) return;
        var sampler = new RssSampler(
            [("self", () => Environment.ProcessId), ("gone", () => null)],
            TimeSpan.FromHours(1));
        var rss = sampler.Stop();
        Assert.Equal(["self", "gone"], rss.Nodes.Select(n => n.Key));
        Assert.Equal(2, rss.Nodes[0].Value.Count);
        Assert.All(rss.Nodes[0].Value, s => Assert.True(s.Kb > 0));
        Assert.Empty(rss.Nodes[1].Value);
        Assert.Equal(3600.0, rss.IntervalS);
    }

    private static Op Client(long time, OpType type, long process, string f, Edn value,
        Edn? error = null, bool final = false) =>
        Op.ForClient(0, time * 1_000_000, type, process, f, value, error, final);

    private static readonly Edn Timeout = Edn.Kw("net-timeout");

    private static readonly IReadOnlyList<Op> History =
    [
        Client(0, OpType.Invoke, 0, "broadcast", Edn.Of(1)),
        Client(1, OpType.Invoke, 1, "read", Edn.Nil.Value),
        Client(3, OpType.Ok, 0, "broadcast", Edn.Of(1)),
        Client(5, OpType.Ok, 1, "read", new Edn.Vector([Edn.Of(1)])),
        Client(6, OpType.Invoke, 0, "read", Edn.Nil.Value),
        Client(7, OpType.Invoke, 1, "broadcast", Edn.Of(2)),
        Client(5006, OpType.Fail, 0, "read", Edn.Nil.Value, Timeout),
        Client(5007, OpType.Info, 1, "broadcast", Edn.Of(2), Timeout),
        Client(5008, OpType.Invoke, 3, "read", Edn.Nil.Value),
        Client(5018, OpType.Ok, 3, "read", new Edn.Vector([Edn.Of(1), Edn.Of(2)])),
        Client(6000, OpType.Invoke, 0, "read", Edn.Nil.Value, final: true),
        Client(6100, OpType.Ok, 0, "read", new Edn.Vector([Edn.Of(1)]), final: true),
    ];

    [Fact]
    public void ClientFigures_CountTheMainPhase_AgainstRateTimesTimeLimit()
    {
        var options = new RunOptions(RunOptions.NodeIds(2), TimeLimitS: 10, Rate: 0.75);
        var figures = ClientFigures.Of(History, options);
        Assert.Equal(8, figures.Requested);
        Assert.Equal(5, figures.Invoked);
        Assert.Equal(4, figures.Completed);
        Assert.Equal(2, figures.TimedOut);
        Assert.Equal(0.5, figures.CompletedShare);
        Assert.Equal(new OpLatency(2, 10, 10, 10), figures.Reads);
        Assert.Equal(new OpLatency(1, 3, 3, 3), figures.Broadcasts);
        Assert.Equal("4 of 8 requested ops completed (50.0%), 5 invoked, 2 timed out; read "
            + "latency median 10.0 ms, p99 10.0 ms, max 10.0 ms; broadcast latency median "
            + "3.0 ms, p99 3.0 ms, max 3.0 ms", figures.Text());
        Assert.Equal("{:requested 8, :invoked 5, :completed 4, :completed-share 0.5, "
            + ":timed-out 2, :read-latency-ms {:count 2, :median 10.0, :p99 10.0, :max 10.0}, "
            + ":broadcast-latency-ms {:count 1, :median 3.0, :p99 3.0, :max 3.0}}",
            figures.ToEdn().ToString());
    }

    [Fact]
    public void OpLatency_FollowsJepsensIndexRule()
    {
        var latency = OpLatency.Of(Enumerable.Range(1, 100).Select(i => i * 1_000_000L))!;
        Assert.Equal(new OpLatency(100, 51, 100, 100), latency);
        Assert.Null(OpLatency.Of([]));
    }

    [Fact]
    public void NoOps_HaveNoLatencies()
    {
        var figures = ClientFigures.Of([], new RunOptions(RunOptions.NodeIds(1), Rate: 0));
        Assert.Equal(new ClientFigures(0, 0, 0, 0, null, null), figures);
        Assert.Equal(0, figures.CompletedShare);
        Assert.Contains("read latency none; broadcast latency none", figures.Text());
    }

    [Fact]
    public void HarnessFigures_GiveTheLoopsBusyShare_WhenKnown()
    {
        long[] ns = [1_000_000, 2_000_000, 3_000_000];
        var plain = Summary.OverheadEdn(ns)!;
        var load = LoopLoad.Of(600, 1000, (5000, 100), (5400, 300))!;
        Assert.Equal(new LoopLoad(0.6, 0.4, 0.2), load);
        Assert.Equal(plain.ToString()[..^1] + ", :loop-busy-share 0.6, :loop-on-cpu-share 0.4, "
            + ":loop-cpu-wait-share 0.2}", Summary.OverheadEdn(ns, load)!.ToString());
        Assert.Equal("; loop busy 60% of the run (on a CPU 40%, waiting for one 20%)",
            load.Text());
        var noSched = LoopLoad.Of(976, 1000, null, (1, 2))!;
        Assert.Equal("; loop busy 98% of the run", noSched.Text());
        Assert.Equal(plain.ToString()[..^1] + ", :loop-busy-share 0.976}",
            Summary.OverheadEdn(ns, noSched)!.ToString());
        Assert.Null(LoopLoad.Of(0, 0, null, null));
    }

    [Fact]
    public void Scheduler_CountsTimeInsideActions_AsBusy()
    {
        var clock = new RealTimeScheduler(CancellationToken.None);
        var done = false;
        clock.Post(() => Thread.Sleep(30));
        clock.Post(() => done = true);
        clock.Run(() => done);
        Assert.InRange(clock.BusyNs, 29_000_000, clock.RunNs);
        Assert.NotNull(clock.Load);
        if (OperatingSystem.IsLinux()) Assert.NotNull(clock.Load.OnCpu);
    }

    [Fact]
    public void Schedstat_IsOnCpuThenWaiting()
    {
        Assert.Equal((8246054L, 9803544L), ProcFs.ParseSchedstat("8246054 9803544 5\n"));
        Assert.Null(ProcFs.ParseSchedstat(""));
        Assert.Null(ProcFs.ParseSchedstat("12 x 3"));
    }
}
