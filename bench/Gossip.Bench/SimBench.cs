using System.Diagnostics;
using FunctionalGossip.Harness.Cli;
using FunctionalGossip.Harness.Sim;
using FunctionalGossip.Harness.Store;

namespace FunctionalGossip.Bench;

/// <summary>
/// The simulated 3d scenario in-process (JIT, not the AOT binary), or the <c>gossip test
/// --sim</c> arguments given after <c>--</c>: per phase the best of <c>--repeat</c> runs,
/// plus the bytes allocated and the collections per generation of the last run. For wall
/// time and peak RSS of the real command use scripts/bench-sim.sh.
/// </summary>
public static class SimBench
{
    private static readonly string[] Scenario =
    [
        "--sim", "--node-count", "25", "--time-limit", "20", "--rate", "100", "--latency",
        "100", "--seed", "7",
    ];

    /// <summary>GOSSIP_BENCH_ALLOC=1: also the simulation's allocation by type.</summary>
    private static bool ByType => Environment.GetEnvironmentVariable("GOSSIP_BENCH_ALLOC") == "1";

    public static int Run(string[] args)
    {
        var repeat = args.Length >= 2 && args[0] == "--repeat" ? int.Parse(args[1]) : 5;
        var dash = Array.IndexOf(args, "--");
        var scenario = dash < 0 ? Scenario : ["--sim", .. args[(dash + 1)..]];
        if (TestArgs.Parse(scenario) is not TestArgs.Run run) return 2;
        var best = (Sim: double.MaxValue, Check: double.MaxValue, Store: double.MaxValue);
        for (var i = 0; i < repeat; i++)
        {
            var (gen0, gen1, gen2) = (GC.CollectionCount(0), GC.CollectionCount(1),
                GC.CollectionCount(2));
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            using var sampler = ByType ? new AllocationSampler() : null;
            var clock = Stopwatch.StartNew();
            var result = Simulator.Run(run.Options);
            var sim = clock.Elapsed.TotalMilliseconds;
            if (sampler is not null)
            {
                Console.WriteLine("simulation's allocation by type (sampled):");
                foreach (var line in sampler.Top(25)) Console.WriteLine("  " + line);
            }
            var simAlloc = GC.GetTotalAllocatedBytes(true) - allocated;
            var results = result.Check();
            var checkAlloc = GC.GetTotalAllocatedBytes(true) - allocated - simAlloc;
            var check = clock.Elapsed.TotalMilliseconds - sim;
            var files = StoreWriter.Files(result, results);
            var store = clock.Elapsed.TotalMilliseconds - sim - check;
            best = (Math.Min(best.Sim, sim), Math.Min(best.Check, check),
                Math.Min(best.Store, store));
            if (i == repeat - 1)
            {
                Console.WriteLine($"sim {simAlloc >> 20} MB, check {checkAlloc >> 20} MB");
                var total = GC.GetTotalAllocatedBytes(true) - allocated;
                Console.WriteLine($"allocated {total >> 20} MB; "
                    + $"collections gen0 {GC.CollectionCount(0) - gen0}, gen1 "
                    + $"{GC.CollectionCount(1) - gen1}, gen2 {GC.CollectionCount(2) - gen2}; "
                    + $"{files.Count} files, {files.Sum(f => (long)f.Value.Length) >> 10} KiB");
            }
        }
        Console.WriteLine($"best of {repeat}: simulate {best.Sim:0} ms, check {best.Check:0} ms, "
            + $"store files {best.Store:0} ms");
        return 0;
    }
}
