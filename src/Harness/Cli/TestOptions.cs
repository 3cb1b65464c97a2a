using System.CommandLine;
using System.Globalization;
using FunctionalGossip.Cli;
using FunctionalGossip.Harness.Engine;
using FunctionalGossip.Harness.Maelstrom;
using FunctionalGossip.Harness.Sim;
using static FunctionalGossip.Cli.Options;

namespace FunctionalGossip.Harness.Cli;

/// <summary>
/// The one definition of each <c>gossip test</c> option (Maelstrom's names and defaults), used
/// by <c>gossip test</c> and, less <c>--sim</c> and <c>--seed</c>, by <c>gossip bench
/// frontier</c>; <see cref="Read"/> turns a parse into <see cref="TestArgs.Run"/>.
/// </summary>
internal sealed class TestOptions
{
    public readonly Option<bool> SimMode = Flag("--sim",
        "run in the deterministic in-process simulator instead of real processes");
    public readonly Option<string> Workload = Choice("--workload", "the workload", "broadcast",
        "broadcast");
    public readonly Option<string?> Bin = new("--bin")
    {
        HelpName = "FILE",
        Description = "the node binary (default: this gossip; with --sim only a label)",
    };
    public readonly Option<long?> NodeCount = new("--node-count")
    {
        HelpName = "N", Description = "number of nodes, n0..n(N-1) (default: n1..n5, as Maelstrom)",
        CustomParser = r => Read<long>(r, "--node-count", v => long.TryParse(v,
            NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            && n is >= 1 and <= 1000 ? n : null, "must be an integer from 1 to 1000", 1),
    };
    public readonly Option<long> TimeLimit = Integer("--time-limit", "S",
        "seconds of client operations", 1, 86_400, 60);
    public readonly Option<double> Rate = Number("--rate", "R",
        "client operations per second", 0, 100_000, false, 5);
    public readonly Option<long> LatencyMs = Integer("--latency", "MS",
        "mean node-to-node message delay", 0, 3_600_000, 0);
    public readonly Option<string> LatencyDistName = Choice("--latency-dist",
        "how delays are drawn around --latency", "constant", "constant", "uniform",
        "exponential");
    public readonly Option<string> Nemesis = Choice("--nemesis",
        "the fault to inject: network partitions (default: none)", null, "partition");
    public readonly Option<double> NemesisInterval = Number("--nemesis-interval", "S",
        "seconds between nemesis operations", 0, 86_400, true, 10);
    public readonly Option<string> TopologyName = Choice("--topology",
        "the topology message sent to nodes: grid, line, tree (tree2), tree3, tree4 or total",
        "grid", "grid", "line", "tree",
        "tree2", "tree3", "tree4", "total");
    public readonly Option<string> Concurrency = new("--concurrency")
    {
        HelpName = "N|Kn", Description = "client processes: N, or K per node",
        DefaultValueFactory = _ => "1n",
    };
    public readonly Option<double> RecoveryS = Number("--recovery-s", "S",
        "seconds to wait after healing before the final reads", 0, 86_400, false, 10);
    public readonly Option<ulong?> Seed = new("--seed")
    {
        HelpName = "N", Description = "random seed (default: a random one, printed)",
        CustomParser = r => Read<ulong>(r, "--seed", v => ulong.TryParse(v, NumberStyles.None,
            CultureInfo.InvariantCulture, out var s) ? s : null,
            "must be a non-negative integer", 0),
    };
    public readonly Option<string> Store = Text("--store", "DIR",
        "the store folder runs are written under", "store");
    public readonly Option<bool> Json = Flag("--json", "print results.json on stdout");
    public readonly Option<bool> LogNetSend = Flag("--log-net-send",
        "log every message sent to jepsen.log, as Maelstrom");
    public readonly Option<bool> LogNetRecv = Flag("--log-net-recv",
        "log every message received to jepsen.log, as Maelstrom");
    public readonly Option<bool> LogStderr = Flag("--log-stderr", "accepted for Maelstrom",
        hidden: true);
    public readonly Option<bool> Timings = Flag("--timings",
        "print the run's phases, allocation and collections");
    public readonly Option<string> SimTimingName = Choice("--sim-timing",
        "with --sim: node timing as processes measure it, or perfectly aligned", "measured",
        "measured", "ideal");
    public readonly Option<bool> CheckInvariants = Flag("--check-invariants",
        "with --sim: check Core's named invariants after every input of every node (slow); the "
        + "first broken one stops the run as an internal error");
    public readonly Argument<string[]> NodeArgs = Words("key=value",
        "node settings passed to every node (see gossip --help)",
        w => w.Contains('=') ? null : $"unexpected argument '{w}' (node settings are key=value)");

    public TestOptions()
    {
        Workload.Aliases.Add("-w");
        TopologyName.HelpName = "NAME";
        Concurrency.Validators.Add(r =>
        {
            var v = r.GetValueOrDefault<string>();
            var digits = v.EndsWith('n') ? v[..^1] : v;
            if (digits.Length is 0 or > 6 || !digits.All(char.IsAsciiDigit))
                r.AddError($"--concurrency {v}: must be an integer, optionally followed by n");
        });
    }

    /// <summary>Every option of a run, less <c>--sim</c> and <c>--seed</c>.</summary>
    public IEnumerable<Symbol> RunSymbols() =>
    [
        Workload, Bin, NodeCount, TimeLimit, Rate, LatencyMs, LatencyDistName, Nemesis,
        NemesisInterval, TopologyName, Concurrency, RecoveryS, Store, Json, LogNetSend, LogNetRecv,
        LogStderr, Timings, SimTimingName, NodeArgs,
    ];

    /// <summary>Adds <paramref name="symbols"/> to <paramref name="command"/>.</summary>
    public static void AddTo(Command command, IEnumerable<Symbol> symbols)
    {
        foreach (var s in symbols)
        {
            if (s is Option o) command.Add(o);
            else command.Add((Argument)s);
        }
    }

    /// <summary>Whether any run option was given (frontier's default flags otherwise).</summary>
    public bool AnyGiven(ParseResult r) =>
        RunSymbols().Any(s => s is Option o ? r.GetResult(o) is { Implicit: false }
            : r.GetValue(NodeArgs) is { Length: > 0 });

    private IReadOnlyList<string> Nodes(ParseResult r) =>
        r.GetValue(NodeCount) is { } n ? RunOptions.NodeIds((int)n) : TestArgs.DefaultNodes;

    private static int Workers(string concurrency, int nodes) =>
        int.Parse(concurrency.TrimEnd('n'), CultureInfo.InvariantCulture)
            * (concurrency.EndsWith('n') ? nodes : 1);

    /// <summary>The run a successful parse asks for, or why the options do not go
    /// together.</summary>
    public TestArgs Read(ParseResult r)
    {
        var nodes = Nodes(r);
        if (r.GetValue(LatencyMs) == 0
            && r.GetValue(LatencyDistName) is var dist and not "constant")
            return new TestArgs.Bad($"--latency-dist {dist} needs --latency above 0 "
                + "(Maelstrom divides by zero or loops forever)");
        if (r.GetValue(CheckInvariants) && !r.GetValue(SimMode))
            return new TestArgs.Bad("--check-invariants needs --sim (it checks the simulator's "
                + "in-process nodes)");
        if (Workers(r.GetValue(Concurrency)!, nodes.Count) < 1)
            return new TestArgs.Bad("--concurrency must give at least one worker");
        var bin = r.GetValue(Bin);
        var seed = r.GetValue(Seed);
        var latency = new Latency(r.GetValue(LatencyMs),
            Maelstrom.Latency.ParseDist(r.GetValue(LatencyDistName)!)!.Value);
        var options = new RunOptions(nodes, r.GetValue(TimeLimit), r.GetValue(Rate), latency,
            r.GetValue(Nemesis) is not null, r.GetValue(NemesisInterval),
            Topology.Parse(r.GetValue(TopologyName)!)!.Value,
            Workers(r.GetValue(Concurrency)!, nodes.Count), r.GetValue(RecoveryS),
            seed ?? (ulong)Random.Shared.NextInt64(0, 1_000_000_000), r.GetValue(LogNetSend),
            r.GetValue(LogNetRecv), bin ?? "gossip", r.GetValue(NodeArgs) ?? [],
            SimTiming.Parse(r.GetValue(SimTimingName)!)!.Value);
        return new TestArgs.Run(options, r.GetValue(Store)!, r.GetValue(Json), seed is not null,
            r.GetValue(Timings), r.GetValue(SimMode), bin is not null,
            r.GetValue(CheckInvariants));
    }
}
