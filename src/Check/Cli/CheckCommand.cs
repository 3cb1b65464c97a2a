using System.Collections.Immutable;
using FunctionalGossip.Check.Checkers;
using FunctionalGossip.Check.Format;
using FunctionalGossip.Check.History;
using FunctionalGossip.Check.Results;

namespace FunctionalGossip.Check.Cli;

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
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            return CheckArgs.Parse(args) switch
            {
                CheckArgs.Help => Help(stdout),
                CheckArgs.Bad bad => Fail(stderr, bad.Message + " (see --help)"),
                CheckArgs.Check check => Check(check, stdout, stderr),
                var other => throw new System.Diagnostics.UnreachableException(other.ToString()),
            };
        }
        catch (Exception e)
        {
            stderr.WriteLine($"gossip check: internal error: {e.GetType().Name}: {e.Message}");
            return InternalError;
        }
    }

    private static int Help(TextWriter stdout)
    {
        stdout.Write(CheckArgs.Usage);
        return 0;
    }

    private static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine("gossip check: " + message);
        return BadArguments;
    }

    private static int Check(CheckArgs.Check args, TextWriter stdout, TextWriter stderr)
    {
        string file = Directory.Exists(args.Path)
            ? Path.Combine(args.Path, "history.edn")
            : args.Path;
        if (!File.Exists(file))
            return Fail(stderr, Directory.Exists(args.Path)
                ? $"no history.edn in run folder '{args.Path}'"
                : $"no such file or folder: '{args.Path}'");
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
            Parsed<ImmutableArray<Op>>.Ok ok => Report(ok.Value, args, stdout, stderr),
            var other => throw new System.Diagnostics.UnreachableException(other.ToString()),
        };
    }

    private static int Report(ImmutableArray<Op> history, CheckArgs.Check args, TextWriter stdout,
        TextWriter stderr)
    {
        var results = BroadcastChecker.Check(history, journal: null,
            new CheckOptions(args.Availability));
        stdout.Write(args.Json ? ResultsWriter.ToJson(results) : ResultsWriter.ToEdnText(results));
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
