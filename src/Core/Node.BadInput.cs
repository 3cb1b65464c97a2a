using FunctionalGossip.Core.Wire;
using static LanguageExt.Prelude;

namespace FunctionalGossip.Core;

public static partial class Node
{
    /// <summary>
    /// An unknown <c>type</c> gets <c>not-supported</c> (10, definite), as Maelstrom's Python
    /// and JS libraries answer: the client learns the operation did not happen, and the node
    /// keeps running (the Go library would exit, crashing the test).
    /// </summary>
    private static Transition OnUnknown(NodeState s, Envelope m, Body.Unknown b) =>
        Unchanged(s, ReplyError(m, b.MsgId, ErrorCode.NotSupported,
            $"unsupported message type '{b.TypeName}'"));

    /// <summary>
    /// A known type with missing or ill-typed fields gets <c>malformed-request</c> (12,
    /// definite): it could not possibly have been processed. The text names the field.
    /// </summary>
    private static Transition OnMalformed(NodeState s, Envelope m, Body.Malformed b) =>
        Unchanged(s, ReplyError(m, b.MsgId, ErrorCode.MalformedRequest,
            b.TypeName.Length == 0 ? b.Reason : $"malformed {b.TypeName}: {b.Reason}"));

    /// <summary>A line that is not a message has nobody to answer: log it and carry on.</summary>
    private static Transition OnUnreadable(NodeState s, Event.Unreadable u) =>
        Unchanged(s, new Note.Unreadable(u.Error, Excerpt(u.Line)));

    /// <summary>Replies we never asked for (e.g. to another node's design) are ignored.</summary>
    private static Transition OnStrayReply(NodeState s, Envelope m) =>
        Unchanged(s, new Note.Ignored(m.Body.Type, m.Src, None));

    /// <summary>A message for another node id is not ours to act on; Maelstrom never sends
    /// one, so it is logged rather than answered.</summary>
    private static Transition OnMisaddressed(NodeState s, Envelope m) =>
        Unchanged(s, new Note.Ignored(m.Body.Type, m.Src, Some((m.Dest, s.Self))));

    private static string Excerpt(string line) =>
        line.Length <= 120 ? line : $"{line[..117]}... ({line.Length} chars)";
}
