using System.CommandLine;
using FunctionalGossip.Cli;

namespace FunctionalGossip.Tools;

/// <summary>Every <c>gossip</c> subcommand under one System.CommandLine root: the definitions
/// live beside each command (Harness, Check, Replay), so help, errors and completion come from
/// the same options the commands read.</summary>
public static class Commands
{
    /// <summary>The root command's description: the node mode and its settings.</summary>
    public const string Description = """
        gossip: a Maelstrom broadcast node (functional core, imperative shell) and its tools.

        With no command, runs as a Maelstrom node on stdin/stdout (journal on stderr):
          gossip [key=value ...]
        Node settings (defaults in brackets; profile=latency starts from relay=total eager=all
        instead, and any key=value overrides the profile's value):
          profile=P     default (fewest messages) or latency (one hop)        [default]
          tick-ms=N     flush batched values to relay peers every N ms            [220]
          retry-ms=N    resend what a peer has not acknowledged after N ms       [3000]
          ack-ms=N      acknowledge alone after N ms with nothing to carry it    [2000]
          suspect-ms=N  relay through the next node id once the upstream has not
                        acknowledged for its link's timeout (from the round trips
                        measured on it), at most N ms (0: never)                  [800]
          suspect-first-ms=N  that timeout before the first round trip            [600]
          suspect-min-ms=N  the shortest that timeout gets                        [300]
          suspect-deviations=K  that timeout: round trip + K mean deviations        [6]
          relay=R       who values are forwarded to: star (hub = first node id),
                        total, given (Maelstrom's topology), treeK (fan-out K)   [star]
          eager=E       links sent at once instead of on the tick: none, up
                        (towards the hub), all                                     [up]
        """;

    /// <summary>The root command with every subcommand.</summary>
    public static RootCommand Root() => CommandLine.Root(Description,
        Harness.Cli.TestCommand.Definition(),
        Check.Cli.CheckCommand.Definition(),
        Replay.ReplayCommand.Definition(Console.In, interactive: !Console.IsInputRedirected),
        Harness.Serve.ServeCommand.Definition(),
        Harness.Cli.FrontierCommand.Bench());

    /// <summary>Parses and runs <paramref name="args"/> (<c>help</c> is
    /// <c>--help</c>).</summary>
    public static int Run(string[] args) =>
        CommandLine.Invoke(Root(), args is ["help", .. var rest] ? [.. rest, "--help"] : args,
            Console.Out, Console.Error);
}
