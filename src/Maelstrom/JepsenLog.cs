using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace FunctionalGossip.Maelstrom;

/// <summary>
/// jepsen.log's line grammar, written by the harness and read by replay: Jepsen's layout
/// (store.clj <c>start-logging!</c>) <c>%d{ISO8601}{GMT}\t%p\t[%t] %c: %m%n</c>, the
/// <c>{GMT}</c> literal included, and Maelstrom's network lines (net.clj with
/// <c>--log-net-send</c>/<c>--log-net-recv</c>): logger <c>maelstrom.net</c>, message
/// <c>:send </c> or <c>:recv </c> followed by the message record (<see cref="MessageEdn"/>).
/// </summary>
public static partial class JepsenLog
{
    /// <summary>The wall-clock instant a run's time 0 is shown as (our runs are virtual-time
    /// reproducible; a real Maelstrom log has its own wall clock).</summary>
    public static readonly DateTime Epoch = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private const string StampFormat = "yyyy-MM-dd HH:mm:ss,fff";

    /// <summary>The logger of network lines.</summary>
    public const string NetLogger = "maelstrom.net";

    /// <summary>The message of a network line starts with one of these.</summary>
    public const string Send = ":send ", Recv = ":recv ";

    /// <summary>The timestamp that starts every line.</summary>
    [GeneratedRegex(@"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3})\{GMT\}\t")]
    public static partial Regex StampPattern();

    /// <summary><c>yyyy-MM-dd HH:mm:ss,SSS</c> for a run time.</summary>
    public static string Stamp(long atNs) =>
        Epoch.AddTicks(atNs / 100).ToString(StampFormat, CultureInfo.InvariantCulture);

    /// <summary>Appends a line's prefix up to its message: stamp, level, thread and
    /// logger.</summary>
    public static StringBuilder AppendPrefix(StringBuilder sb, long atNs, string level,
        string thread, string logger) =>
        sb.Append(Stamp(atNs)).Append("{GMT}\t").Append(level).Append("\t[")
            .Append(thread).Append("] ").Append(logger).Append(": ");

    /// <summary>A network line's message: <c>:send</c> or <c>:recv</c> and the
    /// record.</summary>
    public static string NetMessageText(bool send, NetMessage m) =>
        (send ? Send : Recv) + MessageEdn.PrStr(m);

    /// <summary>A read network line.</summary>
    /// <param name="At">Its timestamp.</param>
    /// <param name="IsRecv">A <c>:recv</c> line (else <c>:send</c>).</param>
    /// <param name="Message">The message, or null when its record is unreadable.</param>
    public sealed record NetLine(DateTime At, bool IsRecv, NetMessage? Message);

    /// <summary>A line's timestamp, or null when it does not start with one (a continuation
    /// or foreign line).</summary>
    public static DateTime? ReadStamp(string line)
    {
        var m = StampPattern().Match(line);
        return m.Success ? DateTime.ParseExact(m.Groups[1].Value, StampFormat,
            CultureInfo.InvariantCulture) : null;
    }

    /// <summary>The network line <paramref name="line"/> is, or null when it is none (no
    /// timestamp, or not a <c>maelstrom.net</c> send or recv).</summary>
    public static NetLine? ReadNet(string line)
    {
        if (ReadStamp(line) is not { } at) return null;
        var recv = line.IndexOf(NetLogger + ": " + Recv, StringComparison.Ordinal);
        var send = line.IndexOf(NetLogger + ": " + Send, StringComparison.Ordinal);
        var mark = recv >= 0 ? recv : send;
        if (mark < 0) return null;
        var record = line[(mark + NetLogger.Length + 2 + Recv.Length)..];
        return new NetLine(at, recv >= 0, MessageEdn.Parse(record));
    }
}
