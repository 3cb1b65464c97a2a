using System.Diagnostics;
using System.Text;

namespace FunctionalGossip.Shell.Processes;

/// <summary>
/// One node under test as Maelstrom runs it: a process with stdin/stdout pipes; its stderr goes
/// verbatim to <c>node-logs/&lt;node&gt;.log</c>. Stdout lines are handed to a callback on the
/// reader thread, stamped with the harness's monotonic clock. The last 32 stdout and stderr
/// lines are kept for crash reports (Maelstrom's process.clj does the same).
/// </summary>
internal sealed class NodeProcess : IDisposable
{
    private const int TailLines = 32;
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Queue<string> _tail = new();
    private readonly Thread _stdoutReader;
    private readonly Thread _stderrReader;
    private readonly object _stdinLock = new();

    private NodeProcess(string nodeId, Process process, StreamWriter log,
        Action<string, string> onLine)
    {
        NodeId = nodeId;
        _process = process;
        _log = log;
        _stdoutReader = Reader($"{nodeId} stdout", process.StandardOutput, line =>
        {
            Remember($"stdout: {line}");
            onLine(nodeId, line);
        });
        _stderrReader = Reader($"{nodeId} stderr", process.StandardError, line =>
        {
            Remember($"stderr: {line}");
            lock (_log) _log.WriteLine(line);
        });
    }

    public string NodeId { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Spawns the node; <paramref name="onLine"/> receives (node, stdout line).</summary>
    public static NodeProcess Start(string nodeId, string bin, IReadOnlyList<string> args,
        string logPath, Action<string, string> onLine)
    {
        var psi = new ProcessStartInfo(bin)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        var log = new StreamWriter(logPath, append: false, new UTF8Encoding(false)) { NewLine = "\n" };
        Process process;
        try { process = Process.Start(psi)!; }
        catch (Exception e) { log.Dispose(); throw new NodeStartException(bin, e.Message); }
        process.StandardInput.NewLine = "\n";
        var node = new NodeProcess(nodeId, process, log, onLine);
        ProcessRegistry.Add(node);
        node._stdoutReader.Start();
        node._stderrReader.Start();
        return node;
    }

    /// <summary>Writes one line to the node's stdin and flushes; false if the pipe is gone.</summary>
    public bool TryWrite(string line)
    {
        lock (_stdinLock)
        {
            try
            {
                var stdin = _process.StandardInput;
                stdin.Write(line);
                stdin.Write('\n');
                stdin.Flush();
                return true;
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException
                                          or InvalidOperationException)
            {
                return false;
            }
        }
    }

    /// <summary>The last 32 stdout/stderr lines, oldest first.</summary>
    public IReadOnlyList<string> Tail()
    {
        lock (_tail) return _tail.ToArray();
    }

    /// <summary>Kills the process (SIGKILL, like Maelstrom's teardown) and waits for its
    /// readers, so the log file is complete.</summary>
    public void Kill()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { }
        _process.WaitForExit(5000);
        _stdoutReader.Join(5000);
        _stderrReader.Join(5000);
        lock (_log) _log.Flush();
    }

    public void Dispose()
    {
        Kill();
        ProcessRegistry.Remove(this);
        lock (_log) _log.Dispose();
        _process.Dispose();
    }

    private void Remember(string line)
    {
        lock (_tail)
        {
            _tail.Enqueue(line);
            while (_tail.Count > TailLines) _tail.Dequeue();
        }
    }

    private static Thread Reader(string name, StreamReader reader, Action<string> onLine) =>
        new(() =>
        {
            try { while (reader.ReadLine() is { } line) onLine(line); }
            catch (IOException) { }
            catch (ObjectDisposedException) { }
        }) { IsBackground = true, Name = name };
}

/// <summary>The node binary could not be started at all.</summary>
internal sealed class NodeStartException(string bin, string reason)
    : Exception($"cannot start {bin}: {reason}");
