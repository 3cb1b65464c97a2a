using System.Text;

namespace FunctionalGossip.Check.History;

using FunctionalGossip.Edn;

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
    public static string TxtLine(Op op) => AppendTxt(new StringBuilder(), op).ToString();

    /// <summary>Appends one history.txt line for <paramref name="op"/>, without the
    /// newline (for writers that stream the file op by op).</summary>
    public static StringBuilder AppendTxt(StringBuilder sb, Op op)
    {
        EdnWriter.Append(sb, op.Process.ToEdn(), readably: true);
        sb.Append('\t').Append(':').Append(Op.TypeName(op.Type)).Append('\t');
        EdnWriter.Append(sb, op.F, readably: true);
        sb.Append('\t');
        EdnWriter.Append(sb, op.Value, readably: true);
        if (op.Error is not null and not Edn.Nil and not Edn.Bool { Value: false })
        {
            sb.Append('\t');
            EdnWriter.Append(sb, op.Error, readably: false);
        }
        return sb;
    }

    /// <summary>The whole history.edn text: one line per op, each ending in <c>\n</c>.</summary>
    public static string WriteEdn(IEnumerable<Op> history) =>
        AppendEdn(new StringBuilder(), history).ToString();

    /// <summary>Appends the history.edn text to <paramref name="sb"/> (for writers that
    /// encode it straight to bytes).</summary>
    public static StringBuilder AppendEdn(StringBuilder sb, IEnumerable<Op> history)
    {
        foreach (var op in history) AppendEdn(sb, op).Append('\n');
        return sb;
    }

    /// <summary>Appends one history.edn line for <paramref name="op"/>, without the
    /// newline (for writers that stream the file op by op).</summary>
    public static StringBuilder AppendEdn(StringBuilder sb, Op op)
    {
        EdnWriter.Append(sb, OpEdn.ToEdn(op), readably: true);
        return sb;
    }

    /// <summary>The whole history.txt text: one line per op, each ending in <c>\n</c>.</summary>
    public static string WriteTxt(IEnumerable<Op> history) =>
        AppendTxt(new StringBuilder(), history).ToString();

    /// <summary>Appends the history.txt text to <paramref name="sb"/>.</summary>
    public static StringBuilder AppendTxt(StringBuilder sb, IEnumerable<Op> history)
    {
        foreach (var op in history) AppendTxt(sb, op).Append('\n');
        return sb;
    }
}
