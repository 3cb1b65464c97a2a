using FunctionalGossip.Cli;
using FunctionalGossip.Replay.Logs;
using FunctionalGossip.Replay.Repl;

namespace FunctionalGossip.Replay;

/// <summary>
/// <c>gossip replay &lt;log&gt; [--node nX] [--script "…"] [--json] [--force]
/// [key=value …]</c>:
/// the REPL's shell. Reads the log, then commands from <c>--script</c>, the terminal (with line
/// editing) or stdin, and prints one result per command.
/// </summary>
public static class ReplayCommand
{
    /// <summary>Exit status for unusable arguments or an unreadable or unrecognised log.</summary>
    public const int BadInput = 2;

    /// <summary>
    /// Runs the command; <paramref name="args"/> are the arguments after <c>replay</c>, and
    /// <paramref name="interactive"/> says stdin is a terminal (prompt and line editing).
    /// Returns 0, 1 if a scripted command was misused, or 2 for bad arguments or log.
    /// </summary>
    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr,
        bool interactive) =>
        CommandLine.Run(Definition(stdin, interactive), args, stdout, stderr);

    /// <summary>The <c>gossip replay</c> command, reading commands from
    /// <paramref name="stdin"/> (with line editing when <paramref name="interactive"/>).
    /// </summary>
    public static System.CommandLine.Command Definition(TextReader stdin, bool interactive)
    {
        var a = new ReplayArgs();
        var command = a.Command(BadInput);
        command.SetRun((r, stdout, stderr) => a.Read(r) switch
        {
            ({ } open, _) => Open(open, stdin, stdout, stderr, interactive),
            (_, var error) => CommandLine.Refuse(command, error!, stderr),
        });
        return command;
    }

    private static int Open(ReplayOpen open, TextReader stdin, TextWriter stdout,
        TextWriter stderr, bool interactive) =>
        LogReader.Load(open.Path, open.Options) switch
        {
            Loaded.Ok ok => Repl(ok.Recording, open, stdin, stdout, interactive),
            Loaded.Refused no => Refuse(stderr, no.Message),
            var other => throw new System.Diagnostics.UnreachableException(other.ToString()),
        };

    private static int Refuse(TextWriter stderr, string message)
    {
        stderr.WriteLine($"gossip replay: {message}");
        return BadInput;
    }

    private static int Repl(Recording recording, ReplayOpen open, TextReader stdin,
        TextWriter stdout, bool interactive)
    {
        var session = new Session(recording);
        var at = Session.PositionOf(session.Timeline, session.Current);
        stdout.Write(open.Json
            ? JsonOutput.Opening(recording, at)
            : TextOutput.Banner(recording) + at.Render() + "\n");
        var misused = false;
        var editor = interactive && open.Script is null ? new LineEditor() : null;
        foreach (var line in Lines(open.Script, stdin, editor))
        {
            if (line.Trim().Length == 0) continue;
            var result = session.Execute(Command.Parse(line));
            stdout.Write(open.Json ? JsonOutput.Render(result) : TextOutput.Render(result));
            stdout.Flush();
            if (result is Result.Quitting) break;
            misused |= result is Result.Error;
        }
        return misused && editor is null ? 1 : 0;
    }

    private static IEnumerable<string> Lines(string? script, TextReader stdin, LineEditor? editor)
    {
        if (script is not null)
        {
            foreach (var command in Command.SplitScript(script)) yield return command;
            yield break;
        }
        while ((editor is null ? stdin.ReadLine() : editor.ReadLine("replay> ")) is { } line)
            foreach (var command in Command.SplitScript(line)) yield return command;
    }
}
