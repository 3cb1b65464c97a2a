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
    private LanguageExt.Set<long> _broadcast;

    /// <summary>The node settings every node gets.</summary>
    public NodeSettings Settings => settings;

    /// <inheritdoc/>
    public string Name => "gossip";

    /// <summary>The current state of every node made so far, in creation (node) order: after a
    /// run, each node's final state.</summary>
    public IReadOnlyList<NodeState> States => _created.Select(n => n.State).ToList();

    /// <summary>Debug mode, off by default: after every input of every node, Core's named
    /// invariants (<see cref="Invariants.AfterStep"/>) over every node made so far, throwing
    /// <see cref="InvalidOperationException"/> at the first violation.</summary>
    public bool CheckInvariants { get; init; }

    /// <inheritdoc/>
    public ISimNode Create()
    {
        var node = new CoreNode(settings, this);
        _created.Add(node);
        return node;
    }

    /// <summary>After one input of a node (with <see cref="CheckInvariants"/>): notes a client's
    /// broadcast value, then checks the invariants over every node made so far.</summary>
    private void Check(NodeState before, NodeState after, string? line)
    {
        if (line is not null && Event.FromLine(0, line) is Event.Receive { Message: var m }
            && m.Body is Body.Broadcast b
            && !after.Membership.Exists(x => x.NodeIds.Contains(m.Src)))
            _broadcast = _broadcast.TryAdd(b.Message);
        if (!after.IsInitialised) return;
        var nodes = LanguageExt.Prelude.toMap(_created.Where(n => n.State.IsInitialised)
            .Select(n => (n.State.Self, n.State)));
        var broken = Invariants.AfterStep(nodes, _broadcast, after.Self, before);
        if (!broken.IsEmpty)
            throw new InvalidOperationException(
                $"{after.Self}: {string.Join("; ", broken.Map(v => v.Render()))}");
    }

    /// <summary>One node: Core's <see cref="JournaledNode"/>, the very routine the shell runs,
    /// with its outputs going to the simulator.</summary>
    private sealed class CoreNode(NodeSettings settings, CoreNodeStrategy owner) : ISimNode
    {
        private readonly JournaledNode _node = new(settings);

        public NodeState State => _node.State;

        public void Start(long nowMs, INodeOutputs outputs) => _node.Start(outputs);

        public void OnLine(long nowMs, string line, INodeOutputs outputs)
        {
            var before = _node.State;
            _node.OnLine(nowMs, line, outputs);
            if (owner.CheckInvariants) owner.Check(before, _node.State, line);
        }

        public void OnTimer(long nowMs, TimerId timer, INodeOutputs outputs)
        {
            var before = _node.State;
            _node.OnTimer(nowMs, timer, outputs);
            if (owner.CheckInvariants) owner.Check(before, _node.State, null);
        }
    }
}
