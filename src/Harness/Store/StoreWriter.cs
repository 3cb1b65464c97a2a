using System.Globalization;
using System.Text;
using FunctionalGossip.Check.History;
using FunctionalGossip.Check.Results;
using FunctionalGossip.Harness.Engine;

namespace FunctionalGossip.Harness.Store;

/// <summary>
/// Writes a run as Maelstrom lays out its store: <c>&lt;root&gt;/broadcast/&lt;time&gt;/</c>
/// with results.edn/json, history.edn/txt, jepsen.log, node-logs/&lt;node&gt;.log,
/// latency-raw.png, latency-quantiles.png and rate.png, plus the <c>latest</c> and
/// <c>current</c> symlinks. The folder name is the start time (Jepsen's basic-date-time); the
/// files depend only on the run.
/// </summary>
public static class StoreWriter
{
    /// <summary>Jepsen's basic-date-time, e.g. <c>20250120T120802.000+0000</c>.</summary>
    public static string FolderName(DateTimeOffset start) =>
        start.ToString("yyyyMMdd'T'HHmmss.fff", CultureInfo.InvariantCulture)
        + (start.Offset < TimeSpan.Zero ? "-" : "+")
        + start.Offset.Duration().ToString("hhmm", CultureInfo.InvariantCulture);

    /// <summary>Every file of the run, by relative path, as bytes (what
    /// <see cref="Write"/> puts on disk). The files are independent, so they are rendered
    /// in parallel; each one's bytes depend only on the run, and the list keeps its order.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, byte[]>> Files(RunResult run,
        CheckResults? results)
    {
        var makers = new List<(string Path, Func<byte[]> Make)>();
        void Add(string path, Func<string> text) => makers.Add((path, () => Utf8.GetBytes(text())));
        if (results is not null)
        {
            Add("results.edn", () => ResultsWriter.ToEdnText(results) + "\n");
            Add("results.json", () => ResultsWriter.ToJson(results) + "\n");
        }
        Add("history.edn", () => HistoryWriter.WriteEdn(run.History));
        Add("history.txt", () => HistoryWriter.WriteTxt(run.History));
        Add("jepsen.log", () => JepsenLogFormat.Write(run.Log));
        foreach (var (node, lines) in run.NodeLogs)
            Add($"node-logs/{node}.log", () => Lines(lines));
        makers.Add(("latency-raw.png", () => LatencyPlot.Render(run.History)));
        makers.Add(("latency-quantiles.png", () => LatencyQuantilesPlot.Render(run.History)));
        makers.Add(("rate.png", () => RatePlot.Render(run.History)));
        var bytes = new byte[makers.Count][];
        Parallel.For(0, makers.Count, i => bytes[i] = makers[i].Make());
        return [.. makers.Select((m, i) => new KeyValuePair<string, byte[]>(m.Path, bytes[i]))];
    }

    private static readonly UTF8Encoding Utf8 = new(false);

    private static string Lines(IReadOnlyList<string> lines)
    {
        var length = 0;
        foreach (var l in lines) length += l.Length + 1;
        var sb = new StringBuilder(length);
        foreach (var l in lines) sb.Append(l).Append('\n');
        return sb.ToString();
    }

    /// <summary>Writes the run under <paramref name="root"/> and points the symlinks at it;
    /// returns the run folder.</summary>
    public static string Write(string root, RunResult run, CheckResults? results,
        DateTimeOffset start)
    {
        var workload = Path.Combine(root, "broadcast");
        var name = FolderName(start);
        var dir = Path.Combine(workload, name);
        for (var k = 1; Directory.Exists(dir); k++) dir = Path.Combine(workload, $"{name}-{k}");
        foreach (var (path, bytes) in Files(run, results))
        {
            var full = Path.Combine(dir, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllBytes(full, bytes);
        }
        Link(Path.Combine(workload, "latest"), Path.GetFileName(dir));
        Link(Path.Combine(root, "latest"), Path.Combine("broadcast", Path.GetFileName(dir)));
        Link(Path.Combine(root, "current"), Path.Combine("broadcast", Path.GetFileName(dir)));
        return dir;
    }

    private static void Link(string link, string target)
    {
        try
        {
            if (File.Exists(link) || Directory.Exists(link)
                || new FileInfo(link).LinkTarget is not null)
                File.Delete(link);
            File.CreateSymbolicLink(link, target);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
