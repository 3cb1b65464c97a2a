using System.Globalization;
using FunctionalGossip.Check.Checkers;

namespace FunctionalGossip.Check.Cli;

/// <summary>What the <c>gossip check</c> arguments ask for (pure parse, no I/O).</summary>
public abstract record CheckArgs
{
    private CheckArgs() { }

    /// <summary>Usage text.</summary>
    public const string Usage =
        "usage: gossip check <run folder | history.edn> [--json] [--availability total|<0..1>]\n"
        + "  Checks a Maelstrom broadcast history like Maelstrom does and prints results.edn\n"
        + "  (or JSON with --json). Exit: 0 valid, 1 invalid, 2 unknown, 254 bad arguments.\n";

    /// <summary><c>--help</c>: print usage.</summary>
    public sealed record Help : CheckArgs;

    /// <summary>Check the history at <paramref name="Path"/>.</summary>
    public sealed record Check(string Path, bool Json, AvailabilityGoal Availability) : CheckArgs;

    /// <summary>The arguments are unusable; <paramref name="Message"/> says why.</summary>
    public sealed record Bad(string Message) : CheckArgs;

    /// <summary>Parses the arguments that follow <c>gossip check</c>.</summary>
    public static CheckArgs Parse(IReadOnlyList<string> args)
    {
        string? path = null;
        bool json = false;
        AvailabilityGoal goal = AvailabilityGoal.None.Value;
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (arg is "-h" or "--help") return new Help();
            if (arg == "--json") json = true;
            else if (arg == "--availability")
            {
                if (i + 1 >= args.Count)
                    return new Bad("--availability needs a value: total or a number in 0..1");
                if (ParseGoal(args[++i]) is not AvailabilityGoal g)
                    return new Bad(
                        $"--availability must be total or a number in 0..1, not '{args[i]}'");
                goal = g;
            }
            else if (arg.StartsWith('-') && arg.Length > 1)
                return new Bad($"unknown option '{arg}'");
            else if (path is not null)
                return new Bad($"expected one run folder or history.edn, got '{path}' and '{arg}'");
            else path = arg;
        }
        return path is null
            ? new Bad("missing argument: a Maelstrom run folder or history.edn")
            : new Check(path, json, goal);
    }

    private static AvailabilityGoal? ParseGoal(string text)
    {
        if (text == "total") return AvailabilityGoal.Total.Value;
        bool ok = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture,
            out var a);
        return ok && a is >= 0 and <= 1 ? new AvailabilityGoal.AtLeast(a) : null;
    }
}
