using System.CommandLine;
using System.Globalization;
using System.Text;
using FunctionalGossip.Check.Checkers;
using FunctionalGossip.Cli;
using FunctionalGossip.Harness.Engine;
using FunctionalGossip.Harness.Maelstrom;
using FunctionalGossip.Harness.Sim;
using FunctionalGossip.Harness.Store;

namespace FunctionalGossip.Harness.Cli;

/// <summary>
/// <c>gossip bench frontier</c>: sweeps node settings in the simulator over several seeds and
/// shows what each costs against what it buys: servers msgs-per-op against median and max
/// stable latency, with published results drawn for comparison. Writes frontier.md and
/// frontier.png. Uses the simulator's measured timing (issue 9), so figures are what process
/// mode would show, within the agreement the README reports.
/// </summary>
public static class FrontierCommand
{
    /// <summary>What <c>gossip bench frontier</c> does, in one line.</summary>
    public const string Summary =
        "Sweep node settings in the simulator: msgs-per-op against latency, table and plot.";

    /// <summary>The rest of its help.</summary>
    public const string Details = """
        Runs every --config (node settings; default: a built-in sweep) for seeds 1..N in the
        simulator with the given test flags (default: the 3d command, --node-count 25
        --time-limit 20 --rate 100 --latency 100), and writes DIR/frontier.md (a table: median
        over seeds of servers msgs-per-op, median and max stable latency, and the worst seed's
        max) and DIR/frontier.png (msgs-per-op against latency, the published results drawn
        beside).
        """;

    /// <summary>The sweep run when no --config is given: both profiles, hub tick intervals,
    /// other relay shapes.</summary>
    public static readonly IReadOnlyList<string> DefaultSweep =
    [
        "", "profile=latency", "tick-ms=100", "tick-ms=160", "tick-ms=300", "tick-ms=500",
        "relay=total", "relay=tree4", "profile=latency ack-ms=500",
    ];

    /// <summary>Published results, measured side by side with ours in process mode (issue 10:
    /// servers msgs-per-op, median and max stable latency in ms on the 3d command).</summary>
    public static readonly IReadOnlyList<(string Name, double Mpo, double Median, double Max)>
        Published =
        [
            ("cheapest published (flat tree, 500 ms batches)", 1.70, 756, 1103),
            ("best self-reported 3e (hub, batched)", 1.99, 339, 678),
            ("fastest published (star, unbatched)", 23.95, 179, 223),
            ("best passing 3d and 3e (star, 100 ms flush)", 5.29, 258, 398),
        ];

    /// <summary>One configuration's figures over the seeds.</summary>
    /// <param name="Config">The node settings.</param>
    /// <param name="Runs">Seeds run.</param>
    /// <param name="Invalid">Seeds whose run was not valid.</param>
    /// <param name="Mpo">Median of servers msgs-per-op.</param>
    /// <param name="Median">Median of the median stable latency (ms).</param>
    /// <param name="Max">Median of the max stable latency (ms).</param>
    /// <param name="WorstMax">Largest max stable latency (ms).</param>
    public sealed record Point(string Config, int Runs, int Invalid, double Mpo, double Median,
        double Max, double WorstMax);

    /// <summary>Runs the command; <paramref name="args"/> follow <c>frontier</c>.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) =>
        CommandLine.Run(Bench(), ["frontier", .. args], stdout, stderr);

    /// <summary>The <c>gossip bench</c> command and its <c>frontier</c> subcommand.</summary>
    public static Command Bench() =>
        new GossipCommand("bench", "Benchmarks of the node in the simulator.", "", 2)
        {
            Definition(),
        };

    private static GossipCommand Definition()
    {
        var test = new TestOptions();
        var seeds = Options.Integer("--seeds", "N", "seeds 1..N per config", 1, 1000, 5);
        var outDir = Options.Text("--out", "DIR", "where frontier.md and frontier.png go",
            Path.Combine("store", "frontier"));
        var configs = new Option<string[]>("--config")
        {
            HelpName = "\"key=value ...\"", Description = "node settings to sweep (repeatable)",
            DefaultValueFactory = _ => [.. DefaultSweep],
        };
        var command = new GossipCommand("frontier", Summary, Details,
            TestCommand.BadArguments)
        {
            seeds, outDir, configs,
        };
        TestOptions.AddTo(command, test.RunSymbols());
        command.SetRun((r, stdout, stderr) =>
        {
            var parsed = test.AnyGiven(r) ? test.Read(r) : DefaultRun();
            if (parsed is not TestArgs.Run run)
                return CommandLine.Refuse(command, ((TestArgs.Bad)parsed).Message, stderr);
            return Sweep(run.Options, r.GetValue(configs)!, (int)r.GetValue(seeds),
                r.GetValue(outDir)!, stdout, stderr);
        });
        return command;
    }

    private static TestArgs DefaultRun() => TestArgs.Parse(
        ["--sim", "--node-count", "25", "--time-limit", "20", "--rate", "100", "--latency", "100"]);

    private static int Sweep(RunOptions options, IReadOnlyList<string> configs, int seeds,
        string outDir, TextWriter stdout, TextWriter stderr)
    {
        foreach (var config in configs)
        {
            try { Simulator.ProductionSettings(options with { NodeArgs = Words(config) }); }
            catch (ArgumentException e)
            {
                stderr.WriteLine($"gossip bench frontier: --config \"{config}\": {e.Message}");
                return TestCommand.BadArguments;
            }
        }
        var points = Sweep(options, configs, seeds, stderr);
        var table = Table(points, options, seeds);
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "frontier.md"), table);
        File.WriteAllBytes(Path.Combine(outDir, "frontier.png"), FrontierPlot.Render(points));
        stdout.Write(table);
        stdout.WriteLine($"\nwrote {Path.Combine(outDir, "frontier.md")} and frontier.png");
        return points.Any(p => p.Invalid > 0) ? 1 : 0;
    }

    private static List<string> Words(string config) =>
        [.. config.Split(' ', StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>Every (config, seed) run, two at a time per core, gathered per config in the
    /// given order.</summary>
    public static IReadOnlyList<Point> Sweep(RunOptions baseOptions, IReadOnlyList<string> configs,
        int seeds, TextWriter progress)
    {
        var jobs = configs.SelectMany(c => Enumerable.Range(1, seeds).Select(s => (c, s))).ToList();
        var figures = new (bool Valid, double Mpo, double Median, double Max)[jobs.Count];
        Parallel.For(0, jobs.Count,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
            {
                var (config, seed) = jobs[i];
                var result = Simulator.Run(baseOptions with
                {
                    NodeArgs = Words(config), Seed = (ulong)seed,
                });
                var check = result.Check();
                var lat = check.Workload.StableLatencies;
                figures[i] = (check.Valid == Validity.Valid, check.ServersMsgsPerOp(),
                    lat?.P50 ?? 0, lat?.P100 ?? 0);
            });
        progress.WriteLine($"{jobs.Count} simulated runs done");
        return [.. configs.Select((config, k) =>
        {
            var mine = figures.Skip(k * seeds).Take(seeds).ToList();
            return new Point(config, seeds, mine.Count(f => !f.Valid),
                Median(mine.Select(f => f.Mpo)), Median(mine.Select(f => f.Median)),
                Median(mine.Select(f => f.Max)), mine.Max(f => f.Max));
        })];
    }

    private static double Median(IEnumerable<double> values)
    {
        var s = values.Order().ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
    }

    /// <summary>The markdown table, ours then the published points.</summary>
    public static string Table(IReadOnlyList<Point> points, RunOptions o, int seeds)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture,
            $"Simulator (measured timing), seeds N = 1..{seeds}: "
            + $"`{TestArgs.Render(o with { Seed = 0 }).Replace(" --seed 0", " --seed N")}` ")
            .Append("with each config's node settings; medians over seeds.\n\n")
            .Append("| config | valid | servers msgs-per-op | median latency | max latency | ")
            .Append("worst max |\n|---|---|---|---|---|---|\n");
        foreach (var p in points)
            sb.Append(CultureInfo.InvariantCulture,
                $"| {(p.Config.Length == 0 ? "(defaults)" : $"`{p.Config}`")} | "
                + $"{p.Runs - p.Invalid}/{p.Runs} | {p.Mpo:0.00} | {p.Median:0} ms | "
                + $"{p.Max:0} ms | {p.WorstMax:0} ms |\n");
        foreach (var (name, mpo, median, max) in Published)
            sb.Append(CultureInfo.InvariantCulture,
                $"| {name} | published | {mpo:0.00} | {median:0} ms | {max:0} ms | |\n");
        return sb.ToString();
    }
}
