using System.Globalization;
using System.Text;
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
    public sealed record Run(RunOptions Options, string StoreDir, bool Json, bool SeedGiven,
        bool Timings = false, bool Sim = true, bool BinGiven = false)
        : TestArgs;

    /// <summary>Unusable arguments; <paramref name="Message"/> says why (one line).</summary>
    public sealed record Bad(string Message) : TestArgs;

    /// <summary>Usage text.</summary>
    public const string Usage = """
        usage: gossip test [--sim] [-w broadcast] [--bin FILE] [--node-count N] [--time-limit S]
                           [--rate R] [--latency MS] [--latency-dist constant|uniform|exponential]
                           [--nemesis partition] [--nemesis-interval S]
                           [--topology grid|line|tree|tree2|tree3|tree4|total]
                           [--concurrency N|Kn] [--recovery-s S] [--seed N] [--store DIR]
                           [--json] [--log-net-send] [--log-net-recv] [--timings]
                           [--sim-timing measured|ideal] [key=value ...]
          Runs Maelstrom's broadcast test, like `maelstrom test -w broadcast`, with Maelstrom's
          network, workload, nemesis and checker. Without --sim: one real process per node
          (--bin, default this gossip binary) over pipes, in real time; extra arguments
          (key=value) are passed to every node. With --sim: the gossip node in a deterministic
          in-process simulator on a virtual clock (--bin is then only a label), timing each
          node as real processes measure (start offsets, late timers, a cost per input;
          --sim-timing ideal: perfectly aligned). Writes
          store/broadcast/<time>/ like Maelstrom. Defaults as
          Maelstrom's: time-limit 60, rate 5, latency 0 constant, nemesis-interval 10,
          topology grid, concurrency 1n, nodes n1..n5 unless --node-count; recovery 10 s.
          Exit: 0 valid, 1 invalid, 2 unknown, 254 bad arguments, 255 internal error.

        """;

    /// <summary>Parses the arguments that follow <c>gossip test</c>.</summary>
    public static TestArgs Parse(IReadOnlyList<string> args)
    {
        var state = new Builder();
        for (var i = 0; i < args.Count; i++)
        {
            var (flag, inline) = Split(args[i]);
            if (flag is "-h" or "--help") return new Help();
            string? Value() => inline ?? (i + 1 < args.Count ? args[++i] : null);
            var error = flag.StartsWith('-') && flag.Length > 1
                ? state.Flag(flag, Value)
                : state.NodeArg(args[i]);
            if (error is not null) return new Bad(error);
        }
        return state.Build();
    }

    private static (string Flag, string? Inline) Split(string arg)
    {
        if (!arg.StartsWith("--", StringComparison.Ordinal)) return (arg, null);
        var eq = arg.IndexOf('=');
        return eq < 0 ? (arg, null) : (arg[..eq], arg[(eq + 1)..]);
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
