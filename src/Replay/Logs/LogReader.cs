using FunctionalGossip.Maelstrom;
using FunctionalGossip.Core.Journal;

namespace FunctionalGossip.Replay.Logs;

/// <summary>
/// Opens a log for replay: detects its format from its lines and hands it to the reader for
/// that format. Unreadable or unrecognisable files are refused with a one-line message.
/// </summary>
public static class LogReader
{
    /// <summary>Lines looked at to detect the format.</summary>
    private const int DetectLines = 2000;

    /// <summary>Reads and detects the file at <paramref name="path"/>.</summary>
    public static Loaded Load(string path, ReplayOptions options)
    {
        if (Directory.Exists(path))
            return new Loaded.Refused($"'{path}' is a folder: give a log file (e.g. "
                + "node-logs/n0.log or jepsen.log)");
        if (!File.Exists(path)) return new Loaded.Refused($"no such file: '{path}'");
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new Loaded.Refused($"cannot read '{path}': {e.Message}");
        }
        return Parse(lines, options) switch
        {
            Loaded.Refused r => new Loaded.Refused($"'{path}': {r.Message}"),
            var ok => ok,
        };
    }

    /// <summary>Detects the format of <paramref name="lines"/> and reads them.</summary>
    public static Loaded Parse(IReadOnlyList<string> lines, ReplayOptions options)
    {
        if (lines.All(l => l.Length == 0)) return new Loaded.Refused("the file is empty");
        var head = lines.Take(DetectLines).ToList();
        if (head.Any(l => l.Contains('\0')))
            return new Loaded.Refused("this is a binary file, not a log");
        var journal = head.Count(l =>
            JournalFormat.Parse(l).IsSome);
        var jepsen = head.Count(l => JepsenLog.StampPattern().IsMatch(l));
        var go = head.Count(l => GoLogReader.Message().IsMatch(l));
        if (journal == 0 && jepsen == 0 && go == 0)
            return new Loaded.Refused("not a gossip journal, a jepsen.log or a Go "
                + "maelstrom-library node log (no line of any of those formats in its first "
                + $"{Math.Min(lines.Count, DetectLines)} lines)");
        if (journal >= jepsen && journal >= go) return JournalReader.Read(lines, options);
        return jepsen >= go
            ? JepsenLogReader.Read(lines, options)
            : GoLogReader.Read(lines, options);
    }
}
