using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using FunctionalGossip.Core;
using FunctionalGossip.Core.Journal;
using FunctionalGossip.Core.Wire;

namespace FunctionalGossip.Shell;

/// <summary>
/// The imperative shell around <see cref="Node.Step"/>. One thread (this loop) owns the state.
/// Stdin lines and signals arrive on one queue from a reader thread; the timer table is
/// consulted by the same loop, so a tick is never early and never stale. Per input: stamp
/// <c>NowMs</c> from a monotonic clock, journal it, step, execute the effects in order.
/// </summary>
internal sealed class NodeHost
{
    /// <summary>Longest stdin line kept in memory (characters).</summary>
    public const int MaxLineChars = 8 * 1024 * 1024;

    private abstract record Input
    {
        private Input() { }
        public sealed record Line(InputLine Content) : Input;
        public sealed record End(string Reason) : Input;
    }

    private readonly BlockingCollection<Input> _inbox = new();
    private readonly Dictionary<TimerId, long> _timers = new();
    private readonly long _start = Stopwatch.GetTimestamp();
    private readonly StreamWriter _stdout;
    private readonly StreamWriter _stderr;
    private NodeState _state;

    private NodeHost(NodeSettings settings)
    {
        var utf8 = new UTF8Encoding(false);
        _stdout = new StreamWriter(Console.OpenStandardOutput(), utf8, 1 << 16) { NewLine = "\n" };
        _stderr = new StreamWriter(Console.OpenStandardError(), utf8, 1 << 16) { NewLine = "\n" };
        _state = NodeState.Initial(settings);
    }

    /// <summary>Runs the node until stdin ends or a termination signal; returns the exit
    /// code.</summary>
    public static int Run(NodeSettings settings) => new NodeHost(settings).Loop();

    private long NowMs => (long)Stopwatch.GetElapsedTime(_start).TotalMilliseconds;

    private int Loop()
    {
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var intr = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        StartStdinPump();
        Journal(new JournalEntry.Header(JournalFormat.Version, _state.Settings.Render()));
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
            TryLog($"exit io-error {e.Message}");
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
        var reader = new BoundedLineReader(
            new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false), false, 1 << 16),
            MaxLineChars);
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
        Journal(new JournalEntry.Ticked(now, timer));
        Apply(now, () => new Event.Tick(now, timer));
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
            case InputLine.Text t:
                Journal(new JournalEntry.Received(now, t.Line));
                Apply(now, () => Event.FromLine(now, t.Line));
                break;
            case InputLine.TooLong l:
                Journal(new JournalEntry.ReceivedTooLong(now, l.Chars));
                Apply(now, () => new Event.Unreadable(now, "", new LineError.TooLong(l.Chars)));
                break;
            default:
                throw new UnreachableException(content.ToString());
        }
    }

    /// <summary>Decodes and steps one input, then executes its effects. A defect in decoding
    /// or in Step must not take the node down: the input is logged and the old state
    /// kept.</summary>
    private void Apply(long now, Func<Event> input)
    {
        Transition t;
        try
        {
            t = Node.Step(_state, input());
        }
        catch (Exception e) when (e is not IOException)
        {
            Journal(new JournalEntry.Logged(now, $"internal error, input ignored: {e}"));
            _stderr.Flush();
            return;
        }
        _state = t.State;
        foreach (var effect in t.Effects) Execute(now, effect);
        _stderr.Flush();
    }

    private void Execute(long now, Effect effect)
    {
        switch (effect)
        {
            case Effect.Send s:
                var line = Codec.Encode(s.Message);
                _stdout.Write(line);
                _stdout.Write('\n');
                _stdout.Flush();
                Journal(new JournalEntry.Sent(now, line));
                break;
            case Effect.SetTimer t:
                _timers[t.Timer] = t.AtMs;
                break;
            case Effect.Log l:
                Journal(new JournalEntry.Logged(now, l.Text));
                break;
            default:
                throw new UnreachableException(effect.ToString());
        }
    }

    private int Stop(string reason)
    {
        Journal(new JournalEntry.Exited(NowMs, reason));
        _stdout.Flush();
        _stderr.Flush();
        return 0;
    }

    private void Journal(JournalEntry entry)
    {
        _stderr.Write(JournalFormat.Format(entry));
        _stderr.Write('\n');
    }

    private void TryLog(string text)
    {
        try { _stderr.WriteLine($"{NowMs} {text}"); _stderr.Flush(); }
        catch (IOException) { }
    }
}
