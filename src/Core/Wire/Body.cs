using LanguageExt;

namespace FunctionalGossip.Core.Wire;

/// <summary>
/// The closed set of message bodies this node understands, plus two catch-alls that keep bad
/// input as data (<see cref="Unknown"/>, <see cref="Malformed"/>) so that the node, not the
/// codec, decides how to answer it. Requests carry an optional <c>msg_id</c>: without one no
/// reply can be addressed (Maelstrom's replies need <c>in_reply_to</c>).
/// </summary>
public abstract record Body
{
    private Body() { }

    /// <summary>The body's <c>type</c> string on the wire.</summary>
    public abstract string Type { get; }

    /// <summary>The request's <c>msg_id</c>, if this is a request that carries one.</summary>
    public Option<long> MsgIdOrNone => this switch
    {
        Init b => b.MsgId,
        Topology b => b.MsgId,
        Broadcast b => b.MsgId,
        Read b => b.MsgId,
        Unknown b => b.MsgId,
        Malformed b => b.MsgId,
        _ => Option<long>.None,
    };

    /// <summary>The <c>in_reply_to</c> of a reply, if this is one.</summary>
    public Option<long> InReplyToOrNone => this switch
    {
        InitOk b => b.InReplyTo,
        TopologyOk b => b.InReplyTo,
        BroadcastOk b => b.InReplyTo,
        ReadOk b => b.InReplyTo,
        Error b => b.InReplyTo,
        _ => Option<long>.None,
    };

    /// <summary><c>init</c>: tells the node its id and every node id in test order.</summary>
    public sealed record Init(Option<long> MsgId, string NodeId, Seq<string> NodeIds) : Body
    {
        /// <inheritdoc/>
        public override string Type => "init";
    }

    /// <summary><c>init_ok</c>: the reply to <see cref="Init"/>.</summary>
    public sealed record InitOk(long InReplyTo) : Body
    {
        /// <inheritdoc/>
        public override string Type => "init_ok";
    }

    /// <summary><c>topology</c>: every node's suggested neighbours.</summary>
    public sealed record Topology(Option<long> MsgId, Map<string, Seq<string>> Neighbours) : Body
    {
        /// <inheritdoc/>
        public override string Type => "topology";
    }

    /// <summary><c>topology_ok</c>: the reply to <see cref="Topology"/>.</summary>
    public sealed record TopologyOk(long InReplyTo) : Body
    {
        /// <inheritdoc/>
        public override string Type => "topology_ok";
    }

    /// <summary><c>broadcast</c>: a value to spread to every node.</summary>
    public sealed record Broadcast(Option<long> MsgId, long Message) : Body
    {
        /// <inheritdoc/>
        public override string Type => "broadcast";
    }

    /// <summary><c>broadcast_ok</c>: the reply to <see cref="Broadcast"/>.</summary>
    public sealed record BroadcastOk(long InReplyTo) : Body
    {
        /// <inheritdoc/>
        public override string Type => "broadcast_ok";
    }

    /// <summary><c>read</c>: asks for every value the node knows.</summary>
    public sealed record Read(Option<long> MsgId) : Body
    {
        /// <inheritdoc/>
        public override string Type => "read";
    }

    /// <summary><c>read_ok</c>: the reply to <see cref="Read"/>, values in the order the
    /// node learned them.</summary>
    public sealed record ReadOk(long InReplyTo, Seq<long> Messages) : Body
    {
        /// <inheritdoc/>
        public override string Type => "read_ok";
    }

    /// <summary><c>error</c>: a Maelstrom error reply (see <see cref="ErrorCode"/>).</summary>
    public sealed record Error(long InReplyTo, int Code, Option<string> Text) : Body
    {
        /// <inheritdoc/>
        public override string Type => "error";
    }

    /// <summary>
    /// <c>gossip</c> (node to node, the only message between nodes): optionally a batch of
    /// values numbered <paramref name="Seq"/> on this link (a resend also covers every batch
    /// from <paramref name="From"/> on), and always the sender's cumulative acknowledgement of
    /// the receiver's batches: every one numbered up to <paramref name="Ack"/> has arrived.
    /// Without a batch it is a bare acknowledgement. <paramref name="Up"/>: the sender relays
    /// through the receiver now. <paramref name="Have"/>: every value the sender holds, as
    /// inclusive ranges <c>[lo1, hi1, lo2, hi2, …]</c> (sent to a fallback upstream, so it
    /// can send exactly what is missing); empty when absent. <paramref name="Path"/>: the
    /// sender's route towards the hub (its upstream, that node's upstream as last heard, and
    /// so on), sent to peers that relay through the sender, so a fallback that loops back to
    /// its own relayer is noticed; empty when absent (the hub, or nobody relays through us).
    /// <paramref name="For"/>: a detour: the nodes the sender cannot reach, to which the
    /// receiver passes <paramref name="Values"/> on; such a message carries no batch (no
    /// <paramref name="Seq"/>) and is not acknowledged: the sender keeps owing the values to
    /// those nodes itself. Empty when absent. <paramref name="Cut"/>: the nodes the sender
    /// cannot reach now (it routes around them), so the receiver does not detour values for
    /// them through it; empty when absent.
    /// </summary>
    public sealed record Gossip(Option<long> Seq, Option<long> From, Seq<long> Values, long Ack,
        bool Up = false, Seq<long> Have = default, Seq<string> Path = default,
        Seq<string> For = default, Seq<string> Cut = default) : Body
    {
        /// <inheritdoc/>
        public override string Type => "gossip";

        /// <summary>The lowest sequence number this batch covers.</summary>
        public Option<long> Covers => From.IsSome ? From : Seq;
    }

    /// <summary>A body whose <c>type</c> this node does not implement.</summary>
    public sealed record Unknown(string TypeName, Option<long> MsgId) : Body
    {
        /// <inheritdoc/>
        public override string Type => TypeName;
    }

    /// <summary>A body of a known type with missing or ill-typed fields, or with no usable
    /// <c>type</c> at all.</summary>
    public sealed record Malformed(string TypeName, Option<long> MsgId, string Reason) : Body
    {
        /// <inheritdoc/>
        public override string Type => TypeName;
    }
}
