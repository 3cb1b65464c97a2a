using System.Diagnostics;
using System.Text;
using System.Text.Json;
using LanguageExt;
using static LanguageExt.Prelude;

namespace FunctionalGossip.Core.Journal;

/// <summary>
/// The journal's text format, version 1. One entry per line:
/// <code>
/// gossip-journal 1 tick-ms=220 retry-ms=3000 ack-ms=2000 suspect-ms=800 ... (header)
/// 1234 recv {"id":7,"src":"c3","dest":"n0","body":{…}}    stdin line, verbatim
/// 1234 recvq "line with a \t control character"           stdin line as a JSON string
/// 1234 toolong 99999999                                   overlong stdin line: its length
/// 1300 tick gossip                                        timer fired
/// 1234 send {"src":"n0","dest":"c3","body":{…}}           stdout line
/// 1234 log text                                           diagnostic (control chars escaped)
/// 9999 exit eof                                           stop reason
/// </code>
/// The first field is the node's monotonic milliseconds since start. A stdin line holding any
/// control character is written as <c>recvq</c> so one entry is always one line (Maelstrom
/// splits stderr on \n and \r). Lines that fit none of these shapes are foreign (e.g. another
/// node's own logging) and are skipped by readers.
/// </summary>
public static class JournalFormat
{
    /// <summary>The version this build writes and reads.</summary>
    public const int Version = 1;

    /// <summary>The header line's first word.</summary>
    public const string Magic = "gossip-journal";

    /// <summary>Text that every defect entry's line holds (<c>" log "</c> and the note's lead),
    /// to find candidates in logs too large to parse line by line; a line holding it is a
    /// defect only if <see cref="IsDefect"/> says so.</summary>
    public static readonly string DefectMark =
        Format(new JournalEntry.Logged(0, Note.Defect.Lead))["0".Length..];

    /// <summary>Renders an entry as one line (no newline).</summary>
    public static string Format(JournalEntry entry)
    {
        var (head, text) = Split(entry);
        return head + text;
    }

    /// <summary>
    /// An entry's line as a short head and the text it carries (<c>Format(e)</c> is
    /// <c>head + text</c>), so a writer can copy a long stdin or stdout line as it is instead
    /// of building the whole line first.
    /// </summary>
    public static (string Head, string Text) Split(JournalEntry entry) => entry switch
    {
        JournalEntry.Header h => ($"{Magic} {h.Version} ", h.Settings),
        JournalEntry.Received r => HasControl(r.Line)
            ? ($"{r.NowMs} recvq ", Quote(r.Line))
            : ($"{r.NowMs} recv ", r.Line),
        JournalEntry.ReceivedTooLong r => ($"{r.NowMs} toolong ", $"{r.Chars}"),
        JournalEntry.Ticked t => ($"{t.NowMs} tick ", t.Timer.Name()),
        JournalEntry.Sent s => ($"{s.NowMs} send ", s.Line),
        JournalEntry.Logged l => ($"{l.NowMs} log ", EscapeControls(l.Text)),
        JournalEntry.Exited x => ($"{x.NowMs} exit ", x.Reason),
        _ => throw new UnreachableException(entry.ToString()),
    };

    /// <summary>Parses one line; None for a line that is not a v1 journal entry.</summary>
    public static Option<JournalEntry> Parse(string line)
    {
        if (line.StartsWith(Magic + " ", StringComparison.Ordinal)) return ParseHeader(line);
        var sp1 = line.IndexOf(' ');
        if (sp1 <= 0 || !long.TryParse(line.AsSpan(0, sp1), out var now)) return None;
        var sp2 = line.IndexOf(' ', sp1 + 1);
        if (sp2 < 0) return None;
        var kind = line[(sp1 + 1)..sp2];
        var rest = line[(sp2 + 1)..];
        return kind switch
        {
            "recv" => new JournalEntry.Received(now, rest),
            "recvq" => Unquote(rest).Map(l => (JournalEntry)new JournalEntry.Received(now, l)),
            "toolong" => long.TryParse(rest, out var n)
                ? new JournalEntry.ReceivedTooLong(now, n) : None,
            "tick" => TimerNames.Parse(rest)
                .Map(t => (JournalEntry)new JournalEntry.Ticked(now, t)),
            "send" => new JournalEntry.Sent(now, rest),
            "log" => new JournalEntry.Logged(now, rest),
            "exit" => new JournalEntry.Exited(now, rest),
            _ => None,
        };
    }

    /// <summary>Whether <paramref name="line"/> is the entry of a defect: a <c>log</c> entry
    /// of a <see cref="Note.Defect"/>.</summary>
    public static bool IsDefect(string line) =>
        Parse(line).Case is JournalEntry.Logged l
        && l.Text.StartsWith(Note.Defect.Lead, StringComparison.Ordinal);

    private static Option<JournalEntry> ParseHeader(string line)
    {
        var parts = line.Split(' ', 3);
        if (parts.Length < 2 || !int.TryParse(parts[1], out var version)) return None;
        return new JournalEntry.Header(version, parts.Length == 3 ? parts[2] : "");
    }

    /// <summary>Any character <c>char.IsControl</c> holds for (U+0000–U+001F,
    /// U+007F–U+009F), or a line/paragraph separator; vectorised, as every line is checked.
    /// </summary>
    private static bool HasControl(string s)
    {
        var span = s.AsSpan();
        return span.IndexOfAnyInRange('\u0000', '\u001f') >= 0
            || span.IndexOfAnyInRange('\u007f', '\u009f') >= 0
            || span.IndexOfAny('\u2028', '\u2029') >= 0;
    }

    private static string Quote(string s) =>
        JsonSerializer.Serialize(s, JournalJson.Default.String);

    private static Option<string> Unquote(string s)
    {
        try { return Optional(JsonSerializer.Deserialize(s, JournalJson.Default.String)); }
        catch (JsonException) { return None; }
    }

    private static string EscapeControls(string s)
    {
        if (!HasControl(s)) return s;
        var sb = new StringBuilder(s.Length + 8);
        foreach (var c in s)
            sb.Append(char.IsControl(c) || c is '\u2028' or '\u2029' ? $"\\u{(int)c:x4}" : c);
        return sb.ToString();
    }
}
