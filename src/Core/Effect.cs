using FunctionalGossip.Core.Wire;

namespace FunctionalGossip.Core;

/// <summary>
/// What the node wants done: the closed set of outputs of <see cref="Node.Step"/>. Pure data,
/// never delegates, so tests compare them by equality and replay can check them against a log.
/// </summary>
public abstract record Effect
{
    private Effect() { }

    /// <summary>Write this message as one line to stdout (and flush).</summary>
    public sealed record Send(Envelope Message) : Effect;

    /// <summary>Arrange a <see cref="Event.Tick"/> for <paramref name="Timer"/> at
    /// <paramref name="AtMs"/>, replacing any pending timer with the same id.</summary>
    public sealed record SetTimer(TimerId Timer, long AtMs) : Effect;

    /// <summary>Write one line of diagnostics to stderr: what the node says about an input,
    /// as data (<see cref="Note.Describe"/> is the line).</summary>
    public sealed record Log(Note About) : Effect;
}

/// <summary>The result of one step: the next state and the effects, in order.</summary>
public sealed record Transition(NodeState State, LanguageExt.Seq<Effect> Effects);
