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
}
