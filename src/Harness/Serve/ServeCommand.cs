using System.CommandLine;
using FunctionalGossip.Cli;

namespace FunctionalGossip.Harness.Serve;

/// <summary><c>gossip serve [--store DIR] [--port N]</c>: the store over HTTP on
/// 127.0.0.1, like <c>maelstrom serve</c>, until Ctrl-C.</summary>
public static class ServeCommand
{
    /// <summary>What <c>gossip serve</c> does, in one line.</summary>
    public const string Summary =
        "Serve the store's run reports over HTTP on 127.0.0.1 until Ctrl-C.";

    /// <summary>The rest of its help.</summary>
    public const string Details =
        "store/index.html lists every run, and each run folder's index.html is its report, "
        + "like maelstrom serve.";

    /// <summary>Runs the command; <paramref name="args"/> follow <c>serve</c>. Returns 0
    /// after Ctrl-C, 254 for bad arguments, 1 when the port cannot be listened on.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) =>
        CommandLine.Run(Definition(), args, stdout, stderr);

    /// <summary>The <c>gossip serve</c> command.</summary>
    public static Command Definition()
    {
        var store = Options.Text("--store", "DIR", "the store folder to serve", "store");
        var port = Options.Integer("--port", "N", "the port on 127.0.0.1 (0: any free one)", 0,
            65_535, 8080);
        var command = new GossipCommand("serve", Summary, Details,
            Cli.TestCommand.BadArguments)
        {
            store, port,
        };
        command.SetRun((r, stdout, stderr) =>
        {
            var dir = r.GetValue(store)!;
            if (Directory.Exists(dir)) return Serve(dir, (int)r.GetValue(port), stdout, stderr);
            stderr.WriteLine($"gossip serve: no store folder {dir} (see gossip serve --help)");
            return Cli.TestCommand.BadArguments;
        });
        return command;
    }

    private static int Serve(string store, int port, TextWriter stdout, TextWriter stderr)
    {
        StoreServer server;
        try { server = StoreServer.Start(store, port); }
        catch (System.Net.Sockets.SocketException e)
        {
            stderr.WriteLine($"gossip serve: cannot listen on 127.0.0.1:{port}: {e.Message}");
            return 1;
        }
        using (server)
        using (var stop = new CancellationTokenSource())
        {
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
            stdout.WriteLine($"gossip serve: {Path.GetFullPath(store)} at {server.Url} "
                + "(Ctrl-C stops)");
            stdout.Flush();
            server.RunAsync(stop.Token).GetAwaiter().GetResult();
        }
        stdout.WriteLine("gossip serve: stopped");
        return 0;
    }
}
