using FunctionalGossip.Core;

namespace FunctionalGossip.Shell;

/// <summary>
/// The <c>gossip</c> command line. With no subcommand it is the Maelstrom node; its arguments
/// are node settings as positional <c>key=value</c> words, because Maelstrom passes extra
/// arguments to <c>--bin</c> verbatim. A subcommand, help or version is handed to
/// <c>gossip-tools</c> beside this binary (<see cref="Tools"/>), so the node carries none of
/// the tools' code or libraries.
/// </summary>
public static class Cli
{
    /// <summary>Entry point; returns the process exit code.</summary>
    public static int Main(string[] args) // the process entry point
    {
        if (args.Length > 0 && IsCommandLine(args[0])) return Tools.Exec(args);
        var settings = NodeSettings.Parse(args);
        return settings.Match(
            Right: s => NodeHost.Run(s),
            Left: message =>
            {
                Console.Error.WriteLine($"gossip: {message}");
                Console.Error.WriteLine(
                    "usage: gossip [profile=default|latency] [tick-ms=N] [retry-ms=N] [ack-ms=N]"
                    + " [suspect-ms=N] [suspect-min-ms=N] [relay=star|total|given|treeK]"
                    + " [eager=none|up|all]"
                    + "  (see gossip --help)");
                return 2;
            });
    }

    /// <summary>A subcommand, help, version or a System.CommandLine directive such as
    /// <c>[suggest]</c> (shell completion), rather than a node setting.</summary>
    private static bool IsCommandLine(string first) =>
        first is "test" or "check" or "replay" or "serve" or "bench" or "help" or "-h" or "-?"
            or "--help" or "--version"
        || first.StartsWith('[');
}
