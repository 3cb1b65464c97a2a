using System.Text;
using FunctionalGossip.Check.Checkers;
using FunctionalGossip.Check.Floor;
using FunctionalGossip.Check.Results;
using FunctionalGossip.Harness.Engine;
using FunctionalGossip.Harness.Store;

namespace FunctionalGossip.Harness.Report;

/// <summary>What the run report shows besides the run itself.</summary>
/// <param name="Rows">The summary table (the terminal's, without the store folder).</param>
/// <param name="Command">The command line that reproduces the run.</param>
/// <param name="Plots">The store's PNG plots by file name, embedded as data URIs.</param>
internal sealed record ReportInput(IReadOnlyList<(string Name, string Value)> Rows,
    string Command, IReadOnlyList<KeyValuePair<string, byte[]>> Plots);

/// <summary>
/// A run folder's <c>index.html</c>: one self-contained page (inline CSS and SVG, plots as
/// data URIs, no script, no network) with the verdict and summary table, the plots, the
/// floor gap, the operation timeline, the message diagram of a small run, and each node's
/// log with the <c>gossip replay</c> command for it. Its bytes depend only on the run, so a
/// seed gives the same page every time; the <c>gossip:</c> meta tags are what the store index
/// lists.
/// </summary>
internal static class RunReport
{
    /// <summary>The file name in the run folder.</summary>
    public const string FileName = "index.html";

    /// <summary>The page for a checked run.</summary>
    public static byte[] Render(RunResult run, CheckResults results, ReportInput input)
    {
        var valid = Cli.Summary.ValidText(results.Valid);
        var sb = new StringBuilder(64 * 1024);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
            .Append($"<title>gossip test: valid? {valid}</title>\n")
            .Append($"<meta name=\"gossip:valid\" content=\"{valid}\">\n")
            .Append($"<meta name=\"gossip:command\" content=\"{Html.Esc(input.Command)}\">\n")
            .Append($"<meta name=\"gossip:figures\" content=\"{Html.Esc(Figures(results))}\">\n")
            .Append("<style>").Append(Html.Style).Append("</style></head><body>\n")
            .Append("<p><a href=\"../../index.html\">all runs</a></p>\n")
            .Append("<h1>gossip test — broadcast</h1>\n")
            .Append($"<p><span id=\"verdict\" class=\"verdict {Css(valid)}\">valid? {valid}")
            .Append($"</span></p>\n<p><code id=\"command\">{Html.Esc(input.Command)}</code></p>\n");
        SummaryTable(sb, input.Rows);
        Floor(sb, results.Floor);
        Plots(sb, input.Plots);
        sb.Append("<h2>Timeline</h2>\n<p class=\"legend\">One lane per client process, one box ")
            .Append("per operation (hover for details); shaded: partitions. ")
            .Append(Legend()).Append("</p>\n<div class=\"scroll\">\n");
        Timeline.Append(sb, run.History);
        sb.Append("</div>\n<h2>Messages</h2>\n<p>One lane per node and client, one row per ")
            .Append("send or delivery in the order they happened (run time on the left); ")
            .Append("red dashed: never delivered (dropped by a partition); shaded: ")
            .Append("partitions.</p>\n")
            .Append("<div class=\"scroll\">\n");
        MessageDiagram.Append(sb, run.NetJournal, run.Options.Nodes, run.History);
        sb.Append("</div>\n");
        Nodes(sb, run);
        sb.Append("</body></html>\n");
        return StoreWriter.Utf8Of(sb);
    }

    /// <summary>The key figures the store index lists.</summary>
    public static string Figures(CheckResults results)
    {
        var lat = results.Workload.StableLatencies;
        return $"ops {results.Stats.All.Count}, stable latency median "
            + $"{(lat is null ? "none" : lat.P50 + " ms")}, msgs-per-op "
            + $"{results.Net?.Servers.MsgsPerOp ?? 0:0.###}";
    }

    /// <summary>The CSS class of a verdict.</summary>
    public static string Css(string valid) => valid switch
    {
        "true" => "valid",
        "false" => "invalid",
        _ => "unknown",
    };

    private static void SummaryTable(StringBuilder sb,
        IReadOnlyList<(string Name, string Value)> rows)
    {
        sb.Append("<h2>Summary</h2>\n<table id=\"summary\">\n");
        foreach (var (name, value) in rows)
            sb.Append($"<tr><th>{Html.Esc(name)}</th><td>{Html.Esc(value)}</td></tr>\n");
        sb.Append("</table>\n");
    }

    private static void Floor(StringBuilder sb, FloorResult? floor)
    {
        if (floor?.StableLatencies is not { } q) return;
        sb.Append("<h2>Physical floor</h2>\n<p>The stable latency a flood over the run's ")
            .Append($"partition schedule would reach with {floor.HopMs} ms hops, and the run's ")
            .Append("gap to it.</p>\n<table id=\"floor\"><tr><th></th><th>min</th><th>median")
            .Append("</th><th>95%</th><th>99%</th><th>max</th></tr>\n");
        FloorRow(sb, "floor ms", q);
        if (floor.Gaps is { } g) FloorRow(sb, "gap ms", g);
        sb.Append("</table>\n");
    }

    private static void FloorRow(StringBuilder sb, string name, LatencyQuantiles q) =>
        sb.Append($"<tr><th>{name}</th><td>{q.P0}</td><td>{q.P50}</td><td>{q.P95}</td>")
            .Append($"<td>{q.P99}</td><td>{q.P100}</td></tr>\n");

    private static void Plots(StringBuilder sb, IReadOnlyList<KeyValuePair<string, byte[]>> plots)
    {
        sb.Append("<h2>Plots</h2>\n<div class=\"plots\">\n");
        foreach (var (name, png) in plots)
            sb.Append($"<a href=\"{name}\"><img class=\"plot\" alt=\"{name}\" ")
                .Append("src=\"data:image/png;base64,").Append(Convert.ToBase64String(png))
                .Append("\"></a>\n");
        sb.Append("</div>\n");
    }

    private static string Legend() =>
        string.Concat(new[] { ("#325ac8", "broadcast ok"), ("#3ca03c", "read ok"),
                ("#f0961e", "info"), ("#d22828", "fail") }
            .Select(c => $"<span><i class=\"sw\" style=\"background:{c.Item1}\"></i>"
                + $"{c.Item2}</span>"));

    private static void Nodes(StringBuilder sb, RunResult run)
    {
        sb.Append("<h2>Nodes</h2>\n<p>Logs, and the command that steps through each node ")
            .Append("(run it in this folder):</p>\n<table id=\"nodes\">\n");
        foreach (var (node, _) in run.NodeLogs)
        {
            var log = $"node-logs/{Html.Esc(node)}.log";
            sb.Append($"<tr><th>{Html.Esc(node)}</th><td><a href=\"{log}\">{log}</a></td>")
                .Append($"<td><code>gossip replay {log}</code></td></tr>\n");
        }
        sb.Append("</table>\n<p>Also: <a href=\"jepsen.log\">jepsen.log</a>, ")
            .Append("<a href=\"history.txt\">history.txt</a>, ")
            .Append("<a href=\"results.edn\">results.edn</a>.</p>\n");
    }
}
