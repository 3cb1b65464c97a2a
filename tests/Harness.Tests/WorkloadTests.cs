using FunctionalGossip.Check.History;
using FunctionalGossip.Harness.Sim;
using FunctionalGossip.Harness.Engine;
using FunctionalGossip.Harness.Maelstrom;

namespace FunctionalGossip.Harness.Tests;

using FunctionalGossip.Edn;

/// <summary>The workload and client model against broadcast.clj, core.clj and Jepsen's
/// generator/interpreter.</summary>
public sealed class WorkloadTests
{
    /// <summary>Ideal node timing, so the main phase begins at relative time 0 exactly.</summary>
    private static readonly RunResult Run5 = Simulator.Run(
        Scenarios.Small(5, 11) with { SimTiming = SimTimingKind.Ideal }, new NaiveFlood());

    private static List<Op> ClientInvokes(RunResult r) =>
        r.History.Where(o => o.Type == OpType.Invoke && o.ClientNumber is not null).ToList();

    [Fact]
    public void BroadcastValues_AreConsecutiveInInvocationOrder()
    {
        var values = ClientInvokes(Run5).Where(o => o.IsF("broadcast"))
            .Select(o => ((Edn.Int)o.Value).Value).ToList();
        Assert.Equal(Enumerable.Range(0, values.Count).Select(i => (long)i), values);
    }

    [Fact]
    public void Rate_Mix_AndTimeLimit_MatchStaggerAndMix()
    {
        var main = ClientInvokes(Run5).Where(o => !o.Final).ToList();
        Assert.Equal(0, main[0].Time);                         // first op at once
        Assert.All(main, o => Assert.True(o.Time < 20_000_000_000L));
        Assert.InRange(main.Count, 160, 240);                  // ≈ rate·limit = 200
        var broadcasts = main.Count(o => o.IsF("broadcast"));
        Assert.InRange(broadcasts, main.Count * 0.35, main.Count * 0.65);
        var gaps = main.Zip(main.Skip(1), (a, b) => b.Time - a.Time).ToList();
        Assert.All(gaps, g => Assert.InRange(g, 0, 200_000_000)); // U[0, 2/rate)
    }

    [Fact]
    public void Threads_TakeOpsInRotatingOrder_AndFinalReadsComeOncePerThreadAfterRecovery()
    {
        var invokes = ClientInvokes(Run5);
        // context.clj: the rotating index counts the nemesis thread too (slot 5 of 6), so
        // after 0..4 the search from slot 5 wraps to 0, and the next starts at 0 again.
        Assert.Equal(new long[] { 0, 1, 2, 3, 4, 0, 0, 1 },
            invokes.Take(8).Select(o => o.ClientNumber!.Value));
        var finals = invokes.Where(o => o.Final).ToList();
        Assert.Equal(5, finals.Count);
        Assert.Equal(new long[] { 0, 1, 2, 3, 4 },
            finals.Select(o => o.ClientNumber!.Value % 5).Order());
        var lastMain = Run5.History.Where(o => !o.Final).Max(o => o.Time);
        Assert.All(finals, f => Assert.True(f.Time >= lastMain + 10_000_000_000L));
        var log = Run5.Log.Select(l => l.Message).ToList();
        Assert.Contains("Waiting for recovery...", log);
    }

    [Fact]
    public void RequestsReachNode_IModN_FromFreshClientsAfterSetupClients()
    {
        // 10 setup clients (init c0..c4, topology c5..c9); worker i opens c(10+i) for node i.
        var r = Simulator.Run(Scenarios.Small(5, 11), new Scripted());
        var first = r.NodeLogs.Select(kv => kv.Value.First(l => l.Contains(" read from ")
            || l.Contains(" broadcast from c"))).ToList();
        for (var i = 0; i < 5; i++) Assert.EndsWith($"from c{10 + i}", first[i]);
    }

    [Fact]
    public void Timeouts_MakeBroadcastsInfoAndReadsFail_AndReplaceTheProcess()
    {
        var silent = new Scripted { Answer = (_, _, _, _) => null };
        var r = Simulator.Run(RunOptions.For(2) with { TimeLimitS = 12, Rate = 2, Seed = 4 },
            silent);
        var completions = r.History
            .Where(o => o.ClientNumber is not null && o.Type != OpType.Invoke).ToList();
        Assert.NotEmpty(completions);
        Assert.All(completions, c =>
        {
            Assert.Equal(Edn.Kw("net-timeout"), c.Error);
            Assert.Equal(c.IsF("read") ? OpType.Fail : OpType.Info, c.Type);
        });
        // 5 s timeouts: each completion is 5 s after its invocation.
        var byProcess = r.History.Where(o => o.ClientNumber is not null)
            .GroupBy(o => o.ClientNumber);
        Assert.All(byProcess, g =>
        {
            var ops = g.ToList();
            for (var i = 0; i + 1 < ops.Count; i += 2)
                Assert.Equal(5_000_000_000L, ops[i + 1].Time - ops[i].Time);
        });
        // After an :info the thread continues as process + concurrency (2).
        Assert.All(completions.Where(c => c.Type == OpType.Info), info =>
            Assert.DoesNotContain(r.History, o => o.ClientNumber == info.ClientNumber
                && o.Type == OpType.Invoke && o.Index > info.Index));
        Assert.Contains(r.History, o => o.ClientNumber >= 2);
    }

    [Theory]
    [InlineData(11, "broadcast", OpType.Fail)]  // temporarily-unavailable: definite
    [InlineData(13, "broadcast", OpType.Info)]  // crash: indefinite
    [InlineData(1000, "broadcast", OpType.Info)] // custom codes are indefinite
    [InlineData(13, "read", OpType.Fail)]       // reads are idempotent: always :fail
    public void ErrorReplies_MapAsMaelstromDoes(int code, string f, OpType expected)
    {
        var erring = new Scripted
        {
            Answer = (_, _, _, _) =>
                $"\"type\":\"error\",\"code\":{code},\"text\":\"no\",\"extra\":1",
        };
        var r = Simulator.Run(RunOptions.For(1) with { TimeLimitS = 5, Rate = 5, Seed = 2 },
            erring);
        var c = r.History.First(o =>
            o.ClientNumber is not null && o.Type != OpType.Invoke && o.IsF(f));
        Assert.Equal(expected, c.Type);
        var name = code switch { 11 => "temporarily-unavailable", 13 => "crash", _ => "unknown" };
        Assert.Equal($"[:{name} \"no\"]", c.Error!.ToString());
        Assert.Empty(r.Violations);
    }

    [Fact]
    public void MalformedReply_IsInfoWithException_AndReported()
    {
        var sloppy = new Scripted
        {
            Answer = (_, type, _, _) => type == "read"
                ? "\"type\":\"read_ok\",\"messages\":[],\"note\":\"hi\""
                : "\"type\":\"broadcast_ok\",\"msg_id\":1.5",
        };
        var r = Simulator.Run(RunOptions.For(1) with { TimeLimitS = 5, Rate = 5, Seed = 2 },
            sloppy);
        var completions = r.History
            .Where(o => o.ClientNumber is not null && o.Type != OpType.Invoke).ToList();
        Assert.All(completions.Where(c => !c.Final), c =>
        {
            Assert.Equal(OpType.Info, c.Type);
            Assert.StartsWith("indeterminate: Malformed RPC response", ((Edn.Str)c.Error!).Value);
            Assert.NotNull(c.Extra.Get("exception"));
        });
        Assert.Contains(r.Violations, v => v.Reason.Contains("disallowed key note"));
        Assert.Contains(r.Violations, v => v.Reason.Contains("msg_id must be an integer"));
        Assert.NotEmpty(r.Check().Exceptions.Groups);
    }
}

/// <summary>--rate 0 (no client ops) without a nemesis: the main phase still lasts the time
/// limit, then recovery and the final reads, instead of never ending.</summary>
public sealed class NoOpsTests
{
    [Fact]
    public void RateZero_EndsAfterTheTimeLimit_WithOnlyFinalReads()
    {
        var o = Scenarios.Small(3, 5) with
        {
            Rate = 0, TimeLimitS = 2, RecoveryS = 1, SimTiming = SimTimingKind.Ideal,
        };
        var r = Simulator.Run(o);
        Assert.Null(r.Crash);
        var invokes = r.History.Where(op => op.Type == OpType.Invoke).ToList();
        Assert.Equal(3, invokes.Count);
        Assert.All(invokes, op => Assert.True(op.Final));
        Assert.InRange(r.EndNs, 3_000_000_000L, 3_100_000_000L);
    }
}
