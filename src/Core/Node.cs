using System.Diagnostics;
using FunctionalGossip.Core.Wire;

namespace FunctionalGossip.Core;

/// <summary>
/// The broadcast node as a pure function. Rules of this file:
/// 1. Only <see cref="Step"/> decides transitions, and it only dispatches.
/// 2. No I/O, no clock, no randomness: time arrives as <see cref="Event.NowMs"/>.
/// 3. Every handler returns the whole next state and its effects, in order.
/// </summary>
public static partial class Node
{
    /// <summary>Applies one event to a state: the node's entire behaviour.</summary>
    public static Transition Step(NodeState state, Event ev) => ev switch
    {
        Event.Receive r => Dispatch(state, r.NowMs, r.Message),
        Event.Tick t => OnTick(state, t),
        Event.Unreadable u => OnUnreadable(state, u),
        _ => throw new UnreachableException(ev.ToString()),
    };

    /// <summary>
    /// <see cref="Step"/> as every driver runs it: a defect (an exception while making the
    /// event or stepping) keeps the state and becomes a <see cref="Note.Defect"/>, so no input
    /// can crash the node and replay reproduces what the node did even then. The one place
    /// this policy is written.
    /// </summary>
    public static Transition SafeStep(NodeState state, Func<Event> input)
    {
        try
        {
            return Step(state, input());
        }
        catch (Exception e)
        {
            return new Transition(state,
                LanguageExt.Prelude.Seq1<Effect>(new Effect.Log(new Note.Defect(e.ToString()))));
        }
    }

    /// <summary>Folds <see cref="Step"/> over events, keeping only the final state.</summary>
    public static NodeState Run(NodeState state, IEnumerable<Event> events) =>
        events.Aggregate(state, (s, e) => Step(s, e).State);

    private static Transition Dispatch(NodeState s, long now, Envelope m) => m.Body switch
    {
        Body.Init b => OnInit(s, now, m, b),
        Body.Unknown b => OnUnknown(s, m, b),
        Body.Malformed b => OnMalformed(s, m, b),
        _ when !s.IsInitialised => OnBeforeInit(s, m),
        _ when m.Dest != s.Self => OnMisaddressed(s, m),
        Body.Topology b => OnTopology(s, m, b),
        Body.Broadcast b => OnBroadcast(s, now, m, b),
        Body.Read b => OnRead(s, now, m, b),
        Body.Gossip b => OnGossip(s, now, m, b),
        Body.InitOk or Body.TopologyOk or Body.BroadcastOk or Body.ReadOk or Body.Error =>
            OnStrayReply(s, m),
        _ => throw new UnreachableException(m.Body.ToString()),
    };
}
