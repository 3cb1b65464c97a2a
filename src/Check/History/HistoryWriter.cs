using System.Text;
using FunctionalGossip.Check.Format;

namespace FunctionalGossip.Check.History;

/// <summary>
/// Writes histories as Maelstrom (Jepsen's <c>store/write-history!</c>) does:
/// <c>history.edn</c> is one <c>prn</c>-ed op map per line; <c>history.txt</c> is
/// <c>process TAB type TAB f TAB value</c>, plus <c>TAB error</c> when the op has one,
/// where process, type, f and value are EDN and the error is <c>print</c>-ed
/// (strings inside it unquoted, as Jepsen's <c>prn-op</c> does).
/// </summary>
public static class HistoryWriter
{
    /// <summary>One history.edn line for <paramref name="op"/>, without the newline.</summary>
    public static string EdnLine(Op op) => EdnWriter.Write(OpEdn.ToEdn(op));

    /// <summary>One history.txt line for <paramref name="op"/>, without the newline.</summary>
    public static string TxtLine(Op op)
    {
        var sb = new StringBuilder()
            .Append(EdnWriter.Write(op.Process.ToEdn())).Append('\t')
            .Append(':').Append(Op.TypeName(op.Type)).Append('\t')
            .Append(EdnWriter.Write(op.F)).Append('\t')
            .Append(EdnWriter.Write(op.Value));
        if (op.Error is not null and not Edn.Nil and not Edn.Bool { Value: false })
            sb.Append('\t').Append(EdnWriter.Print(op.Error));
        return sb.ToString();
    }

    /// <summary>The whole history.edn text: one line per op, each ending in <c>\n</c>.</summary>
    public static string WriteEdn(IEnumerable<Op> history) => Lines(history, EdnLine);

    /// <summary>The whole history.txt text: one line per op, each ending in <c>\n</c>.</summary>
    public static string WriteTxt(IEnumerable<Op> history) => Lines(history, TxtLine);

    private static string Lines(IEnumerable<Op> history, Func<Op, string> line)
    {
        var sb = new StringBuilder();
        foreach (var op in history) sb.Append(line(op)).Append('\n');
        return sb.ToString();
    }
}
