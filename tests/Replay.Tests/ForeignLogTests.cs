using System.Text.Json;
using System.Text.RegularExpressions;
using FunctionalGossip.Replay.Repl;

namespace FunctionalGossip.Replay.Tests;

/// <summary>Replaying the Go maelstrom-library node logs of the fixture runs.</summary>
public class ForeignLogTests
{
    public static TheoryData<string> GoLogs() => [.. Support.GoLogs()];

    [Theory]
    [MemberData(nameof(GoLogs))]
    public void ReplayReachesTheEndOfEveryGoNodeLog(string path)
    {
        var lines = File.ReadAllLines(path);
        var recording = Support.LoadFile(path);
        Assert.Equal(LogKind.GoLog, recording.Kind);
        Assert.Equal(Path.GetFileNameWithoutExtension(path), recording.Node);
        var received = lines.Select((l, i) => (l, i))
            .Where(x => Regex.IsMatch(x.l, @"^\S+ \S+ Received \{")).ToList();
        var inputs = recording.Steps.Where(s => !s.Synthesised).ToList();
        Assert.Equal(received.Count - recording.SkippedCount, inputs.Count);
        Assert.Equal(received[^1].i + 1, inputs[^1].SourceLine);
        Assert.Contains(recording.Notes, n => n.Contains("1 s resolution"));
        var session = new Session(recording);
        var end = Assert.IsType<Result.Moved>(Support.Run(session, "goto end"));
        Assert.Equal(recording.Steps.Length, end.At.Step);
        Assert.Equal(Support.Fold(recording, recording.Steps.Length), session.Current.After);
        Assert.True(session.Current.After.IsInitialised);
    }

    [Theory]
    [InlineData("n0"), InlineData("n1"), InlineData("n2"), InlineData("n3"), InlineData("n4")]
    public void Run3b_ReplayedNodeHoldsEveryValueOfTheRecordedLastReadOk(string node)
    {
        var path = Directory.GetDirectories(Support.Fixtures, "manthanguptaa*").Single()
            + $"/node-logs/{node}.log";
        var lastRead = File.ReadAllLines(path)
            .Where(l => l.Contains(" Sent {") && l.Contains("\"read_ok\"")).Last();
        using var doc = JsonDocument.Parse(lastRead[(lastRead.IndexOf(" Sent ") + 6)..]);
        var recorded = doc.RootElement.GetProperty("body").GetProperty("messages").EnumerateArray()
            .Select(e => e.GetInt64()).ToList();
        Assert.True(recorded.Count > 50);
        var recording = Support.LoadFile(path);
        var final = new Timeline(recording).StateAt(recording.Steps.Length);
        Assert.All(recorded, v => Assert.Contains(v, final.Values));
    }

    [Theory]
    [InlineData("n0"), InlineData("n1"), InlineData("n2"), InlineData("n3"), InlineData("n4")]
    public void Run3c_ReportsHowManyInputsOurNodeRejectedAndWhy(string node)
    {
        var path = Directory.GetDirectories(Support.Fixtures, "anand-trehan*").Single()
            + $"/node-logs/{node}.log";
        var expected = File.ReadAllLines(path).Count(l => l.Contains(" Received {")
            && l.Contains("\"type\":\"broadcast\"") && l.Contains("\"messages\":"));
        Assert.True(expected > 0);
        var (code, output, err) = Support.Cli(path, "--json", "--script", "summary");
        Assert.Equal(0, code);
        Assert.Equal("", err);
        var summary = JsonDocument.Parse(output.Split('\n')[1]).RootElement;
        Assert.Equal("summary", summary.GetProperty("command").GetString());
        Assert.Equal(expected, summary.GetProperty("rejectedCount").GetInt32());
        Assert.Equal(expected, summary.GetProperty("rejected")
            .GetProperty("error 12: malformed broadcast: missing field 'message'").GetInt32());
        var text = Support.Cli(path, "--script", "summary").Out;
        Assert.Contains($"rejected {expected} inputs", text);
    }

    [Fact]
    public void FixtureJepsenLogs_AreRefused_BecauseTheyLackRecvLines()
    {
        foreach (var dir in Directory.GetDirectories(Support.Fixtures))
        {
            var (code, output, err) =
                Support.Cli(Path.Combine(dir, "jepsen.log"), "--script", "state");
            Assert.Equal(2, code);
            Assert.Equal("", output);
            Assert.Contains("--log-net-recv", err);
        }
    }

    [Fact]
    public void EmptyNodeLog_IsRefused()
    {
        var run = Directory.GetDirectories(Support.Fixtures, "Emmanuel32*").Single();
        var empty = Directory.GetFiles(run + "/node-logs")[0];
        var (code, _, err) = Support.Cli(empty);
        Assert.Equal(2, code);
        Assert.Contains("empty", err);
    }
}
