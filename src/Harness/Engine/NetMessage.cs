using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace FunctionalGossip.Harness.Engine;

/// <summary>
/// One message in the network, as Maelstrom's <c>Message</c> record: a global id, sender,
/// receiver and body (compact JSON text).
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

/// <summary>Small JSON helpers (System.Text.Json, no reflection: Native AOT safe).</summary>
public static class Json
{
    /// <summary>Escapes only what JSON requires (like Jackson): quotes, backslashes and
    /// control characters; other characters are written as they are.</summary>
    public static readonly JsonWriterOptions Compact = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>Whether a JSON number's text has no fraction or exponent: Cheshire then reads
    /// it as an integer (a long, or a BigInteger beyond), and Maelstrom's schemas accept it
    /// as one.</summary>
    public static bool IsIntegerText(ReadOnlySpan<byte> number) =>
        number.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0;

    /// <summary>A JSON string literal for <paramref name="s"/>.</summary>
    public static string Quote(string s)
    {
        foreach (var c in s)
        {
            if (c < 0x20 || c == '"' || c == '\\' || c > 0x7e) return QuoteSlow(s);
        }
        return "\"" + s + "\"";
    }

    private static string QuoteSlow(string s)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, Compact)) w.WriteStringValue(s);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The compact JSON text of an element.</summary>
    public static string Compacted(JsonElement element)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, Compact)) element.WriteTo(w);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
