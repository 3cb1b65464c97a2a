using System.Text;
using FunctionalGossip.Maelstrom;
using FunctionalGossip.Harness.Engine;
using FunctionalGossip.Harness.Maelstrom;
using FunctionalGossip.Harness.Sim;

namespace FunctionalGossip.Harness.Store;

using FunctionalGossip.Edn;

/// <summary>The harness's jepsen.log: its lines in <see cref="JepsenLog"/>'s grammar, times
/// being the run's virtual time from <see cref="JepsenLog.Epoch"/>, so the file is
/// reproducible.</summary>
public static class JepsenLogFormat
{
    /// <summary>Appends the whole file text to <paramref name="sb"/>.</summary>
    public static StringBuilder Append(StringBuilder sb, IEnumerable<LogLine> lines)
    {
        foreach (var l in lines) Append(sb, l).Append('\n');
        return sb;
    }

    /// <summary>Appends one line (no newline).</summary>
    public static StringBuilder Append(StringBuilder sb, LogLine l)
    {
        JepsenLog.AppendPrefix(sb, l.AtNs, l.Level, l.Thread, l.Logger).Append(l.Head);
        if (l.Value is not null) EdnWriter.AppendReadable(sb, l.Value);
        return sb.Append(l.Tail);
    }
}
