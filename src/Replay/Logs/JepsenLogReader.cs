using FunctionalGossip.Maelstrom;
using FunctionalGossip.Core;

namespace FunctionalGossip.Replay.Logs;

/// <summary>
/// Reads Maelstrom's <c>jepsen.log</c> written with <c>--log-net-recv</c>: each
/// <c>:recv #maelstrom.net.message.Message{…}</c> line addressed to the chosen node is an input
/// (converted to the JSON line the node read); <c>:send</c> lines from it (<c>--log-net-send</c>)
/// are its outputs. Timer ticks were not logged, so they are synthesised.
/// </summary>
internal static class JepsenLogReader
{
    private sealed record NetLine(int SourceLine, long Ms, bool Recv, NetMessage Message);

    /// <summary>Reads the lines; refused when there are no <c>:recv</c> lines or the node is
    /// ambiguous or absent.</summary>
    public static Loaded Read(IReadOnlyList<string> lines, ReplayOptions options)
    {
        var b = new LogBuilder();
        var net = new List<NetLine>();
        DateTime? origin = null;
        for (var i = 0; i < lines.Count; i++)
        {
            if (JepsenLog.ReadStamp(lines[i]) is not { } at) { b.Other(); continue; }
            origin ??= at;
            if (JepsenLog.ReadNet(lines[i]) is not { } line) { b.Other(); continue; }
            if (line.Message is null)
            {
                b.Skip($"unreadable {(line.IsRecv ? ":recv" : ":send")} record");
                continue;
            }
            var ms = (long)(at - origin.Value).TotalMilliseconds;
            net.Add(new NetLine(i + 1, ms, line.IsRecv, line.Message));
        }
        var nodes = net.Where(n => n.Recv && Ids.IsNode(n.Message.Dest))
            .Select(n => n.Message.Dest).Distinct().Order(StringComparer.Ordinal).ToList();
        if (!net.Any(n => n.Recv))
            return new Loaded.Refused("this jepsen.log has no ':recv' lines: it was not written "
                + "with --log-net-recv, so the messages nodes received are unknown");
        var node = options.Node;
        if (node.Length == 0 && nodes.Count != 1)
            return new Loaded.Refused("this jepsen.log holds messages for "
                + $"{string.Join(", ", nodes)}: pick one with --node nX");
        if (node.Length == 0) node = nodes[0];
        if (!nodes.Contains(node))
            return new Loaded.Refused($"no ':recv' lines for {node} in this jepsen.log "
                + $"(nodes: {string.Join(", ", nodes)})");
        foreach (var n in net)
        {
            if (n.Recv && n.Message.Dest == node) b.Line(n.Ms, n.SourceLine, n.Message.ToLine());
            else if (!n.Recv && n.Message.Src == node) b.SentAsLogged(n.Message.ToLine());
            else b.Other();
        }
        var settings = ForeignSettings(options);
        b.Note($"timing is approximate: times are jepsen.log's (ms since its first line), and "
            + $"gossip ticks are synthesised every {settings.TickMs} ms (tick-ms) between inputs");
        if (!net.Any(n => !n.Recv && n.Message.Src == node))
            b.Note("no ':send' lines from this node (--log-net-send was off): "
                + "verify has nothing to compare");
        return new Loaded.Ok(b.Build(LogKind.JepsenLog, node, settings, synthesiseTicks: true));
    }

    /// <summary>Settings for a log that does not record them: defaults plus overrides.</summary>
    internal static NodeSettings ForeignSettings(ReplayOptions options) =>
        NodeSettings.Parse(options.SettingWords)
            .Match(Right: s => s, Left: _ => NodeSettings.Default);
}
