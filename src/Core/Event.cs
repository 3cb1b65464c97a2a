using FunctionalGossip.Core.Wire;

namespace FunctionalGossip.Core;

/// <summary>
/// Everything that can happen to a node: the closed set of inputs to <see cref="Node.Step"/>.
/// Each event carries the monotonic time at which it happened, because the core never reads a
/// clock: a simulated millisecond and a real one are the same to it.
/// </summary>
public abstract record Event
{
    private Event() { }

    /// <summary>Monotonic milliseconds at which the event happened.</summary>
    public abstract long NowMs { get; }

    /// <summary>A decoded message arrived on stdin (requests, gossip and acks alike).</summary>
    public sealed record Receive(long NowMs, Envelope Message) : Event
    {
        /// <inheritdoc/>
        public override long NowMs { get; } = NowMs;
    }

    /// <summary>A timer the node asked for (<see cref="Effect.SetTimer"/>) fired.</summary>
    public sealed record Tick(long NowMs, TimerId Timer) : Event
    {
        /// <inheritdoc/>
        public override long NowMs { get; } = NowMs;
    }

    /// <summary>A stdin line that is not a message at all (not JSON, no src/body, too
    /// long).</summary>
    public sealed record Unreadable(long NowMs, string Line, LineError Error) : Event
    {
        /// <inheritdoc/>
        public override long NowMs { get; } = NowMs;
    }

    /// <summary>Turns one stdin line into the event the node sees: the one way every driver
    /// (shell, simulator, replay) goes from bytes to events.</summary>
    public static Event FromLine(long nowMs, string line) =>
        Codec.Decode(line).Match<Event>(
            Right: envelope => new Receive(nowMs, envelope),
            Left: error => new Unreadable(nowMs, line, error));
}
