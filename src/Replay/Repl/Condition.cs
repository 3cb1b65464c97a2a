using System.Globalization;
using FunctionalGossip.Core;
using FunctionalGossip.Core.Journal;
using FunctionalGossip.Core.Wire;

namespace FunctionalGossip.Replay.Repl;

/// <summary>What <c>until</c> waits for: a predicate on one step (the recorded input, the
/// state before it, and what it did).</summary>
public abstract record Condition
{
    private Condition() { }

    /// <summary>The node learns <paramref name="Value"/> at this step.</summary>
    public sealed record Learns(long Value) : Condition;

    /// <summary>The input is of this type (a body type, <c>tick</c> or
    /// <c>unreadable</c>).</summary>
    public sealed record OfType(string Type) : Condition;

    /// <summary>The input was sent by this id.</summary>
    public sealed record From(string Id) : Condition;

    /// <summary>The step sends a message to this id.</summary>
    public sealed record To(string Id) : Condition;

    /// <summary>The step sends an error reply.</summary>
    public sealed record SendsError : Condition;

    /// <summary>The step's time is after (or at, with <paramref name="OrEqual"/>) a time.</summary>
    public sealed record After(long Ms, bool OrEqual) : Condition;

    /// <summary>Not a condition; <paramref name="Message"/> says why.</summary>
    public sealed record Invalid(string Message) : Condition;

    private const string Usage =
        "conditions: value <v>, type <t>, from <id>, to <id>, error, t><ms>, t>=<ms>";

    /// <summary>Whether the step satisfies the condition.</summary>
    public bool Holds(RecordedStep step, NodeState before, Applied t) => this switch
    {
        Learns l => !before.Values.Contains(l.Value) && t.State.Values.Contains(l.Value),
        OfType o => t.Event.Exists(ev => TypeOf(ev) == o.Type),
        From f => t.Event.Case is Event.Receive r && r.Message.Src == f.Id,
        To d => t.Effects.Exists(e => e is Effect.Send s && s.Message.Dest == d.Id),
        SendsError => t.Effects.Exists(e => e is Effect.Send { Message.Body: Body.Error }),
        After a => a.OrEqual ? step.NowMs >= a.Ms : step.NowMs > a.Ms,
        Invalid => false,
        _ => throw new System.Diagnostics.UnreachableException(ToString()),
    };

    /// <summary>The type name of an event: its body's <c>type</c>, or tick/unreadable.</summary>
    public static string TypeOf(Event ev) => ev switch
    {
        Event.Receive r => r.Message.Body.Type,
        Event.Tick => "tick",
        Event.Unreadable => "unreadable",
        _ => throw new System.Diagnostics.UnreachableException(ev.ToString()),
    };

    /// <summary>Parses the words after <c>until</c>.</summary>
    public static Condition Parse(IReadOnlyList<string> w)
    {
        if (w.Count == 0) return new Invalid("until needs a condition; " + Usage);
        var time = string.Join("", w);
        if (time.StartsWith("t>", StringComparison.Ordinal))
        {
            var orEqual = time.StartsWith("t>=", StringComparison.Ordinal);
            var digits = time[(orEqual ? 3 : 2)..];
            var invariant = CultureInfo.InvariantCulture;
            return long.TryParse(digits, NumberStyles.None, invariant, out var ms)
                ? new After(ms, orEqual)
                : new Invalid($"'{digits}' is not a time in ms; " + Usage);
        }
        return (w[0], w.Count) switch
        {
            ("error", 1) => new SendsError(),
            ("value", 2) => long.TryParse(w[1], NumberStyles.AllowLeadingSign,
                CultureInfo.InvariantCulture, out var v)
                ? new Learns(v) : new Invalid($"'{w[1]}' is not an integer value"),
            ("type", 2) => new OfType(w[1]),
            ("from", 2) => new From(w[1]),
            ("to", 2) => new To(w[1]),
            _ => new Invalid($"'{string.Join(" ", w)}' is not a condition; " + Usage),
        };
    }

    /// <summary>The condition as typed.</summary>
    public string Render() => this switch
    {
        Learns l => $"value {l.Value}",
        OfType o => $"type {o.Type}",
        From f => $"from {f.Id}",
        To d => $"to {d.Id}",
        SendsError => "error",
        After a => a.OrEqual ? $"t>={a.Ms}" : $"t>{a.Ms}",
        Invalid i => i.Message,
        _ => throw new System.Diagnostics.UnreachableException(ToString()),
    };
}
