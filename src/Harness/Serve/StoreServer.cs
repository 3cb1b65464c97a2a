using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FunctionalGossip.Harness.Serve;

/// <summary>
/// A small HTTP/1.0 file server for a store, on 127.0.0.1 only: GET and HEAD of files under
/// the root with their content type, a folder's <c>index.html</c> (or a listing), and 403 for
/// any path that leaves the root. One request per connection. Plain sockets, so it needs
/// nothing Native AOT cannot compile.
/// </summary>
public sealed class StoreServer : IDisposable
{
    private const int MaxHeader = 16 * 1024;
    private readonly TcpListener _listener;
    private readonly string _root;

    private StoreServer(string root, int port)
    {
        _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Start();
    }

    /// <summary>Listens on 127.0.0.1:<paramref name="port"/> (0: any free port).</summary>
    public static StoreServer Start(string root, int port) => new(root, port);

    /// <summary>The port listened on.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The store's address.</summary>
    public string Url => $"http://127.0.0.1:{Port}/";

    /// <summary>Serves until <paramref name="stop"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        using var registration = stop.Register(_listener.Stop);
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(stop); }
            catch (Exception e) when (e is OperationCanceledException or SocketException
                or ObjectDisposedException) { break; }
            _ = Task.Run(() => HandleAsync(client, stop), CancellationToken.None);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _listener.Dispose();

    private async Task HandleAsync(TcpClient client, CancellationToken stop)
    {
        using var connection = client;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            var stream = client.GetStream();
            var head = await ReadHeadAsync(stream, timeout.Token);
            var response = head is null ? Response.Text(400, "bad request")
                : Respond(head);
            await response.WriteAsync(stream, head?.StartsWith("HEAD ", StringComparison.Ordinal)
                ?? false, timeout.Token);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException
            or SocketException or ObjectDisposedException) { }
    }

    /// <summary>The request line and headers, or null when they are not there.</summary>
    private static async Task<string?> ReadHeadAsync(Stream stream, CancellationToken ct)
    {
        var buffer = new byte[MaxHeader];
        var n = 0;
        while (n < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(n), ct);
            if (read == 0) break;
            n += read;
            var text = Encoding.ASCII.GetString(buffer, 0, n);
            if (text.Contains("\r\n\r\n", StringComparison.Ordinal)
                || text.Contains("\n\n", StringComparison.Ordinal)) return text;
        }
        return null;
    }

    /// <summary>The response to a request head.</summary>
    internal Response Respond(string head)
    {
        var line = head[..head.IndexOf('\n')].TrimEnd('\r').Split(' ');
        if (line.Length != 3 || !line[2].StartsWith("HTTP/", StringComparison.Ordinal))
            return Response.Text(400, "bad request");
        if (line[0] is not ("GET" or "HEAD")) return Response.Text(405, "method not allowed");
        var target = line[1].Split('?', '#')[0];
        if (!target.StartsWith('/')) return Response.Text(400, "bad request");
        var relative = Uri.UnescapeDataString(target);
        if (relative.Contains('\0') || relative.Contains('\\'))
            return Response.Text(400, "bad request");
        var full = Path.GetFullPath(Path.Combine(_root, relative.TrimStart('/')));
        if (full != _root && !full.StartsWith(_root + Path.DirectorySeparatorChar,
                StringComparison.Ordinal))
            return Response.Text(403, "forbidden: outside the store");
        if (Directory.Exists(full))
        {
            if (!target.EndsWith('/')) return Response.Redirect(target + "/");
            var index = Path.Combine(full, "index.html");
            return File.Exists(index) ? Response.File(index) : Response.Listing(full, relative);
        }
        return File.Exists(full) ? Response.File(full) : Response.Text(404, "not found");
    }
}
