namespace FunctionalGossip.Core.Wire;

/// <summary>
/// One Maelstrom message: who sent it, who it is for, and its body. Maelstrom adds a top-level
/// <c>id</c> (its internal network message id) to messages it delivers; the codec accepts and
/// drops it, because nothing in the protocol depends on it.
/// </summary>
/// <param name="Src">The sender's id (<c>n3</c>, <c>c12</c>, …).</param>
/// <param name="Dest">The receiver's id.</param>
/// <param name="Body">The typed body.</param>
public sealed record Envelope(string Src, string Dest, Body Body);
