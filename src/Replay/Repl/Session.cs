using System.Collections.Immutable;
using FunctionalGossip.Core;
using FunctionalGossip.Core.Journal;
using FunctionalGossip.Core.Wire;

namespace FunctionalGossip.Replay.Repl;

/// <summary>
/// The REPL's model: a timeline and the current moment. <see cref="Execute"/> turns one command
/// into one result; nothing here prints or reads.
/// </summary>
public sealed class Session
{
    private Moment _current;

    /// <summary>A session at step 0 of <paramref name="recording"/>.</summary>
    public Session(Recording recording)
    {
        Timeline = new Timeline(recording);
        _current = Timeline.At(0);
    }

    /// <summary>The fold behind the session.</summary>
    public Timeline Timeline { get; }

    /// <summary>Where the session stands.</summary>
    public Moment Current => _current;

    /// <summary>Runs one command.</summary>
    public Result Execute(Command command) => command switch
    {
        Command.Step s => Move("step", Timeline.Forward(_current, s.Count),
            _current.Position + s.Count > Timeline.Length ? "stopped at the end" : ""),
        Command.Back b => Move("back", Timeline.At(Math.Max(0, _current.Position - b.Count)),
            _current.Position - b.Count < 0 ? "stopped at the start" : ""),
        Command.Goto g => GoTo(g.Target),
        Command.Until u => Until(u.Condition),
        Command.State => new Result.StateOf(Here(), _current.After),
        Command.Diff => new Result.DiffOf(Here(),
            StateDiff.Between(_current.Before, _current.After)),
        Command.Effects => EffectsHere(),
        Command.FindValue f => Find(f.Value),
        Command.Peers => new Result.PeerTable(Here(), PeerRows(_current.After)),
        Command.Verify => new Result.Verified(Verifier.Run(Timeline)),
        Command.Summary => new Result.Summarised(Auditor.Run(Timeline)),
        Command.Help => new Result.HelpText(Command.HelpText),
        Command.Quit => new Result.Quitting(),
        Command.Bad bad => new Result.Error(bad.Input, bad.Message),
        _ => throw new System.Diagnostics.UnreachableException(command.ToString()),
    };

    /// <summary>The position line for <paramref name="at"/>.</summary>
    public static Position PositionOf(Timeline timeline, Moment at)
    {
        if (at.Position == 0)
            return new Position(0, timeline.Length, 0, "start (no step applied)", 0, false);
        var step = timeline.StepAt(at.Position);
        var what = at.Event.Match(ev => Describe.Event(ev),
            () => $"no event (making it threw): {JournalFormat.Format(step.Input)}");
        return new Position(at.Position, timeline.Length, step.NowMs, what, step.SourceLine,
            step.Synthesised);
    }

    private Position Here() => PositionOf(Timeline, _current);

    private Result Move(string command, Moment to, string note)
    {
        _current = to;
        return new Result.Moved(command, Here(), note);
    }

    private Result GoTo(Target target) => target switch
    {
        Target.End => Move("goto", Timeline.At(Timeline.Length), ""),
        Target.Step s when s.Position > Timeline.Length => new Result.Error($"goto {s.Position}",
            $"step {s.Position} is past the end (steps 0..{Timeline.Length})"),
        Target.Step s => Move("goto", Timeline.At(s.Position), ""),
        Target.Time t => Move("goto", Timeline.At(LastAtOrBefore(t.Ms)), ""),
        _ => throw new System.Diagnostics.UnreachableException(target.ToString()),
    };

    /// <summary>The last position whose step happened at or before <paramref name="ms"/>.</summary>
    private int LastAtOrBefore(long ms)
    {
        var steps = Timeline.Recording.Steps;
        var position = 0;
        for (var i = 0; i < steps.Length && steps[i].NowMs <= ms; i++) position = i + 1;
        return position;
    }

    private Result Until(Condition condition)
    {
        var hit = Timeline.Scan(_current,
            (position, before, t) => condition.Holds(Timeline.StepAt(position), before, t));
        return hit is null
            ? new Result.Moved("until", Here(),
                $"no later step satisfies '{condition.Render()}'; not moved")
            : Move("until", hit, "");
    }

    private Result EffectsHere()
    {
        var emitted = _current.Effects.Map(Describe.Effect).ToImmutableArray();
        var recorded = _current.Position == 0 ? []
            : Timeline.StepAt(_current.Position).RecordedSends
                .Select(l => $"send {l}").ToImmutableArray();
        return new Result.EffectsOf(Here(), emitted, recorded);
    }

    private Result Find(long value)
    {
        var at = Timeline.FirstKnowing(value);
        if (at is null) return new Result.Found(value, null, "");
        var position = PositionOf(Timeline, at);
        var from = at.Event.Case is Event.Receive r
            ? $"{r.Message.Src} ({Describe.Body(r.Message.Body)})"
            : position.Event;
        return new Result.Found(value, position, from);
    }

    private static ImmutableArray<PeerRow> PeerRows(NodeState s)
    {
        var rows = ImmutableArray.CreateBuilder<PeerRow>();
        foreach (var (peer, link) in s.Peers)
            rows.Add(new PeerRow(peer, [.. link.Unsent], link.InFlight.Count, [.. link.Owed],
                link.InFlight.IsEmpty ? -1 : link.InFlight.Values.Min(b => b.SentAtMs)));
        return rows.ToImmutable();
    }
}
