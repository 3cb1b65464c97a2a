namespace FunctionalGossip.Harness.Serve;

/// <summary><c>gossip serve [--store DIR] [--port N]</c>: the store over HTTP on
/// 127.0.0.1, like <c>maelstrom serve</c>, until Ctrl-C.</summary>
public static class ServeCommand
{
    /// <summary>The command's help.</summary>
    public const string Usage = """
        usage: gossip serve [--store DIR] [--port N]

        Serves the store (default: store) over HTTP on 127.0.0.1 port N (default 8080; 0
        picks a free port) until Ctrl-C: store/index.html lists every run, and each run
        folder's index.html is its report.

        """;

    /// <summary>Runs the command; <paramref name="args"/> follow <c>serve</c>. Returns 0
    /// after Ctrl-C, 254 for bad arguments, 1 when the port cannot be listened on.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var (store, port) = ("store", 8080);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "-h" or "--help": stdout.Write(Usage); return 0;
                case "--store" when value is not null: store = value; i++; break;
                case "--port" when int.TryParse(value, out port) && port is >= 0 and <= 65535:
                    i++;
                    break;
                case "--port": return Bad(stderr, "--port needs a number from 0 to 65535");
                case "--store": return Bad(stderr, "--store needs a folder");
                default: return Bad(stderr, $"unexpected argument {args[i]}");
            }
        }
        if (!Directory.Exists(store)) return Bad(stderr, $"no store folder {store}");
        return Serve(store, port, stdout, stderr);
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

    private static int Bad(TextWriter stderr, string message)
    {
        stderr.WriteLine($"gossip serve: {message} (see gossip serve --help)");
        return Cli.TestCommand.BadArguments;
    }
}
