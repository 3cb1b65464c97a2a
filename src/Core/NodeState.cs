using LanguageExt;
using static LanguageExt.Prelude;

namespace FunctionalGossip.Core;

/// <summary>Who the node is, learned from <c>init</c>.</summary>
/// <param name="Self">This node's id.</param>
/// <param name="NodeIds">Every node id, in test order.</param>
public sealed record Membership(string Self, Seq<string> NodeIds);

/// <summary>A batch of values sent to a peer and not yet acknowledged.</summary>
/// <param name="Values">The values the batch carried.</param>
/// <param name="SentAtMs">When it was sent; after <see cref="NodeSettings.RetryMs"/> it is
/// resent.</param>
public sealed record Batch(Set<long> Values, long SentAtMs);

/// <summary>
/// What this node owes one relay peer: values not yet sent, and batches sent but not yet
/// acknowledged (by <c>msg_id</c>). A value leaves this record only when the peer acknowledges
/// a batch holding it, or shows it already has it by gossiping it to us.
/// </summary>
/// <param name="Unsent">Values to put in the next batch.</param>
/// <param name="InFlight">Unacknowledged batches by the <c>msg_id</c> they were sent with.</param>
public sealed record PeerLink(Set<long> Unsent, Map<long, Batch> InFlight)
{
    /// <summary>A link that owes nothing.</summary>
    public static readonly PeerLink Empty = new(Set<long>(), Map<long, Batch>());

    /// <summary>Every value this link still has to get acknowledged.</summary>
    public Set<long> Owed => InFlight.Values.Fold(Unsent, (acc, b) => acc.TryAddRange(b.Values));
}

/// <summary>
/// The whole state of one node. Immutable; every transition returns a new one via <c>with</c>.
/// </summary>
/// <param name="Settings">The node's tunables.</param>
/// <param name="Membership">None until <c>init</c>.</param>
/// <param name="Values">Every value the node knows, as a set and in the order learned: what
/// <c>read</c> returns.</param>
/// <param name="Peers">The relay peers and what is owed to each.</param>
/// <param name="NextMsgId">The next <c>msg_id</c> for a message this node originates (from
/// 1).</param>
/// <param name="GossipDueMs">When the gossip timer is due (a tick before it is stale).</param>
public sealed record NodeState(
    NodeSettings Settings,
    Option<Membership> Membership,
    KnownValues Values,
    Map<string, PeerLink> Peers,
    long NextMsgId,
    long GossipDueMs)
{
    /// <summary>A node before <c>init</c>.</summary>
    public static NodeState Initial(NodeSettings settings) =>
        new(settings, None, KnownValues.Empty, Map<string, PeerLink>(), 1, 0);

    /// <summary>Whether <c>init</c> has been handled.</summary>
    public bool IsInitialised => Membership.IsSome;

    /// <summary>This node's id, or "" before <c>init</c>.</summary>
    public string Self => Membership.Match(m => m.Self, () => "");
}
