using System.Collections.Immutable;
using LanguageExt;

namespace FunctionalGossip.Core;

/// <summary>One difference between two states.</summary>
public abstract record Change
{
    private Change() { }

    /// <summary>What changed, e.g. <c>values</c>, <c>peer n1 unsent</c>.</summary>
    public abstract string What { get; }

    /// <summary>A set of values gained and lost members.</summary>
    public sealed record Set(string What, ImmutableArray<long> Added, ImmutableArray<long> Removed)
        : Change
    {
        /// <inheritdoc/>
        public override string What { get; } = What;
    }

    /// <summary>A single field went from one value to another.</summary>
    public sealed record Field(string What, string Before, string After) : Change
    {
        /// <inheritdoc/>
        public override string What { get; } = What;
    }

    /// <summary>One line of text, e.g. <c>values +[5 7-8]</c>.</summary>
    public string Render() => this switch
    {
        Set s => $"{s.What}" + (s.Added.IsEmpty ? "" : $" +[{Describe.Values(s.Added)}]")
                 + (s.Removed.IsEmpty ? "" : $" -[{Describe.Values(s.Removed)}]"),
        Field f => $"{f.What}: {f.Before} → {f.After}",
        _ => throw new System.Diagnostics.UnreachableException(ToString()),
    };
}

/// <summary>What a step changed in the node's state, field by field, in a fixed order.</summary>
public static class StateDiff
{
    /// <summary>The changes from <paramref name="before"/> to <paramref name="after"/>
    /// (empty when the states are equal, or differ only in when a peer was last heard
    /// (<see cref="PeerLink.HeardMs"/>): that changes with every message received, so it would
    /// add a line to every receive; <see cref="Describe.State"/> shows it).</summary>
    public static ImmutableArray<Change> Between(NodeState before, NodeState after)
    {
        var changes = ImmutableArray.CreateBuilder<Change>();
        if (before.Settings != after.Settings)
            changes.Add(new Change.Field("settings", before.Settings.Render(),
                after.Settings.Render()));
        if (before.Membership != after.Membership)
            changes.Add(new Change.Field("membership", Member(before), Member(after)));
        AddSet(changes, "values", before.Values.Set, after.Values.Set);
        if (before.GossipDueMs != after.GossipDueMs)
            changes.Add(new Change.Field("gossip-due", $"{before.GossipDueMs} ms",
                $"{after.GossipDueMs} ms"));
        if (before.Upstream != after.Upstream)
            changes.Add(new Change.Field("upstream", before.Upstream.IfNone("none"),
                after.Upstream.IfNone("none")));
        if (before.UpstreamPath != after.UpstreamPath)
            changes.Add(new Change.Field("upstream path", Path(before.UpstreamPath),
                Path(after.UpstreamPath)));
        var peers = before.Peers.Keys.Concat(after.Peers.Keys).Distinct()
            .Order(StringComparer.Ordinal);
        foreach (var peer in peers)
            AddPeer(changes, peer, before.Peers.Find(peer), after.Peers.Find(peer),
                after.Settings);
        return changes.ToImmutable();
    }

    private static void AddPeer(ImmutableArray<Change>.Builder changes, string peer,
        Option<PeerLink> before, Option<PeerLink> after, NodeSettings settings)
    {
        var (b, a) = (before.IfNone(PeerLink.Empty), after.IfNone(PeerLink.Empty));
        if (before.IsNone)
            changes.Add(new Change.Field($"peer {peer}", "absent",
                a.Relayed ? "relay peer" : "opened link"));
        if (before.IsSome) AddFlag(changes, $"peer {peer} relayed", b.Relayed, a.Relayed);
        AddFlag(changes, $"peer {peer} attached", b.Attached, a.Attached);
        AddFlag(changes, $"peer {peer} wants-have", b.WantsHave, a.WantsHave);
        AddFlag(changes, $"peer {peer} probing", b.Probing, a.Probing);
        AddFlag(changes, $"peer {peer} detouring", b.Detouring, a.Detouring);
        AddSet(changes, $"peer {peer} detoured", b.Detoured, a.Detoured);
        AddSet(changes, $"peer {peer} passed-on", b.PassedOn, a.PassedOn);
        if (b.PeerCut != a.PeerCut)
            changes.Add(new Change.Field($"peer {peer} cut", Path(b.PeerCut.ToSeq()),
                Path(a.PeerCut.ToSeq())));
        AddSet(changes, $"peer {peer} unsent", b.Unsent, a.Unsent);
        foreach (var id in b.InFlight.Keys.Where(k => !a.InFlight.ContainsKey(k)))
            changes.Add(new Change.Field($"peer {peer} in-flight seq {id}",
                Batch(b.InFlight[id]), "gone"));
        foreach (var id in a.InFlight.Keys.Where(k => !b.InFlight.ContainsKey(k)))
            changes.Add(new Change.Field($"peer {peer} in-flight seq {id}",
                "none", Batch(a.InFlight[id])));
        foreach (var id in b.InFlight.Keys.Where(k =>
            a.InFlight.ContainsKey(k) && a.InFlight[k] != b.InFlight[k]))
            changes.Add(new Change.Field($"peer {peer} in-flight seq {id}",
                Batch(b.InFlight[id]), Batch(a.InFlight[id])));
        if (Describe.Received(b) != Describe.Received(a))
            changes.Add(new Change.Field($"peer {peer} received", Describe.Received(b),
                Describe.Received(a)));
        if (b.AckedSeq != a.AckedSeq)
            changes.Add(new Change.Field($"peer {peer} acked", $"{b.AckedSeq}", $"{a.AckedSeq}"));
        if (b.SentAck != a.SentAck)
            changes.Add(new Change.Field($"peer {peer} ack sent", $"{b.SentAck}", $"{a.SentAck}"));
        if (b.AckDueMs != a.AckDueMs)
            changes.Add(new Change.Field($"peer {peer} ack due", Due(b.AckDueMs), Due(a.AckDueMs)));
        if (b.Rtt != a.Rtt)
            changes.Add(new Change.Field($"peer {peer} rtt",
                Describe.RoundTrip(b, settings), Describe.RoundTrip(a, settings)));
    }

    /// <summary>A yes/no field, when it changed.</summary>
    private static void AddFlag(ImmutableArray<Change>.Builder changes, string what,
        bool before, bool after)
    {
        if (before != after)
            changes.Add(new Change.Field(what, YesNo(before), YesNo(after)));
    }

    private static string YesNo(bool b) => b ? "yes" : "no";

    private static string Due(Option<long> ms) => ms.Match(t => $"{t} ms", () => "none");

    private static void AddSet(ImmutableArray<Change>.Builder changes, string what,
        Set<long> before, Set<long> after)
    {
        if (before == after) return;
        var added = after.Where(v => !before.Contains(v)).ToImmutableArray();
        var removed = before.Where(v => !after.Contains(v)).ToImmutableArray();
        if (added.IsEmpty && removed.IsEmpty) return;
        changes.Add(new Change.Set(what, added, removed));
    }

    private static string Batch(Batch b) => $"[{Describe.Values(b.Values)}] {Describe.Batch(b)}";

    private static string Member(NodeState s) =>
        s.Membership.Match(m => $"{m.Self} of [{string.Join(" ", m.NodeIds)}]", () => "none");

    private static string Path(Seq<string> path) =>
        path.IsEmpty ? "none" : $"[{string.Join(" ", path)}]";
}
