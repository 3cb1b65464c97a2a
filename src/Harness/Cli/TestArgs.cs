using System.Globalization;
using System.CommandLine.Help;
using System.Text;
using FunctionalGossip.Cli;
using FunctionalGossip.Harness.Engine;
using FunctionalGossip.Harness.Maelstrom;
using FunctionalGossip.Harness.Sim;

namespace FunctionalGossip.Harness.Cli;

/// <summary>What the <c>gossip test</c> arguments ask for (pure parse, no I/O).</summary>
public abstract record TestArgs
{
    private TestArgs() { }

    /// <summary><c>--help</c>.</summary>
    public sealed record Help : TestArgs;

    /// <summary>A run: the options, where to store it, and whether to print JSON.</summary>
    /// <param name="Options">Everything that decides the run.</param>
    /// <param name="StoreDir">The store root (<c>store</c>).</param>
    /// <param name="Json">Print results.json to stdout.</param>
    /// <param name="SeedGiven">Whether <c>--seed</c> was given.</param>
    /// <param name="Timings">Print phase timings.</param>
    /// <param name="Sim">In-process simulator (<c>--sim</c>) rather than real processes.</param>
    /// <param name="BinGiven">Whether <c>--bin</c> was given (else the running gossip).</param>
    /// <param name="CheckInvariants">With <see cref="Sim"/>: Core's invariants after every
    /// node input (<see cref="CoreNodeStrategy.CheckInvariants"/>).</param>
    public sealed record Run(RunOptions Options, string StoreDir, bool Json, bool SeedGiven,
        bool Timings = false, bool Sim = true, bool BinGiven = false,
        bool CheckInvariants = false)
        : TestArgs;

    /// <summary>Unusable arguments; <paramref name="Message"/> says why (one line).</summary>
    public sealed record Bad(string Message) : TestArgs;

    /// <summary>What <c>gossip test</c> does, in one line.</summary>
    public const string Summary =
        "Run Maelstrom's broadcast test, like maelstrom test -w broadcast.";

    /// <summary>The rest of its help.</summary>
    public const string Details = """
        Without --sim: one real process per node (--bin, default this gossip binary) over pipes,
        in real time. With --sim: the gossip node in a deterministic in-process simulator on a
        virtual clock, timed as real processes measure. key=value words go to every node.
        Writes store/broadcast/<time>/ like Maelstrom, with a run report (index.html). Defaults
        are Maelstrom's. Exit: 0 valid, 1 invalid, 2 unknown, 254 bad arguments, 255 internal
        error.
        """;

    /// <summary>Parses the arguments that follow <c>gossip test</c> (no I/O).</summary>
    public static TestArgs Parse(IReadOnlyList<string> args)
    {
        var options = new TestOptions();
        var result = CommandLine.Root("", TestCommand.Define(options)).Parse(["test", .. args]);
        if (result.Errors.Count > 0) return new Bad(result.Errors[0].Message);
        return result.Action is HelpAction ? new Help() : options.Read(result);
    }

    /// <summary>The command line that reproduces <paramref name="o"/> (for failure
    /// messages).</summary>
    public static string Render(RunOptions o, bool sim = true)
    {
        var sb = new StringBuilder(sim ? "gossip test --sim -w broadcast"
            : $"gossip test -w broadcast --bin {o.Bin}");
        if (!o.Nodes.SequenceEqual(DefaultNodes)) sb.Append($" --node-count {o.Nodes.Count}");
        sb.Append(CultureInfo.InvariantCulture, $" --time-limit {o.TimeLimitS} --rate {o.Rate}");
        sb.Append(CultureInfo.InvariantCulture, $" --latency {o.Latency.MeanMs}");
        sb.Append($" --latency-dist {Latency.Name(o.Latency.Dist)}");
        if (o.Partitions)
            sb.Append(CultureInfo.InvariantCulture,
                $" --nemesis partition --nemesis-interval {o.NemesisIntervalS}");
        sb.Append($" --topology {Topology.Name(o.Topology)} --concurrency {o.Concurrency}");
        sb.Append(CultureInfo.InvariantCulture, $" --recovery-s {o.RecoveryS} --seed {o.Seed}");
        if (sim && o.SimTiming != SimTimingKind.Measured)
            sb.Append(" --sim-timing ").Append(SimTiming.Name(o.SimTiming));
        foreach (var a in o.NodeArgs) sb.Append(' ').Append(a);
        return sb.ToString();
    }

    /// <summary>Jepsen's default node list when no <c>--node-count</c> is given.</summary>
    public static readonly IReadOnlyList<string> DefaultNodes = ["n1", "n2", "n3", "n4", "n5"];
}
