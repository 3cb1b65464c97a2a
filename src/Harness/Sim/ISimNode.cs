using FunctionalGossip.Core;
using FunctionalGossip.Core.Journal;

namespace FunctionalGossip.Harness.Sim;

/// <summary>A node as the simulator runs it: lines in; stdout lines, timer requests and
/// journal entries out, through Core's <see cref="INodeOutputs"/>, the same port the shell's
/// loop gives a node process. Times are the node's monotonic milliseconds.</summary>
public interface ISimNode
{
    /// <summary>The process started.</summary>
    void Start(long nowMs, INodeOutputs outputs);

    /// <summary>A stdin line arrived.</summary>
    void OnLine(long nowMs, string line, INodeOutputs outputs);

    /// <summary>A timer it asked for (<see cref="INodeOutputs.SetTimer"/>) fired.</summary>
    void OnTimer(long nowMs, TimerId timer, INodeOutputs outputs);
}

/// <summary>Makes nodes: the simulator's stand-in for <c>--bin</c> plus its arguments.</summary>
public interface INodeStrategy
{
    /// <summary>A short name for logs (<c>--bin</c>).</summary>
    string Name { get; }

    /// <summary>A fresh node process.</summary>
    ISimNode Create();
}
