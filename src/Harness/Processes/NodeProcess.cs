using System.Diagnostics;
using System.Text;
using FunctionalGossip.Harness.Engine;
using FunctionalGossip.Harness.Maelstrom;
using FunctionalGossip.Harness.Sim;

namespace FunctionalGossip.Harness.Processes;

/// <summary>
/// One node under test as Maelstrom runs it (process.clj): a process with stdin/stdout pipes
/// whose stderr lines are kept verbatim for <c>node-logs/&lt;node&gt;.log</c>. Stdout lines are
/// handed to a callback on the reader thread. The last 32 stdout and stderr lines are kept for
/// the crash report. An exit is reported once both readers have drained, so the report holds
/// everything the node wrote.
/// </summary>
internal sealed class NodeProcess : IDisposable
{
    private const int TailLines = 32;
    private const int PipeBuffer = 64 * 1024;
    private readonly Process _process;
    private readonly Utf8LineLog _stderr;
    private bool _stderrClosed;
    private readonly Queue<string> _stdoutTail = new();
    private readonly Queue<string> _stderrTail = new();
    private readonly Thread _stdoutReader;
    private readonly Thread _stderrReader;
    private readonly object _stdinLock = new();

    private NodeProcess(string nodeId, Process process, Action<string, string> onLine,
        LogSpill spill)
    {
        NodeId = nodeId;
        _stderr = new Utf8LineLog(spill);
        _process = process;
        _stdoutReader = Reader($"{nodeId} stdout", Large(process.StandardOutput), line =>
        {
            Remember(_stdoutTail, line);
            onLine(nodeId, line);
        });
        _stderrReader = Reader($"{nodeId} stderr", Large(process.StandardError), line =>
        {
            Remember(_stderrTail, line);
            lock (_stderr)
            {
                if (!_stderrClosed) _stderr.Add(line);
            }
        });
    }

    public string NodeId { get; }

    /// <summary>Spawns the node in the system temp folder (Maelstrom uses java.io.tmpdir).
    /// <paramref name="onLine"/> gets (node, stdout line); <paramref name="onExit"/> gets (node,
    /// status, last stderr lines, last stdout lines) when the process ends, killed or
    /// not. Its stderr log's chunks go to <paramref name="spill"/>, shared by the run's nodes,
    /// while their logs together hold too much.</summary>
    public static NodeProcess Start(string nodeId, string bin, IReadOnlyList<string> args,
        Action<string, string> onLine, Action<string, NodeExit> onExit, LogSpill spill)
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
        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        try { process.Start(); }
        catch (Exception e) { process.Dispose(); throw new NodeStartException(bin, e.Message); }
        process.StandardInput.NewLine = "\n";
        var node = new NodeProcess(nodeId, process, onLine, spill);
        ProcessRegistry.Add(node);
        process.Exited += (_, _) => node.ReportExit(onExit);
        node._stdoutReader.Start();
        node._stderrReader.Start();
        return node;
    }

    /// <summary>Writes one line to the node's stdin and flushes; false if the pipe is
    /// gone.</summary>
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

    /// <summary>Every stderr line, once the process is killed (<see cref="Kill"/>): kept as
    /// UTF-8 in chunks, which go to the run's spill file while the logs hold too much (a
    /// soak's stderr holds every read_ok the node sent, hundreds of megabytes that as strings
    /// took twice the memory and crowded the large-object heap). Lines the reader sees after
    /// this are not added, so the log never changes while the store writes it.</summary>
    public IReadOnlyList<string> StderrLines()
    {
        lock (_stderr)
        {
            if (!_stderrClosed) _stderr.Settle();
            _stderrClosed = true;
            return _stderr;
        }
    }

    /// <summary>The process's CPU time and peak RSS so far, from <c>/proc</c>; null once it
    /// has exited (the runtime reaps a child as soon as it exits, so no zombie is left to
    /// read, and its pid may already belong to another process).</summary>
    public NodeCostReading? ReadCost() => LivePid() is int pid ? ProcFs.Read(pid) : null;

    /// <summary>The process id while it runs; null once it has exited (see
    /// <see cref="ReadCost"/>).</summary>
    public int? LivePid()
    {
        try { return _process.HasExited ? null : _process.Id; }
        catch (InvalidOperationException) { return null; }
    }

    /// <summary>Kills the process (SIGKILL, like Maelstrom's teardown) and waits for its
    /// readers, so every line it wrote has been seen.</summary>
    public void Kill()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); }
        catch (Exception e) when (e is InvalidOperationException
                                      or System.ComponentModel.Win32Exception) { }
        _process.WaitForExit(5000);
        _stdoutReader.Join(5000);
        _stderrReader.Join(5000);
    }

    public void Dispose()
    {
        Kill();
        ProcessRegistry.Remove(this);
        _process.Dispose();
    }

    private void ReportExit(Action<string, NodeExit> onExit)
    {
        _stdoutReader.Join(2000);
        _stderrReader.Join(2000);
        int status;
        try { status = _process.ExitCode; }
        catch (InvalidOperationException) { status = -1; }
        onExit(NodeId, new NodeExit(status, Snapshot(_stderrTail), Snapshot(_stdoutTail)));
    }

    private static string[] Snapshot(Queue<string> tail)
    {
        lock (tail) return tail.ToArray();
    }

    private static void Remember(Queue<string> tail, string line)
    {
        lock (tail)
        {
            tail.Enqueue(line);
            while (tail.Count > TailLines) tail.Dequeue();
        }
    }

    /// <summary>A reader of the same pipe with a 64 KiB buffer (a pipe's capacity) instead of
    /// the 4 KiB one <see cref="Process"/> gives: a <c>read_ok</c> of 30,000 values (170 kB)
    /// is then about three reads rather than 42, each a system call on a busy machine.
    /// </summary>
    private static StreamReader Large(StreamReader pipe) =>
        new(pipe.BaseStream, pipe.CurrentEncoding, false, PipeBuffer);

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
