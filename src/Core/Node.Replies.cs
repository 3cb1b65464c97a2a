using FunctionalGossip.Core.Wire;
using LanguageExt;
using static LanguageExt.Prelude;

namespace FunctionalGossip.Core;

public static partial class Node
{
    /// <summary>A reply goes back to the request's sender, from the id it was addressed to
    /// (before <c>init</c> that is the only id the node has).</summary>
    private static Effect Reply(Envelope request, Body body) =>
        new Effect.Send(new Envelope(request.Dest, request.Src, body));

    /// <summary>Answers with a reply built from the request's <c>msg_id</c>; a request
    /// without one cannot be answered (Maelstrom replies need <c>in_reply_to</c>), so that is
    /// logged.</summary>
    private static Seq<Effect> ReplyTo(
        Envelope request, Option<long> msgId, Func<long, Body> make) =>
        msgId.Match(
            Some: id => Seq1(Reply(request, make(id))),
            None: () => Seq1<Effect>(new Effect.Log(
                new Note.Unanswerable(request.Body.Type, request.Src))));

    /// <summary>An error reply (logged too, so node logs show why a client saw it).</summary>
    private static Seq<Effect> ReplyError(
        Envelope request, Option<long> msgId, int code, string text) =>
        ReplyTo(request, msgId, id => new Body.Error(id, code, Some(text)))
            .Add(new Effect.Log(new Note.ErrorSent(code, request.Src, text)));

    private static Transition Unchanged(NodeState s, Seq<Effect> effects) => new(s, effects);

    private static Transition Unchanged(NodeState s, Note note) =>
        new(s, Seq1<Effect>(new Effect.Log(note)));

}
