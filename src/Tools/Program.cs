namespace FunctionalGossip.Tools;

/// <summary><c>gossip-tools</c>: the subcommands of <c>gossip</c> (test, check, replay, serve,
/// bench), which <c>gossip</c> execs into, so the node binary carries none of them or their
/// libraries.</summary>
public static class Program
{
    /// <summary>Entry point; <paramref name="args"/> are gossip's, starting with the
    /// subcommand.</summary>
    public static int Main(string[] args) => Commands.Run(args);
}
