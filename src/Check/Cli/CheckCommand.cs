using System.Collections.Immutable;
using System.CommandLine;
using FunctionalGossip.Check.Checkers;
using FunctionalGossip.Check.History;
using FunctionalGossip.Check.Results;
using FunctionalGossip.Cli;

namespace FunctionalGossip.Check.Cli;

using FunctionalGossip.Edn;

/// <summary>
/// <c>gossip check &lt;run folder | history.edn&gt; [--json]</c>. The only class in this library
/// that touches the file system; everything it calls is pure.
/// </summary>
public static class CheckCommand
{
    /// <summary>Exit status for unusable arguments or input (Jepsen's CLI uses 254).</summary>
    public const int BadArguments = 254;

    /// <summary>Exit status for a bug in the checker (Jepsen's CLI uses 255).</summary>
    public const int InternalError = 255;

    /// <summary>The note printed because histories carry no network journal.</summary>
    public const string NetNote =
        "note: :net left out: network stats need Maelstrom's network journal, "
        + "which history.edn does not contain";

    /// <summary>
    /// Runs the command. <paramref name="args"/> are the arguments after <c>check</c>.
    /// Results go to <paramref name="stdout"/>; notes, the verdict and errors to
    /// <paramref name="stderr"/>. Returns 0 valid, 1 invalid, 2 unknown, 254 bad arguments or
    /// unreadable history, 255 internal error.
    /// </summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) =>
        CommandLine.Run(Definition(), args, stdout, stderr);

    /// <summary>The <c>gossip check</c> command.</summary>
    public static Command Definition()
    {
        var a = new CheckArgs();
        var command = new GossipCommand("check", CheckArgs.Summary, CheckArgs.Details,
            BadArguments)
        {
            a.Path, a.Json, a.Availability,
        };
        command.SetRun((r, stdout, stderr) => Guarded(r.GetValue(a.Path)!, r.GetValue(a.Json),
            r.GetValue(a.Availability)!, stdout, stderr));
        return command;
    }

    private static int Guarded(string path, bool json, AvailabilityGoal goal, TextWriter stdout,
        TextWriter stderr)
    {
        try
        {
            return Check(path, json, goal, stdout, stderr);
        }
        catch (Exception e)
        {
            stderr.WriteLine($"gossip check: internal error: {e.GetType().Name}: {e.Message}");
            return InternalError;
        }
    }

    private static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine("gossip check: " + message);
        return BadArguments;
    }

    private static int Check(string path, bool json, AvailabilityGoal goal, TextWriter stdout,
        TextWriter stderr)
    {
        string file = Directory.Exists(path) ? Path.Combine(path, "history.edn") : path;
        if (!File.Exists(file))
            return Fail(stderr, Directory.Exists(path)
                ? $"no history.edn in run folder '{path}'"
                : $"no such file or folder: '{path}'");
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(stderr, $"cannot read '{file}': {e.Message}");
        }
        return HistoryReader.Read(text) switch
        {
            Parsed<ImmutableArray<Op>>.Failed f => Fail(stderr, $"{file}:{f.Error}"),
            Parsed<ImmutableArray<Op>>.Ok ok => Report(ok.Value, json, goal, stdout, stderr),
            var other => throw new System.Diagnostics.UnreachableException(other.ToString()),
        };
    }

    private static int Report(ImmutableArray<Op> history, bool json, AvailabilityGoal goal,
        TextWriter stdout, TextWriter stderr)
    {
        var results = BroadcastChecker.Check(history, journal: null, new CheckOptions(goal));
        stdout.Write(json ? ResultsWriter.ToJson(results) : ResultsWriter.ToEdnText(results));
        stderr.WriteLine(NetNote);
        stderr.WriteLine(Verdict(results.Valid));
        return results.Valid.ExitCode();
    }

    /// <summary>Jepsen's closing line for a verdict.</summary>
    public static string Verdict(Validity valid) => valid switch
    {
        Validity.Valid => "Everything looks good! ヽ(‘ー`)ノ",
        Validity.Invalid => "Analysis invalid! (ﾉಥ益ಥ）ﾉ ┻━┻",
        Validity.Unknown => "Errors occurred during analysis, but no anomalies found. ಠ~ಠ",
        _ => throw new System.Diagnostics.UnreachableException(valid.ToString()),
    };
}
