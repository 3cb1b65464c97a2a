using FunctionalGossip.Check.Checkers;
using FunctionalGossip.Check.Results;
using FunctionalGossip.Harness.Engine;
using FunctionalGossip.Harness.Sim;
using FunctionalGossip.Harness.Store;

namespace FunctionalGossip.Harness.Cli;

/// <summary><c>gossip test --sim …</c>: run, check, store, summarise.</summary>
public static class TestCommand
{
    /// <summary>Exit status for unusable arguments (Jepsen's CLI: 254).</summary>
    public const int BadArguments = 254;

    /// <summary>Exit status for a crashed test or a harness bug (Jepsen's CLI: 255).</summary>
    public const int InternalError = 255;

    /// <summary>Runs the command; <paramref name="args"/> follow <c>test</c>. Returns 0 valid,
    /// 1 invalid, 2 unknown, 254 bad arguments, 255 internal error.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            return TestArgs.Parse(args) switch
            {
                TestArgs.Help => Help(stdout),
                TestArgs.Bad bad => Fail(stderr, bad.Message),
                TestArgs.Run run => Execute(run, stdout, stderr),
                var other => throw new System.Diagnostics.UnreachableException(other.ToString()),
            };
        }
        catch (Exception e)
        {
            stderr.WriteLine($"gossip test: internal error: {e.GetType().Name}: {e.Message}");
            return InternalError;
        }
    }

    private static int Help(TextWriter stdout)
    {
        stdout.Write(TestArgs.Usage);
        return 0;
    }

    private static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine("gossip test: " + message + " (see gossip test --help)");
        return BadArguments;
    }

    private static int Execute(TestArgs.Run run, TextWriter stdout, TextWriter stderr)
    {
        try { Simulator.ProductionSettings(run.Options); }
        catch (ArgumentException e) { return Fail(stderr, e.Message); }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = Simulator.Run(run.Options);
        var simulated = clock.Elapsed;
        var results = result.Crash is null ? result.Check() : null;
        var checkedAt = clock.Elapsed;
        var dir = StoreWriter.Write(run.StoreDir, result, results, DateTimeOffset.UtcNow);
        if (run.Timings)
            stderr.WriteLine($"timings: simulate {simulated.TotalMilliseconds:0} ms, check "
                + $"{(checkedAt - simulated).TotalMilliseconds:0} ms, store "
                + $"{(clock.Elapsed - checkedAt).TotalMilliseconds:0} ms");
        var summary = run.Json ? stderr : stdout;
        foreach (var v in result.Violations.Take(10))
            stderr.WriteLine($"gossip test: {v.Node} output rejected at {v.AtNs / 1_000_000} ms "
                + $"({v.Reason}): {v.Line}");
        if (result.Violations.Count > 10)
            stderr.WriteLine($"gossip test: … {result.Violations.Count - 10} more violations");
        if (results is null)
        {
            stderr.WriteLine($"gossip test: test crashed: {result.Crash}");
            stderr.WriteLine($"seed {run.Options.Seed}; store {dir}");
            return InternalError;
        }
        if (run.Json) stdout.WriteLine(ResultsWriter.ToJson(results));
        Summarise(summary, run, result, results, dir);
        return results.Valid.ExitCode();
    }

    private static void Summarise(TextWriter w, TestArgs.Run run, RunResult result,
        CheckResults results, string dir)
    {
        var o = run.Options;
        var s = results.Stats.All;
        var set = results.Workload;
        var lat = set.StableLatencies;
        w.WriteLine(
            $"simulated {o.Nodes.Count} nodes for {o.TimeLimitS} s + {o.RecoveryS} s recovery "
            + $"(virtual {result.EndNs / 1e9:0.0} s); store {dir}");
        w.WriteLine($"ops {s.Count} (ok {s.OkCount}, fail {s.FailCount}, info {s.InfoCount}); "
            + $"broadcasts {set.AttemptCount}: stable {set.StableCount}, lost {set.LostCount}, "
            + $"never read {set.NeverReadCount}; output violations {result.Violations.Count}");
        w.WriteLine(
            $"servers msgs-per-op {results.Net?.Servers.MsgsPerOp ?? 0:0.###}; stable latency "
            + (lat is null ? "none" : $"median {lat.P50} ms, max {lat.P100} ms"));
        w.WriteLine(results.Valid switch
        {
            Validity.Valid => "Everything looks good! ヽ(‘ー`)ノ",
            Validity.Invalid => "Analysis invalid! (ﾉಥ益ಥ）ﾉ ┻━┻",
            _ => "Errors occurred during analysis, but no anomalies found. ಠ~ಠ",
        });
        w.WriteLine($"seed {o.Seed}: {TestArgs.Render(o)}");
    }
}
