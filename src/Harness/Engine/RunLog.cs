using FunctionalGossip.Check.History;

namespace FunctionalGossip.Harness.Engine;

using FunctionalGossip.Edn;

/// <summary>One jepsen.log line before formatting.</summary>
/// <param name="AtNs">Run time (since network start) of the line.</param>
/// <param name="Level">INFO or WARN.</param>
/// <param name="Thread">The Java thread name Maelstrom would show (e.g. <c>jepsen worker
/// 2</c>).</param>
/// <param name="Logger">The logger (namespace), e.g. <c>jepsen.util</c>.</param>
/// <param name="Head">The message text (may span lines), or its part before
/// <paramref name="Value"/>.</param>
/// <param name="Value">An op's value, written as EDN only when the log is: a read's values
/// are then formatted once, off the simulation's thread, and shared with the history's text.
/// </param>
/// <param name="Tail">The message text after <paramref name="Value"/>.</param>
public sealed record LogLine(long AtNs, string Level, string Thread, string Logger,
    string Head, Edn? Value = null, string Tail = "")
{
    /// <summary>The message text.</summary>
    public string Message => Value is null ? Head + Tail : Head + EdnWriter.Write(Value) + Tail;
}

/// <summary>Collects the lines Maelstrom would write to jepsen.log, in order.</summary>
public sealed class RunLog
{
    private readonly List<LogLine> _lines = [];

    /// <summary>Every line so far.</summary>
    public IReadOnlyList<LogLine> Lines => _lines;

    /// <summary>Adds an INFO line.</summary>
    public void Info(long atNs, string thread, string logger, string message) =>
        _lines.Add(new LogLine(atNs, "INFO", thread, logger, message));

    /// <summary>Adds an INFO line whose message is <paramref name="head"/>, the EDN of
    /// <paramref name="value"/>, then <paramref name="tail"/>.</summary>
    public void Info(long atNs, string thread, string logger, string head, Edn value,
        string tail) =>
        _lines.Add(new LogLine(atNs, "INFO", thread, logger, head, value, tail));

    /// <summary>jepsen.util <c>log-op</c>: an INFO line with the op's process, type, f,
    /// value and any error, tab separated.</summary>
    public void Operation(long atNs, string thread, Op op)
    {
        var head = $"{EdnWriter.Write(op.Process.ToEdn())}\t:{Op.TypeName(op.Type)}\t"
            + $"{EdnWriter.Write(op.F)}\t";
        var tail = op.Error is not null and not Edn.Nil
            ? "\t" + (op.Error is Edn.Str s ? s.Value : EdnWriter.Write(op.Error))
            : "";
        Info(atNs, thread, "jepsen.util", head, op.Value, tail);
    }

    /// <summary>Adds a WARN line.</summary>
    public void Warn(long atNs, string thread, string logger, string message) =>
        _lines.Add(new LogLine(atNs, "WARN", thread, logger, message));
}
