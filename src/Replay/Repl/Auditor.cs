using System.Collections.Immutable;
using FunctionalGossip.Core;
using FunctionalGossip.Core.Journal;
using FunctionalGossip.Core.Wire;
using LanguageExt;

namespace FunctionalGossip.Replay.Repl;

/// <summary>
/// <c>summary</c>: folds the whole log and sorts the inputs the node did not accept: those it
/// answered with an error or could not read (rejected), and those it logged and ignored
/// (replies it never asked for, misaddressed messages). Reasons are the node's own texts.
/// </summary>
public static class Auditor
{
    /// <summary>Audits the whole recording.</summary>
    public static Audit Run(Timeline timeline)
    {
        var rejected = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var ignored = new SortedDictionary<string, int>(StringComparer.Ordinal);
        timeline.Scan(timeline.At(0), (_, _, applied) =>
        {
            var reason = Rejection(applied);
            if (reason is not null) Count(rejected, reason);
            else if (Ignoring(applied.Effects) is { } why) Count(ignored, why);
            return false;
        });
        var final = timeline.StateAt(timeline.Length);
        return new Audit(timeline.Recording,
            rejected.ToImmutableSortedDictionary(StringComparer.Ordinal),
            ignored.ToImmutableSortedDictionary(StringComparer.Ordinal), final.Values.Count);
    }

    private static string? Rejection(Applied applied)
    {
        if (applied.Event.Case is Event.Unreadable u) return $"unreadable line: {Kind(u.Error)}";
        foreach (var e in applied.Effects)
            if (e is Effect.Send { Message.Body: Body.Error err })
                return $"error {err.Code}: {err.Text.IfNone("")}";
        return null;
    }

    private static string Kind(LineError error) => error switch
    {
        LineError.NotJson => "not JSON",
        _ => error.Describe(),
    };

    /// <summary>The node's own note that it ignored the input, by kind: "ignored
    /// broadcast_ok", with "(misaddressed)" for a message meant for another id.</summary>
    private static string? Ignoring(Seq<Effect> effects)
    {
        foreach (var e in effects)
        {
            if (e is Effect.Log { About: Note.Ignored i })
                return $"ignored {i.Type}" + (i.Misaddressed.IsSome ? " (misaddressed)" : "");
            if (e is Effect.Log { About: Note.FromNonNode f })
                return $"ignored {f.Type} (not from a node)";
            if (e is Effect.Log { About: Note.FromSelf self })
                return $"ignored {self.Type} (from our own id)";
        }
        return null;
    }

    private static void Count(SortedDictionary<string, int> counts, string key) =>
        counts[key] = counts.TryGetValue(key, out var n) ? n + 1 : 1;
}
