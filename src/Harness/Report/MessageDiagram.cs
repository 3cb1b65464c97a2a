using System.Text;
using System.Text.Json;
using FunctionalGossip.Check.Checkers;
using FunctionalGossip.Check.History;
using FunctionalGossip.Maelstrom;
using FunctionalGossip.Harness.Store;

namespace FunctionalGossip.Harness.Report;

/// <summary>
/// The message diagram of a small run, like Maelstrom's messages.svg: one vertical lane per
/// node and client, events running down in journal order (one row per send and per delivery,
/// so simultaneous events stay apart; the run time is marked on the left), one arrow per
/// message from its send to its delivery, labelled with the body's type. A message never
/// delivered (a partition dropped it) ends half way, red and dashed, with a cross; the
/// nemesis's partition intervals are shaded bands.
/// </summary>
internal static class MessageDiagram
{
    /// <summary>Runs with more messages than this get a note instead of a diagram.</summary>
    public const int MaxMessages = Maelstrom.Network.BodiesKept;

    private const int LaneGap = 110, Left = 70, Top = 40, Bottom = 20, LabelLimit = 400;
    private const int RowPx = 12, TimeMarkEvery = 10;

    /// <summary>Appends the diagram, or a note saying why there is none.</summary>
    public static void Append(StringBuilder sb, IReadOnlyList<NetEvent> journal,
        IReadOnlyList<string> nodes, IReadOnlyList<Op> history)
    {
        var sends = journal.Where(e => e.IsSend).ToList();
        if (sends.Count == 0 || sends.Count > MaxMessages)
        {
            sb.Append($"<p id=\"messages-note\">{sends.Count} messages: the diagram is drawn ")
                .Append($"for runs of at most {MaxMessages} messages. Step through a node with ")
                .Append("<code>gossip replay</code> instead.</p>\n");
            return;
        }
        var row = Rows(journal);
        var lanes = Lanes(sends, nodes);
        var height = (journal.Count + 1) * RowPx;
        double Y(long row) => Top + row * RowPx;
        double LaneX(string id) => Left + lanes.IndexOf(id) * LaneGap;
        sb.Append("<svg id=\"messages\" xmlns=\"http://www.w3.org/2000/svg\" ")
            .Append($"width=\"{Left + 40 + (lanes.Count - 1) * LaneGap}\" ")
            .Append($"height=\"{Top + height + Bottom}\">\n")
            .Append("<defs><marker id=\"arr\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" ")
            .Append("markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">")
            .Append("<path d=\"M0,0L10,5L0,10z\" fill=\"#555\"/></marker></defs>\n");
        Partitions(sb, journal, Chart.NemesisIntervals(history), Y);
        TimeMarks(sb, journal, Y);
        foreach (var id in lanes)
            sb.Append($"<line x1=\"{LaneX(id)}\" x2=\"{LaneX(id)}\" y1=\"{Top - 6}\" ")
                .Append($"y2=\"{Top + height}\" stroke=\"#bbb\"/>")
                .Append($"<text x=\"{LaneX(id)}\" y=\"{Top - 12}\" text-anchor=\"middle\">")
                .Append(Html.Esc(id)).Append("</text>\n");
        foreach (var send in sends)
            Arrow(sb, send, row.Recv.TryGetValue(send.MessageId, out var at) ? Y(at) : null,
                LaneX(send.Src), LaneX(send.Dest), Y(row.Send[send.MessageId]),
                sends.Count <= LabelLimit);
        sb.Append("</svg>\n");
    }

    private static void Arrow(StringBuilder sb, NetEvent send, double? recvY, double x1,
        double x2, double y1, bool label)
    {
        var type = BodyType(send.BodyJson);
        var (ex, ey) = recvY is { } r ? (x2, r) : ((x1 + x2) / 2, y1 + RowPx);
        var dropped = recvY is null;
        sb.Append($"<g class=\"msg{(dropped ? " dropped" : "")}\"><line x1=\"{Html.N(x1)}\" ")
            .Append($"y1=\"{Html.N(y1)}\" x2=\"{Html.N(ex)}\" y2=\"{Html.N(ey)}\" ")
            .Append(dropped ? "stroke=\"#d22828\" stroke-dasharray=\"4 3\"/>"
                : "stroke=\"#555\" marker-end=\"url(#arr)\"/>");
        if (dropped)
            sb.Append($"<text x=\"{Html.N(ex)}\" y=\"{Html.N(ey + 4)}\" fill=\"#d22828\" ")
                .Append("text-anchor=\"middle\">×</text>");
        if (label)
            sb.Append($"<text x=\"{Html.N((x1 + ex) / 2)}\" y=\"{Html.N((y1 + ey) / 2 - 2)}\" ")
                .Append("text-anchor=\"middle\" fill=\"#333\">").Append(Html.Esc(type))
                .Append("</text>");
        sb.Append($"<title>{send.MessageId}: {Html.Esc(send.Src)} → {Html.Esc(send.Dest)} ")
            .Append(Html.Esc(send.BodyJson ?? ""))
            .Append(dropped ? " (never delivered)" : "")
            .Append("</title></g>\n");
    }

    /// <summary>Each event's row: its place in the journal.</summary>
    private static (Dictionary<long, long> Send, Dictionary<long, long> Recv) Rows(
        IReadOnlyList<NetEvent> journal)
    {
        var (send, recv) = (new Dictionary<long, long>(), new Dictionary<long, long>());
        for (var i = 0; i < journal.Count; i++)
            (journal[i].IsSend ? send : recv)[journal[i].MessageId] = i;
        return (send, recv);
    }

    /// <summary>Shades the rows of the events that happened during a partition.</summary>
    private static void Partitions(StringBuilder sb, IReadOnlyList<NetEvent> journal,
        List<(double FromS, double ToS)> intervals, Func<long, double> y)
    {
        foreach (var (from, to) in intervals)
        {
            var (first, last) = (-1, -1);
            for (var i = 0; i < journal.Count; i++)
            {
                if (journal[i].AtNs < from * 1e9 || journal[i].AtNs > to * 1e9) continue;
                if (first < 0) first = i;
                last = i;
            }
            if (first < 0 || last < first) continue;
            sb.Append($"<rect class=\"partition\" x=\"0\" y=\"{Html.N(y(first) - RowPx / 2)}\" ")
                .Append($"width=\"100%\" height=\"{Html.N((last - first + 1) * RowPx)}\" ")
                .Append($"fill=\"#f8dada\"><title>partition {Html.N(from)} s to {Html.N(to)} s")
                .Append("</title></rect>\n");
        }
    }

    /// <summary>The run time (ms) of every tenth event, on the left.</summary>
    private static void TimeMarks(StringBuilder sb, IReadOnlyList<NetEvent> journal,
        Func<long, double> y)
    {
        for (var i = 0; i < journal.Count; i += TimeMarkEvery)
            sb.Append($"<text class=\"t\" x=\"2\" y=\"{Html.N(y(i) + 4)}\" fill=\"#888\">")
                .Append($"{journal[i].AtNs / 1_000_000} ms</text>\n");
    }

    /// <summary>Nodes in test order, then clients by number, then anything else.</summary>
    private static List<string> Lanes(List<NetEvent> sends, IReadOnlyList<string> nodes)
    {
        var ids = sends.SelectMany(e => new[] { e.Src, e.Dest }).Distinct().ToList();
        var clients = ids.Where(Ids.IsClient)
            .OrderBy(id => long.TryParse(id.AsSpan(1), out var n) ? n : long.MaxValue)
            .ThenBy(id => id, StringComparer.Ordinal);
        var others = ids.Where(id => !Ids.IsClient(id) && !nodes.Contains(id))
            .Order(StringComparer.Ordinal);
        return [.. nodes.Where(ids.Contains), .. clients, .. others];
    }

    /// <summary>The body's <c>type</c>, or <c>?</c>.</summary>
    private static string BodyType(string? body)
    {
        if (body is null) return "?";
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.TryGetProperty("type", out var t)
                && t.ValueKind == JsonValueKind.String ? t.GetString()! : "?";
        }
        catch (JsonException) { return "?"; }
    }
}
