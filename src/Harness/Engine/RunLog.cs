namespace FunctionalGossip.Harness.Engine;

/// <summary>One jepsen.log line before formatting.</summary>
/// <param name="AtNs">Run time (since network start) of the line.</param>
/// <param name="Level">INFO or WARN.</param>
/// <param name="Thread">The Java thread name Maelstrom would show (e.g. <c>jepsen worker
/// 2</c>).</param>
/// <param name="Logger">The logger (namespace), e.g. <c>jepsen.util</c>.</param>
/// <param name="Parts">The message text (may span lines) in pieces, written one after the
/// other: an op's line shares its value's text with the history rather than copying it.
/// </param>
public sealed record LogLine(long AtNs, string Level, string Thread, string Logger,
    IReadOnlyList<string> Parts)
{
    /// <summary>The message text.</summary>
    public string Message => string.Concat(Parts);
}

/// <summary>Collects the lines Maelstrom would write to jepsen.log, in order.</summary>
public sealed class RunLog
{
    private readonly List<LogLine> _lines = [];

    /// <summary>Every line so far.</summary>
    public IReadOnlyList<LogLine> Lines => _lines;

    /// <summary>Adds an INFO line.</summary>
    public void Info(long atNs, string thread, string logger, string message) =>
        _lines.Add(new LogLine(atNs, "INFO", thread, logger, [message]));

    /// <summary>Adds an INFO line whose message is <paramref name="parts"/> joined.</summary>
    public void Info(long atNs, string thread, string logger, IReadOnlyList<string> parts) =>
        _lines.Add(new LogLine(atNs, "INFO", thread, logger, parts));

    /// <summary>Adds a WARN line.</summary>
    public void Warn(long atNs, string thread, string logger, string message) =>
        _lines.Add(new LogLine(atNs, "WARN", thread, logger, [message]));
}
