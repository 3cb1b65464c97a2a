using System.Globalization;
using System.Text;
using FunctionalGossip.Check.History;
using FunctionalGossip.Check.Results;
using FunctionalGossip.Harness.Engine;
using FunctionalGossip.Harness.Maelstrom;
using FunctionalGossip.Harness.Sim;

namespace FunctionalGossip.Harness.Store;

using FunctionalGossip.Edn;

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

    /// <summary>The files that need no verdict: history, logs and plots, as bytes in memory
    /// (the same bytes <see cref="WriteRunFiles"/> puts on disk). They are independent, so
    /// they are rendered in parallel (and may be while the checker runs); each one's bytes
    /// depend only on the run, and the list keeps its order.</summary>
    public static IReadOnlyList<KeyValuePair<string, byte[]>> RunFiles(RunResult run)
    {
        var makers = Makers(run);
        var bytes = new byte[makers.Count][];
        Parallel.For(0, makers.Count, i =>
        {
            using var memory = new MemoryStream();
            makers[i].Write(memory);
            bytes[i] = memory.ToArray();
        });
        return [.. makers.Select((m, i) => new KeyValuePair<string, byte[]>(m.Path, bytes[i]))];
    }

    /// <summary>
    /// Writes the files of <see cref="RunFiles"/> into the run folder <paramref name="dir"/>,
    /// each streamed to its file as it is rendered, so no file is ever whole in memory (a
    /// 1,000-node run's history, log and node logs are over a gigabyte); returns the plots,
    /// which the run report embeds.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, byte[]>> WriteRunFiles(RunResult run,
        string dir)
    {
        var makers = Makers(run);
        var plots = new byte[makers.Count][];
        Parallel.For(0, makers.Count, i =>
        {
            var full = Path.Combine(dir, makers[i].Path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            if (makers[i].Path.EndsWith(".png", StringComparison.Ordinal))
            {
                using var memory = new MemoryStream();
                makers[i].Write(memory);
                plots[i] = memory.ToArray();
                File.WriteAllBytes(full, plots[i]);
                return;
            }
            using var file = new FileStream(full, FileMode.Create, FileAccess.Write,
                FileShare.Read, 1 << 16);
            makers[i].Write(file);
        });
        return [.. makers.Select((m, i) => new KeyValuePair<string, byte[]>(m.Path, plots[i]))
            .Where(f => f.Value is not null)];
    }

    /// <summary>One file of a run: its relative path and how to write its bytes.</summary>
    private sealed record Maker(string Path, Action<Stream> Write);

    private static List<Maker> Makers(RunResult run)
    {
        var makers = new List<Maker>
        {
            Text("history.edn", run.History, (sb, op) => HistoryWriter.AppendEdn(sb, op)),
            Text("history.txt", run.History, (sb, op) => HistoryWriter.AppendTxt(sb, op)),
            Text("jepsen.log", run.Log, (sb, line) => JepsenLogFormat.Append(sb, line)),
        };
        foreach (var (node, lines) in run.NodeLogs)
        {
            makers.Add(lines is Utf8LineLog log
                ? new Maker($"node-logs/{node}.log", log.WriteTo)
                : Text($"node-logs/{node}.log", lines, (sb, line) => sb.Append(line)));
        }
        makers.Add(Bytes("latency-raw.png", () => LatencyPlot.Render(run.History)));
        makers.Add(Bytes("latency-quantiles.png", () => LatencyQuantilesPlot.Render(run.History)));
        makers.Add(Bytes("rate.png", () => RatePlot.Render(run.History)));
        return makers;
    }

    private static Maker Bytes(string path, Func<byte[]> render) =>
        new(path, stream => stream.Write(render()));

    /// <summary>A text file of one line per item: each line is appended to a builder, which
    /// goes out as UTF-8 whenever it holds <see cref="SpillChars"/> characters (the writer's
    /// encoder carries a surrogate pair split between two spills).</summary>
    private static Maker Text<T>(string path, IEnumerable<T> items,
        Action<StringBuilder, T> appendLine) => new(path, stream =>
    {
        using var writer = new StreamWriter(stream, Utf8, 1 << 16, leaveOpen: true);
        var sb = new StringBuilder(2 * SpillChars); // one chunk, kept by Clear
        foreach (var item in items)
        {
            appendLine(sb, item);
            sb.Append('\n');
            if (sb.Length < SpillChars) continue;
            writer.Write(sb);
            sb.Clear();
        }
        writer.Write(sb);
    });

    private const int SpillChars = 1 << 16;

    private static readonly UTF8Encoding Utf8 = new(false);

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
        var dir = NewRunFolder(root, start);
        WriteFiles(dir, files);
        LinkLatest(root, dir);
        return dir;
    }

    /// <summary>Creates the run folder for a run started at <paramref name="start"/> under
    /// <paramref name="root"/> (<c>-1</c>, <c>-2</c>, … appended if the name is taken) and
    /// returns it.</summary>
    public static string NewRunFolder(string root, DateTimeOffset start)
    {
        var workload = Path.Combine(root, "broadcast");
        var name = FolderName(start);
        var dir = Path.Combine(workload, name);
        for (var k = 1; Directory.Exists(dir); k++) dir = Path.Combine(workload, $"{name}-{k}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Writes <paramref name="files"/> (by relative path) into the run folder.</summary>
    public static void WriteFiles(string dir, IEnumerable<KeyValuePair<string, byte[]>> files)
    {
        foreach (var (path, bytes) in files)
        {
            var full = Path.Combine(dir, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllBytes(full, bytes);
        }
    }

    /// <summary>Points the <c>latest</c> and <c>current</c> symlinks at the run folder.</summary>
    public static void LinkLatest(string root, string dir)
    {
        var workload = Path.Combine(root, "broadcast");
        Link(Path.Combine(workload, "latest"), Path.GetFileName(dir));
        Link(Path.Combine(root, "latest"), Path.Combine("broadcast", Path.GetFileName(dir)));
        Link(Path.Combine(root, "current"), Path.Combine("broadcast", Path.GetFileName(dir)));
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
