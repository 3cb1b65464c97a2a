using System.CommandLine;
using System.Globalization;
using FunctionalGossip.Check.Checkers;
using FunctionalGossip.Cli;

namespace FunctionalGossip.Check.Cli;

/// <summary>The one definition of <c>gossip check</c>'s arguments and options.</summary>
internal sealed class CheckArgs
{
    /// <summary>What <c>gossip check</c> does, in one line.</summary>
    public const string Summary =
        "Judge a Maelstrom broadcast history (ours or Maelstrom's) like Maelstrom's checker.";

    /// <summary>The rest of its help.</summary>
    public const string Details =
        "Prints results.edn (or JSON with --json), notes and the verdict on stderr. Exit: 0 "
        + "valid, 1 invalid, 2 unknown, 254 bad arguments or unreadable history.";

    /// <summary>The history to check.</summary>
    public readonly Argument<string> Path = Options.Operand("run folder | history.edn",
        "a Maelstrom run folder (its history.edn) or a history.edn file");

    /// <summary><c>--json</c>.</summary>
    public readonly Option<bool> Json = Options.Flag("--json",
        "print results.json instead of results.edn");

    /// <summary><c>--availability</c>.</summary>
    public readonly Option<AvailabilityGoal> Availability = new("--availability")
    {
        HelpName = "total|0..1",
        Description = "require every op to succeed (total) or at least this fraction "
            + "(default: none, as Maelstrom)",
        DefaultValueFactory = _ => AvailabilityGoal.None.Value,
        CustomParser = r =>
        {
            var text = r.Tokens.Count > 0 ? r.Tokens[^1].Value : "";
            if (ParseGoal(text) is { } goal) return goal;
            r.AddError($"--availability must be total or a number in 0..1, not '{text}'");
            return AvailabilityGoal.None.Value;
        },
    };

    private static AvailabilityGoal? ParseGoal(string text)
    {
        if (text == "total") return AvailabilityGoal.Total.Value;
        bool ok = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture,
            out var a);
        return ok && a is >= 0 and <= 1 ? new AvailabilityGoal.AtLeast(a) : null;
    }
}
