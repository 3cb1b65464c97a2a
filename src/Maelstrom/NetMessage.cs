using System.Text;

namespace FunctionalGossip.Maelstrom;

/// <summary>
/// One message in the network, as Maelstrom's <c>Message</c> record (net/message.clj): a
/// global id, sender, receiver and body (compact JSON text). The one definition that the
/// harness's network, the jepsen.log writer and replay's jepsen.log reader share; its EDN
/// form, both ways, is <see cref="MessageEdn"/>.
/// </summary>
/// <param name="Id">Maelstrom's network message id (0, 1, 2, … in send order).</param>
/// <param name="Src">Sender id.</param>
/// <param name="Dest">Receiver id.</param>
/// <param name="BodyJson">The body as compact JSON text.</param>
public sealed record NetMessage(long Id, string Src, string Dest, string BodyJson)
{
    /// <summary>The line a receiving node reads: <c>{"id":N,"src":…,"dest":…,"body":…}</c>,
    /// Maelstrom's field order.</summary>
    public string ToLine() =>
        new StringBuilder(BodyJson.Length + Src.Length + Dest.Length + 40)
            .Append("{\"id\":").Append(Id)
            .Append(",\"src\":").Append(Json.Quote(Src))
            .Append(",\"dest\":").Append(Json.Quote(Dest))
            .Append(",\"body\":").Append(BodyJson).Append('}')
            .ToString();
}
