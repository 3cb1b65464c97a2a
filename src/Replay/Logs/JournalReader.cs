using FunctionalGossip.Core;
using FunctionalGossip.Core.Journal;
using LanguageExt;

namespace FunctionalGossip.Replay.Logs;

/// <summary>
/// Reads our node's journal (<see cref="JournalFormat"/>): the exact inputs with the node's own
/// times, so replay needs no synthesised ticks and <c>verify</c> compares step by step.
/// </summary>
internal static class JournalReader
{
    /// <summary>Reads journal lines; a header of another version is refused unless
    /// <c>--force</c>.</summary>
    public static Loaded Read(IReadOnlyList<string> lines, ReplayOptions options)
    {
        var b = new LogBuilder();
        JournalEntry.Header? header = null;
        var node = "";
        for (var i = 0; i < lines.Count; i++)
        {
            var entry = JournalFormat.Parse(lines[i]).Case as JournalEntry;
            if (entry is JournalEntry.Header h && header is null)
            {
                if (h.Version != JournalFormat.Version && !options.Force)
                    return new Loaded.Refused(
                        $"journal format version {h.Version}; this build reads version "
                        + $"{JournalFormat.Version} (use --force to replay it anyway)");
                header = h;
                continue;
            }
            if (entry is JournalEntry.Received r && node.Length == 0) node = InitNodeId(r.Line);
            Add(b, entry, i + 1, lines[i]);
        }
        if (header is null) b.Note("no journal header: the node's settings are not recorded");
        else if (header.Version != JournalFormat.Version)
            b.Note($"journal format version {header.Version} replayed with --force");
        var words = (header?.Settings ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var (settings, error) = NodeSettings.Parse(words.Concat(options.SettingWords)).Match(
            Right: s => (s, ""),
            Left: e => (Overridden(options), e));
        if (error.Length > 0 && !options.Force)
            return new Loaded.Refused(
                $"journal header settings '{header?.Settings}' are not valid: {error} "
                + "(use --force to replay with default settings)");
        if (error.Length > 0) b.Note($"header settings not valid ({error}); defaults used");
        if (options.Node.Length > 0 && node.Length > 0 && options.Node != node)
            b.Note($"--node {options.Node} ignored: this journal is {node}'s");
        return new Loaded.Ok(b.Build(LogKind.Journal, node, settings, synthesiseTicks: false));
    }

    private static NodeSettings Overridden(ReplayOptions options) =>
        NodeSettings.Parse(options.SettingWords)
            .Match(Right: s => s, Left: _ => NodeSettings.Default);

    private static void Add(LogBuilder b, JournalEntry? entry, int sourceLine, string raw)
    {
        switch (entry)
        {
            case null when raw.Length == 0: b.Other(); break;
            case null: b.Skip("not a journal line"); break;
            case JournalEntry.Header: b.Skip("repeated journal header"); break;
            case JournalEntry.Received r: b.Line(r.NowMs, sourceLine, r.Line); break;
            case JournalEntry.ReceivedTooLong t: b.TooLong(t.NowMs, sourceLine, t.Chars); break;
            case JournalEntry.Ticked t: b.Tick(t.NowMs, sourceLine, t.Timer); break;
            case JournalEntry.Sent s: b.Sent(s.Line); break;
            case JournalEntry.Logged: b.Other(); break;
            case JournalEntry.Exited x:
                b.Other();
                b.Note($"the node exited ({x.Reason}) at {x.NowMs} ms");
                break;
            default: throw new System.Diagnostics.UnreachableException(entry.ToString());
        }
    }

    /// <summary>The <c>node_id</c> of an <c>init</c> line, or "".</summary>
    internal static string InitNodeId(string line) =>
        Core.Wire.Codec.Decode(line).Match(
            Right: e => e.Body is Core.Wire.Body.Init i ? i.NodeId : "",
            Left: _ => "");
}
