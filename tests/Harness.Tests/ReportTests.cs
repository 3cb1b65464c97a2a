using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using FunctionalGossip.Check.History;
using FunctionalGossip.Harness.Cli;
using FunctionalGossip.Harness.Engine;
using FunctionalGossip.Harness.Maelstrom;
using FunctionalGossip.Harness.Report;
using FunctionalGossip.Harness.Serve;
using FunctionalGossip.Harness.Sim;
using FunctionalGossip.Harness.Store;

namespace FunctionalGossip.Harness.Tests;

/// <summary>The run report, the store index and <c>gossip serve</c>.</summary>
public sealed class ReportTests
{
    private static RunOptions Short(ulong seed) => Scenarios.Small(3, seed, partitions: true)
        with { TimeLimitS = 4, Rate = 5, Latency = new Latency(100, LatencyDist.Constant) };

    private static string Page(RunResult run)
    {
        var results = run.Check();
        var plots = StoreWriter.RunFiles(run).Where(f => f.Key.EndsWith(".png")).ToList();
        var input = new ReportInput(
            Summary.Rows(Mode.Simulated(), run, results, NodeDefects.Find(run.NodeLogs)),
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
        var run = Simulator.Run(Short(5) with { TimeLimitS = 30, Rate = 60 });
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

    [Theory]
    [InlineData("GET / HTTP/1.1", 200, "text/html; charset=utf-8")]
    [InlineData("HEAD /run/ HTTP/1.0", 200, "text/html; charset=utf-8")]
    [InlineData("GET /run HTTP/1.1", 301, "text/plain; charset=utf-8")]
    [InlineData("GET /run/a%20b.png HTTP/1.1", 200, "image/png")]
    [InlineData("GET /run/results.edn?x=1 HTTP/1.1", 200, "text/plain; charset=utf-8")]
    [InlineData("GET /empty/ HTTP/1.1", 200, "text/html; charset=utf-8")]
    [InlineData("GET /missing.html HTTP/1.1", 404, "text/plain; charset=utf-8")]
    [InlineData("GET /../secret.txt HTTP/1.1", 403, "text/plain; charset=utf-8")]
    [InlineData("GET /run/%2e%2e/%2E%2E/secret.txt HTTP/1.1", 403, "text/plain; charset=utf-8")]
    [InlineData("GET /..%2fsecret.txt HTTP/1.1", 403, "text/plain; charset=utf-8")]
    [InlineData("POST / HTTP/1.1", 405, "text/plain; charset=utf-8")]
    [InlineData("GET nothing", 400, "text/plain; charset=utf-8")]
    public void TheServer_AnswersWithinTheStoreOnly(string requestLine, int status, string type)
    {
        var (parent, root) = StoreTree();
        try
        {
            using var server = StoreServer.Start(root, 0);
            var response = server.Respond(requestLine + "\r\nHost: x\r\n\r\n");
            Assert.Equal((status, type), (response.Status, response.ContentType));
        }
        finally { Directory.Delete(parent, recursive: true); }
    }

    [Fact]
    public async Task TheServer_ServesOnLoopback_AndStopsWhenCancelled()
    {
        var (parent, root) = StoreTree();
        try
        {
            using var server = StoreServer.Start(root, 0);
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var serving = server.RunAsync(stop.Token);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
            var page = await http.GetStringAsync(server.Url + "run/");
            Assert.Equal("<html>run</html>", page);
            using var secret = await RawGet(server.Port, "/../secret.txt");
            Assert.StartsWith("HTTP/1.0 403 ", secret.ReadLine());
            stop.Cancel();
            await serving.WaitAsync(TimeSpan.FromSeconds(20));
            await Assert.ThrowsAnyAsync<HttpRequestException>(
                () => http.GetStringAsync(server.Url));
        }
        finally { Directory.Delete(parent, recursive: true); }
    }

    private static async Task<StringReader> RawGet(int port, string path)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port).WaitAsync(TimeSpan.FromSeconds(20));
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.0\r\n\r\n"));
        using var reader = new StreamReader(stream);
        return new StringReader(await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(20)));
    }

    /// <summary>A store (with a run folder, a file whose name needs escaping and an empty
    /// folder) inside a parent that holds a secret.</summary>
    private static (string Parent, string Root) StoreTree()
    {
        var parent = Directory.CreateTempSubdirectory("gossip-serve-").FullName;
        var root = Path.Combine(parent, "store");
        Directory.CreateDirectory(Path.Combine(root, "run"));
        Directory.CreateDirectory(Path.Combine(root, "empty"));
        File.WriteAllText(Path.Combine(parent, "secret.txt"), "secret");
        File.WriteAllText(Path.Combine(root, "index.html"), "<html>store</html>");
        File.WriteAllText(Path.Combine(root, "run", "index.html"), "<html>run</html>");
        File.WriteAllText(Path.Combine(root, "run", "results.edn"), "{:valid? true}");
        File.WriteAllBytes(Path.Combine(root, "run", "a b.png"), [137, 80, 78, 71]);
        return (parent, root);
    }
}
