using System.Collections.Immutable;
using FunctionalGossip.Core;
using FunctionalGossip.Core.Journal;
using FunctionalGossip.Core.Wire;
using LanguageExt;

namespace FunctionalGossip.Replay.Logs;

/// <summary>
/// Collects what a reader finds in a log, in order, and builds the <see cref="Recording"/>:
/// inputs are kept as the journal entries the shell hands to <see cref="Journaled.Apply"/>
/// (decoded only when applied), and outputs are attached to the input before them. For logs
/// without timer records, ticks are synthesised on a grid of the node's tick interval
/// starting at the first input.
/// </summary>
internal sealed class LogBuilder
{
    /// <summary>One input, as the journal entry that records it (a received line, an
    /// overlong line, a timer), with where it was read and the outputs attached to it.</summary>
    private sealed record Input(JournalEntry Entry, int SourceLine)
    {
        public List<string> Sends { get; } = [];

        public long NowMs => Journaled.NowOf(Entry);
    }

    private readonly List<Input> _inputs = [];
    private readonly SortedDictionary<string, int> _skipped = new(StringComparer.Ordinal);
    private readonly List<string> _notes = [];
    private int _other;

    /// <summary>How many inputs have been added so far.</summary>
    public int InputCount => _inputs.Count;

    /// <summary>A stdin line the node read at <paramref name="nowMs"/>.</summary>
    public void Line(long nowMs, int sourceLine, string line) =>
        _inputs.Add(new Input(new JournalEntry.Received(nowMs, line), sourceLine));

    /// <summary>An overlong stdin line of which only the length was kept.</summary>
    public void TooLong(long nowMs, int sourceLine, long chars) =>
        _inputs.Add(new Input(new JournalEntry.ReceivedTooLong(nowMs, chars), sourceLine));

    /// <summary>A recorded timer firing.</summary>
    public void Tick(long nowMs, int sourceLine, TimerId timer) =>
        _inputs.Add(new Input(new JournalEntry.Ticked(nowMs, timer), sourceLine));

    /// <summary>A stdout line of the node, attached to the latest input.</summary>
    public void Sent(string line)
    {
        if (_inputs.Count == 0) Skip("output recorded before any input");
        else _inputs[^1].Sends.Add(line);
    }

    /// <summary>
    /// A stdout line of the node as the network logged it (jepsen.log): a reply goes to the
    /// request it answers, which may lie a few inputs back, since the network logs a
    /// <c>:recv</c> when it writes to stdin, before a busy node reads it, and the reply after
    /// the node is done; anything else goes to the latest input.
    /// </summary>
    public void SentAsLogged(string line)
    {
        if (Codec.Decode(line).Match(Right: e => e, Left: _ => (Envelope?)null) is
            { Body.InReplyToOrNone: var inReplyTo } reply && inReplyTo.IsSome)
        {
            var id = inReplyTo.IfNone(0);
            for (var i = _inputs.Count - 1; i >= Math.Max(0, _inputs.Count - ReplySearch); i--)
            {
                if (_inputs[i] is not { Entry: JournalEntry.Received request } input) continue;
                if (Codec.Decode(request.Line).Match(Right: e => e, Left: _ => (Envelope?)null) is
                    { } r && r.Src == reply.Dest && r.Body.MsgIdOrNone == Prelude.Some(id))
                {
                    input.Sends.Add(line);
                    return;
                }
            }
        }
        Sent(line);
    }

    /// <summary>How many inputs back a reply's request is looked for.</summary>
    private const int ReplySearch = 256;

    /// <summary>A line that looked like data but could not be understood.</summary>
    public void Skip(string reason) =>
        _skipped[reason] = _skipped.TryGetValue(reason, out var n) ? n + 1 : 1;

    /// <summary>A line that is neither an input nor an output of the replayed node.</summary>
    public void Other() => _other++;

    /// <summary>Something the user should be told when the replay opens.</summary>
    public void Note(string note) => _notes.Add(note);

    /// <summary>Builds the recording; with <paramref name="synthesiseTicks"/>, a gossip tick is
    /// inserted at every multiple of the tick interval after the first input, up to the
    /// last.</summary>
    public Recording Build(LogKind kind, string node, NodeSettings settings, bool synthesiseTicks)
    {
        var steps = ImmutableArray.CreateBuilder<RecordedStep>(_inputs.Count);
        long nextTickMs = _inputs.Count > 0 ? _inputs[0].NowMs + settings.TickMs : 0;
        foreach (var input in _inputs)
        {
            while (synthesiseTicks && nextTickMs <= input.NowMs)
            {
                steps.Add(new RecordedStep(
                    new JournalEntry.Ticked(nextTickMs, TimerId.Gossip), 0, []));
                nextTickMs += settings.TickMs;
            }
            steps.Add(new RecordedStep(input.Entry, input.SourceLine, [.. input.Sends]));
        }
        return new Recording(kind, node, settings, steps.ToImmutable(),
            _skipped.ToImmutableSortedDictionary(StringComparer.Ordinal), _other, [.. _notes]);
    }
}
