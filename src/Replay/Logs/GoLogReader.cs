using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using FunctionalGossip.Maelstrom;

namespace FunctionalGossip.Replay.Logs;

/// <summary>
/// Reads a node log of Maelstrom's Go library: <c>2025/06/29 15:31:34 Received {c0 n1 {…}}</c>
/// lines are inputs (rebuilt as the JSON line the node read; the Go library drops the
/// top-level <c>id</c>), <c>Sent {…}</c> lines are outputs, anything else is the node's own
/// logging. Timestamps have one-second resolution, so inputs within a second are spread
/// evenly across it and gossip ticks are synthesised.
/// </summary>
internal static partial class GoLogReader
{
    /// <summary>The Go <c>log</c> package's default prefix and the library's two message
    /// verbs.</summary>
    [GeneratedRegex(@"^(\d{4}/\d\d/\d\d \d\d:\d\d:\d\d) (Received|Sent) (.*)$")]
    internal static partial Regex Message();

    private sealed record Input(int SourceLine, long Second, string Json);

    /// <summary>Reads the lines of one node's log.</summary>
    public static Loaded Read(IReadOnlyList<string> lines, ReplayOptions options)
    {
        var b = new LogBuilder();
        var inputs = new List<(Input? In, string? Sent)>();
        DateTime? origin = null;
        for (var i = 0; i < lines.Count; i++)
        {
            var m = Message().Match(lines[i]);
            if (!m.Success) { b.Other(); continue; } // the node's own logging
            var at = DateTime.ParseExact(m.Groups[1].Value, "yyyy/MM/dd HH:mm:ss",
                CultureInfo.InvariantCulture);
            origin ??= at;
            var second = (long)(at - origin.Value).TotalSeconds;
            if (m.Groups[2].Value == "Sent") { inputs.Add((null, m.Groups[3].Value)); continue; }
            var json = ReceivedToJson(m.Groups[3].Value);
            if (json is null) b.Skip("Received line not of the form {src dest {json body}}");
            else inputs.Add((new Input(i + 1, second, json), null));
        }
        Feed(b, inputs);
        var node = Recipient(inputs, options);
        b.Note("timing is approximate: Go log timestamps have 1 s resolution (inputs within a "
            + "second are spread evenly across it), and gossip ticks are synthesised every "
            + $"{JepsenLogReader.ForeignSettings(options).TickMs} ms (tick-ms) between inputs");
        b.Note("the recorded node is another implementation: its outputs are not ours, "
            + "so verify compares replies to requests only and divergence is expected");
        return new Loaded.Ok(b.Build(LogKind.GoLog, node,
            JepsenLogReader.ForeignSettings(options), synthesiseTicks: true));
    }

    /// <summary>Spreads the inputs of each second evenly across it, in order.</summary>
    private static void Feed(LogBuilder b, List<(Input? In, string? Sent)> items)
    {
        var perSecond = items.Where(x => x.In is not null).GroupBy(x => x.In!.Second)
            .ToDictionary(g => g.Key, g => g.Count());
        var seen = new Dictionary<long, int>();
        foreach (var (input, sent) in items)
        {
            if (input is null) { b.Sent(sent!); continue; }
            var k = seen.TryGetValue(input.Second, out var n) ? n : 0;
            seen[input.Second] = k + 1;
            b.Line(input.Second * 1000 + k * 1000L / perSecond[input.Second], input.SourceLine,
                input.Json);
        }
    }

    /// <summary><c>{c0 n1 {"type":…}}</c> → <c>{"src":"c0","dest":"n1","body":{…}}</c>, or
    /// null.</summary>
    internal static string? ReceivedToJson(string text)
    {
        if (text.Length < 2 || text[0] != '{' || text[^1] != '}') return null;
        var inner = text[1..^1];
        var sp1 = inner.IndexOf(' ');
        var sp2 = sp1 < 0 ? -1 : inner.IndexOf(' ', sp1 + 1);
        if (sp1 <= 0 || sp2 <= sp1 + 1) return null;
        var body = inner[(sp2 + 1)..];
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return null;
        }
        catch (JsonException) { return null; }
        return "{\"src\":" + Quote(inner[..sp1]) + ",\"dest\":" + Quote(inner[(sp1 + 1)..sp2])
            + ",\"body\":" + body + "}";
    }

    private static string Quote(string s) => Json.Quote(s);

    /// <summary>The node the log belongs to: the init's <c>node_id</c>, else
    /// <c>--node</c>.</summary>
    private static string Recipient(List<(Input? In, string? Sent)> items, ReplayOptions options)
    {
        var dests = items.Where(x => x.In is not null).Select(x => x.In!.Json).ToList();
        var init = dests.Select(JournalReader.InitNodeId).FirstOrDefault(n => n.Length > 0);
        return init ?? (options.Node.Length > 0 ? options.Node : "");
    }
}
