using System.Globalization;
using System.Text;
using FunctionalGossip.Check.Format;
using FunctionalGossip.Harness.Engine;

namespace FunctionalGossip.Harness.Store;

/// <summary>
/// jepsen.log lines in Jepsen's layout (store.clj <c>start-logging!</c>):
/// <c>%d{ISO8601}{GMT}\t%p\t[%t] %c: %m%n</c>, the <c>{GMT}</c> literal included. Times
/// are the run's virtual time from a fixed epoch, so the file is reproducible.
/// </summary>
public static class JepsenLogFormat
{
    /// <summary>The wall-clock instant virtual time 0 is shown as.</summary>
    public static readonly DateTime Epoch = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Appends the whole file text to <paramref name="sb"/>.</summary>
    public static StringBuilder Append(StringBuilder sb, IEnumerable<LogLine> lines)
    {
        foreach (var l in lines) Append(sb, l).Append('\n');
        return sb;
    }

    /// <summary>Appends one line (no newline).</summary>
    private static StringBuilder Append(StringBuilder sb, LogLine l)
    {
        sb.Append(Stamp(l.AtNs)).Append("{GMT}\t").Append(l.Level).Append("\t[")
            .Append(l.Thread).Append("] ").Append(l.Logger).Append(": ");
        sb.Append(l.Head);
        if (l.Value is not null) sb.Append(EdnWriter.Write(l.Value));
        return sb.Append(l.Tail);
    }

    /// <summary><c>yyyy-MM-dd HH:mm:ss,SSS</c> for a run time.</summary>
    public static string Stamp(long atNs) =>
        Epoch.AddTicks(atNs / 100)
            .ToString("yyyy-MM-dd HH:mm:ss,fff", CultureInfo.InvariantCulture);
}
