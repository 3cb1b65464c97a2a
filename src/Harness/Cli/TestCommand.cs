using System.CommandLine;
using System.Diagnostics;
using FunctionalGossip.Cli;
using FunctionalGossip.Check.Checkers;
using FunctionalGossip.Check.Results;
using FunctionalGossip.Harness.Report;
using FunctionalGossip.Harness.Sim;
using FunctionalGossip.Harness.Store;
using FunctionalGossip.Harness.Engine;
using FunctionalGossip.Harness.Maelstrom;

namespace FunctionalGossip.Harness.Cli;

using FunctionalGossip.Edn;

/// <summary><c>gossip test [--sim] …</c>: run, check, store, summarise.</summary>
public static class TestCommand
{
    /// <summary>Exit status for unusable arguments (Jepsen's CLI: 254).</summary>
    public const int BadArguments = 254;

    /// <summary>Exit status for a crashed test or a harness bug (Jepsen's CLI: 255).</summary>
    public const int InternalError = 255;

    /// <summary>Exit status after Ctrl-C or SIGTERM (128 + SIGINT).</summary>
    public const int Interrupted = 130;

    /// <summary>Runs the command; <paramref name="args"/> follow <c>test</c>. Returns 0 valid,
    /// 1 invalid, 2 unknown, 254 bad arguments, 255 internal error, 130 interrupted.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) =>
        CommandLine.Run(Definition(), args, stdout, stderr);

    /// <summary>The <c>gossip test</c> command.</summary>
    public static Command Definition() => Define(new TestOptions());

    /// <summary>The command over <paramref name="options"/>, running the test when
    /// invoked.</summary>
    internal static GossipCommand Define(TestOptions options)
    {
        var command = new GossipCommand("test", TestArgs.Summary, TestArgs.Details,
            BadArguments);
        TestOptions.AddTo(command,
            [options.SimMode, options.Seed, .. options.RunSymbols(), options.CheckInvariants]);
        command.SetRun((r, stdout, stderr) => options.Read(r) switch
        {
            TestArgs.Run run => Guarded(run, stdout, stderr),
            TestArgs.Bad bad => CommandLine.Refuse(command, bad.Message, stderr),
            var other => throw new UnreachableException(other.ToString()),
        });
        return command;
    }

    private static int Guarded(TestArgs.Run run, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            return Execute(run, stdout, stderr);
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("gossip test: interrupted; every node process was killed");
            return Interrupted;
        }
        catch (Exception e)
        {
            stderr.WriteLine($"gossip test: internal error: {e.GetType().Name}: {e.Message}");
            return InternalError;
        }
    }

    private static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine("gossip test: " + message + " (see gossip test --help)");
        return BadArguments;
    }

    private static int Execute(TestArgs.Run run, TextWriter stdout, TextWriter stderr)
    {
        if (run.Sim || !run.BinGiven)
        {
            try { Simulator.ProductionSettings(run.Options); }
            catch (ArgumentException e) { return Fail(stderr, e.Message); }
        }
        var mode = run.Sim ? Mode.Simulated(run.CheckInvariants)
            : ProcessMode.Prepare(run, stderr);
        if (mode is null) return BadArguments;
        var clock = Stopwatch.StartNew();
        var result = mode.Run(run.Options);
        var ran = clock.Elapsed;
        CollectAfterLargeRun();
        var dir = StoreWriter.NewRunFolder(run.StoreDir, DateTimeOffset.UtcNow);
        var (results, checkTime, plots) = CheckWhileWriting(result, dir);
        var extra = Extra(mode, result);
        var defects = NodeDefects.Find(result.NodeLogs);
        StoreWriter.WriteFiles(dir, [.. StoreWriter.ResultFiles(results, extra),
            .. Report(run, mode, result, results, defects, plots)]);
        StoreWriter.LinkLatest(run.StoreDir, dir);
        StoreIndex.Write(run.StoreDir);
        if (run.Timings)
            stderr.WriteLine($"timings: {(run.Sim ? "simulate" : "run")} "
                + $"{ran.TotalMilliseconds:0} ms, check {checkTime.TotalMilliseconds:0} ms "
                + $"alongside store, both done in {(clock.Elapsed - ran).TotalMilliseconds:0} ms;"
                + $" allocated {GC.GetTotalAllocatedBytes() / 1_000_000} MB, collections gen0 "
                + $"{GC.CollectionCount(0)} gen1 {GC.CollectionCount(1)} gen2 "
                + $"{GC.CollectionCount(2)}, paused "
                + $"{GC.GetTotalPauseDuration().TotalMilliseconds:0} ms");
        ReportViolations(result, stderr);
        if (results is null)
        {
            stderr.WriteLine($"gossip test: test crashed: {result.Crash}");
            stderr.WriteLine($"seed {result.Options.Seed}; store {dir}");
            return InternalError;
        }
        if (run.Json) stdout.WriteLine(ResultsWriter.ToJson(results, extra));
        Summary.Write(run.Json ? stderr : stdout, run, mode, result, results, defects, dir);
        return results.Valid.ExitCode();
    }

    /// <summary>A run's nodes, network and scheduler are garbage once it ends; after a large
    /// run (a 1,000-node simulation's nodes hold about a gigabyte) one full collection frees
    /// them before the check and the store allocate, which keeps the peak down. Small runs,
    /// whose collection would cost more than it frees, skip it.</summary>
    private static void CollectAfterLargeRun()
    {
        if (GC.GetTotalMemory(forceFullCollection: false) >= 1L << 30) GC.Collect();
    }

    /// <summary>Figures of our own for the results: what each node cost, its RSS over time,
    /// what the clients saw and the harness's routing overhead (process mode only; a
    /// simulated run has none of them).</summary>
    private static Edn.Map? Extra(Mode mode, RunResult result)
    {
        var entries = new List<(string, Edn)>();
        if (mode.NodeCost is { } cost) entries.Add(("node-cost", cost.ToEdn()));
        if (mode.NodeRss is { } rss) entries.Add(("node-rss", rss.ToEdn()));
        if (mode.ReportsClients)
            entries.Add(("clients", ClientFigures.Of(result.History, result.Options).ToEdn()));
        if (mode.OverheadNs is { } ns
            && Summary.OverheadEdn(ns, mode.Loop) is { } harness)
            entries.Add(("harness", harness));
        return entries.Count == 0 ? null : Edn.KwMap([.. entries]);
    }

    /// <summary>The run report (none for a crashed run, which has no verdict).</summary>
    private static IEnumerable<KeyValuePair<string, byte[]>> Report(TestArgs.Run run, Mode mode,
        RunResult result, CheckResults? results, NodeDefects defects,
        IReadOnlyList<KeyValuePair<string, byte[]>> plots)
    {
        if (results is null) yield break;
        var input = new ReportInput(Summary.Rows(mode, result, results, defects),
            Summary.Command(run, result), plots);
        yield return new(RunReport.FileName, RunReport.Render(result, results, input));
    }

    /// <summary>Checks the run on another thread while the files that need no verdict are
    /// written into the run folder <paramref name="dir"/>: the two only meet at results.edn,
    /// and the machine has more than one core. Returns the plots, for the report.</summary>
    private static (CheckResults? Results, TimeSpan CheckTime,
        IReadOnlyList<KeyValuePair<string, byte[]>> Plots) CheckWhileWriting(RunResult result,
        string dir)
    {
        var checking = Task.Run(() =>
        {
            var clock = Stopwatch.StartNew();
            var results = result.Crash is null ? result.Check() : null;
            return (results, clock.Elapsed);
        });
        var plots = StoreWriter.WriteRunFiles(result, dir);
        var (results, checkTime) = checking.GetAwaiter().GetResult();
        return (results, checkTime, plots);
    }

    private static void ReportViolations(RunResult result, TextWriter stderr)
    {
        foreach (var v in result.Violations.Take(10))
            stderr.WriteLine($"gossip test: {v.Node} output rejected at {v.AtNs / 1_000_000} ms "
                + $"({v.Reason}): {v.Line}");
        if (result.Violations.Count > 10)
            stderr.WriteLine($"gossip test: … {result.Violations.Count - 10} more violations");
    }
}

/// <summary>How a run is carried out: in the simulator, or as processes.</summary>
internal abstract class Mode
{
    /// <summary>"simulated" or "processes (bin)".</summary>
    public abstract string Describe(RunResult result);

    /// <summary>The harness's routing overhead per node-to-node message (processes only).</summary>
    public virtual IReadOnlyList<long>? OverheadNs => null;

    /// <summary>What each node process cost (processes only).</summary>
    public virtual Processes.NodeCost? NodeCost => null;

    /// <summary>Each node process's RSS sampled over the run (processes only).</summary>
    public virtual Processes.NodeRss? NodeRss => null;

    /// <summary>Whether the summary and results report what the clients saw
    /// (<see cref="ClientFigures"/>): processes only, so a simulated run's store stays as it
    /// was.</summary>
    public virtual bool ReportsClients => false;

    /// <summary>How the harness's loop thread spent the run (processes only).</summary>
    public virtual Processes.LoopLoad? Loop => null;

    /// <summary>Anything that may have inflated the overhead figure.</summary>
    public virtual string? HarnessNote => null;

    public abstract RunResult Run(Maelstrom.RunOptions options);

    /// <summary>The simulator with the production node, checking Core's invariants after
    /// every input when <paramref name="checkInvariants"/> (<c>--check-invariants</c>).</summary>
    public static Mode Simulated(bool checkInvariants = false) => new Sim(checkInvariants);

    /// <summary><c>--sim</c>: the run engine on a virtual clock with in-process nodes.</summary>
    internal sealed class Sim(bool checkInvariants) : Mode
    {
        public override string Describe(RunResult result) =>
            $"simulated in process (virtual {result.EndNs / 1e9:0.0} s)";

        /// <summary>The production node as this mode runs it, with the settings of
        /// <paramref name="options"/>.</summary>
        public CoreNodeStrategy Strategy(Maelstrom.RunOptions options) =>
            new(Simulator.ProductionSettings(options)) { CheckInvariants = checkInvariants };

        public override RunResult Run(Maelstrom.RunOptions options) =>
            Simulator.Run(options, Strategy(options));
    }
}
