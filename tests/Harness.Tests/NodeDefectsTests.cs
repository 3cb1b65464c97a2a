using FunctionalGossip.Core;
using FunctionalGossip.Core.Journal;
using FunctionalGossip.Harness.Cli;
using FunctionalGossip.Harness.Engine;
using FunctionalGossip.Harness.Sim;

namespace FunctionalGossip.Harness.Tests;

/// <summary>Every <c>gossip test</c> run reads its node logs for the journal's
/// "internal error" note, and its summary and verdict say which nodes wrote one.</summary>
public sealed class NodeDefectsTests
{
    private static readonly Lazy<RunResult> Clean =
        new(() => Simulator.Run(Scenarios.Small(3, seed: 5, partitions: false)));

    /// <summary>The line Core's journal writes when a step threw.</summary>
    private static string DefectLine(long ms) => JournalFormat.Format(
        new JournalEntry.Logged(ms, new Note.Defect("System.Exception: boom").Describe()));

    private static RunResult WithDefects(string node, int count)
    {
        var logs = Clean.Value.NodeLogs.Select(l => l.Key != node ? l
            : new KeyValuePair<string, IReadOnlyList<string>>(l.Key,
                [.. l.Value, .. Enumerable.Range(1, count).Select(i => DefectLine(i))])).ToList();
        return Clean.Value with { NodeLogs = logs };
    }

    private static string SummaryText(RunResult result)
    {
        var run = Assert.IsType<TestArgs.Run>(TestArgs.Parse(["--sim"]));
        var w = new StringWriter();
        Summary.Write(w, run, Mode.Simulated(), result, result.Check(),
            NodeDefects.Find(result.NodeLogs), "store/x");
        return w.ToString();
    }

    [Fact]
    public void ACleanRun_HasNoDefects_AndItsVerdictIsMaelstroms()
    {
        Assert.False(NodeDefects.Find(Clean.Value.NodeLogs).Any);
        var text = SummaryText(Clean.Value);
        Assert.DoesNotContain("node defects", text);
        Assert.Contains("Everything looks good! ヽ(‘ー`)ノ\nseed ", text.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void ANodeThatJournalledInternalErrors_IsNamedInTheSummaryAndTheVerdict()
    {
        var node = Clean.Value.NodeLogs[1].Key;
        var defects = NodeDefects.Find(WithDefects(node, 2).NodeLogs);
        Assert.Equal([(node, 2, DefectLine(1))], defects.Nodes);
        var lines = SummaryText(WithDefects(node, 2)).ReplaceLineEndings("\n").Split('\n');
        Assert.Contains(lines, l => l.StartsWith("node defects    2 internal errors, inputs "
            + $"ignored: {node} 2; first: {node}: 1 log internal error", StringComparison.Ordinal));
        var verdict = Array.IndexOf(lines, "Everything looks good! ヽ(‘ー`)ノ");
        Assert.Equal($"but {node} journalled internal errors (inputs ignored): the node has a "
            + "defect, see node-logs/", lines[verdict + 1]);
    }

    [Fact]
    public void ASimulatedNodesLog_SearchedAsUtf8_GivesTheCountAndFirstLineOfItsText()
    {
        var log = new Utf8LineLog();
        var lines = new List<string>();
        for (var i = 0; i < 5000; i++)
        {
            var line = i % 997 == 3 ? DefectLine(i) + JournalFormat.DefectMark // twice: one
                : i % 997 == 5 ? $"{i} recv {JournalFormat.DefectMark}" // not a log entry
                : i % 11 == 0 ? "é😀 " + new string('x', i * 13 % 3000) : $"{i} recv line";
            log.Add(line);
            lines.Add(line);
        }
        IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> asLog = [new("n1", log)];
        IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> asList = [new("n1", lines)];
        Assert.Equal([("n1", 6, DefectLine(3) + JournalFormat.DefectMark)],
            NodeDefects.Find(asLog).Nodes);
        Assert.Equal(NodeDefects.Find(asList).Nodes, NodeDefects.Find(asLog).Nodes);
    }
}
