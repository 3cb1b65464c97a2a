using FunctionalGossip.Harness.Maelstrom;

namespace FunctionalGossip.Harness.Engine;

/// <summary>
/// A line a node wrote to stdout, with its reading as Maelstrom parses it
/// (<see cref="EnvelopeParser.Parse(string)"/>). Reading a large <c>read_ok</c> (every value the
/// node holds) is most of what the run's loop would do with the line, so a transport may read
/// it where the line is made, off the loop: a node process's stdout thread reads its own
/// lines, and the simulator reads a large line on a worker while its node is still busy. The
/// reading is a pure function of the text, so where and when it happens changes nothing in
/// the run; the loop takes it (<see cref="Reading"/>) in the line's turn, as before.
/// </summary>
public sealed class StdoutLine
{
    private readonly Task<EnvelopeParser.Reading>? _ahead;
    private EnvelopeParser.Reading? _reading;

    private StdoutLine(string text, Task<EnvelopeParser.Reading>? ahead,
        EnvelopeParser.Reading? reading) => (Text, _ahead, _reading) = (text, ahead, reading);

    /// <summary>The line as written (no newline).</summary>
    public string Text { get; }

    /// <summary>A line read when the loop takes it.</summary>
    public static StdoutLine Unread(string text) => new(text, null, null);

    /// <summary>A line read now, on the calling thread.</summary>
    public static StdoutLine ReadNow(string text) => new(text, null, EnvelopeParser.Parse(text));

    /// <summary>A line read on a worker from now on, when it is long enough
    /// (<see cref="AheadChars"/>) for the hand-off to pay; a short one is read when the loop
    /// takes it.</summary>
    public static StdoutLine ReadAhead(string text) =>
        text.Length < AheadChars ? Unread(text)
            : new(text, Task.Run(() => EnvelopeParser.Parse(text)), null);

    /// <summary>Lines shorter than this are not worth a worker (a node-to-node batch, a small
    /// reply); a <c>read_ok</c> of a few hundred values is.</summary>
    public const int AheadChars = 2048;

    /// <summary>The envelope, or the reason the line is rejected: read ahead (waiting for the
    /// worker if it is not done, or reading on this thread if it has not started) or
    /// now.</summary>
    public EnvelopeParser.Reading Reading =>
        _reading ??= _ahead is { } task ? task.GetAwaiter().GetResult()
            : EnvelopeParser.Parse(Text);
}
