using FunctionalGossip.Core.Journal;

namespace FunctionalGossip.Harness.Sim;

/// <summary>What an in-process node can do: the three things a node process does
/// besides reading stdin.</summary>
public interface INodeIo
{
    /// <summary>Writes one line to stdout (a message for Maelstrom).</summary>
    void Send(string line);

    /// <summary>Asks for <see cref="ISimNode.OnTimer"/> with <paramref name="timer"/> at
    /// <paramref name="atMs"/>, replacing any pending timer of that name.</summary>
    void SetTimer(string timer, long atMs);

    /// <summary>Writes one line to stderr (the node log).</summary>
    void Log(string line);

    /// <summary>Writes one journal entry to stderr as <see cref="JournalFormat.Format"/>
    /// renders it. A transport may write its head and text separately, which spares building
    /// the whole line.</summary>
    void Log(JournalEntry entry) => Log(JournalFormat.Format(entry));
}

/// <summary>A node as the simulator runs it: lines in; lines, timer requests and log
/// lines out. Times are the node's monotonic milliseconds.</summary>
public interface ISimNode
{
    /// <summary>The process started.</summary>
    void Start(long nowMs, INodeIo io);

    /// <summary>A stdin line arrived.</summary>
    void OnLine(long nowMs, string line, INodeIo io);

    /// <summary>A timer it asked for fired.</summary>
    void OnTimer(long nowMs, string timer, INodeIo io);
}

/// <summary>Makes nodes: the simulator's stand-in for <c>--bin</c> plus its arguments.</summary>
public interface INodeStrategy
{
    /// <summary>A short name for logs (<c>--bin</c>).</summary>
    string Name { get; }

    /// <summary>A fresh node process.</summary>
    ISimNode Create();
}
