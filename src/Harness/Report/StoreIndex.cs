using System.Text;
using FunctionalGossip.Harness.Store;

namespace FunctionalGossip.Harness.Report;

/// <summary>
/// <c>store/index.html</c>: every run under <c>store/broadcast/</c>, newest first (folder
/// names are start times), with its verdict, command and key figures, read back from the
/// <c>gossip:</c> meta tags of its own report. Rewritten after each run.
/// </summary>
internal static class StoreIndex
{
    /// <summary>Rewrites <c>index.html</c> under <paramref name="root"/>.</summary>
    public static void Write(string root)
    {
        var workload = Path.Combine(root, "broadcast");
        var runs = Directory.Exists(workload)
            ? Directory.GetDirectories(workload)
                .Where(d => new DirectoryInfo(d).LinkTarget is null)
                .Select(Path.GetFileName).OfType<string>()
                .OrderDescending(StringComparer.Ordinal).ToList()
            : [];
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
            .Append("<title>gossip store</title>\n<style>").Append(Html.Style)
            .Append("</style></head><body>\n<h1>gossip test runs</h1>\n")
            .Append($"<p>{runs.Count} runs in this store, newest first.</p>\n")
            .Append("<table id=\"runs\"><tr><th>run</th><th>valid?</th><th>command</th>")
            .Append("<th>key figures</th></tr>\n");
        foreach (var name in runs) Row(sb, name, Path.Combine(workload, name));
        sb.Append("</table>\n</body></html>\n");
        File.WriteAllBytes(Path.Combine(root, RunReport.FileName), StoreWriter.Utf8Of(sb));
    }

    private static void Row(StringBuilder sb, string name, string dir)
    {
        var report = Path.Combine(dir, RunReport.FileName);
        var head = File.Exists(report) ? Head(report) : "";
        var valid = Meta(head, "gossip:valid") ?? "?";
        var link = File.Exists(report) ? $"broadcast/{name}/{RunReport.FileName}"
            : $"broadcast/{name}/";
        sb.Append($"<tr class=\"run\"><td><a href=\"{Html.Esc(link)}\">{Html.Esc(name)}</a>")
            .Append($"</td><td><span class=\"verdict {RunReport.Css(valid)}\">{valid}</span>")
            .Append($"</td><td><code>{Meta(head, "gossip:command") ?? "—"}</code></td>")
            .Append($"<td>{Meta(head, "gossip:figures") ?? "—"}</td></tr>\n");
    }

    /// <summary>The page up to its first <c>&lt;style&gt;</c>: the meta tags.</summary>
    private static string Head(string path)
    {
        using var reader = new StreamReader(path);
        var buffer = new char[4096];
        var n = reader.ReadBlock(buffer, 0, buffer.Length);
        var text = new string(buffer, 0, n);
        var end = text.IndexOf("<style>", StringComparison.Ordinal);
        return end < 0 ? text : text[..end];
    }

    /// <summary>The (still escaped) content of a meta tag the report wrote, or null.</summary>
    private static string? Meta(string head, string name)
    {
        var key = $"<meta name=\"{name}\" content=\"";
        var at = head.IndexOf(key, StringComparison.Ordinal);
        if (at < 0) return null;
        var from = at + key.Length;
        var to = head.IndexOf('"', from);
        return to < 0 ? null : head[from..to];
    }
}
