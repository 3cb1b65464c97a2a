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

    /// <summary>One node: its state and the shell's per-input routine (journal the input,
    /// step, execute effects in order; a defect in decode or Step is logged and the state
    /// kept).</summary>
    private sealed class CoreNode(NodeSettings settings) : ISimNode
    {
        private NodeState _state = NodeState.Initial(settings);

        public NodeState State => _state;

        public void Start(long nowMs, INodeIo io) =>
            Journal(io, new JournalEntry.Header(JournalFormat.Version, _state.Settings.Render()));

        public void OnLine(long nowMs, string line, INodeIo io)
        {
            Journal(io, new JournalEntry.Received(nowMs, line));
            Apply(nowMs, io, () => Event.FromLine(nowMs, line));
        }

        public void OnTimer(long nowMs, string timer, INodeIo io)
        {
            var id = TimerNames.Parse(timer).IfNone(() => throw new UnreachableException(timer));
            Journal(io, new JournalEntry.Ticked(nowMs, id));
            Apply(nowMs, io, () => new Event.Tick(nowMs, id));
        }

        private void Apply(long nowMs, INodeIo io, Func<Event> input)
        {
            Transition t;
            try
            {
                t = Node.Step(_state, input());
            }
            catch (Exception e)
            {
                Journal(io, new JournalEntry.Logged(nowMs, $"internal error, input ignored: {e}"));
                return;
            }
            _state = t.State;
            foreach (var effect in t.Effects) Execute(nowMs, io, effect);
        }

        private static void Execute(long nowMs, INodeIo io, Effect effect)
        {
            switch (effect)
            {
                case Effect.Send s:
                    var line = Codec.Encode(s.Message);
                    io.Send(line);
                    Journal(io, new JournalEntry.Sent(nowMs, line));
                    break;
                case Effect.SetTimer t:
                    io.SetTimer(t.Timer.Name(), t.AtMs);
                    break;
                case Effect.Log l:
                    Journal(io, new JournalEntry.Logged(nowMs, l.Text));
                    break;
                default:
                    throw new UnreachableException(effect.ToString());
            }
        }

        private static void Journal(INodeIo io, JournalEntry entry) => io.Log(entry);
    }
}
