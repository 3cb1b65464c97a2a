using System.Globalization;
using System.Text;
using FunctionalGossip.Check.Format;
using FunctionalGossip.Check.History;
using FunctionalGossip.Check.Results;
using FunctionalGossip.Harness.Engine;
using FunctionalGossip.Harness.Maelstrom;
using FunctionalGossip.Harness.Sim;

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
    /// <see cref="Write"/> puts on disk): <see cref="ResultFiles"/> then
    /// <see cref="RunFiles"/>.</summary>
    public static IReadOnlyList<KeyValuePair<string, byte[]>> Files(RunResult run,
        CheckResults? results) => [.. ResultFiles(results), .. RunFiles(run)];

    /// <summary>results.edn and results.json (none without results), with the harness's own
    /// <paramref name="extra"/> entries (process mode's <c>:node-cost</c>) before
    /// <c>:valid?</c>.</summary>
    public static IReadOnlyList<KeyValuePair<string, byte[]>> ResultFiles(CheckResults? results,
        Edn.Map? extra = null) =>
        results is null ? [] :
        [
            new("results.edn", Utf8.GetBytes(ResultsWriter.ToEdnText(results, extra) + "\n")),
            new("results.json", Utf8.GetBytes(ResultsWriter.ToJson(results, extra) + "\n")),
        ];

    /// <summary>The files that need no verdict: history, logs and plots. They are
    /// independent, so they are rendered in parallel (and may be while the checker runs);
    /// each one's bytes depend only on the run, and the list keeps its order.</summary>
    public static IReadOnlyList<KeyValuePair<string, byte[]>> RunFiles(RunResult run)
    {
        var makers = new List<(string Path, Func<byte[]> Make)>();
        void Add(string path, Func<StringBuilder, StringBuilder> text) =>
            makers.Add((path, () => Utf8Of(text(new StringBuilder()))));
        Add("history.edn", sb => HistoryWriter.AppendEdn(sb, run.History));
        Add("history.txt", sb => HistoryWriter.AppendTxt(sb, run.History));
        Add("jepsen.log", sb => JepsenLogFormat.Append(sb, run.Log));
        foreach (var (node, lines) in run.NodeLogs)
        {
            if (lines is Utf8LineLog log) makers.Add(($"node-logs/{node}.log", log.ToUtf8));
            else Add($"node-logs/{node}.log", sb => Lines(sb, lines));
        }
        makers.Add(("latency-raw.png", () => LatencyPlot.Render(run.History)));
        makers.Add(("latency-quantiles.png", () => LatencyQuantilesPlot.Render(run.History)));
        makers.Add(("rate.png", () => RatePlot.Render(run.History)));
        var bytes = new byte[makers.Count][];
        Parallel.For(0, makers.Count, i => bytes[i] = makers[i].Make());
        return [.. makers.Select((m, i) => new KeyValuePair<string, byte[]>(m.Path, bytes[i]))];
    }

    private static readonly UTF8Encoding Utf8 = new(false);

    private static StringBuilder Lines(StringBuilder sb, IReadOnlyList<string> lines)
    {
        foreach (var l in lines) sb.Append(l).Append('\n');
        return sb;
    }

    /// <summary>The UTF-8 bytes of the builder's text, encoded chunk by chunk (no whole-file
    /// string in between); the encoder carries a surrogate pair split across two
    /// chunks.</summary>
    internal static byte[] Utf8Of(StringBuilder sb)
    {
        var encoder = Utf8.GetEncoder();
        var bytes = new System.Buffers.ArrayBufferWriter<byte>(sb.Length + sb.Length / 8 + 16);
        foreach (var chunk in sb.GetChunks())
            encoder.Convert(chunk.Span, bytes, flush: false, out _, out _);
        encoder.Convert([], bytes, flush: true, out _, out _);
        return bytes.WrittenSpan.ToArray();
    }

    /// <summary>Writes rendered <paramref name="files"/> as a new run folder under
    /// <paramref name="root"/> and points the symlinks at it; returns the run folder.</summary>
    public static string Write(string root, IEnumerable<KeyValuePair<string, byte[]>> files,
        DateTimeOffset start)
    {
        var workload = Path.Combine(root, "broadcast");
        var name = FolderName(start);
        var dir = Path.Combine(workload, name);
        for (var k = 1; Directory.Exists(dir); k++) dir = Path.Combine(workload, $"{name}-{k}");
        foreach (var (path, bytes) in files)
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
