using FunctionalGossip.Core.Wire;
using LanguageExt;

namespace FunctionalGossip.Core;

/// <summary>
/// What the node says about an input it did not simply accept, as data: why it was rejected
/// or ignored. The journal writes <see cref="Describe"/>; replay's summary sorts inputs by the
/// kind and fields, never by parsing the text.
/// </summary>
public abstract record Note
{
    private Note() { }

    /// <summary>The journal text.</summary>
    public abstract string Describe();

    /// <summary>A request without <c>msg_id</c>: a reply would need <c>in_reply_to</c>.</summary>
    /// <param name="Type">The request's type.</param>
    /// <param name="From">Its sender.</param>
    public sealed record Unanswerable(string Type, string From) : Note
    {
        /// <inheritdoc/>
        public override string Describe() => $"{Type} from {From} has no msg_id; not answered";
    }

    /// <summary>An error reply was sent (so node logs show why a client saw it).</summary>
    /// <param name="Code">Maelstrom's error code.</param>
    /// <param name="To">Who got it.</param>
    /// <param name="Text">Its text.</param>
    public sealed record ErrorSent(int Code, string To, string Text) : Note
    {
        /// <inheritdoc/>
        public override string Describe() => $"error {Code} to {To}: {Text}";
    }

    /// <summary>A line that is not a message; nobody to answer.</summary>
    /// <param name="Error">What is wrong with it.</param>
    /// <param name="Excerpt">Its start (at most 120 characters).</param>
    public sealed record Unreadable(LineError Error, string Excerpt) : Note
    {
        /// <inheritdoc/>
        public override string Describe() =>
            $"skipped unreadable input ({Error.Describe()}): {Excerpt}";
    }

    /// <summary>A message the node does not act on: a reply it never asked for, or one
    /// addressed to another node id.</summary>
    /// <param name="Type">The message's type.</param>
    /// <param name="From">Its sender.</param>
    /// <param name="Misaddressed">The id it was addressed to and ours, when that was not
    /// us.</param>
    public sealed record Ignored(string Type, string From,
        Option<(string To, string Self)> Misaddressed) : Note
    {
        /// <inheritdoc/>
        public override string Describe() => Misaddressed.Match(
            Some: m => $"ignored {Type} from {From} addressed to {m.To}, not {m.Self}",
            None: () => $"ignored {Type} from {From}");
    }

    /// <summary>A node-to-node message from an id that is not one of the cluster's nodes.
    /// </summary>
    /// <param name="Type">The message's type.</param>
    /// <param name="From">Its sender.</param>
    public sealed record FromNonNode(string Type, string From) : Note
    {
        /// <inheritdoc/>
        public override string Describe() => $"ignored {Type} from {From}, not a node";
    }

    /// <summary>A node-to-node message claiming to come from this very node.</summary>
    /// <param name="Type">The message's type.</param>
    public sealed record FromSelf(string Type) : Note
    {
        /// <inheritdoc/>
        public override string Describe() => $"ignored {Type} from our own id";
    }

    /// <summary>The upstream left a batch unacknowledged too long: relay through another
    /// node (no single point of failure).</summary>
    /// <param name="Silent">The upstream that went silent.</param>
    /// <param name="SilentMs">How long it may stay silent (the link's suspect timeout, see
    /// <see cref="PeerLink.SuspectAfterMs"/>).</param>
    /// <param name="Via">The node relayed through now.</param>
    public sealed record Fallback(string Silent, long SilentMs, string Via) : Note
    {
        /// <inheritdoc/>
        public override string Describe() =>
            $"upstream {Silent} silent for {SilentMs} ms: relaying through {Via}";
    }

    /// <summary>The fallback upstream's route towards the hub runs through this node: relay
    /// through another node (no relay loops).</summary>
    /// <param name="Looping">The upstream whose path leads back here.</param>
    /// <param name="Via">The node relayed through now.</param>
    public sealed record RelayLoop(string Looping, string Via) : Note
    {
        /// <inheritdoc/>
        public override string Describe() =>
            $"upstream {Looping} relays through us: relaying through {Via}";
    }

    /// <summary>Of the candidates tried at once, this one answered while the upstream had not:
    /// relay through it.</summary>
    /// <param name="Via">The node relayed through now.</param>
    /// <param name="Instead">The upstream that had not answered.</param>
    public sealed record AnsweredFirst(string Via, string Instead) : Note
    {
        /// <inheritdoc/>
        public override string Describe() =>
            $"{Via} answered before {Instead}: relaying through {Via}";
    }

    /// <summary>A batch to a peer (not the upstream) went unacknowledged too long: the link is
    /// taken for cut, and what it owes goes through other peers until the peer is heard from
    /// (no cut link stalls a value).</summary>
    /// <param name="Silent">The peer that went silent.</param>
    /// <param name="SilentMs">How long it may stay silent (detour-ms).</param>
    public sealed record Detouring(string Silent, long SilentMs) : Note
    {
        /// <inheritdoc/>
        public override string Describe() =>
            $"{Silent} silent for {SilentMs} ms: its values go through other nodes";
    }

    /// <summary>The shape's own upstream answers again: the fallback ends.</summary>
    /// <param name="Upstream">The upstream relayed through again.</param>
    public sealed record UpstreamBack(string Upstream) : Note
    {
        /// <inheritdoc/>
        public override string Describe() =>
            $"upstream {Upstream} answers: relaying through it again";
    }

    /// <summary>Topology neighbours that are not node ids of this cluster.</summary>
    /// <param name="Neighbours">The ones left out, in the order given.</param>
    public sealed record UnknownNeighbours(Seq<string> Neighbours) : Note
    {
        /// <inheritdoc/>
        public override string Describe() =>
            $"topology: ignoring unknown neighbours {string.Join(",", Neighbours)}";
    }

    /// <summary>Decoding or <see cref="Node.Step"/> threw: a defect. The input is ignored and
    /// the state kept, so no input can crash the node.</summary>
    /// <param name="Detail">The exception as text.</param>
    public sealed record Defect(string Detail) : Note
    {
        /// <summary>How every defect's text begins (see
        /// <see cref="Journal.JournalFormat.IsDefect"/>).</summary>
        public const string Lead = "internal error, input ignored: ";

        /// <inheritdoc/>
        public override string Describe() => Lead + Detail;
    }
}
