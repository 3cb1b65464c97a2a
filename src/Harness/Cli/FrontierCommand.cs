using System.Globalization;
using System.Text;
using FunctionalGossip.Check.Checkers;
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
    /// <summary>Usage text.</summary>
    public const string Usage = """
        usage: gossip bench frontier [--seeds N] [--out DIR] [--config "key=value ..."]...
                                     [gossip test flags]
          Runs every --config (node settings; default: a built-in sweep) for seeds 1..N
          (default 5) in the simulator with the given test flags (default: the 3d command,
          --node-count 25 --time-limit 20 --rate 100 --latency 100), and writes DIR/frontier.md
          (a table: median over seeds of servers msgs-per-op, median and max stable latency,
          and the worst seed's max) and DIR/frontier.png (msgs-per-op against latency, the
          published results drawn beside). DIR defaults to store/frontier.

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
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var (seeds, outDir, configs, rest, error) = Parse(args);
        if (error == "help")
        {
            stdout.Write(Usage);
            return 0;
        }
        if (error is not null)
        {
            stderr.WriteLine($"gossip bench frontier: {error} (see gossip bench frontier --help)");
            return TestCommand.BadArguments;
        }
        var flags = rest.Count > 0 ? rest
            : ["--node-count", "25", "--time-limit", "20", "--rate", "100", "--latency", "100"];
        if (TestArgs.Parse([.. flags, "--sim"]) is not TestArgs.Run run)
        {
            stderr.WriteLine("gossip bench frontier: bad test flags: " + string.Join(" ", flags));
            return TestCommand.BadArguments;
        }
        foreach (var config in configs)
        {
            var settings = Words(config);
            try { Simulator.ProductionSettings(run.Options with { NodeArgs = settings }); }
            catch (ArgumentException e)
            {
                stderr.WriteLine($"gossip bench frontier: --config \"{config}\": {e.Message}");
                return TestCommand.BadArguments;
            }
        }
        var points = Sweep(run.Options, configs, seeds, stderr);
        var table = Table(points, run.Options, seeds);
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "frontier.md"), table);
        File.WriteAllBytes(Path.Combine(outDir, "frontier.png"), FrontierPlot.Render(points));
        stdout.Write(table);
        stdout.WriteLine($"\nwrote {Path.Combine(outDir, "frontier.md")} and frontier.png");
        return points.Any(p => p.Invalid > 0) ? 1 : 0;
    }

    private static (int Seeds, string Out, List<string> Configs, List<string> Flags, string? Error)
        Parse(string[] args)
    {
        var (seeds, outDir) = (5, Path.Combine("store", "frontier"));
        var configs = new List<string>();
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            string? Next() => i + 1 < args.Length ? args[++i] : null;
            switch (args[i])
            {
                case "-h" or "--help": return (0, "", [], [], "help");
                case "--seeds":
                    if (!int.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture,
                        out seeds) || seeds is < 1 or > 1000)
                        return (0, "", [], [], "--seeds must be an integer from 1 to 1000");
                    break;
                case "--out":
                    if (Next() is not { } o) return (0, "", [], [], "--out needs a folder");
                    outDir = o;
                    break;
                case "--config":
                    if (Next() is not { } c) return (0, "", [], [], "--config needs settings");
                    configs.Add(c);
                    break;
                case "--sim" or "--seed":
                    return (0, "", [], [], $"{args[i]} is set by the sweep itself");
                default: rest.Add(args[i]); break;
            }
        }
        return (seeds, outDir, configs.Count > 0 ? configs : [.. DefaultSweep], rest, null);
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
            + $"`{TestArgs.Render(o with { Seed = 0 }).Replace(" --seed 0", " --seed N")}` with each ")
            .Append("config's node settings; medians over seeds.\n\n")
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
