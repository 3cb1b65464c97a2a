using System.Globalization;
using System.Text;
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

    /// <summary>The whole file text.</summary>
    public static string Write(IEnumerable<LogLine> lines)
    {
        var sb = new StringBuilder();
        foreach (var l in lines) sb.Append(Format(l)).Append('\n');
        return sb.ToString();
    }

    /// <summary>One line (no newline).</summary>
    public static string Format(LogLine l) =>
        $"{Stamp(l.AtNs)}{{GMT}}\t{l.Level}\t[{l.Thread}] {l.Logger}: {l.Message}";

    /// <summary><c>yyyy-MM-dd HH:mm:ss,SSS</c> for a run time.</summary>
    public static string Stamp(long atNs) =>
        Epoch.AddTicks(atNs / 100)
            .ToString("yyyy-MM-dd HH:mm:ss,fff", CultureInfo.InvariantCulture);
}
