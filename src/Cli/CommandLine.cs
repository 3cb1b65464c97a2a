using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace FunctionalGossip.Cli;

/// <summary>A <c>gossip</c> subcommand and the exit status it gives for unusable
/// arguments (254 as Jepsen's CLI for test, check and serve; 2 for replay).</summary>
/// <param name="name">The subcommand's word.</param>
/// <param name="summary">What it does, in one sentence.</param>
/// <param name="details">The rest of its help text (line breaks are reflowed, so help wraps
/// it at <see cref="CommandLine.HelpWidth"/>).</param>
/// <param name="badArguments">Exit status for unusable arguments.</param>
public sealed class GossipCommand(string name, string summary, string details, int badArguments)
    : Command(name, (summary + " " + details.ReplaceLineEndings(" ")).Trim())
{
    /// <summary>Exit status for unusable arguments.</summary>
    public int BadArguments { get; } = badArguments;
}

/// <summary>
/// Parses and runs a <c>gossip</c> command line with System.CommandLine: help generated from
/// the definitions (wrapped at <see cref="HelpWidth"/> columns so it is the same on any
/// terminal), <c>--version</c> from the assembly, and unusable arguments reported on one
/// line, <c>gossip SUB: what is wrong (see gossip SUB --help)</c>, followed by the library's
/// suggestions for a mistyped option, with the subcommand's own exit status.
/// </summary>
public static class CommandLine
{
    /// <summary>Help is wrapped at this width whatever the terminal's.</summary>
    public const int HelpWidth = 100;

    /// <summary>The root <c>gossip</c> command holding <paramref name="commands"/>.</summary>
    public static RootCommand Root(string description, params Command[] commands)
    {
        var root = new RootCommand(description) { HelpName = "gossip" };
        foreach (var command in commands) root.Add(command);
        foreach (var option in root.Options)
            if (option.Action is HelpAction help) help.MaxWidth = HelpWidth;
        return root;
    }

    /// <summary>Runs <paramref name="command"/> on its own, as <c>gossip</c> would with
    /// <paramref name="args"/> after the command's word (for <c>gossip bench</c>, the
    /// <c>frontier</c> word first): parse, then the command's action, help or refusal, writing
    /// to <paramref name="stdout"/> and <paramref name="stderr"/>; returns the exit
    /// status.</summary>
    public static int Run(Command command, IReadOnlyList<string> args, TextWriter stdout,
        TextWriter stderr) =>
        Invoke(Root("", command), [command.Name, .. args], stdout, stderr);

    /// <summary>Sets <paramref name="command"/>'s action to <paramref name="action"/>, which
    /// gets the parse result and the invocation's stdout and stderr and returns the exit
    /// status.</summary>
    public static void SetRun(this Command command,
        Func<ParseResult, TextWriter, TextWriter, int> action) =>
        command.SetAction(r => action(r, r.InvocationConfiguration.Output,
            r.InvocationConfiguration.Error));

    /// <summary>Parses <paramref name="args"/> (which start with the subcommand) against
    /// <paramref name="root"/> and runs the chosen command's action, help or version, writing
    /// to <paramref name="stdout"/> and <paramref name="stderr"/>; returns the exit
    /// status.</summary>
    public static int Invoke(RootCommand root, IReadOnlyList<string> args, TextWriter stdout,
        TextWriter stderr)
    {
        var result = root.Parse(args);
        var config = new InvocationConfiguration
        {
            Output = stdout, Error = stderr,
            EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null,
        };
        return result.Errors.Count == 0 ? result.Invoke(config) : Refuse(result, stderr);
    }

    /// <summary>One line naming the problem (a word that looks like a mistyped option first,
    /// else the first error), then the library's suggestions for that word.</summary>
    private static int Refuse(ParseResult result, TextWriter stderr)
    {
        var word = result.UnmatchedTokens.FirstOrDefault(t => t.Length > 1 && t.StartsWith('-'));
        var error = result.Errors.FirstOrDefault(e => word is not null
            && e.Message.Contains($"'{word}'", StringComparison.Ordinal)) ?? result.Errors[0];
        var code = Refuse(result.CommandResult.Command, error.Message, stderr);
        if (word is not null)
            foreach (var line in Suggestions(result, word)) stderr.WriteLine(line);
        return code;
    }

    /// <summary>Reports unusable arguments found after parsing, as parse errors are reported:
    /// <c>gossip SUB: message (see gossip SUB --help)</c>; returns the command's exit
    /// status for them.</summary>
    public static int Refuse(Command command, string message, TextWriter stderr)
    {
        var path = Path(command);
        stderr.WriteLine($"{path}: {message} (see {path} --help)");
        return (command as GossipCommand)?.BadArguments ?? 2;
    }

    /// <summary>What System.CommandLine suggests for <paramref name="word"/>: its typo
    /// corrections, without its help text.</summary>
    private static IEnumerable<string> Suggestions(ParseResult result, string word)
    {
        if (result.Action is not ParseErrorAction action) return [];
        action.ShowHelp = false;
        action.ShowTypoCorrections = true;
        var output = new StringWriter();
        action.Invoke(result.WithWriters(output));
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.TrimEnd('\r'))
            .SkipWhile(l => !l.StartsWith($"'{word}'", StringComparison.Ordinal)).ToList();
        return lines.Take(1).Concat(lines.Skip(1).TakeWhile(l => !l.StartsWith('\'')));
    }

    private static ParseResult WithWriters(this ParseResult result, TextWriter output)
    {
        result.InvocationConfiguration.Output = output;
        result.InvocationConfiguration.Error = TextWriter.Null;
        return result;
    }

    /// <summary><c>gossip test</c>, <c>gossip bench frontier</c>, ….</summary>
    public static string Path(Command command)
    {
        var names = new List<string>();
        for (Symbol? s = command; s is not null; s = s.Parents.FirstOrDefault())
            names.Insert(0, s is RootCommand ? "gossip" : s.Name);
        return string.Join(' ', names);
    }
}
