using System.Text;
using System.Text.RegularExpressions;
using FunctionalGossip.Check.History;
using FunctionalGossip.Harness.Cli;
using FunctionalGossip.Harness.Engine;
using FunctionalGossip.Harness.Model;
using FunctionalGossip.Harness.Report;
using FunctionalGossip.Harness.Sim;
using FunctionalGossip.Harness.Store;

namespace FunctionalGossip.Harness.Tests;

/// <summary>The run report and the store index.</summary>
public sealed class ReportTests
{
    private static RunOptions Short(ulong seed) => Scenarios.Small(3, seed, partitions: true)
        with { TimeLimitS = 4, Rate = 5, Latency = new Latency(100, LatencyDist.Constant) };

    private static string Page(RunResult run)
    {
        var results = run.Check();
        var plots = StoreWriter.RunFiles(run).Where(f => f.Key.EndsWith(".png")).ToList();
        var input = new ReportInput(Summary.Rows(Mode.Simulated(), run, results),
            TestArgs.Render(run.Options), plots);
        return Encoding.UTF8.GetString(RunReport.Render(run, results, input));
    }

    private static int Count(string page, string pattern) => Regex.Matches(page, pattern).Count;

    [Fact]
    public void TheReport_IsTheSameBytesForTheSameSeed_AndDiffersForAnother()
    {
        Assert.Equal(Page(Simulator.Run(Short(3))), Page(Simulator.Run(Short(3))));
        Assert.NotEqual(Page(Simulator.Run(Short(3))), Page(Simulator.Run(Short(4))));
    }

    [Fact]
    public void TheReport_ShowsVerdictPlotsATimelineBoxPerOpAndAnArrowPerMessage()
    {
        var run = Simulator.Run(Short(3));
        var page = Page(run);
        Assert.Contains("<span id=\"verdict\" class=\"verdict valid\">valid? true</span>", page);
        Assert.Equal(3, Count(page, "<img class=\"plot\" alt=\"[a-z-]+\\.png\" "
            + "src=\"data:image/png;base64,"));
        var invocations = run.History.Count(o => o.ClientNumber is not null
            && o.Type == OpType.Invoke);
        Assert.True(invocations > 10);
        Assert.Equal(invocations, Count(page, "<rect class=\"op (ok|info|fail)\""));
        Assert.Equal(run.NetJournal.Count(e => e.IsSend), Count(page, "<g class=\"msg"));
        Assert.True(Count(page, "class=\"partition\"") > 0, "partitions are shaded");
        Assert.Contains("<table id=\"floor\">", page);
        Assert.Contains("<code>gossip replay node-logs/n1.log</code>", page);
        Assert.DoesNotContain("http", page.Replace("http://www.w3.org/2000/svg", ""));
    }

    [Fact]
    public void ABigRun_GetsANoteInsteadOfAMessageDiagram()
    {
        var run = Simulator.Run(Short(3) with { TimeLimitS = 30, Rate = 30 });
        Assert.True(run.NetJournal.Count(e => e.IsSend) > MessageDiagram.MaxMessages);
        var page = Page(run);
        Assert.Contains("<p id=\"messages-note\">", page);
        Assert.Equal(0, Count(page, "<g class=\"msg"));
    }

    [Fact]
    public void TheStoreIndex_ListsRunsNewestFirst_WithTheirVerdictAndCommand()
    {
        var root = Directory.CreateTempSubdirectory("gossip-index-").FullName;
        try
        {
            var run = Simulator.Run(Short(3));
            var page = Encoding.UTF8.GetBytes(Page(run));
            var older = Path.Combine(root, "broadcast", "20250101T000000.000+0000");
            var newer = Path.Combine(root, "broadcast", "20250102T000000.000+0000");
            Directory.CreateDirectory(older);
            Directory.CreateDirectory(newer);
            File.WriteAllBytes(Path.Combine(older, "index.html"), page);
            File.CreateSymbolicLink(Path.Combine(root, "broadcast", "latest"), newer);
            StoreIndex.Write(root);
            var index = File.ReadAllText(Path.Combine(root, "index.html"));
            Assert.Equal(2, Count(index, "<tr class=\"run\">"));
            Assert.True(index.IndexOf("20250102", StringComparison.Ordinal)
                < index.IndexOf("20250101", StringComparison.Ordinal));
            Assert.Contains("<span class=\"verdict valid\">true</span>", index);
            Assert.Contains($"<code>{TestArgs.Render(run.Options)}</code>", index);
            Assert.Contains("<td>ops ", index);
        }
        finally { Directory.Delete(root, recursive: true); }
    }
}
