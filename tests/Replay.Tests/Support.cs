using System.Collections.Immutable;
using FunctionalGossip.Core;
using FunctionalGossip.Core.Journal;
using FunctionalGossip.Replay.Logs;
using FunctionalGossip.Replay.Repl;
using FunctionalGossip.Testing;

namespace FunctionalGossip.Replay.Tests;

/// <summary>Helpers shared by the replay tests.</summary>
internal static class Support
{
    public static string Fixtures => TestPaths.MaelstromRuns();

    public static Recording Load(IReadOnlyList<string> lines, ReplayOptions? options = null) =>
        LogReader.Parse(lines, options ?? ReplayOptions.None) switch
        {
            Loaded.Ok ok => ok.Recording,
            Loaded.Refused r => throw new Xunit.Sdk.XunitException($"refused: {r.Message}"),
            var other => throw new System.Diagnostics.UnreachableException(other.ToString()),
        };

    public static Recording LoadFile(string path, ReplayOptions? options = null) =>
        LogReader.Load(path, options ?? ReplayOptions.None) switch
        {
            Loaded.Ok ok => ok.Recording,
            Loaded.Refused r => throw new Xunit.Sdk.XunitException($"refused: {r.Message}"),
            var other => throw new System.Diagnostics.UnreachableException(other.ToString()),
        };

    /// <summary>The state after the first <paramref name="count"/> steps, folded from scratch
    /// without the timeline (the reference the snapshots must agree with).</summary>
    public static NodeState Fold(Recording r, int count) =>
        Node.Run(NodeState.Initial(r.Settings), r.Steps.Take(count).Select(EventOf));

    /// <summary>The event a recorded step's input stands for (Core's codec, no guard).</summary>
    public static Event EventOf(RecordedStep step) =>
        Journaled.EventOf(step.Input).IfNone(() => throw new Xunit.Sdk.XunitException(
            $"not an input: {step.Input}"));

    /// <summary>Runs the CLI with a script; returns exit code, stdout and stderr.</summary>
    public static (int Code, string Out, string Err) Cli(params string[] args)
    {
        var (o, e) = (new StringWriter(), new StringWriter());
        var code = ReplayCommand.Run(args, new StringReader(""), o, e, interactive: false);
        return (code, o.ToString(), e.ToString());
    }

    /// <summary>Runs the CLI with commands on stdin (not a terminal).</summary>
    public static (int Code, string Out, string Err) CliStdin(string stdin, params string[] args)
    {
        var (o, e) = (new StringWriter(), new StringWriter());
        var code = ReplayCommand.Run(args, new StringReader(stdin), o, e, interactive: false);
        return (code, o.ToString(), e.ToString());
    }

    public static string WriteTemp(IEnumerable<string> lines, string name = "log")
    {
        var path = Path.Combine(Path.GetTempPath(), $"replay-test-{Guid.NewGuid():N}-{name}");
        File.WriteAllLines(path, lines);
        return path;
    }

    public static ImmutableArray<string> GoLogs() =>
        [.. Directory.GetDirectories(Fixtures)
            .SelectMany(d => Directory.GetFiles(Path.Combine(d, "node-logs")))
            .Where(f => new FileInfo(f).Length > 0).Order(StringComparer.Ordinal)];

    public static Result Run(Session s, string command) => s.Execute(Command.Parse(command));
}
