using FunctionalGossip.Check.Checkers;
using FunctionalGossip.Harness.Engine;
using Spectre.Console;

namespace FunctionalGossip.Harness.Cli;

/// <summary>
/// What <c>gossip test</c> draws on a terminal with Spectre.Console: a live progress bar on
/// stderr and a coloured summary table. Only when the stream is a terminal: piped or redirected
/// output gets the plain text of <see cref="Summary"/>, byte for byte as before.
/// </summary>
internal static class Terminal
{
    /// <summary>Whether <paramref name="writer"/> is the process's stdout or stderr and that
    /// stream is a terminal.</summary>
    public static bool Is(TextWriter writer) =>
        (writer == Console.Out && !Console.IsOutputRedirected)
        || (writer == Console.Error && !Console.IsErrorRedirected);

    private static IAnsiConsole On(TextWriter writer) =>
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });

    /// <summary>Runs <paramref name="run"/> under a progress bar on <paramref name="stderr"/>
    /// (elapsed of planned seconds, phase, ops, messages in flight, partition); the bar is
    /// cleared when the run ends.</summary>
    public static T WithProgress<T>(TextWriter stderr, Func<Action<RunProgress>, T> run) =>
        On(stderr).Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left },
                new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("setup");
                return run(p =>
                {
                    task.MaxValue = p.PlannedS;
                    task.Value = Math.Min(p.ElapsedS, p.PlannedS);
                    task.Description = Markup.Escape($"[{p.Phase}] {p.ElapsedS,5:0.0} s · ops "
                        + $"{p.OpsDone} · in flight {p.InFlight} · partition {p.Partition}");
                });
            });

    /// <summary>The summary as a table, the verdict in colour, then the closing
    /// lines.</summary>
    public static void Summary(TextWriter writer, IEnumerable<(string Name, string Value)> rows,
        Validity valid, string verdict, string seedLine)
    {
        var colour = valid switch
        {
            Validity.Valid => "green",
            Validity.Invalid => "red",
            _ => "yellow",
        };
        var table = new Table().Border(TableBorder.Rounded).HideHeaders()
            .AddColumn(new TableColumn("")).AddColumn(new TableColumn(""));
        foreach (var (name, value) in rows)
            table.AddRow(new Markup($"[bold]{Markup.Escape(name)}[/]"), name == "valid?"
                ? new Markup($"[bold {colour}]{Markup.Escape(value)}[/]")
                : new Text(value));
        var console = On(writer);
        console.Write(table);
        console.MarkupLine($"[bold {colour}]{Markup.Escape(verdict)}[/]");
        console.WriteLine(seedLine);
    }
}
