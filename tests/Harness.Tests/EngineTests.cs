using FunctionalGossip.Check.Checkers;
using FunctionalGossip.Check.History;
using FunctionalGossip.Harness.Sim;
using FunctionalGossip.Harness.Store;
using FunctionalGossip.Harness.Engine;
using FunctionalGossip.Harness.Maelstrom;

namespace FunctionalGossip.Harness.Tests;

using FunctionalGossip.Edn;

/// <summary>Output validation, setup failures, the nemesis in the history, determinism.</summary>
public sealed class EngineTests
{
    private static RunOptions One => RunOptions.For(1) with { TimeLimitS = 5, Rate = 5, Seed = 3 };

    [Theory]
    [InlineData("not json", "line-not-valid-json")]
    [InlineData("{\"src\":\"n0\",\"dest\":\"c10\",\"body\":{},\"extra\":1}",
        "disallowed key extra")]
    [InlineData("{\"src\":\"n0\",\"body\":{}}", "missing required key dest")]
    [InlineData("{\"src\":\"n0\",\"dest\":\"c10\",\"body\":{},\"id\":1.5}",
        "id must be an integer")]
    [InlineData("{\"src\":\"n0\",\"dest\":\"n7\",\"body\":{}}", "Invalid dest for message")]
    [InlineData("", "line-not-valid-json")]
    public void BadOutput_IsReported_AndTheNodesStdoutIsNoLongerRead(string bad, string reason)
    {
        var node = new Scripted { Raw = (_, _, _, n) => n == 0 ? [bad] : null };
        var r = Simulator.Run(One, node);
        var v = Assert.Single(r.Violations);
        Assert.Equal("n0", v.Node);
        Assert.Equal(bad, v.Line);
        Assert.Contains(reason, v.Reason);
        // Every later reply is ignored, so every later op times out.
        var completions =
            r.History.Where(o => o.ClientNumber is not null && o.Type != OpType.Invoke);
        Assert.All(completions, c => Assert.Equal(Edn.Kw("net-timeout"), c.Error));
        Assert.Contains(r.Log, l => l.Level == "WARN" && l.Thread == "n0 stdout");
    }

    [Fact]
    public void LateReplyToAClosedClient_IsAnInvalidDest()
    {
        // The first request goes unanswered, so a broadcast ends :info and the thread's next
        // op opens a new client, closing the old one. A reply to the old client then is sent
        // to an unknown dest: Maelstrom's "Invalid dest" (maelstrom issues #9, #27).
        string? firstClient = null;
        var late = new Scripted
        {
            Answer = (_, _, _, n) => n == 0 ? null : "\"type\":\"broadcast_ok\"",
            Raw = (self, src, _, n) =>
            {
                firstClient ??= src;
                return n == 1 && src != firstClient
                    ? [$$"""{"src":"{{self}}","dest":"{{firstClient}}","body":"""
                        + """{"type":"broadcast_ok","in_reply_to":1}}"""]
                    : null;
            },
        };
        var r = Simulator.Run(One with { Rate = 1, TimeLimitS = 15, Seed = 8 }, late);
        var first = r.History.First(o => o.Type != OpType.Invoke && o.ClientNumber is not null);
        Assert.Equal(OpType.Info, first.Type); // this seed starts with a broadcast
        var v = Assert.Single(r.Violations);
        Assert.StartsWith("Invalid dest for message", v.Reason);
        Assert.Contains(firstClient!, v.Line);
    }

    [Fact]
    public void SilentInit_CrashesTheTest()
    {
        var r = Simulator.Run(One, new Scripted { AnswerInit = false });
        Assert.Contains("did not respond", r.Crash);
        Assert.Empty(r.History);
        Assert.Equal(10_000_000_000L, r.EndNs);
    }

    [Fact]
    public void Nemesis_StartsAtOnce_AlternatesAndHealsAtTheEnd()
    {
        // Ideal node timing: the main phase then begins at relative time 0 exactly.
        var r = Simulator.Run(Scenarios.Small(5, 21, partitions: true) with
        {
            SimTiming = SimTimingKind.Ideal,
        }, new NaiveFlood());
        var nemesis = r.History.Where(o => o.Process is OpProcess.Nemesis).ToList();
        Assert.All(nemesis, o => Assert.Equal(OpType.Info, o.Type));
        Assert.Equal(0, nemesis[0].Time);
        Assert.True(nemesis[0].IsF("start-partition"));
        var specs = new[] { ":one", ":minority-third", ":majority", ":majorities-ring" };
        Assert.Contains(nemesis[0].Value.ToString(), specs);
        Assert.StartsWith("[:isolated {\"n", nemesis[1].Value.ToString());
        for (var i = 0; i < nemesis.Count; i += 2)
            Assert.Equal(nemesis[i].F, nemesis[i + 1].F); // invoke then completion
        var fs = nemesis.Where((_, i) => i % 2 == 0).Select(o => o.F.ToString()).ToList();
        for (var i = 1; i < fs.Count - 1; i++) Assert.NotEqual(fs[i - 1], fs[i]);
        Assert.Equal(":stop-partition", fs[^1]);
        Assert.Equal(Edn.Kw("network-healed"), nemesis[^1].Value);
        Assert.Equal(Edn.Nil.Value, nemesis[^2].Value);
        var firstFinal = r.History.First(o => o.Final);
        Assert.True(firstFinal.Time >= nemesis[^1].Time + 10_000_000_000L);
    }

    [Fact]
    public void NaiveFlood_LosesValues_UnderPartitions()
    {
        var r = Simulator.Run(Scenarios.Efficiency(2, partitions: true), new NaiveFlood());
        var check = r.Check();
        Assert.Equal(Validity.Invalid, check.Valid);
        Assert.True(check.Workload.LostCount > 0);
        Assert.True(r.Dropped > 0);
    }

    [Fact]
    public void SameSeed_GivesByteIdenticalStoreFiles_OtherSeedsDiffer()
    {
        var o = RunOptions.For(7) with
        {
            TimeLimitS = 10, Rate = 30, Latency = new Latency(40, LatencyDist.Exponential),
            Partitions = true, NemesisIntervalS = 3, Seed = 77,
            LogNetSend = true, LogNetRecv = true,
        };
        var a = StoreWriter.Files(Simulator.Run(o), Simulator.Run(o).Check());
        var runB = Simulator.Run(o);
        var b = StoreWriter.Files(runB, runB.Check());
        Assert.Equal(a.Select(f => f.Key), b.Select(f => f.Key));
        foreach (var (fa, fb) in a.Zip(b))
            Assert.True(fa.Value.AsSpan().SequenceEqual(fb.Value), fa.Key);
        Assert.Contains(a, f => f.Key == "node-logs/n6.log" && f.Value.Length > 0);
        var c = Simulator.Run(o with { Seed = 78 });
        Assert.NotEqual(HistoryWriter.WriteEdn(runB.History), HistoryWriter.WriteEdn(c.History));
    }

    [Fact]
    public void NodeLogs_AreTheShellsJournal_AndReplayThroughStep()
    {
        var r = Simulator.Run(Scenarios.Small(3, 5));
        var log = r.NodeLogs[0].Value;
        Assert.StartsWith("gossip-journal 1 tick-ms=220 retry-ms=3000 ack-ms=2000 "
            + "suspect-ms=800 suspect-first-ms=600 suspect-min-ms=300 suspect-deviations=6 "
            + "fanout-per-s=2000 probes=4 detour-ms=0 relay=star eager=up", log[0]);
        Assert.Matches("^0 recv \\{\"id\":0,\"src\":\"c0\",\"dest\":\"n0\","
            + "\"body\":\\{\"type\":\"init\"", log[1]);
        Assert.Equal("0 send {\"src\":\"n0\",\"dest\":\"c0\","
            + "\"body\":{\"type\":\"init_ok\",\"in_reply_to\":1}}", log[2]);
        Assert.Contains(log, l => l.Contains(" tick gossip"));
        Assert.All(log.Skip(1), l => Assert.True(
            FunctionalGossip.Core.Journal.JournalFormat.Parse(l).IsSome, l));
    }
}
