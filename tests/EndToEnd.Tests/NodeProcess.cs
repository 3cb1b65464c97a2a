using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace FunctionalGossip.EndToEnd.Tests;

/// <summary>A running <c>gossip</c> node with pipes: write stdin lines, read stdout lines with
/// timeouts, and collect stderr (the journal).</summary>
public sealed class NodeProcess : IDisposable
{
    private readonly Process _process;
    private readonly BlockingCollection<string> _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Task _stdoutPump;
    private readonly Task _stderrPump;

    public NodeProcess(string binary, params string[] args)
    {
        var psi = new ProcessStartInfo(binary)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        _process = Process.Start(psi)!;
        _process.StandardInput.AutoFlush = true;
        _process.StandardInput.NewLine = "\n";
        _stdoutPump = Task.Run(() =>
        {
            while (_process.StandardOutput.ReadLine() is { } line) _stdout.Add(line);
            _stdout.CompleteAdding();
        });
        _stderrPump = Task.Run(() =>
        {
            while (_process.StandardError.ReadLine() is { } line)
                lock (_stderr) _stderr.Append(line).Append('\n');
        });
    }

    public bool HasExited => _process.HasExited;

    public string Journal { get { lock (_stderr) return _stderr.ToString(); } }

    public void Send(string line) => _process.StandardInput.Write(line + "\n");

    /// <summary>Writes <paramref name="bytes"/> to stdin as they are, in one write.</summary>
    public void WriteBytes(byte[] bytes)
    {
        _process.StandardInput.BaseStream.Write(bytes);
        _process.StandardInput.BaseStream.Flush();
    }

    /// <summary>The next stdout line, or a failure naming what was awaited. The default bound
    /// is generous (a line that comes returns at once): 5 s was missed on a 2-core host at
    /// load average 20 by a node that answered correctly.</summary>
    public string Next(int timeoutMs = 30_000)
    {
        if (_stdout.TryTake(out var line, timeoutMs)) return line;
        throw new TimeoutException(
            $"no stdout line within {timeoutMs} ms; journal so far:\n{Journal}");
    }

    /// <summary>Null when nothing arrives within the window.</summary>
    public string? NextOrNull(int windowMs) =>
        _stdout.TryTake(out var line, windowMs) ? line : null;

    public int CloseAndWait(int timeoutMs = 30_000)
    {
        _process.StandardInput.Close();
        return WaitForExit(timeoutMs);
    }

    public int WaitForExit(int timeoutMs = 30_000)
    {
        if (!_process.WaitForExit(timeoutMs)) throw new TimeoutException("node did not exit");
        _stdoutPump.Wait(timeoutMs);
        _stderrPump.Wait(timeoutMs);
        return _process.ExitCode;
    }

    public void Signal(string name)
    {
        using var kill = Process.Start("kill", new[] { "-s", name, _process.Id.ToString() })!;
        kill.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(true);
        _process.Dispose();
    }
}
