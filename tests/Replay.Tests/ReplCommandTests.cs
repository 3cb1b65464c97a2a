using System.Text.Json;
using FunctionalGossip.Core;
using FunctionalGossip.Core.Journal;
using FunctionalGossip.Replay.Repl;

namespace FunctionalGossip.Replay.Tests;

/// <summary>Command parsing, misuse messages, the CLI's exit codes, --script, stdin and
/// --json.</summary>
public class ReplCommandTests
{
    public static TheoryData<string, Command> Good() => new()
    {
        { "step", new Command.Step(1) },
        { "step 5", new Command.Step(5) },
        { "  back   3 ", new Command.Back(3) },
        { "goto 120", new Command.Goto(new Target.Step(120)) },
        { "goto end", new Command.Goto(new Target.End()) },
        { "goto t=5000", new Command.Goto(new Target.Time(5000)) },
        { "until value 17", new Command.Until(new Condition.Learns(17)) },
        { "until type read", new Command.Until(new Condition.OfType("read")) },
        { "until from n3", new Command.Until(new Condition.From("n3")) },
        { "until to c4", new Command.Until(new Condition.To("c4")) },
        { "until t>5000", new Command.Until(new Condition.After(5000, false)) },
        { "until t >= 5000", new Command.Until(new Condition.After(5000, true)) },
        { "until error", new Command.Until(new Condition.SendsError()) },
        { "state", new Command.State() },
        { "diff", new Command.Diff() },
        { "effects", new Command.Effects() },
        { "find value -3", new Command.FindValue(-3) },
        { "peers", new Command.Peers() },
        { "verify", new Command.Verify() },
        { "summary", new Command.Summary() },
        { "help", new Command.Help() },
        { "quit", new Command.Quit() },
    };

    [Theory]
    [MemberData(nameof(Good))]
    public void Commands_Parse(string line, Command expected) =>
        Assert.Equal(expected, Command.Parse(line));

    [Theory]
    [InlineData("", "empty command")]
    [InlineData("jump", "unknown command 'jump'")]
    [InlineData("step 0", "'0' is not a positive step count")]
    [InlineData("step -2", "'-2' is not a positive step count")]
    [InlineData("back x", "'x' is not a positive step count")]
    [InlineData("step 1 2", "at most one step count")]
    [InlineData("goto", "usage: goto <step|end|t=<ms>>")]
    [InlineData("goto somewhere", "'somewhere' is not a step number, end or t=<ms>")]
    [InlineData("goto t=soon", "'soon' is not a time in ms")]
    [InlineData("until", "until needs a condition")]
    [InlineData("until value x", "'x' is not an integer value")]
    [InlineData("until colour red", "'colour red' is not a condition")]
    [InlineData("until t>later", "'later' is not a time in ms")]
    [InlineData("find 17", "usage: find value <v>")]
    [InlineData("find value 1.5", "'1.5' is not an integer value")]
    [InlineData("state now", "state takes no arguments")]
    public void Misuse_GetsAClearMessage(string line, string message)
    {
        var bad = Assert.IsType<Command.Bad>(Command.Parse(line));
        Assert.Contains(message, bad.Message);
    }

    private static string Journal() => Support.WriteTemp(
        new JournaledCluster(3, NodeSettings.Default, 21).Run(800).Journal("n0"));

    [Fact]
    public void Script_PrintsOneJsonObjectPerCommand()
    {
        var (code, output, err) = Support.Cli(Journal(), "--json", "--script",
            "goto 120; state; diff; effects; peers; verify; find value 1; until type read; "
            + "back 2; help; summary");
        Assert.Equal(0, code);
        Assert.Equal("", err);
        var objects = output.TrimEnd('\n').Split('\n')
            .Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(new[]
            {
                "open", "goto", "state", "diff", "effects", "peers", "verify", "find", "until",
                "back", "help", "summary",
            },
            objects.Select(o => o.GetProperty("command").GetString()));
        Assert.Equal(0, objects[0].GetProperty("at").GetProperty("step").GetInt32());
        Assert.Equal(120, objects[1].GetProperty("at").GetProperty("step").GetInt32());
        Assert.False(objects[6].GetProperty("diverged").GetBoolean());
        Assert.Equal(objects[8].GetProperty("at").GetProperty("step").GetInt32() - 2,
            objects[9].GetProperty("at").GetProperty("step").GetInt32());
    }

    [Fact]
    public void Misuse_InAScript_IsReported_AndExitsOne()
    {
        var (code, output, _) = Support.Cli(Journal(), "--json", "--script",
            "goto 99999; step 0; frobnicate; state");
        Assert.Equal(1, code);
        var lines = output.TrimEnd('\n').Split('\n')
            .Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Contains("past the end", lines[1].GetProperty("error").GetString());
        Assert.Contains("positive step count", lines[2].GetProperty("error").GetString());
        Assert.Contains("unknown command 'frobnicate'", lines[3].GetProperty("error").GetString());
        Assert.Equal("state", lines[4].GetProperty("command").GetString());
    }

    [Fact]
    public void CommandsOnStdin_AreRun_UntilQuit()
    {
        var (code, output, _) = Support.CliStdin("step 3\ndiff\nquit\nstate\n", Journal());
        Assert.Equal(0, code);
        Assert.Contains("step 3 of ", output);
        Assert.DoesNotContain("settings tick-ms", output.Split("step 3 of ")[1]);
    }

    [Theory]
    [InlineData(new string[0], "Required argument 'log' missing")]
    [InlineData(new[] { "a.log", "b.log" }, "unexpected argument 'b.log'")]
    [InlineData(new[] { "a.log", "--frob" }, "Unrecognized command or argument '--frob'")]
    [InlineData(new[] { "a.log", "--forse" }, "Did you mean one of the following?\n--force")]
    [InlineData(new[] { "a.log", "--node" }, "Required argument missing for option: '--node'")]
    [InlineData(new[] { "a.log", "tick-ms=0" }, "tick-ms=0 must be an integer")]
    [InlineData(new[] { "/no/such/file.log" }, "no such file")]
    [InlineData(new[] { "/tmp" }, "is a folder")]
    public void BadArguments_ExitTwo_WithAMessage(string[] args, string message)
    {
        var (code, output, err) = Support.Cli(args);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains(message, err);
    }

    [Fact]
    public void UnrecognisedFiles_ExitTwo()
    {
        foreach (var content in
            new[] { new[] { "hello", "world" }, new[] { "", "" }, new[] { "a\0b" } })
        {
            var (code, _, err) = Support.Cli(Support.WriteTemp(content));
            Assert.Equal(2, code);
            Assert.StartsWith("gossip replay: ", err);
        }
    }

    [Fact]
    public void AJournalOfAnotherVersion_IsRefused_UnlessForced()
    {
        var lines = File.ReadAllLines(Journal());
        lines[0] = lines[0].Replace($"{JournalFormat.Magic} {JournalFormat.Version} ",
            $"{JournalFormat.Magic} 2 ");
        var path = Support.WriteTemp(lines);
        var (code, _, err) = Support.Cli(path, "--script", "state");
        Assert.Equal(2, code);
        Assert.Contains("journal format version 2; this build reads version 1 (use --force", err);
        var (forced, output, _) = Support.Cli(path, "--force", "--script", "goto end; verify");
        Assert.Equal(0, forced);
        Assert.Contains("version 2 replayed with --force", output);
        Assert.Contains("no divergence", output);
    }

    [Fact]
    public void UnknownLines_AreSkippedAndCounted_NeverFatal()
    {
        var lines = File.ReadAllLines(Journal()).ToList();
        lines.Insert(3, "some foreign text");
        lines.Insert(5, "12 frobnicate x");
        lines.Insert(7, "13 tick alarm");
        var recording = Support.Load(lines);
        Assert.Equal(3, recording.SkippedCount);
        Assert.Equal(3, recording.Skipped["not a journal line"]);
        var (code, output, _) =
            Support.Cli(Support.WriteTemp(lines), "--script", "goto end; verify");
        Assert.Equal(0, code);
        Assert.Contains("3 lines skipped as not understood", output);
    }

    [Fact]
    public void SettingOverrides_ApplyOverTheJournalHeader()
    {
        var recording = Support.Load(File.ReadAllLines(Journal()),
            new ReplayOptions("", false, ["relay=total"]));
        Assert.Equal(new Relay.Total(), recording.Settings.Relay);
        Assert.Equal(NodeSettings.Default.TickMs, recording.Settings.TickMs);
    }
}
