using System.Globalization;

namespace FunctionalGossip.Replay.Repl;

/// <summary>Where <c>goto</c> goes.</summary>
public abstract record Target
{
    private Target() { }

    /// <summary>A step number (0 = before the first step).</summary>
    public sealed record Step(int Position) : Target;

    /// <summary>The last step.</summary>
    public sealed record End : Target;

    /// <summary>The state at a time: after every step with <c>NowMs</c> ≤ <paramref
    /// name="Ms"/>.</summary>
    public sealed record Time(long Ms) : Target;
}

/// <summary>A REPL command, parsed. Misuse is a value too (<see cref="Bad"/>), so the loop
/// only ever prints results.</summary>
public abstract record Command
{
    private Command() { }

    /// <summary><c>step [n]</c>: apply the next n steps (default 1).</summary>
    public sealed record Step(int Count) : Command;

    /// <summary><c>back [n]</c>: return n steps (default 1), from a snapshot.</summary>
    public sealed record Back(int Count) : Command;

    /// <summary><c>goto &lt;step|end|t=&lt;ms&gt;&gt;</c>.</summary>
    public sealed record Goto(Target Target) : Command;

    /// <summary><c>until &lt;condition&gt;</c>: step forward to the first step satisfying
    /// it.</summary>
    public sealed record Until(Condition Condition) : Command;

    /// <summary><c>state</c>: the whole state at this position.</summary>
    public sealed record State : Command;

    /// <summary><c>diff</c>: what the last step changed.</summary>
    public sealed record Diff : Command;

    /// <summary><c>effects</c>: what the last step emitted, beside what the log recorded.</summary>
    public sealed record Effects : Command;

    /// <summary><c>find value &lt;v&gt;</c>: the step at which the node first knew v.</summary>
    public sealed record FindValue(long Value) : Command;

    /// <summary><c>peers</c>: per relay peer, what is unsent and in flight.</summary>
    public sealed record Peers : Command;

    /// <summary><c>verify</c>: recompute every output and compare with the recorded ones.</summary>
    public sealed record Verify : Command;

    /// <summary><c>summary</c>: the log's account and which inputs the node rejected, and
    /// why.</summary>
    public sealed record Summary : Command;

    /// <summary><c>help</c>.</summary>
    public sealed record Help : Command;

    /// <summary><c>quit</c>.</summary>
    public sealed record Quit : Command;

    /// <summary>A line that is not a valid command; <paramref name="Message"/> says why.</summary>
    public sealed record Bad(string Input, string Message) : Command;

    /// <summary>The command list, as <c>help</c> prints it.</summary>
    public const string HelpText = """
        step [n]            apply the next n steps (default 1)
        back [n]            go back n steps (default 1), from the nearest snapshot
        goto <where>        a step number, end, or t=<ms> (the state at that time)
        until <condition>   step forward to the first step where the condition holds:
                              value <v>   the node learns v        type <t>  event type
                              from <id>   input sent by id         to <id>   step sent to id
                              error       step sent an error       t>MS, t>=MS  time reached
        state               the whole state at this position
        diff                what the last step changed
        effects             what the last step emitted (and what the log recorded)
        find value <v>      the step at which the node first knew v, and from whom
        peers               per relay peer: unsent and in-flight (unacknowledged) values
        verify              recompute every output and compare with the recorded outputs
        summary             the log's account: steps, skipped lines, rejected inputs and why
        help                this text
        quit                leave
        """;

    /// <summary>Parses one command line (words separated by spaces).</summary>
    public static Command Parse(string line)
    {
        var w = line.Split(' ', Words);
        if (w.Length == 0) return new Bad(line, "empty command (try help)");
        var args = w[1..];
        return w[0] switch
        {
            "step" or "s" => Counted(line, args, n => new Step(n)),
            "back" or "b" => Counted(line, args, n => new Back(n)),
            "goto" or "g" => ParseGoto(line, args),
            "until" or "u" => Condition.Parse(args) switch
            {
                Condition.Invalid bad => new Bad(line, bad.Message),
                var c => new Until(c),
            },
            "find" => ParseFind(line, args),
            "state" or "diff" or "effects" or "peers" or "verify" or "summary" or "help" or "quit"
                when args.Length > 0 => new Bad(line, $"{w[0]} takes no arguments"),
            "state" => new State(),
            "diff" => new Diff(),
            "effects" => new Effects(),
            "peers" => new Peers(),
            "verify" => new Verify(),
            "summary" => new Summary(),
            "help" or "?" => new Help(),
            "quit" or "exit" or "q" => new Quit(),
            _ => new Bad(line, $"unknown command '{w[0]}' (try help)"),
        };
    }

    private static Command Counted(string line, string[] args, Func<int, Command> make) =>
        args.Length switch
        {
            0 => make(1),
            1 when int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                   && n > 0 => make(n),
            1 => new Bad(line, $"'{args[0]}' is not a positive step count"),
            _ => new Bad(line, "expected at most one step count"),
        };

    private static Command ParseGoto(string line, string[] args)
    {
        if (args.Length != 1) return new Bad(line, "usage: goto <step|end|t=<ms>>");
        var a = args[0];
        if (a == "end") return new Goto(new Target.End());
        if (a.StartsWith("t=", StringComparison.Ordinal))
            return long.TryParse(a[2..], NumberStyles.None, Invariant, out var ms)
                ? new Goto(new Target.Time(ms))
                : new Bad(line, $"'{a[2..]}' is not a time in ms (goto t=<ms>)");
        return int.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var step)
            ? new Goto(new Target.Step(step))
            : new Bad(line, $"'{a}' is not a step number, end or t=<ms>");
    }

    private static Command ParseFind(string line, string[] args) =>
        args.Length == 2 && args[0] == "value"
            ? long.TryParse(args[1], NumberStyles.AllowLeadingSign, Invariant, out var v)
                ? new FindValue(v)
                : new Bad(line, $"'{args[1]}' is not an integer value")
            : new Bad(line, "usage: find value <v>");

    /// <summary>Splits a script into commands at <c>;</c> and newlines.</summary>
    public static IEnumerable<string> SplitScript(string script) =>
        script.Split([';', '\n'], Words);

    private const StringSplitOptions Words =
        StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
}
