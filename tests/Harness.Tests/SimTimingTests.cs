using FunctionalGossip.Core;
using FunctionalGossip.Core.Journal;
using FunctionalGossip.Harness.Sim;
using FunctionalGossip.Harness.Engine;
using FunctionalGossip.Harness.Maelstrom;

namespace FunctionalGossip.Harness.Tests;

/// <summary>
/// The simulator's timing model (issue 9): nodes start at drawn offsets, timers fire late
/// but never early and the node sees the actual time, and a busy node reads its next line
/// and lets its outputs go only after the input's cost, as the shell's loop does.
/// </summary>
public sealed class SimTimingTests
{
    private const long Ms = 1_000_000;

    /// <summary>A probe node: ticks every 100 ms re-armed from the time it sees (as Core's
    /// gossip timer), echoes every line, and records what it saw and when.</summary>
    private sealed class Probe : INodeStrategy
    {
        public readonly List<(string Node, string What, long NowMs, long RealNs)> Seen = [];
        public VirtualScheduler Clock { get; init; } = new();
        public long FirstTimerMs { get; init; } = 100;
        public string Name => "probe";
        public ISimNode Create() => new Node(this, "n" + _made++);
        private int _made;

        private sealed class Node(Probe p, string id) : ISimNode
        {
            public void Start(long nowMs, INodeOutputs io)
            {
                p.Seen.Add((id, "start", nowMs, p.Clock.NowNs));
                io.SetTimer(TimerId.Gossip, nowMs + p.FirstTimerMs);
            }

            public void OnLine(long nowMs, string line, INodeOutputs io)
            {
                p.Seen.Add((id, line, nowMs, p.Clock.NowNs));
                io.Stdout("echo " + line);
            }

            public void OnTimer(long nowMs, TimerId timer, INodeOutputs io)
            {
                p.Seen.Add((id, "tick", nowMs, p.Clock.NowNs));
                io.SetTimer(TimerId.Gossip, nowMs + 100);
            }
        }
    }

    /// <summary>The lines the transport hands on, with when.</summary>
    private sealed class Outputs(IScheduler clock)
    {
        public readonly List<(string Line, long AtNs)> Lines = [];
        public void OnLine(string node, StdoutLine line) => Lines.Add((line.Text, clock.NowNs));
    }

    private static (Probe Probe, Outputs Out, InProcessTransport T) Start(SimTiming timing,
        ulong seed, int nodes = 1, long firstTimerMs = 100)
    {
        var probe = new Probe { FirstTimerMs = firstTimerMs };
        var output = new Outputs(probe.Clock);
        var t = new InProcessTransport(probe.Clock, probe, timing, new Prng(seed));
        probe.Clock.Post(() => t.Start(RunOptions.NodeIds(nodes), output.OnLine, (_, _) => { }));
        return (probe, output, t);
    }

    private static Distribution Constant(double v) => new([(0, v), (1, v)]);

    [Fact]
    public void Ideal_StartsAtZero_FiresTimersOnTime_AndCostsNothing()
    {
        var (probe, output, t) = Start(SimTiming.Ideal, 1);
        probe.Clock.At(50 * Ms, () => t.Deliver("n0", "a"));
        probe.Clock.Run(() => probe.Clock.NowNs > 1000 * Ms);
        Assert.Equal(("n0", "start", 0L, 0L), probe.Seen[0]);
        Assert.Equal(("n0", "a", 50L, 50 * Ms), probe.Seen[1]);
        Assert.Equal(("echo a", 50 * Ms), output.Lines.Single());
        var ticks = probe.Seen.Where(s => s.What == "tick").ToList();
        Assert.Equal(Enumerable.Range(1, ticks.Count).Select(i => i * 100L),
            ticks.Select(s => s.NowMs));
        Assert.All(ticks, s => Assert.Equal(s.NowMs * Ms, s.RealNs));
    }

    [Fact]
    public void MeasuredTimers_FireLateNeverEarly_AndTheNodeSeesTheActualTime()
    {
        var (probe, _, _) = Start(SimTiming.Measured, 7);
        probe.Clock.Run(() => probe.Clock.NowNs > 60_000 * Ms);
        var origin = probe.Seen[0].RealNs;
        var ticks = probe.Seen.Where(s => s.What == "tick").ToList();
        Assert.All(ticks, s => Assert.Equal((s.RealNs - origin) / Ms, s.NowMs));
        var gaps = ticks.Zip(ticks.Skip(1), (a, b) => b.NowMs - a.NowMs).ToList();
        Assert.All(gaps, g => Assert.True(g >= 100, $"a tick came early: gap {g} ms"));
        // The calibrated lateness makes about half the ticks drift by a millisecond or more,
        // so the phase wanders instead of staying where it started.
        Assert.InRange(gaps.Count(g => g > 100), gaps.Count / 4, gaps.Count * 3 / 4);
        Assert.True(ticks[^1].NowMs - 100L * ticks.Count >= 100,
            "ticks should have drifted by at least one interval over a minute");
    }

    [Fact]
    public void MeasuredStartOffsets_SpreadNodesOverTheCalibratedRange_PerSeed()
    {
        long[] Origins(ulong seed)
        {
            var (probe, _, _) = Start(SimTiming.Measured, seed, nodes: 25);
            probe.Clock.Run(() => probe.Clock.NowNs > 200 * Ms);
            return probe.Seen.Where(s => s.What == "start").Select(s => s.RealNs).ToArray();
        }
        var a = Origins(3);
        Assert.Equal(25, a.Length);
        Assert.All(a, o => Assert.InRange(o, 0, 89 * Ms));
        Assert.True(a.Max() - a.Min() > 20 * Ms, "25 nodes should spread over tens of ms");
        Assert.Equal(a, Origins(3));
        Assert.NotEqual(a, Origins(4));
    }

    [Fact]
    public void BusyNode_ReadsTheNextLineAfterItsCost_AndItsOutputsLeaveThen()
    {
        var timing = new SimTiming(Distribution.Zero, Distribution.Zero, Constant(500),
            Distribution.Zero);
        var (probe, output, t) = Start(timing, 1, firstTimerMs: 10_000);
        probe.Clock.At(10 * Ms, () =>
        {
            foreach (var line in new[] { "a", "b", "c" }) t.Deliver("n0", line);
        });
        probe.Clock.Run(() => probe.Clock.NowNs > 20 * Ms);
        var read = probe.Seen.Where(s => s.What.Length == 1).Select(s => s.RealNs);
        Assert.Equal(new[] { 10 * Ms, 10 * Ms + 500_000, 10 * Ms + 1_000_000 }, read);
        Assert.Equal(new[]
        {
            ("echo a", 10 * Ms + 500_000), ("echo b", 10 * Ms + 1_000_000),
            ("echo c", 10 * Ms + 1_500_000),
        }, output.Lines);
    }

    [Fact]
    public void LinesWrittenBeforeTheNodeStarts_WaitInItsStdin()
    {
        var timing = new SimTiming(Constant(30), Distribution.Zero, Distribution.Zero,
            Distribution.Zero);
        var (probe, output, t) = Start(timing, 1);
        probe.Clock.Post(() => t.Deliver("n0", "init"));
        probe.Clock.Run(() => probe.Clock.NowNs > 50 * Ms);
        Assert.Equal(("n0", "start", 0L, 30 * Ms), probe.Seen[0]);
        Assert.Equal(("n0", "init", 0L, 30 * Ms), probe.Seen[1]);
        Assert.Equal(("echo init", 30 * Ms), output.Lines.Single());
    }

    [Fact]
    public void ATimerDueWhileBusy_FiresBeforeTheNextQueuedLine_WithoutWakeUpLateness()
    {
        var timing = new SimTiming(Distribution.Zero, Constant(50), Constant(3000),
            Distribution.Zero);
        var (probe, _, t) = Start(timing, 1, firstTimerMs: 101);
        probe.Clock.At(100 * Ms, () =>
        {
            t.Deliver("n0", "a");
            t.Deliver("n0", "b");
        });
        probe.Clock.Run(() => probe.Clock.NowNs > 150 * Ms);
        var order = probe.Seen.Skip(1).Take(3).Select(s => (s.What, s.RealNs)).ToList();
        // The tick was due at 101 ms while "a" kept the node busy until 103 ms: it fires then,
        // before "b", and the idle wake-up lateness (50 ms here) does not apply.
        Assert.Equal(new[] { ("a", 100 * Ms), ("tick", 103 * Ms), ("b", 106 * Ms) }, order);
    }

    [Fact]
    public void DeliveredLines_ReachTheNodeLate_InTheOrderTheyWereWritten()
    {
        // Lateness drawn uniformly from 0 to 10 ms: lines written 1 ms apart may be drawn out
        // of order, and must still be read in order, never before they were written.
        var timing = new SimTiming(Distribution.Zero, Distribution.Zero, Distribution.Zero,
            new Distribution([(0, 0), (1, 10)]));
        var (probe, _, t) = Start(timing, 9, firstTimerMs: 100_000);
        for (var i = 0; i < 50; i++)
        {
            var line = i.ToString();
            probe.Clock.At((10 + i) * Ms, () => t.Deliver("n0", line));
        }
        probe.Clock.Run(() => probe.Clock.NowNs > 200 * Ms);
        var read = probe.Seen.Skip(1).ToList();
        Assert.Equal(Enumerable.Range(0, 50).Select(i => i.ToString()), read.Select(r => r.What));
        Assert.All(read, r => Assert.True(r.RealNs >= (10 + int.Parse(r.What)) * Ms));
        Assert.Contains(read, r => r.RealNs > (10 + int.Parse(r.What)) * Ms + Ms);
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(0.25, 0.5)]
    [InlineData(0.5, 1.0)]
    [InlineData(0.75, 1.5)]
    [InlineData(0.999, 1.998)]
    public void WholeMsHistogram_IsUniformInsideEachMillisecond(double u, double expected)
    {
        var d = Distribution.WholeMsHistogram([0.5, 0.5]);
        Assert.Equal(expected, d.At(u), 9);
    }

    [Fact]
    public void CalibratedLateness_FloorsToTheMeasuredDriftShares()
    {
        var rng = new Prng(5);
        var draws = Enumerable.Range(0, 100_000)
            .Select(_ => (int)SimTiming.Measured.TimerLateMs.Draw(rng)).ToList();
        Assert.InRange(draws.Count(d => d == 0) / 100_000.0, 0.47, 0.49);
        Assert.InRange(draws.Count(d => d == 1) / 100_000.0, 0.34, 0.36);
    }

    [Fact]
    public void ADistribution_RefusesPointsThatDoNotRise()
    {
        Assert.Throws<ArgumentException>(() => new Distribution([(0, 5), (1, 4)]));
        Assert.Throws<ArgumentException>(() => new Distribution([(0.1, 0), (1, 4)]));
    }
}
