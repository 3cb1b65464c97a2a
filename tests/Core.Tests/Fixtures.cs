using FunctionalGossip.Core;
using FunctionalGossip.Core.Wire;
using LanguageExt;
using static LanguageExt.Prelude;

namespace FunctionalGossip.Core.Tests;

/// <summary>Builders shared by the Step tests: messages as the wire would decode them.</summary>
internal static class Fx
{
    /// <summary>The default profile with a round tick, so the examples' times read
    /// easily.</summary>
    public static readonly NodeSettings Settings = NodeSettings.Default with { TickMs = 200 };

    public static Event.Receive Recv(long now, string src, string dest, Body body) =>
        new(now, new Envelope(src, dest, body));

    public static Body.Init Init(string self, params string[] nodes) =>
        new(Some(1L), self, toSeq(nodes));

    public static Effect Send(string src, string dest, Body body) =>
        new Effect.Send(new Envelope(src, dest, body));

    public static Effect Log(Note note) => new Effect.Log(note);

    public static Seq<Effect> Effects(params Effect[] effects) => toSeq(effects).Strict();

    /// <summary>n0 of n0..n2 with the default star relay, initialised at t=0.</summary>
    public static NodeState Hub() =>
        Node.Step(NodeState.Initial(Settings),
            Recv(0, "c0", "n0", Init("n0", "n0", "n1", "n2"))).State;

    public static Seq<long> Longs(params long[] values) => toSeq(values).Strict();

    public static Set<long> SetOf(params long[] values) => toSet(values);

    public static KnownValues Known(params long[] values) => KnownValues.Of(values);
}
