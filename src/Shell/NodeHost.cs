using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using FunctionalGossip.Core;
using FunctionalGossip.Core.Journal;

namespace FunctionalGossip.Shell;

/// <summary>
/// The imperative shell around <see cref="Node.Step"/>. One thread (this loop) owns the state.
/// Stdin lines and signals arrive on one queue from a reader thread; the timer table is
/// consulted by the same loop, so a tick is never early and never stale. Per input: stamp
/// <c>NowMs</c> from a monotonic clock and hand it to Core's <see cref="JournaledNode"/>
/// (journal it, step, effects in order), whose outputs this class carries out.
/// </summary>
internal sealed class NodeHost : INodeOutputs
{
    /// <summary>Longest stdin line kept in memory (characters).</summary>
    public const int MaxLineChars = 8 * 1024 * 1024;

    /// <summary>Buffer size of stdin, and the starting size of stdout's and stderr's (bytes or
    /// characters). Small on purpose: every buffer is zeroed, page by page, before
    /// <c>init</c> is answered (a 64 KiB one cost about 40 page faults each); a longer stdin
    /// line takes more than one read, and an output buffer grows to its largest batch (see
    /// <see cref="Utf8Sink"/>).</summary>
    private const int StreamBuffer = 4096;

    private abstract record Input
    {
        private Input() { }
        public sealed record Line(InputLine Content) : Input;
        public sealed record End(string Reason) : Input;
    }

    private readonly BlockingCollection<Input> _inbox = new();
    private readonly Dictionary<TimerId, long> _timers = new();
    private readonly long _start = Stopwatch.GetTimestamp();
    private readonly Utf8Sink _stdout;
    private readonly Utf8Sink _stderr;
    private readonly JournaledNode _node;

    private NodeHost(NodeSettings settings)
    {
        _stdout = new Utf8Sink(Console.OpenStandardOutput(), StreamBuffer);
        _stderr = new Utf8Sink(Console.OpenStandardError(), StreamBuffer);
        _node = new JournaledNode(settings);
    }

    /// <summary>Runs the node until stdin ends or a termination signal; returns the exit
    /// code.</summary>
    public static int Run(NodeSettings settings)
    {
        NodeHost host;
        try
        {
            host = new NodeHost(settings);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"gossip: cannot open stdout/stderr: {e.Message}");
            return 2;
        }
        return host.Loop();
    }

    private long NowMs => (long)Stopwatch.GetElapsedTime(_start).TotalMilliseconds;

    private int Loop()
    {
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var intr = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        StartStdinPump();
        _node.Start(this);
        _stderr.Flush();
        try
        {
            while (true)
            {
                if (FireDueTimer()) continue;
                if (!_inbox.TryTake(out var input, MillisUntilNextTimer())) continue;
                if (input is Input.End end) return Stop(end.Reason);
                Receive(((Input.Line)input).Content);
            }
        }
        catch (IOException e)
        {
            // stdout or stderr is gone: nobody can hear us any more.
            TryJournalExit($"io-error {e.Message}");
            return 0;
        }
    }

    private void OnSignal(PosixSignalContext ctx)
    {
        ctx.Cancel = true;
        _inbox.Add(new Input.End(ctx.Signal == PosixSignal.SIGTERM ? "sigterm" : "sigint"));
    }

    private void StartStdinPump()
    {
        var reader = new BoundedLineReader(Console.OpenStandardInput(), MaxLineChars,
            StreamBuffer);
        var thread = new Thread(() =>
        {
            while (reader.Next() is { } line) _inbox.Add(new Input.Line(line));
            _inbox.Add(new Input.End("eof"));
        }) { IsBackground = true, Name = "stdin" };
        thread.Start();
    }

    private bool FireDueTimer()
    {
        if (_timers.Count == 0) return false;
        var (timer, atMs) = _timers.MinBy(kv => kv.Value);
        var now = NowMs;
        if (atMs > now) return false;
        _timers.Remove(timer);
        _node.OnTimer(now, timer, this);
        _stderr.Flush();
        return true;
    }

    private int MillisUntilNextTimer()
    {
        if (_timers.Count == 0) return Timeout.Infinite;
        var wait = _timers.Values.Min() - NowMs;
        return (int)Math.Clamp(wait, 0, int.MaxValue);
    }

    private void Receive(InputLine content)
    {
        var now = NowMs;
        switch (content)
        {
            case InputLine.Text t: _node.OnLine(now, t.Line, this); break;
            case InputLine.TooLong l: _node.OnTooLong(now, l.Chars, this); break;
            default: throw new UnreachableException(content.ToString());
        }
        _stderr.Flush();
    }

    /// <inheritdoc/>
    public void Stdout(string line)
    {
        _stdout.Write(line);
        _stdout.NewLine();
        _stdout.Flush();
    }

    /// <inheritdoc/>
    public void SetTimer(TimerId timer, long atMs) => _timers[timer] = atMs;

    /// <inheritdoc/>
    public void Journal(JournalEntry entry)
    {
        // Head and text apart: a sent read_ok is not copied into a second string first.
        var (head, text) = JournalFormat.Split(entry);
        _stderr.Write(head);
        _stderr.Write(text);
        _stderr.NewLine();
    }

    private int Stop(string reason)
    {
        Journal(new JournalEntry.Exited(NowMs, reason));
        _stdout.Flush();
        _stderr.Flush();
        return 0;
    }

    /// <summary>Journals the stop if stderr is still there (stdout may be the pipe that
    /// broke).</summary>
    private void TryJournalExit(string reason)
    {
        try
        {
            Journal(new JournalEntry.Exited(NowMs, reason));
            _stderr.Flush();
        }
        catch (IOException) { }
    }
}
