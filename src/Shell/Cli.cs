using FunctionalGossip.Core;
using CheckCli = FunctionalGossip.Check.Cli;

namespace FunctionalGossip.Shell;

/// <summary>
/// The <c>gossip</c> command line. With no subcommand it is the Maelstrom node; its arguments
/// are node settings as positional <c>key=value</c> words, because Maelstrom passes extra
/// arguments to <c>--bin</c> verbatim.
/// </summary>
public static class Cli
{
    /// <summary>Entry point; returns the process exit code.</summary>
    public static int Main(string[] args) // the process entry point
    {
        if (args.Length > 0 && args[0] is "-h" or "--help" or "help")
        {
            Console.Out.Write(Usage);
            return 0;
        }
        switch (args.Length > 0 ? args[0] : "")
        {
            case "check": return CheckCli.CheckCommand.Run(args[1..], Console.Out, Console.Error);
            case "replay":
                return Replay.ReplayCommand.Run(args[1..], Console.In, Console.Out, Console.Error,
                    interactive: !Console.IsInputRedirected);
            case "test":
                return FunctionalGossip.Harness.Cli.TestCommand.Run(args[1..], Console.Out,
                    Console.Error);
            case "bench" when args.Length > 1 && args[1] == "frontier":
                return FunctionalGossip.Harness.Cli.FrontierCommand.Run(args[2..], Console.Out,
                    Console.Error);
            case "bench":
                Console.Error.Write("usage: gossip bench frontier [...]\n"
                    + FunctionalGossip.Harness.Cli.FrontierCommand.Usage);
                return 2;
        }
        var settings = NodeSettings.Parse(args);
        return settings.Match(
            Right: s => NodeHost.Run(s),
            Left: message =>
            {
                Console.Error.WriteLine($"gossip: {message}");
                Console.Error.WriteLine(
                    "usage: gossip [tick-ms=N] [retry-ms=N] [relay=star|total|given|treeK]"
                    + "  (see gossip --help)");
                return 2;
            });
    }

    private const string Usage = """
        gossip — a Maelstrom broadcast node (functional core, imperative shell)

        usage:
          gossip [key=value ...]      run as a Maelstrom node on stdin/stdout (journal on stderr)
          gossip check <run folder | history.edn> [--json]
                                      judge a Maelstrom history like Maelstrom's checker
          gossip test --sim [maelstrom flags] [key=value ...]
                                      run Maelstrom's broadcast test in the deterministic
                                      simulator; writes store/broadcast/<time>/ (see
                                      gossip test --help)
          gossip replay <log> [--node nX] [--script "cmd; cmd"] [--json] [--force] [key=value ...]
                                      step through a recorded journal, jepsen.log or Go
                                      node log, folding the node's Step (see replay --help)
          gossip bench frontier [--seeds N] [--config "key=value ..."]... [test flags]
                                      sweep node settings in the simulator: msgs-per-op
                                      against latency, table and plot (see bench frontier --help)
          gossip --help               this text

        node settings (defaults in brackets):
          tick-ms=N     flush batched values to relay peers every N ms            [100]
          retry-ms=N    resend a batch not acknowledged after N ms               [1000]
          relay=R       who values are forwarded to: star (hub = first node id),
                        total, given (Maelstrom's topology), treeK (fan-out K)   [star]

        """;
}
