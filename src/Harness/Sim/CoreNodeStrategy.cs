using System.Diagnostics;
using FunctionalGossip.Core;
using FunctionalGossip.Core.Journal;
using FunctionalGossip.Core.Wire;

namespace FunctionalGossip.Harness.Sim;

/// <summary>The production node: <see cref="Node.Step"/> driven exactly as the shell
/// (NodeHost) drives it, journal on stderr included.</summary>
/// <param name="settings">The node settings every node gets.</param>
public sealed class CoreNodeStrategy(NodeSettings settings) : INodeStrategy
{
    private readonly List<CoreNode> _created = [];

    /// <summary>The node settings every node gets.</summary>
    public NodeSettings Settings => settings;

    /// <inheritdoc/>
    public string Name => "gossip";

    /// <summary>The current state of every node made so far, in creation (node) order: after a
    /// run, each node's final state.</summary>
    public IReadOnlyList<NodeState> States => _created.Select(n => n.State).ToList();

    /// <inheritdoc/>
    public ISimNode Create()
    {
        var node = new CoreNode(settings);
        _created.Add(node);
        return node;
    }

    /// <summary>One node: Core's <see cref="JournaledNode"/>, the very routine the shell runs,
    /// with its outputs going to the simulator.</summary>
    private sealed class CoreNode(NodeSettings settings) : ISimNode
    {
        private readonly JournaledNode _node = new(settings);

        public NodeState State => _node.State;

        public void Start(long nowMs, INodeIo io) => _node.Start(new Outputs(io));

        public void OnLine(long nowMs, string line, INodeIo io) =>
            _node.OnLine(nowMs, line, new Outputs(io));

        public void OnTimer(long nowMs, string timer, INodeIo io)
        {
            var id = TimerNames.Parse(timer).IfNone(() => throw new UnreachableException(timer));
            _node.OnTimer(nowMs, id, new Outputs(io));
        }

        private readonly struct Outputs(INodeIo io) : INodeOutputs
        {
            public void Stdout(string line) => io.Send(line);

            public void SetTimer(TimerId timer, long atMs) => io.SetTimer(timer.Name(), atMs);

            public void Journal(JournalEntry entry) => io.Log(entry);
        }
    }
}
